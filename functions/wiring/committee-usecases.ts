/**
 * The committee use cases over the table. A recorded decision completes the agenda item's task
 * through the task use cases, so `completion` is given by the handler (with a real signaller only
 * where the route may complete tasks).
 */
import { createCalendar } from '#shared/calendar/index.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { CommitteeRepository } from '#shared/store/committee-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { committeeUseCases, type CommitteeUseCaseDeps } from '#shared/usecases/committee-usecases.ts';
import { doc, tableName } from './table.ts';

export function composeCommitteeUseCases(completion: CommitteeUseCaseDeps['completion']) {
  const table = tableName();
  return committeeUseCases({
    committees: new CommitteeRepository(doc, table),
    tasks: new TaskRepository(doc, table),
    cases: new CaseRepository(doc, table),
    completion,
    staff: new StaffRepository(doc, table),
    idempotency: new IdempotencyStore(doc, table),
    calendar: createCalendar(),
  });
}

/** For committee routes that never complete a task. */
export const noCompletion: CommitteeUseCaseDeps['completion'] = {
  completeTask: async () => {
    throw new Error('This function does not complete tasks.');
  },
};
