/**
 * 고지거부 end to end: an application on a registrant of a property-review campaign, refused outside
 * its window (시행령 제27조①), decided on the dependants test (제27조의2) — a refusal extends the
 * registration period 30 days from the notice (제27조④), a permission dates its re-review three years
 * on — and the yearly job opening that re-review as a case due 30 November (제27조⑤⑥), once however
 * often it runs, whose lifecycle waits for the application until 31 March; a disclosure-refusal case
 * through its own lifecycle (application in its window, one 10-day extension, a refusal's 30 days).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../infra/local/api-server.ts';
import { handler as reReviewJob } from '../../functions/jobs/disclosure-rereview.handler.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { addDays } from '#shared/calendar/korea-dates.ts';
import {
  decisionDueOn,
  extendedDecisionDueOn,
  refusalRegistrationDueOn,
  reReviewDates,
} from '#shared/kinds/disclosure-refusal/disclosure-refusal-deadlines.ts';
import { startTestSystem } from '../support/local-system.ts';
import { staffApi, staffNamed } from '../support/staff-api.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
const { call, caseOf, decide, tryDecide, openTask } = staffApi(() => t);
const lead = staffNamed('최유진');
const reviewer = staffNamed('박준형');

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => t?.system.close());

const calendar = createCalendar();
const today = koreaDate(new Date());
const year = Number(today.slice(0, 4));

const test = (name: string, independentLivelihood: boolean) => ({
  name,
  age: 72,
  occupation: '자영업',
  propertyWon: 350_000_000,
  monthlyIncomeWon: independentLivelihood ? 4_200_000 : 300_000,
  medianIncomeWon: 3_900_000,
  independentLivelihood,
  reasons: independentLivelihood ? '정기소득이 기준 중위소득 이상' : '정기소득 없음 — 피부양자',
});

describe('disclosure refusals on registrants', () => {
  let caseId = '';
  const act = (no: string, body: unknown) => call(reviewer, 'POST', `/cases/${caseId}/registrants/${no}/actions`, body);

  beforeAll(async () => {
    const res = await call(lead, 'POST', '/cases', {
      kind: 'property-review',
      title: `${year}년 정기 재산변동신고 심사`,
      propertyReview: { year, registrationType: 'yearly' },
    });
    caseId = res.body.case.caseId;
    const person = (no: string) => ({
      registrantNo: no,
      name: '홍길동',
      category: 'district-official',
      department: '세무1과',
      position: '지방세무주사(6급)',
      registrationType: 'yearly',
      eventOn: `${year}-01-01`,
    });
    expect(
      (await call(lead, 'POST', `/cases/${caseId}/registrants`, { registrants: [person('D-1'), person('D-2')] }))
        .status,
    ).toBe(200);
  });

  const application = {
    relatives: [{ relation: 'ascendant', name: '홍부친' }],
    reason: '부친은 독립 생계를 유지함',
    window: 'yearly',
    windowStartsOn: `${year}-01-01`,
    appliedOn: `${year}-01-20`,
  };

  it('refuses an application outside the window of its registration type', async () => {
    const late = await act('D-1', {
      action: 'apply-disclosure-refusal',
      application: { ...application, appliedOn: `${year}-02-15` },
    });
    expect(late.status).toBe(400);
    expect(late.body.error.rule).toBe('outside_window');
  });

  it('a refusal extends the registration period by 30 days from the notice', async () => {
    const applied = await act('D-1', { action: 'apply-disclosure-refusal', application });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.registrant.disclosureRefusals[0].decisionDueOn).toBe(decisionDueOn(`${year}-01-20`, calendar));
    const before = applied.body.registrant.dueOn;
    const refused = await act('D-1', {
      action: 'decide-disclosure-refusal',
      decision: { tests: [test('홍부친', false)], noticeReceivedOn: today },
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    const expected = refusalRegistrationDueOn(today, false, calendar);
    expect(refused.body.registrant.disclosureRefusals[0].decision).toMatchObject({
      permitted: false,
      registrationDueOn: expected,
    });
    expect(refused.body.registrant.dueOn).toBe(expected > before ? expected : before);
    expect(refused.body.registrant.dueOn > before).toBe(true);
  });

  it('a permission is re-reviewed in its third year: the yearly job opens the case once', async () => {
    await act('D-2', { action: 'apply-disclosure-refusal', application });
    const permitted = await act('D-2', {
      action: 'decide-disclosure-refusal',
      decision: { tests: [test('홍부친', true)], noticeReceivedOn: today },
    });
    expect(permitted.status, JSON.stringify(permitted.body)).toBe(200);
    expect(permitted.body.registrant.disclosureRefusals[0].decision.reReviewYear).toBe(year + 3);

    const run = (scheduledTime: string) =>
      reReviewJob(
        { job: 'disclosure-rereview', scheduledTime },
        lambdaContext('gamsa-disclosure-rereview', 60_000),
      ) as Promise<{
        year: number;
        opened: number;
        alreadyOpen: number;
        cases: { caseId: string; caseNumber: string }[];
      }>;
    // The year before: nothing is due.
    expect((await run(`${year + 2}-01-01T21:00:00Z`)).opened).toBe(0);
    const first = await run(`${year + 3}-01-01T21:00:00Z`);
    expect(first).toMatchObject({ year: year + 3, opened: 1, alreadyOpen: 0 });
    const again = await run(`${year + 3}-01-01T21:05:00Z`);
    expect(again).toMatchObject({ opened: 0, alreadyOpen: 1, cases: first.cases });

    const reReview = await caseOf(first.cases[0]!.caseId);
    expect(reReview.kind).toBe('disclosure-refusal');
    expect(reReview.dueDate).toBe(`${year + 3}-11-30`);
    expect(reReview.title).toContain('D-2');
    expect(reReview.disclosureRefusal).toMatchObject({
      registrantNo: 'D-2',
      reReview: { year: year + 3, permittedOn: today, applyFrom: `${year + 3}-01-01`, decideBy: `${year + 3}-11-30` },
    });

    // Its own lifecycle asks for the re-review application by 31 March of that year (시행령 제27조⑤).
    await decide(lead, reReview.caseId, 'assign', { decision: 'assign', assigneeSub: reviewer.sub });
    const waiting = await openTask(reReview.caseId);
    expect(waiting.type).toBe('disclosure-refusal-application');
    expect(waiting.dueAt.slice(0, 10)).toBe(reReviewDates(year + 3, calendar).applyUntil);
    const early = await tryDecide(reviewer, reReview.caseId, 'disclosure-refusal-application', {
      decision: 'record-refusal-application',
      application: { ...application, window: 're-review', windowStartsOn: `${year + 3}-01-01`, appliedOn: today },
    });
    expect(early.status, JSON.stringify(early.body)).toBe(400);
    expect(early.body.error.rule).toBe('outside_window');
  });
});

describe('a disclosure-refusal case through its own lifecycle', () => {
  it('takes the application in its window, extends the decision once by 10 days, and a refusal gives 30 more days to register', async () => {
    const becameOn = addDays(today, -10);
    const appliedOn = addDays(today, -2);
    const res = await call(lead, 'POST', '/cases', {
      kind: 'disclosure-refusal',
      title: '고지거부 심사 — 신규 의무자',
      disclosureRefusal: { registrantNo: 'N-1' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const caseId = res.body.case.caseId as string;
    await decide(lead, caseId, 'assign', { decision: 'assign', assigneeSub: reviewer.sub });
    const initial = {
      relatives: [{ relation: 'ascendant', name: '홍부친' }],
      reason: '부친은 독립 생계를 유지함',
      window: 'initial',
      windowStartsOn: becameOn,
      appliedOn,
    };
    const outside = await tryDecide(reviewer, caseId, 'disclosure-refusal-application', {
      decision: 'record-refusal-application',
      application: { ...initial, appliedOn: addDays(becameOn, -1) },
    });
    expect(outside.status).toBe(400);
    await decide(reviewer, caseId, 'disclosure-refusal-application', {
      decision: 'record-refusal-application',
      application: initial,
    });
    const first = await openTask(caseId);
    expect(first.type).toBe('disclosure-refusal-decision');
    const firstDue = decisionDueOn(appliedOn, calendar);
    expect(first.dueAt.slice(0, 10)).toBe(firstDue);

    await decide(reviewer, caseId, 'disclosure-refusal-decision', { decision: 'extend-refusal-decision' });
    const extended = await openTask(caseId);
    expect(extended.dueAt.slice(0, 10)).toBe(extendedDecisionDueOn(firstDue, calendar));
    const twice = await tryDecide(reviewer, caseId, 'disclosure-refusal-decision', {
      decision: 'extend-refusal-decision',
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.rule).toBe('extended_once');

    await decide(reviewer, caseId, 'disclosure-refusal-decision', {
      decision: 'decide-refusal',
      tests: [test('홍부친', false)],
      noticeReceivedOn: today,
    });
    const closed = await caseOf(caseId);
    expect(closed.stage).toBe('closed');
    expect(closed.disclosureRefusal.applications[0].decision).toMatchObject({
      permitted: false,
      registrationDueOn: refusalRegistrationDueOn(today, false, calendar),
    });
  });

  it('is not received without its registrant', async () => {
    const res = await call(lead, 'POST', '/cases', { kind: 'disclosure-refusal', title: '고지거부 심사' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('disclosureRefusal');
  });
});
