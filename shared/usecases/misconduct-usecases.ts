/**
 * Misconduct investigations beyond "complete a task": officials concerned and evidence references,
 * reassignment with a reason, suspension and resumption under 지방공무원법 제73조, the workflow step
 * that finds the next disposition step, and the office's report in its own categories.
 *
 * Suspension stops the execution: the open tasks are cancelled with the case in one transaction
 * (so no one can act and no reminder fires while proceedings are stopped), then the execution is
 * stopped. Resumption commits the stage the case goes back to together with a named new execution,
 * then starts it (idempotent by name) — as a workflow move does; a failed start is finished by
 * `npm run workflows -- move` (it resumes pending executions).
 */
import type { CaseRecord } from '../domain/case.ts';
import { checkOfficialsAgainstDirectory } from '../kinds/misconduct/officials.ts';
import { caseChanges } from '../domain/case-changes.ts';
import type { KindRegistry } from '../domain/kind-registry.ts';
import { KINDS } from '../kinds/registry.ts';
import { ValidationError } from '../domain/errors.ts';
import type { HistoryEvent } from '../domain/history.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import {
  addEvidence,
  addOfficial,
  MISCONDUCT_KINDS,
  nextDispositionStep,
  resumeCase,
  suspendCase,
  type DispositionStep,
  type EvidenceInput,
  type OfficialInput,
  type ReportCategory,
  type ResumeInput,
  type SuspendInput,
} from '../kinds/misconduct/misconduct.ts';
import type { Actor } from '../domain/roles.ts';
import { misconductCounts } from '../kinds/misconduct/report.ts';
import {
  assertCanAssign,
  assertCanChange,
  assertCanRead,
  assertCanReadReports,
  assertCanSuspend,
} from '../policies/case-access.ts';
import {
  type CaseRepository,
  type IdempotencyStore,
  RelatedItemConflictError,
  type StaffRepository,
  type TaskRepository,
} from './ports.ts';
import type { WorkflowStarter } from '../workflow/case-workflows.ts';
import { runIdempotent, type IdempotencyRequest } from './idempotent.ts';
import { checkAssignee, recordException, type AssignmentOverrideInput } from '../policies/assignment.ts';
import { CaseNotFoundForStepError, CaseSuspendedForStepError } from './task-usecases.ts';
import {
  assertExpectedVersion,
  eventActorOf,
  loadCase,
  startPendingExecution,
  tasksChangedError,
} from './case-operations.ts';

export interface MisconductUseCaseDeps {
  cases: CaseRepository;
  /** The kinds of case (default: the office's). */
  kinds?: KindRegistry;
  tasks: TaskRepository;
  staff: Pick<StaffRepository, 'get' | 'listByTeam'>;
  idempotency: Pick<IdempotencyStore, 'find'>;
  workflows?: WorkflowStarter;
  clock?: () => Date;
  log?: (entry: Record<string, unknown>) => void;
}

/** The workflow asked for the next disposition step of a case whose disposition is not approved. */
export class DispositionNotApprovedError extends Error {
  override name = 'DispositionNotApprovedError';
}

export interface ReportRow {
  kind: (typeof MISCONDUCT_KINDS)[number];
  labelKo: string;
  total: number;
  counts: Record<ReportCategory, number>;
  /** Of 진행: cases whose proceedings are stopped (지방공무원법 제73조). */
  suspended: number;
  closed: number;
}

export function misconductUseCases(deps: MisconductUseCaseDeps) {
  const clock = deps.clock ?? (() => new Date());
  const kinds = deps.kinds ?? KINDS;
  const { reassignCase } = caseChanges(kinds);
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));

  const eventActor = eventActorOf;

  const load = (caseId: string) => loadCase(deps.cases, caseId);

  const checkVersion = assertExpectedVersion;

  const tasksChanged = tasksChangedError;

  /** Starts the execution a resumption committed (the case's own execution is stopped first, if a stop at suspension failed). */
  const startResumedExecution = (caseId: string) =>
    startPendingExecution({ cases: deps.cases, workflows: deps.workflows, log }, caseId, {
      purpose: 'resumed case',
      previousExecution: (c) => c.executionArn,
    });

  return {
    async addOfficial(
      actor: Actor,
      caseId: string,
      input: OfficialInput,
      expectedVersion: number | undefined,
      idempotency?: IdempotencyRequest,
    ) {
      const now = clock();
      return runIdempotent(deps.idempotency, actor.sub, idempotency, now, async (claimFor) => {
        const c = await load(caseId);
        assertCanChange(actor, c);
        checkVersion(c, expectedVersion);
        await checkOfficialsAgainstDirectory(deps.staff, [input], c.team, '');
        const change = addOfficial(c, input, eventActor(actor), toKoreaIso(now));
        const concerned = change.next.misconduct?.concernedSubs ?? [];
        // Open tasks learn whom to hide from in the same transaction (role queues show titles).
        const open =
          input.staffSub !== undefined ? (await deps.tasks.ofCase(caseId)).filter((t) => t.status === 'open') : [];
        try {
          return await deps.cases.commit(
            c,
            change,
            claimFor,
            open.map((t) => deps.tasks.hideFrom(t, concerned)),
          );
        } catch (error) {
          if (error instanceof RelatedItemConflictError) throw tasksChanged(error);
          throw error;
        }
      });
    },

    async addEvidence(
      actor: Actor,
      caseId: string,
      input: EvidenceInput,
      expectedVersion: number | undefined,
      idempotency?: IdempotencyRequest,
    ) {
      const now = clock();
      return runIdempotent(deps.idempotency, actor.sub, idempotency, now, async (claimFor) => {
        const c = await load(caseId);
        assertCanChange(actor, c);
        checkVersion(c, expectedVersion);
        return deps.cases.commit(c, addEvidence(c, input, eventActor(actor), toKoreaIso(now)), claimFor);
      });
    },

    async reassign(
      actor: Actor,
      caseId: string,
      input: { assigneeSub: string; reason: string; expectedVersion?: number } & AssignmentOverrideInput,
      idempotency?: IdempotencyRequest,
    ) {
      assertCanAssign(actor);
      const member = await deps.staff.get(input.assigneeSub);
      const now = clock();
      return runIdempotent(deps.idempotency, actor.sub, idempotency, now, async (claimFor) => {
        const c = await load(caseId);
        assertCanRead(actor, c);
        const exception = checkAssignee({
          actor,
          kind: kinds.get(c.kind),
          sub: input.assigneeSub,
          member,
          override: input,
        });
        checkVersion(c, input.expectedVersion);
        const previous = c.assigneeSub;
        const moving =
          previous === undefined
            ? []
            : (await deps.tasks.ofCase(caseId)).filter(
                (t) => t.status === 'open' && 'sub' in t.assignee && t.assignee.sub === previous,
              );
        const reassigned = reassignCase(
          c,
          input.assigneeSub,
          input.reason,
          moving.map((t) => t.taskId),
          eventActor(actor),
          toKoreaIso(now),
        );
        const change = { ...reassigned, drafts: recordException(reassigned.drafts, exception) };
        try {
          return await deps.cases.commit(
            c,
            change,
            claimFor,
            moving.map((t) => deps.tasks.reassign(t, input.assigneeSub)),
          );
        } catch (error) {
          if (error instanceof RelatedItemConflictError) throw tasksChanged(error);
          throw error;
        }
      });
    },

    async suspend(actor: Actor, caseId: string, input: SuspendInput, idempotency?: IdempotencyRequest) {
      assertCanSuspend(actor);
      const now = clock();
      const outcome = await runIdempotent(
        deps.idempotency,
        actor.sub,
        idempotency,
        now,
        async (claimFor): Promise<{ case: CaseRecord; events: HistoryEvent[] }> => {
          const c = await load(caseId);
          assertCanRead(actor, c);
          const open = (await deps.tasks.ofCase(caseId)).filter((t) => t.status === 'open');
          const change = suspendCase(c, input, open, eventActor(actor), toKoreaIso(now));
          try {
            return await deps.cases.commit(
              c,
              change,
              claimFor,
              open.map((t) => deps.tasks.cancel(t)),
            );
          } catch (error) {
            if (error instanceof RelatedItemConflictError) throw tasksChanged(error);
            throw error;
          }
        },
      );
      let workflowStopped = false;
      const executionArn = outcome.result.case.executionArn;
      if (executionArn && deps.workflows) {
        try {
          await deps.workflows.stop(executionArn, `suspended (${input.reason})`);
          workflowStopped = true;
        } catch (error) {
          // Harmless if it stays: its task is cancelled, and resumption stops it before starting anew.
          log({
            level: 'warn',
            message: 'suspended case: stopping the execution failed',
            caseId,
            error: error instanceof Error ? error.name : String(error),
          });
        }
      }
      return { ...outcome, workflowStopped };
    },

    async resume(actor: Actor, caseId: string, input: ResumeInput, idempotency?: IdempotencyRequest) {
      assertCanSuspend(actor);
      const now = clock();
      const outcome = await runIdempotent(
        deps.idempotency,
        actor.sub,
        idempotency,
        now,
        async (claimFor): Promise<{ case: CaseRecord; events: HistoryEvent[] }> => {
          const c = await load(caseId);
          assertCanRead(actor, c);
          const change = resumeCase(
            c,
            input,
            eventActor(actor),
            toKoreaIso(now),
            `${c.caseId}-resume-${c.version + 1}`,
          );
          return deps.cases.commit(c, change, claimFor);
        },
      );
      const workflowStarted = await startResumedExecution(caseId);
      return { ...outcome, workflowStarted };
    },

    /** Workflow step: which step of the approved disposition comes next, read from the case record. */
    async nextDispositionStep(caseId: string): Promise<{ next: DispositionStep }> {
      const c = await deps.cases.get(caseId);
      if (!c) throw new CaseNotFoundForStepError(`case ${caseId} does not exist`);
      if (c.stage === 'suspended') throw new CaseSuspendedForStepError(`case ${c.caseNumber} is suspended`);
      const next = c.misconduct ? nextDispositionStep(c.kind, c.misconduct) : undefined;
      if (!next) throw new DispositionNotApprovedError(`case ${c.caseNumber} has no approved disposition`);
      return { next };
    },

    /**
     * Referrals and internal investigations received in [from, to] (Korean dates), counted in the
     * office's categories — index range queries on the kind index, never a scan.
     */
    async report(
      actor: Actor,
      from: string,
      to: string,
    ): Promise<{ from: string; to: string; generatedAt: string; rows: ReportRow[] }> {
      assertCanReadReports(actor);
      if (to < from)
        throw new ValidationError('to is before from', '종료일이 시작일보다 앞설 수 없습니다', {
          field: 'to',
          rule: 'not_before_from',
        });
      const rows: ReportRow[] = [];
      for (const kind of MISCONDUCT_KINDS) {
        const cases: CaseRecord[] = [];
        for await (const c of deps.cases.receivedBetween(kind, from, to)) cases.push(c);
        rows.push({ kind, labelKo: kinds.labelOf(kind), ...misconductCounts(cases) });
      }
      return { from, to, generatedAt: toKoreaIso(clock()), rows };
    },
  };
}

export type MisconductUseCases = ReturnType<typeof misconductUseCases>;
