/** The citizen-auditor check use cases over the table. */
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import { citizenCheckUseCases } from '#shared/usecases/citizen-checks.ts';
import { doc, tableName } from './table.ts';

export function composeCitizenCheckUseCases() {
  const table = tableName();
  return citizenCheckUseCases({
    cases: new CaseRepository(doc, table),
    idempotency: new IdempotencyStore(doc, table),
    tasks: new TaskRepository(doc, table),
    calendar: createCalendar(),
  });
}
