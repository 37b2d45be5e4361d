/**
 * The task use cases over the table. Completing a task hands the decision to the waiting workflow,
 * so the signaller is given by the handlers that complete tasks (with their Step Functions grant);
 * the read-only handlers give `noTaskSignals` and hold no such grant.
 */
import { createCalendar } from '#shared/calendar/index.ts';
import { logEntry } from '#shared/observability/powertools.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { OutboxStore } from '#shared/store/outbox-store.ts';
import { taskUseCases } from '#shared/usecases/task-usecases.ts';
import type { TaskSignaller } from '#shared/workflow/case-workflows.ts';
import { doc, tableName } from './table.ts';

export const noTaskSignals: TaskSignaller = {
  succeed: async () => {
    throw new Error('This function does not complete tasks: it has no Step Functions access.');
  },
};

export function composeTaskUseCases(signaller: TaskSignaller) {
  const table = tableName();
  return taskUseCases({
    cases: new CaseRepository(doc, table),
    tasks: new TaskRepository(doc, table),
    staff: new StaffRepository(doc, table),
    idempotency: new IdempotencyStore(doc, table),
    signaller,
    // A decision is committed with an outbox intent to tell the workflow (delivered by the relay too).
    outbox: new OutboxStore(doc, table),
    calendar: createCalendar(),
    log: logEntry,
  });
}
