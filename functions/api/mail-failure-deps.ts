/**
 * Wiring of the undelivered-mail routes, built once per process (as functions/deps.ts does for the
 * case routes): the mail failure store, the case repository for case numbers, the idempotency store.
 */
import { runtimeConfig } from '../../shared/config/runtime-config.ts';
import { CaseRepository } from '../../shared/store/case-repository.ts';
import { documentClient } from '../../shared/store/dynamo-client.ts';
import { IdempotencyStore } from '../../shared/store/idempotency-store.ts';
import { MailFailureStore } from '../../shared/store/mail-failure-store.ts';
import { mailFailureAdmin, type MailFailureAdmin } from '../../shared/usecases/mail-failure-admin.ts';

let deps: { mailFailures: MailFailureAdmin } | undefined;

export function mailFailureDeps() {
  if (!deps) {
    const config = runtimeConfig();
    const doc = documentClient();
    deps = {
      mailFailures: mailFailureAdmin({
        failures: new MailFailureStore(doc, config.TABLE_NAME),
        cases: new CaseRepository(doc, config.TABLE_NAME),
        idempotency: new IdempotencyStore(doc, config.TABLE_NAME),
      }),
    };
  }
  return deps;
}
