/**
 * 공익신고 end to end through the HTTP API and the local Step Functions service running the
 * whistleblower-report workflow: a direct report (supplements, investigation, result notice), a
 * 권익위-referred report declined on a ground of 법 제10조② and one investigated (both reported to
 * 권익위 within 10 days), a transfer (이송), and a 부패신고 with its own 60-day clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#shared/domain/roles.ts';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => t.system.close());

interface Task {
  taskId: string;
  caseId: string;
  type: string;
  allowedDecisions: string[];
  dueAt: string;
  dueBasis?: { article?: string; source: string };
}

async function openTask(role: Role, caseId: string): Promise<Task> {
  await t.system.stepFunctions.settle();
  const res = await t.call('GET', `/cases/${caseId}/tasks`, { as: role });
  expect(res.status).toBe(200);
  const task = (res.body.items as (Task & { status: string })[]).find((i) => i.status === 'open');
  expect(task, `an open task on ${caseId}`).toBeDefined();
  return task!;
}

async function decide(role: Role, caseId: string, type: string, form: Record<string, unknown>) {
  const task = await openTask(role, caseId);
  expect(task.type).toBe(type);
  const res = await t.call('POST', `/cases/${caseId}/tasks/${task.taskId}/complete`, { as: role, body: form });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function register(whistleblower: Record<string, unknown>, assigned = true) {
  const res = await t.call('POST', '/cases', {
    as: 'head',
    body: {
      kind: 'whistleblower-report',
      title: '폐기물 불법 매립 공익신고',
      receivedAt: '2026-11-02T10:00:00+09:00',
      whistleblower,
      reporter: { name: '남궁옥분', phone: '010-4321-8765', consentToDisclosure: false },
      ...(assigned && { assigneeSub: t.users.investigator.sub }),
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.case.whistleblower).toMatchObject({ notices: [], supplements: [] });
  return res.body.case.caseId as string;
}

async function stageOf(caseId: string) {
  await t.system.stepFunctions.settle();
  return (await t.call('GET', `/cases/${caseId}`, { as: 'head' })).body;
}

const notice = { decision: 'send-protection-notice', sentOn: '2026-11-02', method: '문서' };

describe('whistleblower-report lifecycle', () => {
  it('takes a direct report through supplements, investigation and the result notice to closure', async () => {
    const caseId = await register({ route: 'direct', violatedLaw: '폐기물관리법' });
    await decide('investigator', caseId, 'whistleblower-protection-notice', notice);
    await decide('investigator', caseId, 'whistleblower-screening', {
      decision: 'request-supplement',
      requestedOn: '2026-11-03',
      dueOn: '2026-11-13',
      items: '매립 장소 사진',
    });
    const supplement = await openTask('investigator', caseId);
    expect(supplement).toMatchObject({ type: 'whistleblower-supplement', dueBasis: { source: 'case-date' } });
    expect(supplement.dueAt.slice(0, 10)).toBe('2026-11-13');
    await decide('investigator', caseId, 'whistleblower-supplement', {
      decision: 'supplement-answered',
      answeredOn: '2026-11-10',
    });
    // One answered supplement is no ground to close for unanswered supplements (법 제10조②).
    const screening = await openTask('investigator', caseId);
    const refused = await t.call('POST', `/cases/${caseId}/tasks/${screening.taskId}/complete`, {
      as: 'investigator',
      body: {
        decision: 'decline',
        outcome: 'close',
        ground: 'supplement-ignored',
        reason: '보완 불응',
        decidedOn: '2026-11-14',
        notifiedOn: '2026-11-14',
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.rule).toBe('two_unanswered_supplements');
    await decide('investigator', caseId, 'whistleblower-screening', {
      decision: 'start-investigation',
      decidedOn: '2026-11-14',
    });
    const investigation = await openTask('investigator', caseId);
    expect(investigation.dueBasis).toMatchObject({ source: 'default' });
    await decide('investigator', caseId, 'whistleblower-investigation', {
      decision: 'finish-investigation',
      endedOn: '2026-12-01',
      findings: '불법 매립 확인',
      violationFound: true,
    });
    await decide('investigator', caseId, 'whistleblower-result-notice', {
      decision: 'notify-result',
      measures: '원상복구 명령, 고발',
      notifiedOn: '2026-12-02',
      protectionNoticeOn: '2026-12-02',
      protectionNoticeMethod: '문서',
    });
    const closed = await stageOf(caseId);
    expect(closed.stage).toBe('closed');
    expect(closed.whistleblower.notices.map((n: { occasion: string }) => n.occasion)).toEqual(['intake', 'result']);
    expect(closed.whistleblower.acrcReport).toBeUndefined();
    // The case page's lines (details.view), in Korean with the office's date format.
    expect(closed.detailsView).toContainEqual({
      labelKo: '조사 결과',
      value: '공익침해행위 확인 (2026년 12월 1일(화) 조사 종료)',
    });
  });

  it('has the team lead name the handler of a referred report, declines it with a ground, and reports to 권익위', async () => {
    const caseId = await register({ route: 'acrc-transfer', acrcReference: '권익위-2026-0777' }, false);
    // The complaints team's lead (민원관리팀장) names the handler.
    const lead = await t.system.issuer.mint({
      sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000031',
      email: 'subin.bae@gamsa.local',
      name: '배수빈',
      roles: ['team-lead'],
    });
    await t.system.stepFunctions.settle();
    const tasks = await t.call('GET', `/cases/${caseId}/tasks`, { token: lead });
    const assignTask = (tasks.body.items as (Task & { status: string })[]).find((i) => i.status === 'open')!;
    expect(assignTask.type).toBe('assign');
    const assigned = await t.call('POST', `/cases/${caseId}/tasks/${assignTask.taskId}/complete`, {
      token: lead,
      body: { decision: 'assign', assigneeSub: t.users.investigator.sub },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    await decide('investigator', caseId, 'whistleblower-protection-notice', notice);
    await decide('investigator', caseId, 'whistleblower-screening', {
      decision: 'decline',
      outcome: 'stop',
      ground: 'other-proceedings',
      reason: '경찰 수사 개시',
      decidedOn: '2026-11-05',
      notifiedOn: '2026-11-05',
    });
    const report = await openTask('investigator', caseId);
    expect(report).toMatchObject({ type: 'whistleblower-acrc-report', dueBasis: { source: 'statutory' } });
    expect(report.dueAt.slice(0, 10)).toBe('2026-11-16');
    await decide('investigator', caseId, 'whistleblower-acrc-report', {
      decision: 'report-to-acrc',
      sentOn: '2026-11-06',
      summary: '수사 개시로 조사 중단',
    });
    expect((await stageOf(caseId)).stage).toBe('closed');
  });

  it('investigates a referred report and reports the result to 권익위 within 10 days of the investigation’s end', async () => {
    const caseId = await register({ route: 'acrc-referral', acrcReference: '권익위-2026-0778' });
    await decide('investigator', caseId, 'whistleblower-protection-notice', notice);
    await decide('investigator', caseId, 'whistleblower-screening', {
      decision: 'start-investigation',
      decidedOn: '2026-11-03',
    });
    await decide('investigator', caseId, 'whistleblower-investigation', {
      decision: 'finish-investigation',
      endedOn: '2026-11-27',
      findings: '위반 없음',
      violationFound: false,
    });
    await decide('investigator', caseId, 'whistleblower-result-notice', {
      decision: 'notify-result',
      measures: '조치 없음',
      notifiedOn: '2026-11-30',
      protectionNoticeOn: '2026-11-30',
      protectionNoticeMethod: '전자문서',
    });
    const report = await openTask('investigator', caseId);
    expect(report).toMatchObject({
      type: 'whistleblower-acrc-report',
      dueBasis: { article: '공익신고자 보호법 시행령 제11조②', source: 'statutory' },
    });
    expect(report.dueAt.slice(0, 10)).toBe('2026-12-07');
    await decide('investigator', caseId, 'whistleblower-acrc-report', {
      decision: 'report-to-acrc',
      sentOn: '2026-12-03',
      summary: '위반 사실 없음, 보상금 대상 아님',
    });
    const closed = await stageOf(caseId);
    expect(closed.stage).toBe('closed');
    expect(closed.whistleblower.acrcReport.sentOn).toBe('2026-12-03');
  });

  it('transfers a report to the competent body with notices, and closes it', async () => {
    const caseId = await register({ route: 'direct' });
    await decide('investigator', caseId, 'whistleblower-protection-notice', notice);
    await decide('investigator', caseId, 'whistleblower-screening', {
      decision: 'transfer',
      to: '한강유역환경청',
      transferredOn: '2026-11-04',
      notifiedOn: '2026-11-04',
      protectionNoticeOn: '2026-11-04',
      protectionNoticeMethod: '문서',
    });
    const closed = await stageOf(caseId);
    expect(closed.stage).toBe('closed');
    expect(closed.whistleblower.screening).toMatchObject({ outcome: 'transfer', transferTo: '한강유역환경청' });
  });

  it('gives a referred 부패신고 its 60-day statutory clock for the investigation', async () => {
    const caseId = await register({ route: 'acrc-transfer', acrcReference: '권익위-2026-0900', variant: 'corruption' });
    await decide('investigator', caseId, 'whistleblower-protection-notice', notice);
    await decide('investigator', caseId, 'whistleblower-screening', {
      decision: 'start-investigation',
      decidedOn: '2026-11-03',
    });
    const investigation = await openTask('investigator', caseId);
    expect(investigation.dueBasis).toMatchObject({ article: '부패방지권익위법 제60조①', source: 'statutory' });
    expect(investigation.dueAt.slice(0, 10)).toBe('2027-01-04');
  });
});
