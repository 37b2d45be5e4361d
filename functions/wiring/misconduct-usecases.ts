/** The misconduct use cases over the table; `workflows` for the handlers that stop or restart them. */
import { logEntry } from '#shared/observability/powertools.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { misconductUseCases, type MisconductUseCaseDeps } from '#shared/usecases/misconduct-usecases.ts';
import { doc, tableName } from './table.ts';

export function composeMisconductUseCases(options: Pick<MisconductUseCaseDeps, 'workflows'> = {}) {
  const table = tableName();
  return misconductUseCases({
    cases: new CaseRepository(doc, table),
    tasks: new TaskRepository(doc, table),
    staff: new StaffRepository(doc, table),
    idempotency: new IdempotencyStore(doc, table),
    log: logEntry,
    ...options,
  });
}
