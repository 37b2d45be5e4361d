/** Undelivered mail for admins: the failure store, case numbers, the idempotency store. */
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { MailFailureStore } from '#shared/store/mail-failure-store.ts';
import { mailFailureAdmin } from '#shared/usecases/mail-failure-admin.ts';
import { doc, tableName } from './table.ts';

export function composeMailFailureAdmin() {
  const table = tableName();
  return mailFailureAdmin({
    failures: new MailFailureStore(doc, table),
    cases: new CaseRepository(doc, table),
    idempotency: new IdempotencyStore(doc, table),
  });
}
