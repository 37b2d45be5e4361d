/** The self-audit findings use cases over the table; opening an investigation receives a case (and starts its workflow). */
import { createCalendar } from '#shared/calendar/index.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { selfAuditFindingUseCases, type ReceiveCase } from '#shared/usecases/self-audit-findings.ts';
import type { WorkflowStarter } from '#shared/workflow/case-workflows.ts';
import { doc, tableName } from './table.ts';

export function composeSelfAuditFindingUseCases(receiveCase?: ReceiveCase, workflows?: WorkflowStarter) {
  const table = tableName();
  return selfAuditFindingUseCases({
    cases: new CaseRepository(doc, table),
    tasks: new TaskRepository(doc, table),
    idempotency: new IdempotencyStore(doc, table),
    calendar: createCalendar(),
    ...(receiveCase && { receiveCase }),
    ...(workflows && { workflows }),
  });
}
