/**
 * 자치법규 인권영향평가 end to end through the HTTP API and the local Step Functions service running
 * the kind's own workflow:
 *
 * - a draft ordinance whose legislative notice is 40 days away: due the set days before it, counted
 *   back to a business day → the officer named → the department's self-check list → the assessment
 *   (원안 동의 refused while a criterion raises a concern; 개선 권고 refused without its articles) →
 *   개선 권고 on two articles → the department's refusal, refused without its reasons, then recorded →
 *   closed;
 * - a draft rule agreed as it is closes at the assessment;
 * - both count in the office report's human-rights table; the history chains verify;
 * - the 인권위원회's next meeting lists both as 보고 안건 (no vote), each with its conclusion, and a
 *   meeting of another committee lists none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import {
  assessmentDue,
  HUMAN_RIGHTS_SETTINGS,
  responseDue,
} from '#shared/kinds/human-rights-assessment/human-rights-deadlines.ts';
import { startTestSystem } from '../support/local-system.ts';
import { staffApi, staffNamed } from '../support/staff-api.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
const { call, tryDecide, decide, caseOf, openTask } = staffApi(() => t);

const lead = staffNamed('최유진');
const officer = staffNamed('박준형');

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => t?.system.close());

const calendar = createCalendar();
const today = koreaDate(new Date());
const addDays = (on: string, days: number) =>
  new Date(Date.parse(`${on}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const noticeOn = addDays(today, 40);

/** Checked apart from the module's own count: the day is a business day, and none lies between it and `days` before the notice. */
function expectCountedBack(dueOn: string, days: number) {
  const latest = addDays(noticeOn, -days);
  expect(dueOn <= latest).toBe(true);
  expect(calendar.isBusinessDay(dueOn)).toBe(true);
  for (let d = addDays(dueOn, 1); d <= latest; d = addDays(d, 1)) expect(calendar.isBusinessDay(d)).toBe(false);
}

const REQUEST = {
  lawTitle: '서울특별시 영등포구 공공시설 이용 조례 일부개정조례안',
  lawType: '조례',
  change: '일부개정',
  department: '자치행정과',
  legislativeNoticeOn: noticeOn,
};
const noConcern = (note: string) => ({ concern: false, note });
const SELF_CHECK = {
  infringement: noConcern('이용 제한 사유 신설 — 부서는 우려 없다고 판단'),
  remedy: noConcern('이의신청 절차 있음'),
  participation: noConcern('공청회 예정'),
  promotion: noConcern('해당 없음'),
};

describe('an assessment with a recommendation the department refuses', () => {
  let caseId = '';

  it('refuses a request without details or with a notice date before it; due the set days before the notice', async () => {
    const missing = await call(lead, 'POST', '/cases', { kind: 'human-rights-assessment', title: '조례 인권영향평가' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ field: 'humanRights', rule: 'required' });
    const early = await call(lead, 'POST', '/cases', {
      kind: 'human-rights-assessment',
      title: '조례 인권영향평가',
      humanRights: { ...REQUEST, legislativeNoticeOn: addDays(today, -1) },
    });
    expect(early.status).toBe(400);
    expect(early.body.error).toMatchObject({ field: 'humanRights.legislativeNoticeOn', rule: 'date_order' });

    const res = await call(lead, 'POST', '/cases', {
      kind: 'human-rights-assessment',
      title: '공공시설 이용 조례 개정안 인권영향평가',
      department: '자치행정과',
      humanRights: REQUEST,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    caseId = res.body.case.caseId;
    expectCountedBack(res.body.case.dueDate, HUMAN_RIGHTS_SETTINGS.assessmentDaysBeforeNotice);
    expect(res.body.case.dueDate).toBe(assessmentDue(noticeOn, calendar).dueAt.slice(0, 10));

    await decide(lead, caseId, 'assign', { decision: 'assign', assigneeSub: officer.sub });
    const selfCheck = await openTask(caseId);
    expect(selfCheck.type).toBe('human-rights-self-check');
    expect(selfCheck.dueAt).toBe(assessmentDue(noticeOn, calendar).dueAt);
    expect(selfCheck.dueBasis?.labelKo).toContain('구 규칙 확인 필요');
    expect(selfCheck.dueBasis?.labelKo).toContain(`입법예고일 ${noticeOn}`);
    await decide(officer, caseId, 'human-rights-self-check', {
      decision: 'record-self-check',
      submittedOn: today,
      criteria: SELF_CHECK,
    });
  });

  it('assesses on the four criteria: a concern rules out 원안 동의, a recommendation names its articles', async () => {
    const assessed = {
      ...SELF_CHECK,
      infringement: { concern: true, note: '"공공질서를 해칠 우려" 이용 제한은 자의적 해석 여지' },
    };
    const agreed = await tryDecide(officer, caseId, 'human-rights-assessment', {
      decision: 'propose-assessment',
      criteria: assessed,
      conclusion: '원안 동의',
    });
    expect(agreed.status).toBe(400);
    expect(agreed.body.error).toMatchObject({ field: 'conclusion', rule: 'concerns_found' });
    const noArticles = await tryDecide(officer, caseId, 'human-rights-assessment', {
      decision: 'propose-assessment',
      criteria: assessed,
      conclusion: '개선 권고',
      recommendation: '제한 사유를 구체화할 것',
    });
    expect(noArticles.status).toBe(400);
    expect(noArticles.body.error).toMatchObject({ field: 'articles', rule: 'required_for_recommendation' });
    await decide(officer, caseId, 'human-rights-assessment', {
      decision: 'propose-assessment',
      criteria: assessed,
      conclusion: '개선 권고',
      articles: ['제5조②', '제9조'],
      recommendation: '이용 제한 사유를 구체적으로 열거하고 이의신청 기간을 명시할 것',
    });
    const response = await openTask(caseId);
    expect(response.type).toBe('human-rights-response');
    expect(response.dueAt).toBe(responseDue(noticeOn, calendar).dueAt);
    expectCountedBack(response.dueAt.slice(0, 10), HUMAN_RIGHTS_SETTINGS.responseDaysBeforeNotice);
  });

  it('records the department’s refusal only with its reasons, then closes', async () => {
    const bare = await tryDecide(officer, caseId, 'human-rights-response', {
      decision: 'record-department-response',
      response: '불수용',
      respondedOn: today,
    });
    expect(bare.status).toBe(400);
    expect(bare.body.error).toMatchObject({ field: 'refusalGrounds', rule: 'required_for_refusal' });
    await decide(officer, caseId, 'human-rights-response', {
      decision: 'record-department-response',
      response: '불수용',
      refusalGrounds: '상위 조례의 문구를 그대로 따름',
      respondedOn: today,
    });
    const c = await caseOf(caseId);
    expect(c.stage).toBe('closed');
    expect(c.humanRights.assessment).toMatchObject({ conclusion: '개선 권고', articles: ['제5조②', '제9조'] });
    expect(c.humanRights.response).toMatchObject({
      response: '불수용',
      refusalGrounds: '상위 조례의 문구를 그대로 따름',
    });
    expect(c.detailsView.map((l: { labelKo: string }) => l.labelKo)).toEqual(
      expect.arrayContaining(['자치법규', '입법예고 예정일', '권고 조항', '불수용 사유']),
    );
    const history = await call(lead, 'GET', `/cases/${caseId}/history`);
    expect(history.body.verification.ok).toBe(true);
  });
});

describe('an assessment agreed as it is, and the report', () => {
  it('closes at the assessment; both count in the office report’s human-rights table', async () => {
    const res = await call(lead, 'POST', '/cases', {
      kind: 'human-rights-assessment',
      title: '주차장 관리 규칙 인권영향평가',
      assigneeSub: officer.sub,
      humanRights: { ...REQUEST, lawTitle: '영등포구 공영주차장 관리 규칙', lawType: '규칙' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const caseId = res.body.case.caseId;
    await decide(officer, caseId, 'human-rights-self-check', {
      decision: 'record-self-check',
      submittedOn: today,
      criteria: SELF_CHECK,
    });
    await decide(officer, caseId, 'human-rights-assessment', {
      decision: 'propose-assessment',
      criteria: SELF_CHECK,
      conclusion: '원안 동의',
    });
    expect((await caseOf(caseId)).stage).toBe('closed');

    const report = await call(lead, 'GET', `/reports/office?from=${today}&to=${today}`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const table = report.body.tables.find((tb: { id: string }) => tb.id === 'human-rights');
    expect(table.rows).toEqual([
      { key: 'human-rights-assessment', labelKo: '자치법규 인권영향평가', cells: { received: 2, closed: 2, open: 0 } },
    ]);
  });
});

describe('the 인권위원회 is told at its next meeting', () => {
  it('lists the assessments closed since, each with its conclusion and the department’s answer, without a vote', async () => {
    let day = today;
    while (!calendar.isBusinessDay(day)) day = addDays(day, 1);
    const scheduled = await t.call('POST', '/committees/human-rights/meetings', {
      as: 'secretary',
      body: { scheduledAt: `${day}T14:00:00+09:00`, place: '구청 본관 기획상황실' },
    });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(201);
    // The head of office sits on it (hr-audit).
    const view = await t.call('GET', `/meetings/${scheduled.body.meeting.meetingId}`, { as: 'head' });
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    const lines = (view.body.reports as { kind: string; closedOn: string; line: string }[]).map((r) => {
      expect(r).toMatchObject({ kind: 'human-rights-assessment', closedOn: today });
      return r.line;
    });
    expect(lines.sort()).toEqual([
      '「서울특별시 영등포구 공공시설 이용 조례 일부개정조례안」 일부개정안(조례, 자치행정과) — 개선 권고 (제5조②, 제9조) → 부서 불수용: 상위 조례의 문구를 그대로 따름',
      '「영등포구 공영주차장 관리 규칙」 일부개정안(규칙, 자치행정과) — 원안 동의',
    ]);
    expect(view.body.agenda).toEqual([]);

    // Another committee is told nothing of them.
    const other = await t.call('POST', '/committees/petition-review/meetings', {
      as: 'secretary',
      body: { scheduledAt: `${day}T10:00:00+09:00` },
    });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    const otherView = await t.call('GET', `/meetings/${other.body.meeting.meetingId}`, { as: 'secretary' });
    expect(otherView.body.reports).toEqual([]);
  });
});
