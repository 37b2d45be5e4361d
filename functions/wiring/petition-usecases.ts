/** The petition use cases over the table; `workflows` for the objection, which restarts the petition. */
import { createCalendar } from '#shared/calendar/index.ts';
import { logEntry } from '#shared/observability/powertools.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { petitionUseCases, type PetitionUseCaseDeps } from '#shared/usecases/petition-usecases.ts';
import { doc, tableName } from './table.ts';

export function composePetitionUseCases(options: Pick<PetitionUseCaseDeps, 'workflows'> = {}) {
  const table = tableName();
  return petitionUseCases({
    cases: new CaseRepository(doc, table),
    tasks: new TaskRepository(doc, table),
    idempotency: new IdempotencyStore(doc, table),
    calendar: createCalendar(),
    log: logEntry,
    ...options,
  });
}
