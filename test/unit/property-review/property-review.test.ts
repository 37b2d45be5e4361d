/**
 * The pure rules of property registration review and disclosure refusals: every due date against its
 * article (공직자윤리법 제5·6·8조, 시행령 제7·8·10·11·27조), worked out by hand on the 2026–2027
 * calendars (2026-02-28 Sat, 3-1 Sun, 3-2 substitute holiday; 2026-06-03 election day), the registrant's
 * state machine and the campaign tally, the conflict-of-interest refusals, measures that need the
 * committee's resolution, and two thirds for a re-review.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import type { StaffMember } from '#shared/domain/staff.ts';
import {
  applicationWindow,
  decisionDueOn,
  extendedDecisionDueOn,
  refusalRegistrationDueOn,
  reReviewDates,
  reReviewYear,
} from '#shared/kinds/disclosure-refusal/disclosure-refusal-deadlines.ts';
import {
  quarterlyStatusReportDueOn,
  registrationDueOn,
  replyDueOn,
  reReviewLastDay,
  yearlyDataReportDueOn,
} from '#shared/kinds/property-review/property-review-deadlines.ts';
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
  recordSummons,
  registrantState,
  retainUntil,
  startReview,
  tallyRegistrants,
} from '#shared/kinds/property-review/registrants.ts';

const calendar = createCalendar();
/** Matches the error's Korean message (what staff read). */
const ko = (pattern: RegExp) => expect.objectContaining({ messageKo: expect.stringMatching(pattern) });
const staff = (sub: string, team: StaffMember['team'], roles: StaffMember['roles']): StaffMember => ({
  sub,
  name: sub,
  email: `${sub}@example.go.kr`,
  team,
  roles,
  active: true,
});
const lead = staff('lead-inv', 'investigation', ['team-lead']);
const reviewer = staff('inv-1', 'investigation', ['investigator']);
const otherLead = staff('lead-audit', 'audit', ['team-lead']);
const directory = [lead, reviewer, otherLead];

const registrant = (over: Record<string, unknown> = {}) =>
  newRegistrant(
    {
      registrantNo: 'R-0001',
      name: '김등록',
      category: 'district-official',
      department: '도로관리과',
      position: '지방시설주사(6급)',
      registrationType: 'yearly',
      eventOn: '2026-01-01',
      ...over,
    },
    calendar,
  );

describe('registration due dates', () => {
  it('yearly change report: 1 Jan – end of Feb, moved past the weekend and 3·1절 holidays (법 제6조①, 민법 제161조)', () => {
    expect(registrationDueOn('yearly', '2026-01-01', calendar)).toBe('2026-03-03');
    expect(registrationDueOn('yearly', '2027-01-15', calendar)).toBe('2027-03-02');
  });
  it('initial and retirement: the last day of the month two months on (법 제5조①, 제6조②)', () => {
    expect(registrationDueOn('initial', '2026-03-15', calendar)).toBe('2026-06-01'); // 5-31 is a Sunday
    expect(registrationDueOn('initial', '2026-03-31', calendar)).toBe('2026-06-01');
    expect(registrationDueOn('retirement', '2026-12-31', calendar)).toBe('2027-03-02');
    expect(registrationDueOn('initial', '2026-08-03', calendar)).toBe('2026-11-02'); // 10-31 Sat, 11-1 Sun
  });
  it('extension: 30 days, 20 for public-disclosure registrants, from the period end (시행령 제7조)', () => {
    const r = extendRegistration(registrant(), { days: 30, reason: '병가' }, '2026-02-20', calendar);
    expect(r.dueOn).toBe('2026-03-30');
    const sick = extendRegistration(
      registrant(),
      { days: 30, reason: '병가', reasonEndsOn: '2026-03-10' },
      '2026-02-20',
      calendar,
    );
    expect(sick.dueOn).toBe('2026-04-09');
    expect(() => extendRegistration(registrant(), { days: 31, reason: 'x' }, '2026-02-20', calendar)).toThrow(
      ko(/30일 이내/),
    );
    const pub = registrant({ publicDisclosure: true });
    expect(() => extendRegistration(pub, { days: 21, reason: 'x' }, '2026-02-20', calendar)).toThrow(ko(/20일 이내/));
    expect(extendRegistration(pub, { days: 20, reason: 'x' }, '2026-02-20', calendar).dueOn).toBe('2026-03-20');
    expect(() => extendRegistration(r, { days: 5, reason: 'x' }, '2026-02-21', calendar)).toThrow(ko(/이미 연장/));
  });
  it('supplement orders and explanations: 20 days from receipt (법 제8조②⑥, 시행령 제10조)', () => {
    expect(replyDueOn('2026-04-01', calendar)).toBe('2026-04-21');
    expect(replyDueOn('2026-05-14', calendar)).toBe('2026-06-04'); // 6-3 election day
  });
  it('reports upward: 10 days after each quarter (시행령 제8조), yearly data by 31 March (제36조②)', () => {
    expect(quarterlyStatusReportDueOn('2026-03-31', calendar)).toBe('2026-04-10');
    expect(quarterlyStatusReportDueOn('2026-09-30', calendar)).toBe('2026-10-12');
    expect(yearlyDataReportDueOn(2026)).toBe('2027-03-31');
  });
  it('re-review of the committee’s own motion: 3 years from the decision or 6 months from knowing, the earlier (법 제9조의2)', () => {
    expect(reReviewLastDay('2024-03-10', '2026-12-01')).toBe('2027-03-10');
    expect(reReviewLastDay('2024-03-10', '2025-01-31')).toBe('2025-07-31');
  });
});

describe('disclosure refusal due dates (시행령 제27조)', () => {
  it('application window by registration type (①)', () => {
    expect(applicationWindow('yearly', '2026-01-01', false, calendar)).toEqual({
      opensOn: '2026-01-01',
      closesOn: '2026-02-02',
    });
    expect(applicationWindow('initial', '2026-03-15', false, calendar).closesOn).toBe('2026-04-15');
    expect(applicationWindow('extended', '2026-03-03', false, calendar).closesOn).toBe('2026-03-18');
    expect(applicationWindow('extended', '2026-03-03', true, calendar).closesOn).toBe('2026-03-13');
  });
  it('decision within 10 days, one 10-day extension (②)', () => {
    expect(decisionDueOn('2026-01-20', calendar)).toBe('2026-01-30');
    expect(extendedDecisionDueOn('2026-01-30', calendar)).toBe('2026-02-09');
  });
  it('a refusal extends the registration period 30 days (공개대상자 20) from the notice (④)', () => {
    expect(refusalRegistrationDueOn('2026-02-10', false, calendar)).toBe('2026-03-12');
    expect(refusalRegistrationDueOn('2026-02-10', true, calendar)).toBe('2026-03-03');
  });
  it('re-review every 3 years: apply 1 Jan – 31 Mar, decided by 30 Nov (⑤⑥)', () => {
    expect(reReviewYear('2023-06-01')).toBe(2026);
    expect(reReviewDates(2026, calendar)).toEqual({
      applyFrom: '2026-01-01',
      applyUntil: '2026-03-31',
      decideBy: '2026-11-30',
    });
  });
});

describe('a registrant through the review', () => {
  it('moves received → under review → supplement ordered → under review → done, and the tally counts each state', () => {
    const a = fileRegistration(registrant(), '2026-02-10');
    expect(registrantState(a)).toBe('received');
    const b = startReview(a, reviewer, directory, '2026-03-10');
    expect(registrantState(b)).toBe('under-review');
    const c = issueOrder(
      b,
      { kind: 'supplement', issuedOn: '2026-03-30', receivedOn: '2026-04-01' },
      '2026-04-02',
      calendar,
    );
    expect(c.orders[0]?.dueOn).toBe('2026-04-21');
    expect(registrantState(c)).toBe('supplement-ordered');
    expect(() => decideResult(c, { clean: true, reasons: '이상 없음' }, 'inv-1', '2026-04-03')).toThrow(
      ko(/보완명령 중/),
    );
    const d = recordAnswer(c, { kind: 'supplement', answeredOn: '2026-04-25' }, '2026-04-30');
    expect(d.orders[0]?.late).toBe(true);
    const e = decideResult(
      d,
      { clean: false, measures: ['warning-correction'], reasons: '경미한 누락' },
      'inv-1',
      '2026-05-04',
    );
    expect(registrantState(e)).toBe('done');
    expect(tallyRegistrants([registrant(), a, b, c, e])).toEqual({
      'awaiting-filing': 1,
      received: 1,
      'under-review': 1,
      'supplement-ordered': 1,
      done: 1,
      total: 5,
    });
  });
  it('refuses a reviewer for their own registration or their team lead’s, not another team’s lead (시행령 제3조⑥)', () => {
    const own = fileRegistration(registrant({ staffSub: 'inv-1' }), '2026-02-10');
    expect(() => startReview(own, reviewer, directory, '2026-03-10')).toThrow(ko(/본인의 재산등록/));
    const leads = fileRegistration(registrant({ staffSub: 'lead-inv' }), '2026-02-10');
    expect(() => startReview(leads, reviewer, directory, '2026-03-10')).toThrow(ko(/소속 팀장/));
    const other = fileRegistration(registrant({ staffSub: 'lead-audit' }), '2026-02-10');
    expect(startReview(other, reviewer, directory, '2026-03-10').reviewerSub).toBe('inv-1');
  });
  it('two refused summonses allow a complaint to the prosecutors (시행령 제11조)', () => {
    const r = startReview(fileRegistration(registrant(), '2026-02-10'), reviewer, directory, '2026-03-10');
    const once = recordSummons(r, { sentOn: '2026-03-12', outcome: 'refused' });
    expect(mayComplainToProsecutors(once)).toBe(false);
    expect(mayComplainToProsecutors(recordSummons(once, { sentOn: '2026-03-26', outcome: 'absent' }))).toBe(true);
  });
  it('a fine, publication or discipline request needs the committee’s resolution; a re-review two thirds of seven', () => {
    const r = startReview(fileRegistration(registrant(), '2026-02-10'), reviewer, directory, '2026-03-10');
    expect(() => decideResult(r, { clean: false, measures: ['fine'], reasons: '허위' }, 'inv-1', '2026-04-01')).toThrow(
      ko(/회의 의결/),
    );
    const resolution = { meetingId: 'm-1', resolvedOn: '2026-04-01', membersPresent: 5, votesFor: 3 };
    expect(
      decideResult(r, { clean: false, measures: ['fine'], reasons: '허위', resolution }, 'inv-1', '2026-04-01').result
        ?.resolution?.votesFor,
    ).toBe(3);
    expect(() =>
      decideResult(
        r,
        {
          clean: false,
          measures: ['fine'],
          reasons: '허위',
          resolution: { ...resolution, reReview: true, votesFor: 4 },
        },
        'inv-1',
        '2026-04-01',
      ),
    ).toThrow(ko(/3분의 2\(5명\)/));
    expect(() =>
      decideResult(
        r,
        {
          clean: false,
          measures: ['fine'],
          reasons: '허위',
          resolution: { ...resolution, membersPresent: 3, votesFor: 3 },
        },
        'inv-1',
        '2026-04-01',
      ),
    ).toThrow(ko(/정족수/));
    expect(() => decideResult(r, { clean: true, measures: ['fine'], reasons: 'x' }, 'inv-1', '2026-04-01')).toThrow(
      ko(/이상 없음/),
    );
  });
  it('is kept until 10 years after retirement (시행령 제36조의3)', () => {
    expect(retainUntil(registrant({ registrationType: 'retirement', eventOn: '2026-06-30' }))).toBe('2036-06-30');
    expect(retainUntil(registrant())).toBeUndefined();
  });
});

describe('disclosure refusal on a registrant (시행령 제27조)', () => {
  const application = {
    relatives: [{ relation: 'descendant', name: '김자녀' }],
    reason: '독립 생계',
    window: 'yearly',
    windowStartsOn: '2026-01-01',
    appliedOn: '2026-01-20',
  };
  const judged = (independentLivelihood: boolean) => ({
    tests: [
      {
        name: '김자녀',
        age: 34,
        propertyWon: 10_000_000,
        monthlyIncomeWon: 3_000_000,
        medianIncomeWon: 2_400_000,
        separateHousehold: true,
        independentLivelihood,
        reasons: '판단',
      },
    ],
    noticeReceivedOn: '2026-02-10',
  });

  it('is refused outside its window, extended once, and a refusal moves an unfiled registrant’s last day', () => {
    const r = registrant();
    expect(() => applyDisclosure(r, { ...application, appliedOn: '2026-02-03' }, '2026-02-03', calendar)).toThrow(
      ko(/신청 기간/),
    );
    const applied = applyDisclosure(r, application, '2026-01-20', calendar);
    expect(applied.disclosureRefusals[0]?.decisionDueOn).toBe('2026-01-30');
    const extended = extendDisclosure(applied, '2026-01-28', calendar);
    expect(extended.disclosureRefusals[0]?.decisionDueOn).toBe('2026-02-09');
    expect(() => extendDisclosure(extended, '2026-01-29', calendar)).toThrow(ko(/한 차례만/));
    const refused = decideDisclosure(extended, judged(false), '2026-02-06', calendar);
    expect(refused.disclosureRefusals[0]?.decision).toMatchObject({
      permitted: false,
      registrationDueOn: '2026-03-12',
    });
    expect(refused.dueOn).toBe('2026-03-12'); // later than the yearly period's 2026-03-03
    const permitted = decideDisclosure(applied, judged(true), '2026-01-29', calendar);
    expect(permitted.disclosureRefusals[0]?.decision).toMatchObject({ permitted: true, reReviewYear: 2029 });
    expect(permitted.dueOn).toBe(r.dueOn);
  });

  it('judges every relative applied for, and only them', () => {
    const applied = applyDisclosure(registrant(), application, '2026-01-20', calendar);
    const other = judged(true);
    other.tests[0]!.name = '다른사람';
    expect(() => decideDisclosure(applied, other, '2026-01-29', calendar)).toThrow(ko(/신청한 친족이 아닙니다/));
  });
});
