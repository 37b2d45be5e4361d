/**
 * A property-review campaign's registrants through the API: add them in batches, move one through
 * its review (filing, extension, review start, orders and answers, summons, result, notices), list
 * the docket with the campaign's progress, and read one registrant's record — which needs a permitted
 * reason (공직자윤리법 제10조③④, 시행령 제26조) and is recorded on the case's chain.
 *
 * Each change is one transaction: the registrant item (its version), the case with its tally moved
 * and its event (the registrant's number and states, never their data). A batch is split into
 * transactions of at most 90 registrants; registrants already there are skipped, so a retry after a
 * crash adds the rest once.
 */
import type { Calendar } from '../calendar/index.ts';
import type { CommitteeKind } from '../domain/committee-kinds.ts';
import type { CaseChange, CaseRecord } from '../domain/case.ts';
import { assertOpen } from '../domain/case.ts';
import { ForbiddenError, NotFoundError, ValidationError, VersionConflictError } from '../domain/errors.ts';
import { koreaDate, toKoreaIso } from '../domain/korea-time.ts';
import { hasAnyRole, type Actor } from '../domain/roles.ts';
import type { StaffMember } from '../domain/staff.ts';
import { moveTally, type CampaignRecord } from '../kinds/property-review/campaign.ts';
import { reviewDue } from '../kinds/property-review/property-review-deadlines.ts';
import {
  applyDisclosure,
  decideDisclosure,
  decideResult,
  extendDisclosure,
  extendRegistration,
  fileRegistration,
  issueOrder,
  mayComplainToProsecutors,
  newRegistrant,
  recordAnswer,
  recordNotice,
  recordSummons,
  registrantState,
  retainUntil,
  startReview,
  type Registrant,
} from '../kinds/property-review/registrants.ts';
import { assertCanChange, assertCanRead, canReadCase } from '../policies/case-access.ts';
import { eventActorOf, loadCase, tasksChangedError } from './case-operations.ts';
import { runIdempotent, type IdempotencyRequest } from './idempotent.ts';
import {
  type CaseRepository,
  type CommitteeRepository,
  type IdempotencyStore,
  RelatedItemConflictError,
  type RegistrantStore,
} from './ports.ts';

export interface PropertyCampaignDeps {
  cases: CaseRepository;
  registrants: RegistrantStore;
  idempotency: Pick<IdempotencyStore, 'find'>;
  staff: { get(sub: string): Promise<StaffMember | undefined> };
  /** The committees' recorded meetings: a measure's resolution names one of the 공직자윤리위원회's. */
  meetings: Pick<CommitteeRepository, 'getMeeting'>;
  calendar: Calendar;
  clock?: () => Date;
}

/** Why someone may see a registration (시행령 제26조; `review`: the committee's own review work). */
export const READ_REASONS = {
  review: '재산등록 심사 업무',
  'misconduct-judgment': '기관장의 소속 공직자 비위 판단',
  'investigation-trial': '범죄수사·비위조사·재판',
  'national-assembly': '국회 요구',
  self: '본인 열람',
} as const;
export type ReadReason = keyof typeof READ_REASONS;
export const READ_REASON_KEYS = Object.keys(READ_REASONS) as [ReadReason, ...ReadReason[]];

export type RegistrantAction =
  | { action: 'file'; filedOn: string }
  | { action: 'extend'; days: number; reason: string; reasonEndsOn?: string }
  | { action: 'start-review'; reviewerSub?: string }
  | { action: 'order'; kind: 'supplement' | 'material' | 'explanation'; issuedOn: string; receivedOn: string }
  | { action: 'answer'; kind: 'supplement' | 'material' | 'explanation'; answeredOn: string }
  | { action: 'summons'; sentOn: string; outcome: 'attended' | 'refused' | 'absent' }
  | { action: 'decide'; result: unknown }
  | { action: 'notice'; to: string; notifiedOn: string }
  | { action: 'apply-disclosure-refusal'; application: unknown }
  | { action: 'extend-disclosure-decision' }
  | { action: 'decide-disclosure-refusal'; decision: unknown };

const BATCH = 90;
const ETHICS_COMMITTEE: CommitteeKind = 'ethics';

const campaignOf = (c: CaseRecord): CampaignRecord => {
  const r = (c as CaseRecord & { propertyReview?: CampaignRecord }).propertyReview;
  if (!r)
    throw new ValidationError('this case is not a property-review campaign', '재산등록 심사 사건이 아닙니다', {
      field: 'caseId',
      rule: 'not_for_kind',
    });
  return r;
};

const docketView = (r: Registrant, calendar: Calendar) => ({
  registrantNo: r.registrantNo,
  name: r.name,
  category: r.category,
  department: r.department,
  position: r.position,
  registrationType: r.registrationType,
  dueOn: r.dueOn,
  state: registrantState(r),
  ...(r.reviewerSub !== undefined && { reviewerSub: r.reviewerSub }),
  openOrderDueOn: r.orders.find((o) => o.answeredOn === undefined)?.dueOn,
  // The office's own target for the review (a setting, 구 규칙 확인 필요), while it is open.
  reviewTargetOn: r.filedOn !== undefined && !r.result ? reviewDue(r.filedOn, calendar).dueAt.slice(0, 10) : undefined,
});
export type DocketEntry = ReturnType<typeof docketView>;

export function propertyCampaignUseCases(deps: PropertyCampaignDeps) {
  const clock = deps.clock ?? (() => new Date());

  /** A campaign is reviewed by its team, not only its assignee: any member of the case's team who may read it. */
  async function assertMayWork(actor: Actor, c: CaseRecord) {
    if (canReadCase(actor, c) && (await deps.staff.get(actor.sub))?.team === c.team) return;
    assertCanChange(actor, c);
  }

  async function loadRegistrant(caseId: string, registrantNo: string) {
    const found = await deps.registrants.get(caseId, registrantNo);
    if (!found)
      throw new NotFoundError(`No registrant ${registrantNo}`, `의무자(${registrantNo})를 찾을 수 없습니다`, {
        field: 'registrantNo',
        rule: 'not_found',
      });
    return found;
  }

  /**
   * A measure's resolution is the 공직자윤리위원회's at a meeting the system recorded: held (its
   * attendance recorded) on the day resolved, with as many members present as the resolution says.
   */
  async function assertRecordedMeeting(res: { meetingId: string; resolvedOn: string; membersPresent: number }) {
    const refuse = (messageKo: string, rule: string, field = 'resolution.meetingId') =>
      new ValidationError(`resolution: ${rule}`, messageKo, { field, rule });
    const meeting = await deps.meetings.getMeeting(res.meetingId);
    if (meeting?.committee !== ETHICS_COMMITTEE)
      throw refuse('공직자윤리위원회의 기록된 회의가 아닙니다', 'no_such_meeting');
    if (meeting.status === 'cancelled' || !meeting.attendance)
      throw refuse('출석이 기록되지 않은(열리지 않은) 회의입니다', 'meeting_not_held');
    if (koreaDate(new Date(meeting.scheduledAt)) !== res.resolvedOn)
      throw refuse(
        `의결일(${res.resolvedOn})이 회의일(${koreaDate(new Date(meeting.scheduledAt))})과 다릅니다`,
        'not_meeting_day',
        'resolution.resolvedOn',
      );
    if (meeting.attendance.presentMemberIds.length !== res.membersPresent)
      throw refuse(
        `출석 위원 수(${res.membersPresent}명)가 회의에 기록된 출석(${meeting.attendance.presentMemberIds.length}명)과 다릅니다`,
        'attendance_mismatch',
        'resolution.membersPresent',
      );
  }

  async function apply(actor: Actor, r: Registrant, a: RegistrantAction, today: string): Promise<Registrant> {
    switch (a.action) {
      case 'file':
        return fileRegistration(r, a.filedOn);
      case 'extend':
        return extendRegistration(r, a, today, deps.calendar);
      case 'start-review': {
        const sub = a.reviewerSub ?? actor.sub;
        const reviewer = await deps.staff.get(sub);
        if (!reviewer?.active)
          throw new ValidationError(`no active staff member ${sub}`, `심사자(${sub})를 찾을 수 없습니다`, {
            field: 'reviewerSub',
            rule: 'not_found',
          });
        const registrantStaff = r.staffSub !== undefined ? await deps.staff.get(r.staffSub) : undefined;
        // The actor naming someone else must not sidestep the rule either: both are checked.
        if (sub !== actor.sub) {
          const self = await deps.staff.get(actor.sub);
          if (self) startReview(r, self, registrantStaff ? [registrantStaff] : [], today);
        }
        return startReview(r, reviewer, registrantStaff ? [registrantStaff] : [], today);
      }
      case 'order':
        return issueOrder(r, a, today, deps.calendar);
      case 'answer':
        return recordAnswer(r, a, today);
      case 'summons':
        return recordSummons(r, a);
      case 'decide': {
        const next = decideResult(r, a.result, actor.sub, today);
        const resolution = next.result?.resolution;
        if (resolution) await assertRecordedMeeting(resolution);
        return next;
      }
      case 'notice':
        return recordNotice(r, a);
      case 'apply-disclosure-refusal':
        return applyDisclosure(r, a.application, today, deps.calendar);
      case 'extend-disclosure-decision':
        return extendDisclosure(r, today, deps.calendar);
      case 'decide-disclosure-refusal':
        return decideDisclosure(r, a.decision, today, deps.calendar);
    }
  }

  return {
    /** Adds registrants to the campaign; those already there are skipped (a retry adds the rest). */
    async addRegistrants(
      actor: Actor,
      caseId: string,
      inputs: readonly unknown[],
      onProgress?: (added: number, total: number) => void,
    ) {
      const first = await loadCase(deps.cases, caseId);
      assertCanChange(actor, first);
      assertOpen(first, 'add registrants');
      campaignOf(first);
      const parsed = inputs.map((input, i) => {
        try {
          return newRegistrant(input, deps.calendar);
        } catch (error) {
          if (error instanceof Error && 'issues' in error)
            throw new ValidationError(
              `registrants[${i}]: ${error.message}`,
              `의무자 ${i + 1}번째 입력이 올바르지 않습니다`,
              {
                field: `registrants.${i}`,
                rule: 'invalid',
              },
            );
          throw error;
        }
      });
      const numbers = new Set<string>();
      for (const r of parsed) {
        if (numbers.has(r.registrantNo))
          throw new ValidationError(
            `registrant ${r.registrantNo} is listed twice`,
            `의무자 번호 ${r.registrantNo}가 두 번 있습니다`,
            {
              field: 'registrants',
              rule: 'duplicate',
            },
          );
        numbers.add(r.registrantNo);
      }
      const existing = new Set<string>();
      for await (const { registrant } of deps.registrants.ofCase(caseId)) existing.add(registrant.registrantNo);
      const fresh = parsed.filter((r) => !existing.has(r.registrantNo));
      let c = first;
      for (let i = 0; i < fresh.length; i += BATCH) {
        const chunk = fresh.slice(i, i + BATCH);
        // The workflow moves the case too (its tasks): a concurrent step is read again and the chunk re-applied.
        for (let attempt = 1; ; attempt++) {
          const at = toKoreaIso(clock());
          const campaign = campaignOf(c);
          const tally = chunk.reduce((t, r) => moveTally(t, undefined, registrantState(r)), campaign.tally);
          const change: CaseChange = {
            next: { ...c, propertyReview: { ...campaign, tally } } as CaseRecord,
            drafts: [
              {
                type: 'REGISTRANTS_ADDED',
                at,
                actor: eventActorOf(actor),
                data: { count: chunk.length, total: tally.total },
              },
            ],
          };
          try {
            c = (
              await deps.cases.commit(
                c,
                change,
                undefined,
                chunk.map((r) => deps.registrants.put(caseId, r, 0)),
              )
            ).case;
            break;
          } catch (error) {
            if (!(error instanceof VersionConflictError) || attempt >= 5) throw error;
            c = await loadCase(deps.cases, caseId);
          }
        }
        onProgress?.(i + chunk.length, fresh.length);
      }
      return { case: c, added: fresh.length, skipped: parsed.length - fresh.length, tally: campaignOf(c).tally };
    },

    /** Moves one registrant a step; idempotent by key; retried on a concurrent change of the campaign. */
    async act(
      actor: Actor,
      caseId: string,
      registrantNo: string,
      action: RegistrantAction & { expectedVersion?: number },
      idempotency?: IdempotencyRequest,
    ) {
      const now = clock();
      const { expectedVersion, ...a } = action;
      return runIdempotent(deps.idempotency, actor.sub, idempotency, now, async (claimFor) => {
        for (let attempt = 1; ; attempt++) {
          try {
            const c = await loadCase(deps.cases, caseId);
            await assertMayWork(actor, c);
            assertOpen(c, 'change a registrant');
            const campaign = campaignOf(c);
            const { registrant, version } = await loadRegistrant(caseId, registrantNo);
            if (expectedVersion !== undefined && version !== expectedVersion)
              throw new VersionConflictError(
                `registrant ${registrantNo} is at version ${version}, not ${expectedVersion}`,
                '의무자 기록이 그사이 바뀌었습니다. 다시 확인하세요',
                { field: 'expectedVersion', rule: 'version_conflict' },
              );
            const at = toKoreaIso(now);
            const next = await apply(actor, registrant, a as RegistrantAction, at.slice(0, 10));
            const from = registrantState(registrant);
            const to = registrantState(next);
            const change: CaseChange = {
              next: { ...c, propertyReview: { ...campaign, tally: moveTally(campaign.tally, from, to) } } as CaseRecord,
              drafts: [
                {
                  type: 'REGISTRANT_CHANGED',
                  at,
                  actor: eventActorOf(actor),
                  data: { registrantNo, action: a.action, from, to },
                },
              ],
            };
            const written = await deps.cases.commit(c, change, claimFor, [deps.registrants.put(caseId, next, version)]);
            return { ...written, registrant: next, registrantVersion: version + 1 };
          } catch (error) {
            if (error instanceof RelatedItemConflictError) {
              if (expectedVersion !== undefined || attempt >= 3) throw tasksChangedError(error);
              continue;
            }
            if (!(error instanceof VersionConflictError) || expectedVersion !== undefined || attempt >= 3) throw error;
          }
        }
      });
    },

    /** The docket (number, name, state, dates — no review content) and the campaign's progress. */
    async list(actor: Actor, caseId: string, filter: { state?: string } = {}) {
      const c = await loadCase(deps.cases, caseId);
      assertCanRead(actor, c);
      const campaign = campaignOf(c);
      const items: DocketEntry[] = [];
      for await (const { registrant } of deps.registrants.ofCase(caseId)) {
        const entry = docketView(registrant, deps.calendar);
        if (filter.state === undefined || entry.state === filter.state) items.push(entry);
      }
      return { caseId, caseNumber: c.caseNumber, version: c.version, tally: campaign.tally, items };
    },

    /**
     * One registrant's full record, for a permitted reason; the read is recorded on the case's chain
     * before the answer is given (no record, no answer).
     */
    async read(actor: Actor, caseId: string, registrantNo: string, reason: ReadReason) {
      const c = await loadCase(deps.cases, caseId);
      assertCanRead(actor, c);
      campaignOf(c);
      const { registrant, version } = await loadRegistrant(caseId, registrantNo);
      if (reason === 'self' && registrant.staffSub !== actor.sub)
        throw new ForbiddenError(
          'only the registrant reads for that reason',
          '본인 열람은 등록의무자 본인만 할 수 있습니다',
          {
            field: 'reason',
            rule: 'not_self',
          },
        );
      if (reason === 'review' && registrant.reviewerSub !== actor.sub && !hasAnyRole(actor, ['team-lead', 'head']))
        throw new ForbiddenError(
          'only the reviewer, a team lead or the head reads for the review',
          '심사 업무 열람은 담당 심사자·팀장·감사담당관만 할 수 있습니다',
          {
            field: 'reason',
            rule: 'not_reviewer',
          },
        );
      if (reason === 'review' && registrant.staffSub === actor.sub)
        throw new ForbiddenError(
          'no one reviews their own registration',
          '본인의 재산등록은 심사 업무로 열람할 수 없습니다',
          {
            field: 'reason',
            rule: 'conflict_of_interest_self',
          },
        );
      await deps.cases.appendWithoutVersion(caseId, [
        {
          type: 'REGISTRATION_READ',
          at: toKoreaIso(clock()),
          actor: eventActorOf(actor),
          data: { registrantNo, reason, reasonKo: READ_REASONS[reason], article: '공직자윤리법 시행령 제26조' },
        },
      ]);
      const retain = retainUntil(registrant);
      return {
        registrant,
        version,
        state: registrantState(registrant),
        mayComplainToProsecutors: mayComplainToProsecutors(registrant),
        ...(retain !== undefined && { retainUntil: retain }),
      };
    },
  };
}
