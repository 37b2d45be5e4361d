/**
 * Operator work on executions: move every open case of a kind to a (new version of its) workflow,
 * restarting each at the stage it stands. Used for new workflow versions, for cases that outlive a
 * Standard execution's one year, and after a failure. Each move is recorded in the case history.
 *
 * Crash-safe: the move is first committed on the case (open tasks cancelled, WORKFLOW_MOVED event,
 * the new execution's name kept on the case); starting that name is idempotent, so re-running the
 * command finishes half-done moves and starts nothing twice.
 */
import type { CaseKind } from '../domain/case.ts';
import type { CaseRecord } from '../domain/case.ts';
import type { EventActor } from '../domain/history.ts';
import type { CaseRepository, TaskRepository } from './ports.ts';
import type { WorkflowStarter } from '../workflow/case-workflows.ts';
import { commitWorkflowRestart, recordStartedExecution } from './case-operations.ts';

export interface MoveReport {
  kind: CaseKind;
  moved: number;
  resumed: number;
  skippedClosed: number;
}

export function workflowOperations(deps: {
  cases: CaseRepository;
  tasks: TaskRepository;
  workflows: WorkflowStarter;
  clock?: () => Date;
  progress?: (done: number, caseNumber: string) => void;
  /**
   * Cases moved at once (default 1). Each move is its own committed change, so any number may run
   * together; on the shared 2-core machine 8 at once showed no steady gain over one (DynamoDB Local
   * was the bottleneck either way: README, Benchmarks), so one at a time stays the default.
   */
  concurrency?: number;
}) {
  const clock = deps.clock ?? (() => new Date());
  const operator = (sub: string): EventActor => ({ sub, role: 'admin' });

  async function startPending(c: CaseRecord): Promise<void> {
    if (!c.pendingExecutionName) return;
    const arn = await deps.workflows.start(c, c.stage, c.pendingExecutionName);
    await recordStartedExecution(deps.cases, c, arn);
  }

  return {
    async moveKind(kind: CaseKind, reason: string, operatorSub: string): Promise<MoveReport> {
      const report: MoveReport = { kind, moved: 0, resumed: 0, skippedClosed: 0 };
      const concurrency = Math.max(1, deps.concurrency ?? 1);
      const moveOne = async (caseId: string): Promise<void> => {
        const c = await deps.cases.get(caseId);
        if (!c) return;
        if (c.stage === 'closed') {
          report.skippedClosed += 1;
        } else if (c.pendingExecutionName) {
          await startPending(c);
          report.resumed += 1;
        } else {
          const moved = await commitWorkflowRestart(deps, c, {
            executionName: `${c.caseId}-move-${c.version + 1}`,
            actor: operator(operatorSub),
            reason,
            at: clock(),
          });
          if (c.executionArn) await deps.workflows.stop(c.executionArn, reason);
          await startPending(moved);
          report.moved += 1;
        }
        deps.progress?.(report.moved + report.resumed + report.skippedClosed, c.caseNumber);
      };
      let cursor: string | undefined;
      do {
        const page = await deps.cases.listByKind(kind, { limit: 100, ...(cursor && { cursor }) });
        const ids = page.items.map((listed) => listed.caseId);
        let next = 0;
        // A failed move stops the others taking new cases (as one at a time did); re-running finishes.
        let failed = false;
        await Promise.all(
          Array.from({ length: Math.min(concurrency, ids.length) }, async () => {
            while (next < ids.length && !failed) {
              try {
                await moveOne(ids[next++]!);
              } catch (error) {
                failed = true;
                throw error;
              }
            }
          }),
        );
        cursor = page.cursor;
      } while (cursor);
      return report;
    },
  };
}
