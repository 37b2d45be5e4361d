/**
 * A self-audit's findings (지적사항) through the API: add, list, change (and record their follow-up),
 * and open the internal investigation a discipline finding calls for.
 *
 * Each change is a conditional write of the audit case (its version) with its event on the case's
 * hash chain, idempotent by key. When the audit is in its follow-up step, the open follow-up task's
 * due date moves in the same transaction to the earliest follow-up still owed — so the morning
 * reminder run, which mails due tasks, reminds the lead auditor of an overdue 이행 without a mailer
 * of its own.
 *
 * Opening an investigation is two writes around the intake of another case, so a crash between them
 * loses nothing: (1) the finding is marked as being opened by this person (conditional); (2) the
 * case is received with an idempotency key derived from the finding, so a retry receives it once;
 * (3) the finding records the new case's id and number. A retry by the same person after a crash at
 * any point ends in the same one case, linked.
 */
import type { Calendar } from '../calendar/index.ts';
import type { CaseChange, CaseRecord, IntakeInput } from '../domain/case.ts';
import { ValidationError, VersionConflictError } from '../domain/errors.ts';
import type { AnyDecisionForm } from '../domain/task.ts';
import { notClosed } from '../kinds/findings-follow-up.ts';
import type { WorkflowStarter } from '../workflow/case-workflows.ts';
import type { EventActor, HistoryEvent } from '../domain/history.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import type { Actor } from '../domain/roles.ts';
import {
  addFinding,
  findFinding,
  findingsOf,
  followUpOpen,
  linkMisconduct,
  reserveMisconduct,
  updateFinding,
  type Finding,
  type FindingInput,
  type FindingPatch,
} from '../kinds/self-audit/findings.ts';
import { findingsFollowUpOf } from '../kinds/findings-follow-up-of.ts';
import type { MisconductCategory } from '../kinds/misconduct/misconduct.ts';
import type { OfficialInput } from '../kinds/misconduct/misconduct.ts';
import { internalInvestigation } from '../kinds/misconduct/index.ts';
import { assertCanChange, assertCanRead, canReadCase } from '../policies/case-access.ts';
import {
  assertExpectedVersion,
  eventActorOf,
  loadCase,
  startPendingExecution,
  tasksChangedError,
} from './case-operations.ts';
import { runIdempotent, type ClaimFor, type IdempotencyRequest } from './idempotent.ts';
import { type CaseRepository, type IdempotencyStore, RelatedItemConflictError, type TaskRepository } from './ports.ts';
import { ulid } from 'ulid';

/** Receiving a case (the case use cases' createCase), as opening an investigation needs it. */
export type ReceiveCase = (
  actor: Actor,
  input: Omit<IntakeInput, 'receivedAt'>,
  idempotency: IdempotencyRequest,
) => Promise<{ result: { case: CaseRecord } }>;

export interface SelfAuditFindingDeps {
  cases: CaseRepository;
  tasks: TaskRepository;
  idempotency: Pick<IdempotencyStore, 'find'>;
  calendar: Calendar;
  receiveCase?: ReceiveCase;
  /** Starts the execution a reopened audit continues under. */
  workflows?: WorkflowStarter;
  clock?: () => Date;
  newId?: () => string;
  log?: (entry: Record<string, unknown>) => void;
}

export interface OpenMisconductInput {
  category: MisconductCategory;
  conductDate: string;
  /** Defaults to the finding's officials. */
  officials?: OfficialInput[];
  title?: string;
  assigneeSub?: string;
}

export const FOLLOW_UP_FILTERS = ['open', 'overdue', 'planned', 'done', 'cancelled'] as const;
export type FollowUpFilter = (typeof FOLLOW_UP_FILTERS)[number];

export function followUpState(f: Finding, today: string): FollowUpFilter | undefined {
  if (f.status === 'cancelled') return 'cancelled';
  if (f.followUp.result) return 'done';
  if (f.followUp.dueOn === undefined) return undefined;
  if (f.followUp.dueOn < today) return 'overdue';
  return f.followUp.actionPlan ? 'planned' : 'open';
}

type Versioned<T> = T & { expectedVersion?: number };

/** The audit's own team (the plan's staff, the fieldwork's members) records findings, not only its lead. */
function onAuditTeam(actor: Actor, c: CaseRecord): boolean {
  const followUp = findingsFollowUpOf(c);
  if (!followUp || !canReadCase(actor, c)) return false;
  return followUp.team.includes(actor.sub);
}

export function selfAuditFindingUseCases(deps: SelfAuditFindingDeps) {
  const clock = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? (() => ulid());
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));

  /** The open follow-up task moved to the earliest follow-up still owed, when the audit is at that step. */
  async function followTask(c: CaseRecord, next: CaseRecord, now: string) {
    const followUp = findingsFollowUpOf(next);
    const due = followUp?.taskDue(now, deps.calendar);
    if (!followUp || !due) return [];
    const open = (await deps.tasks.ofCase(c.caseId)).filter(
      (t) => t.status === 'open' && t.type === followUp.taskType && t.dueAt !== due.dueAt,
    );
    return open.map((t) => deps.tasks.moveDue(t, due.dueAt, due.basis));
  }

  async function write(
    actor: Actor,
    caseId: string,
    expectedVersion: number | undefined,
    idempotency: IdempotencyRequest | undefined,
    make: (c: CaseRecord, who: EventActor, now: string) => CaseChange,
  ) {
    const now = clock();
    return runIdempotent(
      deps.idempotency,
      actor.sub,
      idempotency,
      now,
      async (claimFor): Promise<{ case: CaseRecord; events: HistoryEvent[] }> => {
        // Unpinned requests mean "as the case stands": a workflow step landing between read and
        // write is read again, a few times; a pinned version is the caller's own check.
        for (let attempt = 1; ; attempt++) {
          try {
            return await once(claimFor);
          } catch (error) {
            if (!(error instanceof VersionConflictError) || expectedVersion !== undefined || attempt >= 3) throw error;
          }
        }
      },
    );

    async function once(claimFor: ClaimFor) {
      const c = await loadCase(deps.cases, caseId);
      if (!onAuditTeam(actor, c)) assertCanChange(actor, c);
      assertExpectedVersion(c, expectedVersion);
      const at = toKoreaIso(now);
      const change = make(c, eventActorOf(actor), at);
      if (change.next === c) return { case: c, events: [] };
      const items = await followTask(c, change.next, at);
      try {
        return await deps.cases.commit(c, change, claimFor, items);
      } catch (error) {
        if (error instanceof RelatedItemConflictError) throw tasksChangedError(error);
        throw error;
      }
    }
  }

  return {
    async add(actor: Actor, caseId: string, input: Versioned<FindingInput>, idempotency?: IdempotencyRequest) {
      const { expectedVersion, ...finding } = input;
      const findingId = newId();
      return write(actor, caseId, expectedVersion, idempotency, (c, who, now) =>
        addFinding(c, finding, findingId, who, now),
      );
    },

    async update(
      actor: Actor,
      caseId: string,
      findingId: string,
      input: Versioned<FindingPatch>,
      idempotency?: IdempotencyRequest,
    ) {
      const { expectedVersion, ...patch } = input;
      return write(actor, caseId, expectedVersion, idempotency, (c, who, now) =>
        updateFinding(c, findingId, patch, who, now, deps.calendar),
      );
    },

    /** The audit's findings, optionally by disposition or follow-up state (`overdue`: due before today). */
    async list(actor: Actor, caseId: string, filter: { disposition?: string; followUp?: FollowUpFilter } = {}) {
      const c = await loadCase(deps.cases, caseId);
      assertCanRead(actor, c);
      const today = toKoreaIso(clock()).slice(0, 10);
      const items = findingsOf(c)
        .filter((f) => filter.disposition === undefined || f.disposition === filter.disposition)
        .filter((f) => filter.followUp === undefined || followUpState(f, today) === filter.followUp)
        .map((f) => ({ ...f, followUpState: followUpState(f, today) ?? 'not-due' }));
      return {
        caseId: c.caseId,
        caseNumber: c.caseNumber,
        version: c.version,
        items,
        openFollowUps: findingsOf(c).filter(followUpOpen).length,
      };
    },

    /**
     * A 재심의 that reaches a closed audit (self-audit: 법 제25조; audit received: 행정감사규정 제20조, or
     * the auditing body's 직권 재심의 of 제21조): inside its period the closure is taken back, the case
     * returns to its follow-up stage and a new execution, named by the version so starting it is
     * idempotent, opens the follow-up task again; outside it, refused and nothing changes.
     */
    async reopen(actor: Actor, caseId: string, form: AnyDecisionForm, idempotency?: IdempotencyRequest) {
      const now = clock();
      const outcome = await runIdempotent(
        deps.idempotency,
        actor.sub,
        idempotency,
        now,
        async (claimFor): Promise<{ case: CaseRecord; events: HistoryEvent[] }> => {
          const c = await loadCase(deps.cases, caseId);
          assertCanChange(actor, c);
          const followUp = findingsFollowUpOf(c);
          if (!followUp)
            throw new ValidationError(
              'Only self-audits and audits received are reopened for a reconsideration',
              '재심의로 다시 여는 것은 자체감사와 외부기관 감사 수감뿐입니다',
              { field: 'caseId', rule: 'not_a_self_audit' },
            );
          if (c.stage !== 'closed') throw notClosed();
          const at = toKoreaIso(now);
          const applied = followUp.reopen(form, { actorSub: actor.sub, at, calendar: deps.calendar, newId });
          const executionName = `${c.caseId}-reopened-${c.version + 1}`;
          const { closedAt: _reopened, ...open } = c;
          return deps.cases.commit(
            c,
            {
              next: {
                ...open,
                ...applied.patch,
                stage: 'disposition',
                pendingExecutionName: executionName,
                updatedAt: at,
                version: c.version + 1,
              } as CaseRecord,
              drafts: [
                {
                  type: 'DECISION_RECORDED',
                  at,
                  actor: eventActorOf(actor),
                  stageBefore: 'closed',
                  stageAfter: 'disposition',
                  data: { decision: form.decision, ...applied.eventData, newExecutionName: executionName },
                },
              ],
            },
            claimFor,
          );
        },
      );
      // Also on a replay: a start that failed the first time is tried again (the name keeps it single).
      const workflowStarted = await startPendingExecution(
        { cases: deps.cases, workflows: deps.workflows, log },
        caseId,
        {
          purpose: 'audit reopened for a reconsideration',
          previousExecution: () => undefined,
        },
      );
      return { ...outcome, workflowStarted };
    },

    /**
     * Opens the internal investigation a discipline finding calls for (origin 감사 결과), linked both
     * ways: the finding names the case; the case's summary names the audit and the finding.
     */
    async openMisconduct(actor: Actor, caseId: string, findingId: string, input: OpenMisconductInput) {
      if (!deps.receiveCase) throw new Error('selfAuditFindingUseCases: receiveCase is not configured');
      const reserved = await write(actor, caseId, undefined, undefined, (c, who, now) =>
        reserveMisconduct(c, findingId, who, now),
      );
      const audit = reserved.result.case;
      const finding = findFinding(audit, findingId);
      const officials = input.officials ?? finding.officials;
      const opened = await deps.receiveCase(
        actor,
        {
          kind: internalInvestigation.kind,
          title: input.title ?? `${findingsFollowUpOf(audit)?.titlePrefixKo ?? '지적사항'}: ${finding.title}`,
          summary: `${audit.caseNumber} 「${audit.title}」 지적사항 ${finding.number} (징계·문책 요구) — 근거: ${finding.legalBasis}`,
          department: finding.department,
          ...(input.assigneeSub !== undefined && { assigneeSub: input.assigneeSub }),
          misconduct: { category: input.category, conductDate: input.conductDate, officials, origin: 'audit' },
        } as Omit<IntakeInput, 'receivedAt'>,
        {
          key: `self-audit-finding-misconduct:${caseId}:${findingId}`,
          request: { op: 'self-audit-finding-misconduct', caseId, findingId, input },
        },
      );
      const linked = await write(actor, caseId, undefined, undefined, (c, who, now) => {
        const f = findFinding(c, findingId);
        if (f.misconduct?.caseId === opened.result.case.caseId) return { next: c, drafts: [] };
        return linkMisconduct(c, findingId, opened.result.case, who, now);
      });
      return { audit: linked.result.case, events: linked.result.events, misconductCase: opened.result.case };
    },
  };
}

export type SelfAuditFindingUseCases = ReturnType<typeof selfAuditFindingUseCases>;
