/**
 * Grievance complaints beyond "complete a task": extending the period (with the complainant's
 * consent for the second time), stopping the clock for a field investigation, recording progress
 * notices, linking identical earlier complaints, and the workflow step that finds the next step.
 *
 * A change that moves the statutory due date moves the open tasks that follow it (the audit
 * office's investigation and the answer) in the same transaction — each conditioned on the task
 * still being open with the token and due date it was read with, so a task completed or moved at
 * the same moment makes the whole change fail and nothing is written.
 */
import type { Calendar } from '../calendar/index.ts';
import type { CaseChange, CaseRecord } from '../domain/case.ts';
import { IllegalTransitionError, ValidationError, VersionConflictError } from '../domain/errors.ts';
import {
  changeClockStop,
  extendGrievance,
  grievanceNextStep,
  linkIdentical,
  recordProgressNotice,
  type ClockStopInput,
  type ExtensionInput,
  type GrievanceNextStep,
  type LinkInput,
  type ProgressNoticeInput,
} from '../kinds/grievance/grievance.ts';
import type { EventActor, HistoryEvent } from '../domain/history.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import type { Actor } from '../domain/roles.ts';
import { assertCanChange, canReadCase } from '../policies/case-access.ts';
import { grievanceTaskDue, TASK_TYPES_FOLLOWING_ANSWER_DUE } from '../kinds/grievance/grievance-deadlines.ts';
import {
  type AtomicWrite,
  type CaseRepository,
  type IdempotencyStore,
  RelatedItemConflictError,
  type TaskRepository,
} from './ports.ts';
import { runIdempotent, type ClaimFor, type IdempotencyRequest } from './idempotent.ts';
import { CaseNotFoundForStepError } from './task-usecases.ts';
import { ulid } from 'ulid';
import { assertExpectedVersion, eventActorOf, loadCase } from './case-operations.ts';

export interface GrievanceUseCaseDeps {
  cases: CaseRepository;
  tasks: TaskRepository;
  idempotency: Pick<IdempotencyStore, 'find'>;
  calendar: Calendar;
  clock?: () => Date;
  newId?: () => string;
}

type Versioned<T> = T & { expectedVersion?: number };

export function grievanceUseCases(deps: GrievanceUseCaseDeps) {
  const clock = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? (() => ulid());
  const eventActor = eventActorOf;

  const load = (caseId: string) => loadCase(deps.cases, caseId);

  const checkVersion = assertExpectedVersion;

  /** The open tasks whose due date is the case's statutory due, moved to the new one. */
  async function followDue(
    c: CaseRecord,
    next: CaseRecord,
    now: string,
  ): Promise<{ items: AtomicWrite[]; moved: string[] }> {
    if (next.grievance?.due.dueAt === c.grievance?.due.dueAt && c.grievance !== undefined)
      return { items: [], moved: [] };
    const open = (await deps.tasks.ofCase(c.caseId)).filter(
      (t) => t.status === 'open' && TASK_TYPES_FOLLOWING_ANSWER_DUE.includes(t.type),
    );
    const due = grievanceTaskDue('grievance.answer', { c: next, now, calendar: deps.calendar });
    const moving = open.filter((t) => t.dueAt !== due.dueAt);
    return {
      items: moving.map((t) => deps.tasks.moveDue(t, due.dueAt, due.basis)),
      moved: moving.map((t) => t.taskId),
    };
  }

  /** Loads, checks, changes and commits one grievance change with its task moves, idempotently. */
  async function write(
    actor: Actor,
    caseId: string,
    expectedVersion: number | undefined,
    idempotency: IdempotencyRequest | undefined,
    make: (c: CaseRecord, actor: EventActor, now: string) => Promise<CaseChange> | CaseChange,
  ) {
    const now = clock();
    return runIdempotent(
      deps.idempotency,
      actor.sub,
      idempotency,
      now,
      async (claimFor): Promise<{ case: CaseRecord; events: HistoryEvent[] }> => {
        // A request that pins no version means "as the case stands now": if the workflow moved the
        // case between our read and our write (its next step lands after the request that caused
        // it), read again and redo the change, a few times. A pinned version is the caller's check.
        for (let attempt = 1; ; attempt++) {
          try {
            return await once(claimFor);
          } catch (error) {
            if (!(error instanceof VersionConflictError) || expectedVersion !== undefined || attempt >= 3) throw error;
          }
        }
      },
    );

    async function once(claimFor: ClaimFor): Promise<{ case: CaseRecord; events: HistoryEvent[] }> {
      const c = await load(caseId);
      assertCanChange(actor, c);
      checkVersion(c, expectedVersion);
      const at = toKoreaIso(now);
      const change = await make(c, eventActor(actor), at);
      const { items, moved } = await followDue(c, change.next, at);
      const first = change.drafts[0];
      const drafts =
        moved.length > 0 && first
          ? [{ ...first, data: { ...first.data, movedTasks: moved } }, ...change.drafts.slice(1)]
          : change.drafts;
      try {
        return await deps.cases.commit(c, { next: change.next, drafts }, claimFor, items);
      } catch (error) {
        if (error instanceof RelatedItemConflictError) {
          throw new IllegalTransitionError(
            'A task of the case changed at the same time; look again and retry',
            '사건의 업무가 동시에 바뀌었습니다. 다시 확인한 뒤 시도하세요',
            {
              field: 'caseId',
              rule: 'workflow_busy',
              cause: error,
            },
          );
        }
        throw error;
      }
    }
  }

  return {
    /** 처리기간 연장 (시행령 제21조①): the second one only with the complainant's consent. */
    async extend(actor: Actor, caseId: string, input: Versioned<ExtensionInput>, idempotency?: IdempotencyRequest) {
      const { expectedVersion, ...extension } = input;
      return write(actor, caseId, expectedVersion, idempotency, (c, who, now) =>
        extendGrievance(c, extension, who, now, deps.calendar),
      );
    },

    /** 현장조사 등 (시행령 제17조④⑤): start or end a clock stop; the due date moves. */
    async clockStop(actor: Actor, caseId: string, input: Versioned<ClockStopInput>, idempotency?: IdempotencyRequest) {
      const { expectedVersion, ...stop } = input;
      return write(actor, caseId, expectedVersion, idempotency, (c, who, now) =>
        changeClockStop(c, stop as ClockStopInput, who, now, deps.calendar, newId()),
      );
    },

    /** A notice sent to the complainant (progress 시행령 제23조, extension 시행령 제21조②). */
    async progressNotice(
      actor: Actor,
      caseId: string,
      input: Versioned<ProgressNoticeInput>,
      idempotency?: IdempotencyRequest,
    ) {
      const { expectedVersion, ...notice } = input;
      return write(actor, caseId, expectedVersion, idempotency, (c, who, now) =>
        recordProgressNotice(c, notice, who, now, deps.calendar),
      );
    },

    /** Links identical earlier complaints (민원처리법 제23조), each read (and checked) as it stands now. */
    async link(actor: Actor, caseId: string, input: Versioned<LinkInput>, idempotency?: IdempotencyRequest) {
      const { expectedVersion, ...links } = input;
      return write(actor, caseId, expectedVersion, idempotency, async (c, who, now) => {
        const earlier: CaseRecord[] = [];
        for (const [index, id] of links.caseIds.entries()) {
          const other = await deps.cases.get(id);
          if (!other || !canReadCase(actor, other)) {
            throw new ValidationError(
              `No case with id ${id} that you may read`,
              `연결할 사건(${id})을 찾을 수 없습니다`,
              { field: `caseIds.${index}`, rule: 'not_found' },
            );
          }
          earlier.push(other);
        }
        return linkIdentical(c, earlier, links, who, now, deps.calendar);
      });
    },

    /** Workflow step: where the grievance goes next, read from the case record. */
    async nextStep(caseId: string): Promise<{ next: GrievanceNextStep }> {
      const c = await deps.cases.get(caseId);
      if (!c) throw new CaseNotFoundForStepError(`case ${caseId} does not exist`);
      return { next: grievanceNextStep(c) };
    },
  };
}

export type GrievanceUseCases = ReturnType<typeof grievanceUseCases>;
