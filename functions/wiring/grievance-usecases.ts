/** The grievance use cases over the table. */
import { createCalendar } from '#shared/calendar/index.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { grievanceUseCases } from '#shared/usecases/grievance-usecases.ts';
import { doc, tableName } from './table.ts';

export function composeGrievanceUseCases() {
  const table = tableName();
  return grievanceUseCases({
    cases: new CaseRepository(doc, table),
    tasks: new TaskRepository(doc, table),
    idempotency: new IdempotencyStore(doc, table),
    calendar: createCalendar(),
  });
}
