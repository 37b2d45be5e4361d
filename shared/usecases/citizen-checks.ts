/**
 * 구민감사관 현장점검 through the API. A citizen auditor lists the checks they are on, reads one (only
 * the check: `citizenAuditorView`) and reports on it; the office records the department's reply.
 * A check the auditor is not on answers 404 exactly like one that does not exist, so the answer
 * tells them nothing of other checks (공공감사법 제27조③). Staff read a check if they may read its case.
 *
 * Each write is a conditional write of the case (its version) with its event on the case's hash
 * chain, idempotent by key; an unpinned write that meets a workflow step is read again.
 */
import type { CaseChange, CaseRecord } from '../domain/case.ts';
import { VersionConflictError } from '../domain/errors.ts';
import type { EventActor, HistoryEvent } from '../domain/history.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import type { Actor } from '../domain/roles.ts';
import {
  CITIZEN_CHECK_KIND,
  checkNotFound,
  citizenAuditorView,
  citizenCheckOf,
  isOnCheck,
  replyToCheck,
  reportCheck,
  type CheckReplyInput,
  type CheckReportInput,
  type CitizenCheckRecord,
} from '../kinds/citizen-check/citizen-check.ts';
import { assertCanChange, canReadCase, isCitizenAuditorOnly } from '../policies/case-access.ts';
import { assertExpectedVersion, eventActorOf, loadCase, tasksChangedError } from './case-operations.ts';
import type { Calendar } from '../calendar/index.ts';
import { citizenCheckTaskDue, reportsMissing } from '../kinds/citizen-check/citizen-check-deadlines.ts';
import { runIdempotent, type IdempotencyRequest } from './idempotent.ts';
import {
  RelatedItemConflictError,
  type AtomicWrite,
  type CaseRepository,
  type IdempotencyStore,
  type TaskRepository,
} from './ports.ts';

export interface CitizenCheckDeps {
  cases: Pick<CaseRepository, 'get' | 'commit' | 'listByKind'>;
  idempotency: Pick<IdempotencyStore, 'find'>;
  /** The handler's open task, whose due date leaves the reports' due day once the last report is in. */
  tasks: Pick<TaskRepository, 'ofCase' | 'moveDue'>;
  calendar: Calendar;
  clock?: () => Date;
}

type Versioned<T> = T & { expectedVersion?: number };

/** The check and its record when the actor may see it; otherwise the same 404 as a missing one. */
async function visibleCheck(
  cases: CitizenCheckDeps['cases'],
  actor: Actor,
  caseId: string,
): Promise<{ c: CaseRecord; record: CitizenCheckRecord }> {
  const c = await cases.get(caseId);
  const record = c && citizenCheckOf(c);
  if (!c || !record) throw checkNotFound(caseId);
  const allowed = isCitizenAuditorOnly(actor)
    ? isOnCheck(c, actor.sub)
    : canReadCase(actor, c) || isOnCheck(c, actor.sub);
  if (!allowed) throw checkNotFound(caseId);
  return { c, record };
}

export function citizenCheckUseCases(deps: CitizenCheckDeps) {
  const clock = deps.clock ?? (() => new Date());

  async function write(
    actor: Actor,
    caseId: string,
    expectedVersion: number | undefined,
    idempotency: IdempotencyRequest | undefined,
    make: (c: CaseRecord, who: EventActor, now: string, today: string) => CaseChange,
    mayWrite: (c: CaseRecord) => void,
  ) {
    /** When the last report comes in, the handler's open task leaves the reports' due day. */
    async function followTask(c: CaseRecord, next: CaseRecord, at: string): Promise<AtomicWrite[]> {
      const [before, after] = [citizenCheckOf(c), citizenCheckOf(next)];
      if (!before || !after || !reportsMissing(before) || reportsMissing(after)) return [];
      const due = citizenCheckTaskDue(next, at, deps.calendar);
      const open = (await deps.tasks.ofCase(next.caseId)).filter(
        (t) => t.status === 'open' && t.type === 'investigate' && t.dueAt !== due.dueAt,
      );
      return open.map((t) => deps.tasks.moveDue(t, due.dueAt, due.basis));
    }

    const now = clock();
    return runIdempotent(
      deps.idempotency,
      actor.sub,
      idempotency,
      now,
      async (claimFor): Promise<{ case: CaseRecord; events: HistoryEvent[] }> => {
        for (let attempt = 1; ; attempt++) {
          try {
            const c = await loadCase(deps.cases, caseId);
            mayWrite(c);
            assertExpectedVersion(c, expectedVersion);
            const at = toKoreaIso(now);
            const change = make(c, eventActorOf(actor), at, at.slice(0, 10));
            return await deps.cases.commit(c, change, claimFor, await followTask(c, change.next, at));
          } catch (error) {
            const raced = error instanceof VersionConflictError || error instanceof RelatedItemConflictError;
            if (!raced || expectedVersion !== undefined || attempt >= 3)
              throw error instanceof RelatedItemConflictError ? tasksChangedError(error) : error;
          }
        }
      },
    );
  }

  return {
    /** The checks the actor is on, newest first (46 a year: the kind's partition is read whole). */
    async mine(actor: Actor) {
      const items: ReturnType<typeof citizenAuditorView>[] = [];
      let cursor: string | undefined;
      do {
        const page = await deps.cases.listByKind(CITIZEN_CHECK_KIND, { limit: 100, ...(cursor && { cursor }) });
        for (const c of page.items) {
          const record = citizenCheckOf(c);
          if (record && isOnCheck(c, actor.sub)) items.push(citizenAuditorView(c, record));
        }
        cursor = page.cursor;
      } while (cursor);
      return { items: items.sort((a, b) => b.checkDate.localeCompare(a.checkDate)) };
    },

    async read(actor: Actor, caseId: string) {
      const { c, record } = await visibleCheck(deps.cases, actor, caseId);
      return citizenAuditorView(c, record);
    },

    /** An auditor on the check reports on its items (once). */
    async report(actor: Actor, caseId: string, input: Versioned<CheckReportInput>, idempotency?: IdempotencyRequest) {
      const { expectedVersion, ...report } = input;
      const { result, replayed } = await write(
        actor,
        caseId,
        expectedVersion,
        idempotency,
        (c, who, now, today) => reportCheck(c, report, who, today, now),
        (c) => {
          if (!isOnCheck(c, actor.sub)) throw checkNotFound(caseId);
        },
      );
      return { check: citizenAuditorView(result.case, citizenCheckOf(result.case)!), replayed };
    },

    /** The office records the ordering department's reply (whoever may change the case). */
    async reply(actor: Actor, caseId: string, input: Versioned<CheckReplyInput>, idempotency?: IdempotencyRequest) {
      const { expectedVersion, ...reply } = input;
      return write(
        actor,
        caseId,
        expectedVersion,
        idempotency,
        (c, who, now) => replyToCheck(c, reply, who, now),
        (c) => {
          if (isCitizenAuditorOnly(actor)) throw checkNotFound(caseId);
          assertCanChange(actor, c);
        },
      );
    },
  };
}

export type CitizenCheckUseCases = ReturnType<typeof citizenCheckUseCases>;
