/**
 * What every case use case does the same way: record who acted (with the capacity they acted in),
 * load a case or say clearly that it does not exist, refuse a change made against a stale version,
 * and say so when a task of the case moved underneath a change.
 */
import type { CaseRecord } from '../domain/case.ts';
import { IllegalTransitionError, NotFoundError, VersionConflictError } from '../domain/errors.ts';
import type { EventActor } from '../domain/history.ts';
import { primaryRole, type Actor } from '../domain/roles.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import type { CaseRepository, TaskRepository } from './ports.ts';
import type { WorkflowStarter } from '../workflow/case-workflows.ts';

export function eventActorOf(actor: Actor): EventActor {
  return { sub: actor.sub, ...(actor.name !== undefined && { name: actor.name }), role: primaryRole(actor) };
}

export async function loadCase(cases: Pick<CaseRepository, 'get'>, caseId: string): Promise<CaseRecord> {
  const found = await cases.get(caseId);
  if (!found)
    throw new NotFoundError(`No case with id ${caseId}`, `사건(${caseId})을 찾을 수 없습니다`, {
      field: 'caseId',
      rule: 'not_found',
    });
  return found;
}

/** A change sent with `expectedVersion` applies only to that version (optimistic concurrency). */
export function assertExpectedVersion(c: CaseRecord, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && c.version !== expectedVersion) {
    throw new VersionConflictError(
      `Case ${c.caseNumber} is at version ${c.version}, not ${expectedVersion}`,
      `사건(${c.caseNumber})이 이미 변경되었습니다 (요청 버전 ${expectedVersion}, 현재 버전 ${c.version})`,
      { field: 'expectedVersion', rule: 'stale_version', meta: { currentVersion: c.version } },
    );
  }
}

/** A task of the case changed in the same moment (completed, cancelled, re-opened): look again. */
export function tasksChangedError(error: unknown): IllegalTransitionError {
  return new IllegalTransitionError(
    'A task of the case changed at the same time; look again and retry',
    '사건의 업무가 동시에 바뀌었습니다. 다시 확인한 뒤 시도하세요',
    {
      field: 'caseId',
      rule: 'workflow_busy',
      cause: error,
    },
  );
}

/**
 * Starts the execution a change committed as `pendingExecutionName` (a resumption, a petition
 * objection), after stopping the previous one, then records the new execution on the case. A start
 * that fails leaves the pending name for `npm run workflows -- move` to finish; the answer says
 * whether the workflow is running.
 */
export async function startPendingExecution(
  deps: {
    cases: Pick<CaseRepository, 'get' | 'commit'>;
    workflows: Pick<WorkflowStarter, 'start' | 'stop'> | undefined;
    log: (entry: Record<string, unknown>) => void;
  },
  caseId: string,
  what: { purpose: string; previousExecution: (c: CaseRecord) => string | undefined },
): Promise<boolean> {
  if (!deps.workflows) return false;
  const c = await deps.cases.get(caseId);
  if (!c?.pendingExecutionName) return false;
  const previous = what.previousExecution(c);
  if (previous) {
    await deps.workflows.stop(previous, `${what.purpose}: restarted under a new execution`).catch((error: unknown) => {
      deps.log({
        level: 'warn',
        message: `${what.purpose}: stopping the previous execution failed`,
        caseId,
        error: error instanceof Error ? error.name : String(error),
      });
    });
  }
  try {
    const arn = await deps.workflows.start(c, c.stage, c.pendingExecutionName);
    await recordStartedExecution(deps.cases, c, arn);
    return true;
  } catch (error) {
    deps.log({
      level: 'error',
      message: `${what.purpose}: workflow start failed; \`npm run workflows -- move\` finishes it`,
      caseId,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    return false;
  }
}

/**
 * Records on the case the execution `arn` started for `started.pendingExecutionName`, and clears the
 * pending name. The new execution's first step may already have written the case: retry on its
 * version, keep what it wrote, never overwrite it.
 */
export async function recordStartedExecution(
  cases: Pick<CaseRepository, 'get' | 'commit'>,
  started: CaseRecord,
  arn: string,
): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const fresh = await cases.get(started.caseId);
    if (!fresh || fresh.pendingExecutionName !== started.pendingExecutionName) return;
    const { pendingExecutionName: _started, ...rest } = fresh;
    try {
      await cases.commit(fresh, {
        next: {
          ...rest,
          executionArn: fresh.executionArn === started.executionArn ? arn : (fresh.executionArn ?? arn),
          version: fresh.version + 1,
        },
        drafts: [],
      });
      return;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
}

/**
 * Commits a restart of the case's workflow at the stage it stands (a move to a new workflow version,
 * or the reconciler's repair): its open tasks cancelled, WORKFLOW_MOVED recorded with the reason, and
 * the new execution's name left as `pendingExecutionName` for `startPendingExecution` to start.
 */
export async function commitWorkflowRestart(
  deps: { cases: Pick<CaseRepository, 'commit'>; tasks: Pick<TaskRepository, 'ofCase' | 'cancel'> },
  c: CaseRecord,
  restart: { executionName: string; actor: EventActor; reason: string; at: Date },
): Promise<CaseRecord> {
  const open = (await deps.tasks.ofCase(c.caseId)).filter((t) => t.status === 'open');
  const now = toKoreaIso(restart.at);
  const moved = await deps.cases.commit(
    c,
    {
      next: { ...c, pendingExecutionName: restart.executionName, updatedAt: now, version: c.version + 1 },
      drafts: [
        {
          type: 'WORKFLOW_MOVED',
          at: now,
          actor: restart.actor,
          data: {
            reason: restart.reason,
            fromExecution: c.executionArn ?? null,
            newExecutionName: restart.executionName,
            restartAt: c.stage,
            cancelledTasks: open.map((t) => t.taskId),
          },
        },
      ],
    },
    undefined,
    open.map((t) => deps.tasks.cancel(t)),
  );
  return moved.case;
}
