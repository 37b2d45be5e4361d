/**
 * The reconciler (docs/design.md, "9. Commit, then deliver"): finds every open case whose stage, open task and execution
 * disagree, and repairs it or reports it. Run by the scheduled job `workflow-reconcile` and by
 * `npm run workflows -- reconcile`. What it repairs, in order:
 * 1. outbox intents still pending after the settling time (or dead-lettered): delivered again;
 * 2. decisions committed before the outbox existed and never delivered: written as intents, delivered;
 * 3. a committed restart (`pendingExecutionName`) whose execution never started: started;
 * 4. an open case with no running execution (never started, failed, stopped, timed out): its start
 *    intent is delivered if it never had an execution, otherwise it is restarted at the stage it
 *    stands (the workflows begin with a choice on the stage), its open tasks cancelled and the
 *    restart recorded in its history (WORKFLOW_MOVED). After `maxRestarts` restarts it is only
 *    reported: a case whose workflow fails every time needs a person, not a loop.
 * Everything it does is idempotent, so two runs at once, or a run beside the relay, do no harm.
 */
import { CASE_KINDS, type OfficeKind as CaseKind } from '../kinds/registry.ts';
import type { CaseRecord } from '../domain/case.ts';
import type { EventActor } from '../domain/history.ts';
import type { CaseRepository, OutboxStore, TaskRepository } from './ports.ts';
import type { ExecutionInspector, ExecutionState, WorkflowStarter } from '../workflow/case-workflows.ts';
import { commitWorkflowRestart, startPendingExecution } from './case-operations.ts';
import type { DrainReport, OutboxRelay } from './outbox-relay.ts';

export type ReconcileAction = 'redelivered' | 'started' | 'restarted' | 'reported';

export interface ReconcileFinding {
  caseId: string;
  caseNumber: string;
  stage: string;
  problem: string;
  action: ReconcileAction;
  /** Whether the repair went through (always false for `reported`). */
  repaired: boolean;
}

export interface ReconcileReport {
  checked: number;
  consistent: number;
  settling: number;
  findings: ReconcileFinding[];
  outbox: DrainReport;
}

const RECONCILER: EventActor = { sub: 'system:reconciler', name: '정합성 점검', role: 'system' };

export interface WorkflowReconcilerDeps {
  cases: Pick<CaseRepository, 'get' | 'commit' | 'listByKind' | 'history'>;
  tasks: Pick<TaskRepository, 'ofCase' | 'cancel'>;
  outbox: OutboxStore;
  relay: OutboxRelay;
  workflows: Pick<WorkflowStarter, 'start' | 'stop'>;
  executions: ExecutionInspector;
  clock?: () => Date;
  log?: (entry: Record<string, unknown>) => void;
  /** Cases changed more recently than this, and younger intents, are left to the request in flight. */
  settleMs?: number;
  maxRestarts?: number;
  progress?: (checked: number, caseNumber: string) => void;
}

export function workflowReconciler(deps: WorkflowReconcilerDeps) {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const settleMs = deps.settleMs ?? 120_000;
  const maxRestarts = deps.maxRestarts ?? 3;

  async function redeliverIntents(c: CaseRecord, findings: ReconcileFinding[]): Promise<void> {
    const items = await deps.outbox.ofCase(c.caseId);
    const cutoff = clock().getTime() - settleMs;
    for (const item of items) {
      if (item.status === 'delivered') continue;
      if (item.status === 'pending' && Date.parse(item.createdAt) > cutoff) continue;
      if (item.status === 'dead') await deps.outbox.revive(item, clock());
      const delivery = await deps.relay.deliver({ ...item, status: 'pending', attempts: 0 });
      findings.push(finding(c, `${item.status} outbox intent ${item.outboxId}`, 'redelivered', delivery.delivered));
    }
    const known = new Set(items.map((i) => i.outboxId));
    for (const task of await deps.tasks.ofCase(c.caseId)) {
      if (task.status !== 'completed' || task.delivered !== false || known.has(`task#${task.taskId}`)) continue;
      const intent = {
        type: 'task-success' as const,
        caseId: c.caseId,
        taskId: task.taskId,
        output: {
          decision: task.decision,
          taskId: task.taskId,
          taskType: task.type,
          by: task.completedBy,
          redelivered: true,
        },
      };
      await deps.outbox.add(intent, clock());
      const delivery = await deps.relay.deliverNow(intent, clock());
      findings.push(finding(c, `decision of task ${task.taskId} never delivered`, 'redelivered', delivery.delivered));
    }
  }

  async function restart(c: CaseRecord, state: ExecutionState, findings: ReconcileFinding[]): Promise<void> {
    const previous = (await deps.cases.history(c.caseId)).filter(
      (e) => e.type === 'WORKFLOW_MOVED' && e.actor.sub === RECONCILER.sub,
    ).length;
    const problem = `stage ${c.stage} with execution ${state}`;
    if (previous >= maxRestarts) {
      findings.push(finding(c, `${problem}; restarted ${previous} times already`, 'reported', false));
      log({ level: 'error', message: 'case needs a person: its workflow keeps ending', caseId: c.caseId, state });
      return;
    }
    await commitWorkflowRestart(deps, c, {
      executionName: `${c.caseId}-r${c.version + 1}`,
      actor: RECONCILER,
      reason: `정합성 점검: 실행 상태 ${state} — 현재 단계에서 다시 시작`,
      at: clock(),
    });
    const started = await startPendingExecution({ cases: deps.cases, workflows: deps.workflows, log }, c.caseId, {
      purpose: 'reconcile',
      previousExecution: () => undefined,
    });
    findings.push(finding(c, problem, 'restarted', started));
  }

  async function reconcileCase(caseId: string, report: ReconcileReport): Promise<void> {
    let c = await deps.cases.get(caseId);
    if (!c || c.stage === 'closed' || c.stage === 'suspended') {
      report.consistent += 1;
      return;
    }
    if (Date.parse(c.updatedAt) > clock().getTime() - settleMs) {
      report.settling += 1;
      return;
    }
    const findings: ReconcileFinding[] = [];
    await redeliverIntents(c, findings);
    if (c.pendingExecutionName) {
      const started = await startPendingExecution({ cases: deps.cases, workflows: deps.workflows, log }, c.caseId, {
        purpose: 'reconcile',
        previousExecution: () => undefined,
      });
      findings.push(finding(c, `execution ${c.pendingExecutionName} committed but not started`, 'started', started));
    }
    c = (await deps.cases.get(caseId)) ?? c;
    if (c.stage !== 'closed' && c.stage !== 'suspended') {
      const execution = c.executionArn ? { arn: c.executionArn } : { name: c.caseId };
      const state = await deps.executions.state(c, execution);
      if (state === 'MISSING' && !c.executionArn) {
        // Never started, and no intent says so (a case from before the outbox): start it now.
        const intent = {
          type: 'start-execution' as const,
          caseId: c.caseId,
          startAt: c.assigneeSub ? ('investigation' as const) : ('intake' as const),
          executionName: c.caseId,
        };
        await deps.outbox.add(intent, clock());
        const delivery = await deps.relay.deliverNow(intent, clock());
        findings.push(finding(c, 'no execution was ever started', 'started', delivery.delivered));
      } else if (state !== 'RUNNING') {
        await restart(c, state, findings);
      }
    }
    if (findings.length === 0) report.consistent += 1;
    report.findings.push(...findings);
    for (const f of findings) log({ level: f.repaired ? 'warn' : 'error', message: 'reconciled', ...f });
  }

  return {
    async run(options: { kinds?: readonly CaseKind[] } = {}): Promise<ReconcileReport> {
      const report: ReconcileReport = {
        checked: 0,
        consistent: 0,
        settling: 0,
        findings: [],
        outbox: await deps.relay.drain({ graceMs: settleMs, limit: 1000 }),
      };
      for (const kind of options.kinds ?? CASE_KINDS) {
        let cursor: string | undefined;
        do {
          const page = await deps.cases.listByKind(kind, { limit: 100, ...(cursor && { cursor }) });
          for (const listed of page.items) {
            if (listed.stage !== 'closed') await reconcileCase(listed.caseId, report);
            else report.consistent += 1;
            report.checked += 1;
            deps.progress?.(report.checked, listed.caseNumber);
          }
          cursor = page.cursor;
        } while (cursor);
      }
      return report;
    },
  };
}

export type WorkflowReconciler = ReturnType<typeof workflowReconciler>;

function finding(c: CaseRecord, problem: string, action: ReconcileAction, repaired: boolean): ReconcileFinding {
  return { caseId: c.caseId, caseNumber: c.caseNumber, stage: c.stage, problem, action, repaired };
}
