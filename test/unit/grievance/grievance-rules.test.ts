/**
 * The rules of a grievance complaint (고충민원), worked by hand on the real 2026 calendar
 * (docs/legal-basis.md#grievances): the 7-day period (민원처리법 시행령 제17조①, counted by 제19조②), extensions
 * (시행령 제21조①: one within the period, a second only with the complainant's consent), field
 * investigation clock stops (시행령 제17조④⑤), 반복민원 (민원처리법 제23조①), re-filed grievances
 * (시행령 제17조②), multi-party closure by the mediation committee (시행령 제26조), and the
 * complainant's identity kept out of history (민원처리법 제7조).
 */
import { describe, expect, it } from 'vitest';
import { createCalendar, ExtensionNotAllowedError } from '#shared/calendar/index.ts';
import type { CaseRecord, IntakeInput } from '#shared/domain/case.ts';
import { KINDS, openCase, updateDetails } from '#shared/kinds/registry.ts';
import { caseAsOf } from '#shared/domain/case-as-of.ts';
import { AppError } from '#shared/domain/errors.ts';
import {
  applyGrievanceDecision,
  changeClockStop,
  extendGrievance,
  GRIEVANCE_IDENTITY_FIELDS,
  grievanceNextStep,
  linkIdentical,
  repeatedComplaintStatus,
  withoutGrievanceIdentity,
  type ExtensionInput,
} from '#shared/kinds/grievance/grievance.ts';
import type { EventActor, EventDraft, HistoryEvent } from '#shared/domain/history.ts';
import { grievanceTaskDue } from '#shared/kinds/grievance/grievance-deadlines.ts';

const calendar = createCalendar();
const actor: EventActor = { sub: 'handler-1', name: '신예린', role: 'investigator' };
const MONDAY = '2026-11-23T10:00:00+09:00';

function intake(over: Partial<IntakeInput> = {}, at = MONDAY): CaseRecord {
  return openCase({
    caseId: `C-${at}`,
    caseNumber: '2026-민원-0001',
    input: {
      kind: 'grievance',
      title: '공사장 소음',
      channel: '응답소',
      department: '건축과',
      receivedAt: at,
      grievance: { complainant: { name: '홍길동', contact: '010-0000-0000' } },
      ...over,
    },
    actor,
    now: at,
    calendar,
  }).next;
}

/** The error's field and rule, or the thrown value if it is not an AppError. */
function refusal(run: () => unknown): { field?: string; rule?: string; status: number; messageKo: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError)
      return { field: error.field, rule: error.rule, status: error.statusCode, messageKo: error.messageKo };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('intake: the statutory period decides the due date (민원처리법 시행령 제17조①, 제19조②)', () => {
  it('puts a grievance received Mon 2026-11-23 10:00 due on Tue 2026-12-01 (7 days counting the first day, the weekend skipped)', () => {
    const c = intake();
    expect(c.dueDate).toBe('2026-12-01');
    expect(c.grievance?.due).toMatchObject({
      dueDate: '2026-12-01',
      dueAt: '2026-12-01T18:00:00+09:00',
      article: '민원처리법 시행령 제17조①',
      confidence: 'C',
    });
    expect(c.grievance?.due.explanation.join('\n')).toContain('민원처리법 시행령 제17조①');
    expect(c.grievance?.due.explanation.join('\n')).toContain('민원처리법 제19조②');
  });

  it('counts across 추석 2026: received Tue 2026-09-22 10:30 → due Fri 2026-10-02', () => {
    const c = intake({}, '2026-09-22T10:30:00+09:00');
    expect(c.grievance?.due.dueDate).toBe('2026-10-02');
    expect(c.grievance?.due.summaryKo).toContain('추석');
  });

  it('refuses grievance details on another kind, a grievance without its channel, and a due date set by hand', () => {
    expect(refusal(() => intake({ kind: 'petition' }))).toMatchObject({
      field: 'grievance',
      rule: 'only_for_grievance',
      status: 400,
    });
    expect(refusal(() => intake({ channel: undefined }))).toMatchObject({
      field: 'channel',
      rule: 'required_for_grievance',
    });
    expect(refusal(() => intake({ dueDate: '2026-12-31' }))).toMatchObject({
      field: 'dueDate',
      rule: 'statutory_due_date',
    });
  });

  it('keeps the complainant under grievance.complainant only: never in the history, stripped for mail and exports', () => {
    const change = openCase({
      caseId: 'C1',
      caseNumber: 'n',
      input: {
        kind: 'grievance',
        title: 't',
        channel: '전화',
        receivedAt: MONDAY,
        grievance: { complainant: { name: '홍길동', contact: '010-1234-5678' } },
      },
      actor,
      now: MONDAY,
      calendar,
    });
    expect(JSON.stringify(change.drafts)).not.toContain('홍길동');
    expect(JSON.stringify(change.drafts)).not.toContain('010-1234-5678');
    expect(change.drafts[0]?.data.grievance).toMatchObject({
      complainantRecorded: true,
      dueDate: '2026-12-01',
      dueArticle: '민원처리법 시행령 제17조①',
    });
    expect(GRIEVANCE_IDENTITY_FIELDS).toContain('grievance.complainant');
    const stripped = withoutGrievanceIdentity(change.next);
    expect(stripped.grievance?.complainant).toBeUndefined();
    expect(JSON.stringify(stripped)).not.toContain('홍길동');
  });
});

describe('extensions (민원처리법 시행령 제21조①)', () => {
  const first: ExtensionInput = { days: 7, reason: '관계 부서 협의 필요' };
  const consent = { given: true, by: '홍길동', at: '2026-11-24T09:30:00+09:00', method: '전화' as const };
  const now = '2026-11-24T10:00:00+09:00';

  it('allows one extension within the period without consent: 7 more days from the day after the due date', () => {
    const { next, drafts } = extendGrievance(intake(), first, actor, now, calendar);
    // 12/2 (1) 12/3 (2) 12/4 (3) — weekend — 12/7 (4) … 12/10 (7)
    expect(next.dueDate).toBe('2026-12-10');
    expect(next.grievance?.extensions).toEqual([
      expect.objectContaining({ seq: 1, days: 7, previousDueDate: '2026-12-01', dueDate: '2026-12-10' }),
    ]);
    expect(drafts[0]).toMatchObject({
      type: 'DUE_EXTENDED',
      data: { seq: 1, previousDueDate: '2026-12-01', dueDate: '2026-12-10', article: '민원처리법 시행령 제21조①' },
    });
    expect(drafts[0]?.data.noticeRequiredKo).toContain('시행령 제21조②');
    expect(next.grievance?.due.explanation.some((line) => line.startsWith('연장 1'))).toBe(true);
  });

  it("refuses the second extension without the complainant's consent (422 consent_required), and accepts it with consent recorded", () => {
    const once = extendGrievance(intake(), first, actor, now, calendar).next;
    const refused = refusal(() => extendGrievance(once, { days: 3, reason: '추가 검토' }, actor, now, calendar));
    expect(refused).toMatchObject({ field: 'consent', rule: 'consent_required', status: 422 });
    expect(refused.messageKo).toContain('민원처리법 시행령 제21조①');
    expect(
      refusal(() =>
        extendGrievance(
          once,
          { days: 3, reason: '추가 검토', consent: { ...consent, given: false } },
          actor,
          now,
          calendar,
        ),
      ),
    ).toMatchObject({ rule: 'consent_required' });

    const twice = extendGrievance(once, { days: 3, reason: '추가 검토', consent }, actor, now, calendar);
    expect(twice.next.grievance?.extensions[1]).toMatchObject({
      seq: 2,
      consent: { given: true, by: '홍길동', method: '전화' },
    });
    expect(Date.parse(twice.next.grievance!.due.dueAt)).toBeGreaterThan(Date.parse(once.grievance!.due.dueAt));
    // Who consented is personal data: on the case, not in the permanent history.
    expect(twice.drafts[0]?.data.consent).toEqual({ given: true, at: consent.at, method: '전화' });
    expect(withoutGrievanceIdentity(twice.next).grievance?.extensions[1]?.consent?.by).toBe('(비공개)');

    expect(
      refusal(() => extendGrievance(twice.next, { days: 1, reason: '또', consent }, actor, now, calendar)),
    ).toMatchObject({ field: 'days', rule: 'extension_limit', status: 422 });
  });

  it('refuses an extension longer than the period itself, or one asked for after the period ran out', () => {
    const error = (() => {
      try {
        extendGrievance(intake(), { days: 8, reason: '길게' }, actor, now, calendar);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ExtensionNotAllowedError);
    expect(error).toMatchObject({ field: 'days', rule: 'extension_too_long' });
    expect(refusal(() => extendGrievance(intake(), first, actor, '2026-12-02T09:00:00+09:00', calendar))).toMatchObject(
      { field: 'days', rule: 'period_expired', status: 422 },
    );
  });
});

describe('field investigation clock stops (민원처리법 시행령 제17조④⑤)', () => {
  it('assumes a running investigation takes its 14 days, then recomputes the due date from the day it ended', () => {
    const started = changeClockStop(
      intake(),
      { action: 'start', from: '2026-11-25', reason: '현장 소음 측정' },
      actor,
      '2026-11-25T11:00:00+09:00',
      calendar,
      'S1',
    );
    // 14 days from Wed 11/25 counting the first day, weekends skipped → Mon 12/14.
    expect(started.next.grievance?.clockStops[0]).toMatchObject({ from: '2026-11-25', limitDate: '2026-12-14' });
    // 11/23 (1) 11/24 (2), stopped 11/25–12/14, then 12/15 (3) … 12/21 (7).
    expect(started.next.dueDate).toBe('2026-12-21');
    expect(started.drafts[0]).toMatchObject({
      type: 'CLOCK_STOPPED',
      data: { provisional: true, previousDueDate: '2026-12-01', dueDate: '2026-12-21' },
    });

    expect(
      refusal(() =>
        changeClockStop(
          started.next,
          { action: 'start', from: '2026-11-26', reason: '또' },
          actor,
          '2026-11-26T11:00:00+09:00',
          calendar,
          'S2',
        ),
      ),
    ).toMatchObject({ rule: 'clock_stop_open' });
    expect(
      refusal(() =>
        applyGrievanceDecision(
          started.next,
          'grievance-answer',
          { decision: 'answer', answer: '답변' },
          'h',
          '2026-11-26T11:00:00+09:00',
          calendar,
        ),
      ),
    ).toMatchObject({ rule: 'clock_stop_open' });

    const ended = changeClockStop(
      started.next,
      { action: 'end', to: '2026-11-26' },
      actor,
      '2026-11-27T10:00:00+09:00',
      calendar,
      'unused',
    );
    // 11/23 (1) 11/24 (2), stopped 11/25–11/26, 11/27 (3), 11/30 (4), 12/1 (5), 12/2 (6), 12/3 (7).
    expect(ended.next.dueDate).toBe('2026-12-03');
    expect(ended.next.grievance?.due.explanation.join('\n')).toContain('민원처리법 시행령 제17조⑤');
    expect(ended.drafts[0]).toMatchObject({
      type: 'CLOCK_RESUMED',
      data: { from: '2026-11-25', to: '2026-11-26', dueDate: '2026-12-03' },
    });
  });

  it('refuses an end after the 14 days the law allows, or before the start', () => {
    const started = changeClockStop(
      intake(),
      { action: 'start', from: '2026-11-25', reason: '현장 확인' },
      actor,
      '2026-11-25T11:00:00+09:00',
      calendar,
      'S1',
    );
    expect(
      refusal(() =>
        changeClockStop(
          started.next,
          { action: 'end', to: '2026-12-15' },
          actor,
          '2026-12-16T10:00:00+09:00',
          calendar,
          'x',
        ),
      ),
    ).toMatchObject({ field: 'to', rule: 'field_investigation_too_long', status: 422 });
    expect(
      refusal(() =>
        changeClockStop(
          started.next,
          { action: 'end', to: '2026-11-24' },
          actor,
          '2026-11-27T10:00:00+09:00',
          calendar,
          'x',
        ),
      ),
    ).toMatchObject({ field: 'to', rule: 'within_case_period' });
    expect(
      refusal(() =>
        changeClockStop(
          intake(),
          { action: 'end', to: '2026-11-24' },
          actor,
          '2026-11-27T10:00:00+09:00',
          calendar,
          'x',
        ),
      ),
    ).toMatchObject({ rule: 'no_open_clock_stop' });
  });
});

describe('반복민원 (민원처리법 제23조①) and the mediation committee (시행령 제26조)', () => {
  const earlier = (n: number, answered: boolean): CaseRecord => {
    const c = intake({}, `2026-10-0${n}T10:00:00+09:00`);
    const id = `E${n}`;
    return {
      ...c,
      caseId: id,
      caseNumber: `2026-민원-000${n}`,
      ...(answered && {
        grievance: {
          ...c.grievance!,
          answer: {
            summary: '답변',
            by: 'h',
            at: `2026-10-0${n}T15:00:00+09:00`,
            dueAt: c.grievance!.due.dueAt,
            onTime: true,
          },
          outcome: 'answered' as const,
        },
      }),
    };
  };
  const now = '2026-11-23T11:00:00+09:00';

  it('needs 3 earlier identical filings of which 2 were answered; the explanation names the article', () => {
    expect(repeatedComplaintStatus({ links: [] })).toMatchObject({
      met: false,
      identicalFilings: 0,
      answers: 0,
      article: '민원처리법 제23조①',
    });
    const two = linkIdentical(
      intake(),
      [earlier(1, true), earlier(2, true)],
      { caseIds: ['E1', 'E2'] },
      actor,
      now,
      calendar,
    ).next;
    expect(repeatedComplaintStatus(two.grievance!)).toMatchObject({ met: false, identicalFilings: 2, answers: 2 });
    const refused = refusal(() =>
      applyGrievanceDecision(
        two,
        'grievance-answer',
        { decision: 'close-as-repeated', reasons: '반복' },
        'h',
        now,
        calendar,
      ),
    );
    expect(refused).toMatchObject({ field: 'decision', rule: 'repeated_rule_not_met', status: 422 });
    expect(refused.messageKo).toContain('민원처리법 제23조①');

    const threeOneAnswer = linkIdentical(
      intake(),
      [earlier(1, true), earlier(2, false), earlier(3, false)],
      { caseIds: ['E1', 'E2', 'E3'] },
      actor,
      now,
      calendar,
    ).next;
    expect(repeatedComplaintStatus(threeOneAnswer.grievance!)).toMatchObject({
      met: false,
      identicalFilings: 3,
      answers: 1,
    });
    // Linking again after the second one was answered brings its answer in; nothing new → refused.
    const relinked = linkIdentical(threeOneAnswer, [earlier(2, true)], { caseIds: ['E2'] }, actor, now, calendar);
    expect(repeatedComplaintStatus(relinked.next.grievance!)).toMatchObject({
      met: true,
      identicalFilings: 3,
      answers: 2,
    });
    expect(relinked.drafts[0]?.data.answeredSinceLinked).toEqual([expect.objectContaining({ caseId: 'E2' })]);
    expect(
      refusal(() => linkIdentical(relinked.next, [earlier(2, true)], { caseIds: ['E2'] }, actor, now, calendar)),
    ).toMatchObject({ field: 'caseIds', rule: 'no_changes' });

    const linked = linkIdentical(
      intake(),
      [earlier(1, true), earlier(2, true), earlier(3, false)],
      { caseIds: ['E1', 'E2', 'E3'], reason: '같은 공사장 소음' },
      actor,
      now,
      calendar,
    );
    const status = repeatedComplaintStatus(linked.next.grievance!);
    expect(status).toMatchObject({ met: true, identicalFilings: 3, answers: 2 });
    expect(status.explanationKo).toContain('민원처리법 제23조①');
    expect(linked.drafts[0]).toMatchObject({
      type: 'CASES_LINKED',
      data: { identicalFilings: 3, answers: 2, repeatedClosurePossible: true },
    });

    const closed = applyGrievanceDecision(
      linked.next,
      'grievance-answer',
      { decision: 'close-as-repeated', reasons: '동일 내용 4회째' },
      'h',
      now,
      calendar,
    )!;
    expect(closed.grievance).toMatchObject({
      outcome: 'closed-as-repeated',
      repeatedClosure: { mediation: 'not-required', identicalFilings: 3, answers: 2, article: '민원처리법 제23조①' },
    });
    expect(grievanceNextStep({ grievance: closed.grievance })).toBe('close');
  });

  it('refuses links to itself, to a later complaint, to another kind', () => {
    const c = intake();
    expect(refusal(() => linkIdentical(c, [c], { caseIds: [c.caseId] }, actor, now, calendar))).toMatchObject({
      field: 'caseIds.0',
      rule: 'self_link',
    });
    const later = { ...intake({}, '2026-11-24T10:00:00+09:00'), caseId: 'L' };
    expect(refusal(() => linkIdentical(c, [later], { caseIds: ['L'] }, actor, now, calendar))).toMatchObject({
      field: 'caseIds.0',
      rule: 'not_earlier',
    });
    const petition = { ...earlier(1, false), kind: 'petition' as const };
    expect(refusal(() => linkIdentical(c, [petition], { caseIds: ['E1'] }, actor, now, calendar))).toMatchObject({
      rule: 'not_a_grievance',
    });
  });

  it('sends a repeated multi-party complaint to the mediation committee, whose refusal sends it back to be answered', () => {
    const multi = intake({ grievance: { multiParty: { signatories: 12 } } });
    const linked = linkIdentical(
      multi,
      [earlier(1, true), earlier(2, true), earlier(3, true)],
      { caseIds: ['E1', 'E2', 'E3'] },
      actor,
      now,
      calendar,
    ).next;
    const proposed = applyGrievanceDecision(
      linked,
      'grievance-answer',
      { decision: 'close-as-repeated', reasons: '반복' },
      'h',
      now,
      calendar,
    )!;
    expect(proposed.grievance.outcome).toBeUndefined();
    expect(proposed.grievance.repeatedClosure?.mediation).toBe('pending');
    expect(proposed.drafts[0]?.data).toMatchObject({ mediationArticle: '민원처리법 시행령 제26조' });
    expect(grievanceNextStep({ grievance: proposed.grievance })).toBe('mediation');

    const waiting = { ...linked, grievance: proposed.grievance };
    const rejected = applyGrievanceDecision(
      waiting,
      'grievance-mediation',
      { decision: 'reject-closure', reasons: '새로운 사정 있음' },
      's',
      now,
      calendar,
    )!;
    expect(grievanceNextStep({ grievance: rejected.grievance })).toBe('answer');
    const approved = applyGrievanceDecision(
      waiting,
      'grievance-mediation',
      { decision: 'approve-closure' },
      's',
      now,
      calendar,
    )!;
    expect(approved.grievance).toMatchObject({
      outcome: 'closed-as-repeated',
      repeatedClosure: { mediation: 'approved' },
    });
    expect(
      refusal(() =>
        applyGrievanceDecision(linked, 'grievance-mediation', { decision: 'approve-closure' }, 's', now, calendar),
      ),
    ).toMatchObject({ rule: 'nothing_to_mediate' });
  });
});

describe('re-filed grievances (민원처리법 시행령 제17조②) and the answer', () => {
  it('routes a re-filed grievance to the audit office before the answer, flagged at intake or at triage', () => {
    const refiled = intake({ grievance: { refiled: true, refiledReference: '2026-민원-0007' } });
    expect(refiled.grievance?.refiled).toMatchObject({ source: 'intake', reference: '2026-민원-0007' });
    expect(grievanceNextStep(refiled)).toBe('audit-investigation');
    const investigated = applyGrievanceDecision(
      refiled,
      'grievance-audit',
      { decision: 'submit', findings: '부서 처리 적정' },
      'inv',
      MONDAY,
      calendar,
    )!;
    expect(grievanceNextStep({ grievance: investigated.grievance })).toBe('answer');

    const triaged = applyGrievanceDecision(
      intake(),
      'grievance-triage',
      { decision: 'triage', handlingDepartment: '건축과', assigneeSub: 'h', refiled: true },
      'lead',
      MONDAY,
      calendar,
    )!;
    expect(triaged.grievance).toMatchObject({
      handling: { department: '건축과', assigneeSub: 'h' },
      refiled: { source: 'triage' },
    });
    expect(triaged.drafts[0]?.data).toMatchObject({ article: '민원처리법 시행령 제17조②' });
    expect(grievanceNextStep({ grievance: triaged.grievance })).toBe('audit-investigation');
  });

  it('records whether the answer came within the statutory period', () => {
    const onTime = applyGrievanceDecision(
      intake(),
      'grievance-answer',
      { decision: 'answer', answer: '소음 측정 후 공사 시간 조정' },
      'h',
      '2026-12-01T17:59:00+09:00',
      calendar,
    )!;
    expect(onTime.grievance).toMatchObject({
      outcome: 'answered',
      answer: { onTime: true, dueAt: '2026-12-01T18:00:00+09:00' },
    });
    const late = applyGrievanceDecision(
      intake(),
      'grievance-answer',
      { decision: 'answer', answer: '늦은 답변' },
      'h',
      '2026-12-02T09:00:00+09:00',
      calendar,
    )!;
    expect(late.grievance.answer?.onTime).toBe(false);
  });

  it("gives the answer task the case's current statutory due date, and the triage task the 1-working-hour transfer period (시행령 제13조①)", () => {
    const extended = extendGrievance(
      intake(),
      { days: 7, reason: '협의' },
      actor,
      '2026-11-24T10:00:00+09:00',
      calendar,
    ).next;
    const answer = grievanceTaskDue('grievance.answer', { c: extended, now: '2026-11-24T10:00:00+09:00', calendar });
    expect(answer).toMatchObject({
      dueAt: '2026-12-10T18:00:00+09:00',
      basis: { source: 'statutory', article: '민원처리법 시행령 제17조①' },
    });
    expect(answer.basis.labelKo).toContain('1회 연장');
    const triage = grievanceTaskDue('grievance.triage', { c: intake(), now: MONDAY, calendar });
    expect(triage).toMatchObject({
      dueAt: '2026-11-23T11:00:00+09:00',
      basis: { source: 'statutory', article: '민원처리법 시행령 제13조①' },
    });
  });
});

describe('the due date stays statutory and its history rebuilds it', () => {
  it('refuses a hand-edited due date on a grievance (PATCH), and rebuilds the due date as of a day before and after an extension', () => {
    const opened = openCase({
      caseId: 'C1',
      caseNumber: 'n',
      input: { kind: 'grievance', title: 't', channel: '방문', receivedAt: MONDAY, grievance: {} },
      actor,
      now: MONDAY,
      calendar,
    });
    expect(refusal(() => updateDetails(opened.next, { dueDate: '2026-12-31' }, actor, MONDAY))).toMatchObject({
      field: 'dueDate',
      rule: 'statutory_due_date',
    });

    const extended = extendGrievance(
      opened.next,
      { days: 7, reason: '협의' },
      actor,
      '2026-11-25T10:00:00+09:00',
      calendar,
    );
    const asEvents = (drafts: EventDraft[], from: number): HistoryEvent[] =>
      drafts.map((d, i) => ({ ...d, caseId: 'C1', seq: from + i, prevHash: '', hash: '' }));
    const events = [...asEvents(opened.drafts, 1), ...asEvents(extended.drafts, opened.drafts.length + 1)];
    expect(caseAsOf(extended.next, events, '2026-11-24', KINDS)?.dueDate).toBe('2026-12-01');
    expect(caseAsOf(extended.next, events, '2026-11-25', KINDS)?.dueDate).toBe('2026-12-10');
  });
});
