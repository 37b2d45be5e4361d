/**
 * Delivers the outbox's intents to the workflows (docs/design.md, "9. Commit, then deliver"). Every delivery is
 * idempotent, so the relay may run twice for one intent (the use case's own attempt right after
 * its commit, the stream or poller, the reconciler) and the workflow still hears it once:
 * - a start uses the execution name derived from the case: "already exists" means it was started;
 * - a decision goes with the task's current token: a used token means it was delivered (or the
 *   execution has ended, which the reconciler sees), and a token replaced by a re-run of the
 *   task state is simply tried again with the new one.
 * A failed attempt is recorded on the intent and retried later with a backoff; after
 * `maxAttempts` it moves to the dead-letter list (and on AWS the stream's failed batch to the DLQ).
 */
import type { CaseRepository, OutboxStore, TaskRepository } from './ports.ts';
import { outboxIdOf, type OutboxIntent, type OutboxItem } from '../domain/outbox.ts';
import type { TaskRecord } from '../domain/task.ts';
import {
  isExecutionAlreadyExists,
  TOKEN_USED_ERRORS,
  type TaskSignaller,
  type WorkflowStarter,
} from '../workflow/case-workflows.ts';

export interface OutboxRelayDeps {
  outbox: OutboxStore;
  cases: Pick<CaseRepository, 'get'>;
  /** Needed for task intents only (intake's relay starts executions and never reads tasks). */
  tasks?: Pick<TaskRepository, 'get' | 'markDelivered'>;
  workflows?: Pick<WorkflowStarter, 'start'>;
  signaller?: TaskSignaller;
  clock?: () => Date;
  log?: (entry: Record<string, unknown>) => void;
  /** Attempts before an intent is dead-lettered (default 8: about four minutes of backoff). */
  maxAttempts?: number;
}

export interface Delivery {
  delivered: boolean;
  /** What happened: started, already-started, signalled, token-used, …; or retry / dead when not delivered. */
  outcome: string;
}

export interface DrainReport {
  tried: number;
  delivered: number;
  retrying: number;
  dead: number;
}

const MAX_TOKEN_CHASES = 3;

export function outboxRelay(deps: OutboxRelayDeps) {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const maxAttempts = deps.maxAttempts ?? 8;

  /** `known`: the task as its committer just wrote it (saves the first read; a used token still reads). */
  async function send(intent: OutboxIntent, known?: TaskRecord): Promise<string> {
    if (intent.type === 'start-execution') {
      if (!deps.workflows) throw new Error('no workflow starter configured');
      const c = await deps.cases.get(intent.caseId);
      if (!c) return 'case-gone';
      if (c.stage === 'closed') return 'case-closed';
      try {
        await deps.workflows.start(c, intent.startAt, intent.executionName);
        return 'started';
      } catch (error) {
        if (isExecutionAlreadyExists(error)) return 'already-started';
        throw error;
      }
    }
    const { signaller, tasks } = deps;
    if (!signaller || !tasks) throw new Error('no task signaller configured');
    if (intent.type === 'task-failure' && !signaller.fail) throw new Error('the task signaller cannot fail tasks');
    for (let chase = 1; ; chase++) {
      const task =
        chase === 1 && known?.taskId === intent.taskId ? known : await tasks.get(intent.caseId, intent.taskId);
      if (!task) return 'task-gone';
      if (task.delivered === true) return 'already-delivered';
      if (task.status === 'cancelled') return 'task-cancelled';
      try {
        if (intent.type === 'task-success') await signaller.succeed(task.taskToken, intent.output);
        else await signaller.fail?.(task.taskToken, intent.error, intent.cause);
        await tasks.markDelivered(task);
        return 'signalled';
      } catch (error) {
        if (!(error instanceof Error && TOKEN_USED_ERRORS.includes(error.name))) throw error;
        const now = await tasks.get(intent.caseId, intent.taskId);
        // The workflow re-ran the task state after a restart and holds a new token: use that one.
        if (now && now.taskToken !== task.taskToken && chase < MAX_TOKEN_CHASES) continue;
        await tasks.markDelivered(task);
        return 'token-used';
      }
    }
  }

  async function deliver(item: OutboxItem, known?: TaskRecord): Promise<Delivery> {
    if (item.status !== 'pending') return { delivered: true, outcome: item.outcome ?? item.status };
    try {
      const outcome = await send(item.intent, known);
      await deps.outbox.markDelivered(item, outcome, clock());
      return { delivered: true, outcome };
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      let result: 'retry' | 'dead';
      try {
        result = await deps.outbox.recordFailure(item, message, clock(), maxAttempts);
      } catch (recordError) {
        // Someone else delivered (or dead-lettered) it meanwhile: nothing left for this attempt.
        if (recordError instanceof Error && recordError.name === 'ConditionalCheckFailedException')
          return { delivered: false, outcome: 'handled-elsewhere' };
        throw recordError;
      }
      log({
        level: result === 'dead' ? 'error' : 'warn',
        message: result === 'dead' ? 'outbox intent dead-lettered' : 'outbox delivery failed; will retry',
        caseId: item.intent.caseId,
        outboxId: item.outboxId,
        attempts: item.attempts + 1,
        error: message,
      });
      return { delivered: false, outcome: result };
    }
  }

  return {
    deliver: (item: OutboxItem) => deliver(item),

    /**
     * The committing use case's own attempt, right after its commit (the intent as it wrote it, and for a
     * task intent the task as its commit left it, when the committer knows it).
     */
    async deliverNow(intent: OutboxIntent, createdAt: Date, task?: TaskRecord): Promise<Delivery> {
      return deliver(
        {
          outboxId: outboxIdOf(intent),
          intent,
          status: 'pending',
          createdAt: createdAt.toISOString(),
          attempts: 0,
        },
        task,
      );
    },

    /**
     * Delivers the pending intents that are due, oldest first. `graceMs` leaves intents younger than
     * that to the use case that wrote them (it delivers right after its commit).
     */
    async drain(options: { graceMs?: number; limit?: number } = {}): Promise<DrainReport> {
      const due = new Date(clock().getTime() - (options.graceMs ?? 0));
      const report: DrainReport = { tried: 0, delivered: 0, retrying: 0, dead: 0 };
      for (const item of await deps.outbox.pending(due, options.limit ?? 100)) {
        const result = await deliver(item);
        report.tried += 1;
        if (result.delivered) report.delivered += 1;
        else if (result.outcome === 'dead') report.dead += 1;
        else if (result.outcome === 'retry') report.retrying += 1;
      }
      return report;
    },
  };
}

export type OutboxRelay = ReturnType<typeof outboxRelay>;
