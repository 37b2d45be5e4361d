/**
 * Grievance complaints (고충민원) end to end on the local system (HTTP API, the local Step Functions
 * service running the grievance ASL, step handlers, DynamoDB Local): answered in time; extended
 * twice (the second only with the complainant's consent, 민원처리법 시행령 제21조①); a field
 * investigation stopping the clock (시행령 제17조④⑤); a repeated complaint linked to 3 earlier ones
 * with 2 answers closed as 반복민원 (민원처리법 제23조①), and a multi-party one closed by the
 * mediation committee (시행령 제26조); a re-filed one investigated by the audit office first
 * (시행령 제17조②). Every refusal answers a clear 4xx naming field and rule, and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../infra/local/demo-data.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import { addDays } from '#shared/calendar/korea-dates.ts';
import { koreaDate, toKoreaIso } from '#shared/domain/korea-time.ts';
import type { Role } from '#shared/domain/roles.ts';
import { computeGrievanceDue } from '#shared/kinds/grievance/grievance-deadlines.ts';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
const complaintsLead = DEMO_STAFF.find((m) => m.name === '배수빈')!;
const handler = DEMO_STAFF.find((m) => m.name === '신예린')!;
const tokens: Record<'lead' | 'handler', string> = { lead: '', handler: '' };

beforeAll(async () => {
  t = await startTestSystem();
  tokens.lead = await t.system.issuer.mint({
    sub: complaintsLead.sub,
    email: complaintsLead.email,
    name: complaintsLead.name,
    roles: complaintsLead.roles,
  });
  tokens.handler = await t.system.issuer.mint({
    sub: handler.sub,
    email: handler.email,
    name: handler.name,
    roles: handler.roles,
  });
});
afterAll(async () => t.system.close());

const calendar = createCalendar();
const today = koreaDate(new Date());

type Who = Role | 'lead' | 'handler';
const as = (who: Who) => (who === 'lead' || who === 'handler' ? { token: tokens[who] } : { as: who });

interface Task {
  taskId: string;
  caseId: string;
  type: string;
  stage: string;
  dueAt: string;
  assignee: Record<string, string>;
  committee?: string;
  dueBasis?: { source: string; article?: string; labelKo: string };
  allowedDecisions: string[];
}

async function openTask(who: Who, caseId: string, type: string): Promise<Task | undefined> {
  await t.system.stepFunctions.settle();
  const res = await t.call('GET', '/me/tasks?limit=100', as(who));
  expect(res.status).toBe(200);
  return (res.body.items as Task[]).find((task) => task.caseId === caseId && task.type === type);
}

async function complete(who: Who, task: Task, body: Record<string, unknown>) {
  return t.call('POST', `/cases/${task.caseId}/tasks/${task.taskId}/complete`, { ...as(who), body });
}

async function step(who: Who, caseId: string, type: string, body: Record<string, unknown>): Promise<Task> {
  const task = await openTask(who, caseId, type);
  expect(task, `${type} task for ${who}`).toBeDefined();
  const res = await complete(who, task!, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return task!;
}

async function getCase(caseId: string) {
  await t.system.stepFunctions.settle();
  const res = await t.call('GET', `/cases/${caseId}`, { as: 'auditor' });
  expect(res.status).toBe(200);
  return res.body;
}

async function history(caseId: string) {
  await t.system.stepFunctions.settle();
  const res = await t.call('GET', `/cases/${caseId}/history`, { as: 'auditor' });
  expect(res.status).toBe(200);
  expect(res.body.verification.ok).toBe(true);
  return res.body.events as { type: string; stageAfter?: string; data: Record<string, any> }[];
}

async function eventTypes(caseId: string): Promise<string[]> {
  return (await history(caseId)).map((e) => (e.type === 'STAGE_CHANGED' ? `STAGE→${e.stageAfter}` : e.type));
}

async function intake(title: string, extra: Record<string, unknown> = {}, grievance: Record<string, unknown> = {}) {
  const res = await t.call('POST', '/cases', {
    as: 'clerk',
    body: {
      kind: 'grievance',
      title,
      channel: '구청장에게 바란다',
      department: '건축과',
      grievance: { complainant: { name: '홍길동', contact: '010-0000-0000' }, ...grievance },
      ...extra,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.workflowStarted).toBe(true);
  return res.body.case as {
    caseId: string;
    caseNumber: string;
    receivedAt: string;
    dueDate: string;
    version: number;
    grievance: { due: { dueDate: string; dueAt: string } };
  };
}

const triage = (caseId: string, extra: Record<string, unknown> = {}) =>
  step('lead', caseId, 'grievance-triage', {
    decision: 'triage',
    handlingDepartment: '건축과',
    assigneeSub: handler.sub,
    ...extra,
  });

/** A refused request: its status, field and rule — and the case's history and version are unchanged. */
async function expectRefused(
  caseId: string,
  request: () => Promise<{ status: number; body: any }>,
  expected: { status: number; field?: string; rule?: string },
) {
  const before = await getCase(caseId);
  const eventsBefore = (await history(caseId)).length;
  const res = await request();
  expect(
    { status: res.status, field: res.body?.error?.field, rule: res.body?.error?.rule },
    JSON.stringify(res.body),
  ).toMatchObject(expected);
  expect(res.body.error.messageKo).toBeTruthy();
  const after = await getCase(caseId);
  expect(after.version).toBe(before.version);
  expect(after.dueDate).toBe(before.dueDate);
  expect((await history(caseId)).length).toBe(eventsBefore);
  return res;
}

describe('a grievance answered in time', () => {
  it('runs intake → triage → answer → closed, on time, with its statutory due date explained and the chain intact', async () => {
    const c = await intake('공사장 야간 소음 고충민원');
    const expected = computeGrievanceDue(c.receivedAt, [], [], calendar);
    expect(c.grievance.due).toMatchObject({ dueDate: expected.dueDate, dueAt: expected.dueAt });
    expect(c.dueDate).toBe(expected.dueDate);

    const triageTask = await openTask('lead', c.caseId, 'grievance-triage');
    expect(triageTask).toMatchObject({
      stage: 'assignment',
      assignee: { role: 'team-lead', team: 'complaints' },
      dueBasis: { article: '민원처리법 시행령 제13조①' },
    });
    // The investigation team's lead does not triage the complaints team's grievances.
    expect(await openTask('team-lead', c.caseId, 'grievance-triage')).toBeUndefined();
    await complete('lead', triageTask!, { decision: 'triage', handlingDepartment: '건축과', assigneeSub: handler.sub });

    const answerTask = await openTask('handler', c.caseId, 'grievance-answer');
    expect(answerTask).toMatchObject({
      stage: 'disposition',
      dueAt: expected.dueAt,
      dueBasis: { source: 'statutory', article: '민원처리법 시행령 제17조①' },
      allowedDecisions: ['answer', 'close-as-repeated'],
    });
    const answered = await complete('handler', answerTask!, {
      decision: 'answer',
      answer: '야간 공사 중지 및 소음 측정 결과 통보',
      method: '전자민원창구',
    });
    expect(answered.status).toBe(200);

    const closed = await getCase(c.caseId);
    expect(closed).toMatchObject({
      stage: 'closed',
      assigneeSub: handler.sub,
      grievance: {
        outcome: 'answered',
        handling: { department: '건축과', assigneeSub: handler.sub },
        answer: { onTime: true, dueAt: expected.dueAt },
      },
    });
    // The case page's lines (details.view), in Korean.
    expect(closed.detailsView).toEqual(
      expect.arrayContaining([
        { labelKo: '처리부서', value: '건축과' },
        { labelKo: '처리 결과', value: '답변 종결' },
      ]),
    );
    expect(await eventTypes(c.caseId)).toEqual([
      'CASE_CREATED',
      'STAGE→assignment',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'ASSIGNED',
      'STAGE→disposition',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'DECISION_RECORDED',
      'STAGE→closed',
    ]);
    const events = await history(c.caseId);
    expect(events[0]?.data.grievance).toMatchObject({
      complainantRecorded: true,
      dueDate: expected.dueDate,
      dueArticle: '민원처리법 시행령 제17조①',
    });
    // The complainant is personal data: on the case, never in its history.
    expect(JSON.stringify(events)).not.toContain('홍길동');
    expect(events.find((e) => e.type === 'DECISION_RECORDED')?.data).toMatchObject({
      outcome: 'answered',
      onTime: true,
    });
    const verify = await t.call('GET', `/cases/${c.caseId}/verify`, { as: 'auditor' });
    expect(verify.body).toMatchObject({ ok: true });
  });
});

describe('extensions (민원처리법 시행령 제21조①) and field investigations (시행령 제17조④⑤)', () => {
  it('extends once, refuses the second without consent (nothing changes), accepts it with consent; the answer task follows each new due date', async () => {
    const c = await intake('도로 파손 보수 지연 고충민원');
    await triage(c.caseId);
    const answerTask = (await openTask('handler', c.caseId, 'grievance-answer'))!;
    expect(answerTask.dueAt).toBe(c.grievance.due.dueAt);

    const first = { days: 5, reason: '관계 부서(도로관리과) 협의 필요' };
    const extended = await t.call('POST', `/cases/${c.caseId}/extensions`, {
      token: tokens.handler,
      body: first,
      headers: { 'idempotency-key': `ext-1-${c.caseId}` },
    });
    expect(extended.status, JSON.stringify(extended.body)).toBe(201);
    const afterFirst = computeGrievanceDue(c.receivedAt, [], [{ days: 5, reasonKo: first.reason }], calendar);
    expect(extended.body.case).toMatchObject({
      dueDate: afterFirst.dueDate,
      grievance: { extensions: [{ seq: 1, days: 5, previousDueDate: c.dueDate, dueDate: afterFirst.dueDate }] },
    });
    expect(extended.body.events[0]).toMatchObject({
      type: 'DUE_EXTENDED',
      data: { seq: 1, article: '민원처리법 시행령 제21조①', movedTasks: [answerTask.taskId] },
    });
    expect((await openTask('handler', c.caseId, 'grievance-answer'))!).toMatchObject({
      taskId: answerTask.taskId,
      dueAt: afterFirst.dueAt,
    });
    // The same request again (same Idempotency-Key) changes nothing.
    const replay = await t.call('POST', `/cases/${c.caseId}/extensions`, {
      token: tokens.handler,
      body: first,
      headers: { 'idempotency-key': `ext-1-${c.caseId}` },
    });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await getCase(c.caseId)).grievance.extensions).toHaveLength(1);

    const second = { days: 3, reason: '현장 재확인 필요' };
    await expectRefused(
      c.caseId,
      () => t.call('POST', `/cases/${c.caseId}/extensions`, { token: tokens.handler, body: second }),
      { status: 422, field: 'consent', rule: 'consent_required' },
    );
    await expectRefused(
      c.caseId,
      () =>
        t.call('POST', `/cases/${c.caseId}/extensions`, {
          token: tokens.handler,
          body: { ...second, consent: { given: false, by: '홍길동', at: toKoreaIso(new Date()), method: '전화' } },
        }),
      { status: 422, field: 'consent', rule: 'consent_required' },
    );
    expect((await openTask('handler', c.caseId, 'grievance-answer'))!.dueAt).toBe(afterFirst.dueAt);

    const consent = { given: true, by: '홍길동', at: toKoreaIso(new Date()), method: '전화' };
    const withConsent = await t.call('POST', `/cases/${c.caseId}/extensions`, {
      token: tokens.handler,
      body: { ...second, consent },
    });
    expect(withConsent.status, JSON.stringify(withConsent.body)).toBe(201);
    const afterSecond = computeGrievanceDue(
      c.receivedAt,
      [],
      [
        { days: 5, reasonKo: first.reason },
        { days: 3, reasonKo: second.reason, consent: { ...consent, method: '전화' } },
      ],
      calendar,
    );
    expect(withConsent.body.case.dueDate).toBe(afterSecond.dueDate);
    expect(withConsent.body.case.grievance.extensions[1]).toMatchObject({
      seq: 2,
      consent: { given: true, by: '홍길동', method: '전화' },
    });
    expect(withConsent.body.events[0].data.consent).toEqual({ given: true, at: consent.at, method: '전화' });
    expect((await openTask('handler', c.caseId, 'grievance-answer'))!.dueAt).toBe(afterSecond.dueAt);

    await expectRefused(
      c.caseId,
      () =>
        t.call('POST', `/cases/${c.caseId}/extensions`, {
          token: tokens.handler,
          body: { days: 1, reason: '또 연장', consent },
        }),
      { status: 422, field: 'days', rule: 'extension_limit' },
    );

    const notice = await t.call('POST', `/cases/${c.caseId}/progress-notices`, {
      token: tokens.handler,
      body: {
        kind: 'extension',
        sentAt: toKoreaIso(new Date()),
        method: '서면',
        expectedCompletionDate: afterSecond.dueDate,
        note: '연장 사유와 처리완료 예정일 통지',
      },
    });
    expect(notice.status, JSON.stringify(notice.body)).toBe(201);
    expect(notice.body.events[0]).toMatchObject({
      type: 'PROGRESS_NOTICE_RECORDED',
      data: { kind: 'extension', method: '서면' },
    });

    await step('handler', c.caseId, 'grievance-answer', { decision: 'answer', answer: '보수 공사 일정 회신' });
    const closed = await getCase(c.caseId);
    expect(closed).toMatchObject({
      stage: 'closed',
      grievance: { outcome: 'answered', answer: { onTime: true, dueAt: afterSecond.dueAt } },
    });
    const types = await eventTypes(c.caseId);
    expect(types.filter((type) => type === 'DUE_EXTENDED')).toHaveLength(2);
    expect(types).toContain('PROGRESS_NOTICE_RECORDED');
    expect(JSON.stringify(await history(c.caseId))).not.toContain('홍길동');
  });

  it('stops the clock for a field investigation and starts it again, moving the case and its answer task each time', async () => {
    const c = await intake('하천 악취 현장조사 필요 고충민원');
    await triage(c.caseId);
    const task = (await openTask('handler', c.caseId, 'grievance-answer'))!;

    const started = await t.call('POST', `/cases/${c.caseId}/clock-stops`, {
      token: tokens.handler,
      body: { action: 'start', from: today, reason: '현장 악취 측정' },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const stop = started.body.case.grievance.clockStops[0];
    const provisional = computeGrievanceDue(c.receivedAt, [stop], [], calendar);
    expect(started.body.case.dueDate).toBe(provisional.dueDate);
    expect(started.body.events[0]).toMatchObject({
      type: 'CLOCK_STOPPED',
      data: { provisional: true, movedTasks: [task.taskId] },
    });
    expect((await openTask('handler', c.caseId, 'grievance-answer'))!.dueAt).toBe(provisional.dueAt);

    await expectRefused(c.caseId, () => complete('handler', task, { decision: 'answer', answer: '조사 중 답변' }), {
      status: 409,
      field: 'decision',
      rule: 'clock_stop_open',
    });

    const ended = await t.call('POST', `/cases/${c.caseId}/clock-stops`, {
      token: tokens.handler,
      body: { action: 'end', to: today },
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(201);
    const final = computeGrievanceDue(c.receivedAt, [{ ...stop, to: today }], [], calendar);
    expect(ended.body.case.dueDate).toBe(final.dueDate);
    expect(ended.body.case.grievance.due.explanation.join('\n')).toContain('민원처리법 시행령 제17조⑤');
    expect((await openTask('handler', c.caseId, 'grievance-answer'))!.dueAt).toBe(final.dueAt);
    expect(await eventTypes(c.caseId)).toEqual(expect.arrayContaining(['CLOCK_STOPPED', 'CLOCK_RESUMED']));
  });
});

describe('repeated complaints (반복민원, 민원처리법 제23조①)', () => {
  const earlierIds: string[] = [];

  beforeAll(async () => {
    // Three identical complaints filed 30, 20 and 10 days ago; the first two were answered.
    for (const [index, days] of [30, 20, 10].entries()) {
      const c = await intake(`같은 내용 고충민원 ${index + 1}차`, {
        receivedAt: `${addDays(today, -days)}T10:00:00+09:00`,
      });
      earlierIds.push(c.caseId);
      if (index < 2) {
        await triage(c.caseId);
        await step('handler', c.caseId, 'grievance-answer', { decision: 'answer', answer: `${index + 1}차 답변` });
      }
    }
    for (const id of earlierIds.slice(0, 2)) expect((await getCase(id)).grievance.outcome).toBe('answered');
  });

  it('refuses the closure before the links show 3 filings and 2 answers, then closes a complaint linked to them as 반복민원', async () => {
    const c = await intake('같은 내용 고충민원 4차');
    await triage(c.caseId);
    const task = (await openTask('handler', c.caseId, 'grievance-answer'))!;
    const early = await expectRefused(
      c.caseId,
      () => complete('handler', task, { decision: 'close-as-repeated', reasons: '동일 내용 반복' }),
      { status: 422, field: 'decision', rule: 'repeated_rule_not_met' },
    );
    expect(early.body.error.messageKo).toContain('민원처리법 제23조①');

    const linked = await t.call('POST', `/cases/${c.caseId}/links`, {
      token: tokens.handler,
      body: { caseIds: earlierIds, reason: '같은 공사장, 같은 요구' },
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    expect(
      linked.body.case.grievance.links.map((l: { caseId: string; answered: boolean }) => [l.caseId, l.answered]),
    ).toEqual([
      [earlierIds[0], true],
      [earlierIds[1], true],
      [earlierIds[2], false],
    ]);
    expect(linked.body.events[0]).toMatchObject({
      type: 'CASES_LINKED',
      data: { identicalFilings: 3, answers: 2, repeatedClosurePossible: true },
    });
    await expectRefused(
      c.caseId,
      () => t.call('POST', `/cases/${c.caseId}/links`, { token: tokens.handler, body: { caseIds: earlierIds } }),
      { status: 400, field: 'caseIds', rule: 'no_changes' },
    );

    await step('handler', c.caseId, 'grievance-answer', {
      decision: 'close-as-repeated',
      reasons: '동일 내용 4회째, 2회 답변 통지함',
    });
    const closed = await getCase(c.caseId);
    expect(closed).toMatchObject({
      stage: 'closed',
      grievance: {
        outcome: 'closed-as-repeated',
        repeatedClosure: { identicalFilings: 3, answers: 2, article: '민원처리법 제23조①', mediation: 'not-required' },
      },
    });
    const decision = (await history(c.caseId)).find((e) => e.type === 'DECISION_RECORDED');
    expect(decision?.data).toMatchObject({ decision: 'closed-as-repeated', article: '민원처리법 제23조①' });
    expect(decision?.data.explanationKo).toContain('앞선 동일 민원 3건, 그중 답변(결과 통지) 2건');
  });

  it('sends the closure of a repeated multi-party complaint to the mediation committee, whose decision closes it', async () => {
    const c = await intake('같은 내용 다수인 고충민원', {}, { multiParty: { signatories: 15, households: 8 } });
    await triage(c.caseId);
    const linked = await t.call('POST', `/cases/${c.caseId}/links`, {
      token: tokens.handler,
      body: { caseIds: earlierIds },
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    await step('handler', c.caseId, 'grievance-answer', {
      decision: 'close-as-repeated',
      reasons: '동일 내용 반복, 다수인',
    });

    const mediation = await openTask('secretary', c.caseId, 'grievance-mediation');
    expect(mediation).toMatchObject({
      stage: 'review',
      committee: 'mediation',
      assignee: { role: 'secretary' },
      allowedDecisions: ['approve-closure', 'reject-closure'],
    });
    expect((await getCase(c.caseId)).grievance.repeatedClosure.mediation).toBe('pending');
    await complete('secretary', mediation!, { decision: 'approve-closure', comment: '민원조정위원회 심의 결과 종결' });

    const closed = await getCase(c.caseId);
    expect(closed).toMatchObject({
      stage: 'closed',
      grievance: { outcome: 'closed-as-repeated', repeatedClosure: { mediation: 'approved' } },
    });
    const decisions = (await history(c.caseId))
      .filter((e) => e.type === 'DECISION_RECORDED')
      .map((e) => e.data.decision);
    expect(decisions).toEqual(['repeated-closure-to-mediation', 'mediation-approved-closure']);
  });
});

describe('a re-filed grievance (민원처리법 시행령 제17조②)', () => {
  it('goes to the audit office for investigation before it is answered', async () => {
    const c = await intake(
      '재제출 고충민원 — 처리 결과 불복',
      {},
      { refiled: true, refiledReference: '2026-민원-0003' },
    );
    expect((await getCase(c.caseId)).grievance.refiled).toMatchObject({
      source: 'intake',
      reference: '2026-민원-0003',
    });
    await triage(c.caseId);

    expect(await openTask('handler', c.caseId, 'grievance-answer')).toBeUndefined();
    const audit = await openTask('investigator', c.caseId, 'grievance-audit');
    expect(audit).toMatchObject({
      stage: 'investigation',
      assignee: { role: 'investigator', team: 'investigation' },
      dueAt: c.grievance.due.dueAt,
    });
    expect(
      (await complete('investigator', audit!, { decision: 'submit', findings: '부서 처리 과정 적정, 추가 안내 필요' }))
        .status,
    ).toBe(200);

    await step('handler', c.caseId, 'grievance-answer', {
      decision: 'answer',
      answer: '감사부서 조사 결과를 반영한 답변',
    });
    const closed = await getCase(c.caseId);
    expect(closed).toMatchObject({
      stage: 'closed',
      grievance: { outcome: 'answered', auditInvestigation: { findings: '부서 처리 과정 적정, 추가 안내 필요' } },
    });
    expect(await eventTypes(c.caseId)).toEqual([
      'CASE_CREATED',
      'STAGE→assignment',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'ASSIGNED',
      'DECISION_RECORDED',
      'STAGE→investigation',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'STAGE→disposition',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'DECISION_RECORDED',
      'STAGE→closed',
    ]);
  });
});

describe('bad input: a clear 4xx, nothing changes', () => {
  it('refuses bad grievance intakes', async () => {
    const noChannel = await t.call('POST', '/cases', {
      as: 'clerk',
      body: { kind: 'grievance', title: '경로 없음', grievance: {} },
    });
    expect(noChannel.status).toBe(400);
    expect(noChannel.body.error.field).toBe('channel');
    const wrongKind = await t.call('POST', '/cases', {
      as: 'clerk',
      body: { kind: 'case-review', title: '다른 종류', grievance: { refiled: true } },
    });
    expect(wrongKind.body.error).toMatchObject({ field: 'grievance', rule: 'only_for_grievance' });
    expect(wrongKind.status).toBe(400);
    const fewSignatories = await t.call('POST', '/cases', {
      as: 'clerk',
      body: { kind: 'grievance', title: '연명 부족', channel: '방문', grievance: { multiParty: { signatories: 3 } } },
    });
    expect(fewSignatories.status).toBe(400);
    expect(fewSignatories.body.error.field).toBe('grievance.multiParty.signatories');
    const dueByHand = await t.call('POST', '/cases', {
      as: 'clerk',
      body: { kind: 'grievance', title: '기한 직접', channel: '방문', dueDate: '2027-01-31', grievance: {} },
    });
    expect(dueByHand.body.error).toMatchObject({ field: 'dueDate', rule: 'statutory_due_date' });
  });

  it('refuses bad extension, clock-stop, link and notice requests', async () => {
    const c = await intake('입력 오류 시나리오');
    await triage(c.caseId);
    const post =
      (path: string, body: unknown, who: Who = 'handler') =>
      () =>
        t.call('POST', `/cases/${c.caseId}/${path}`, { ...as(who), body });

    await expectRefused(c.caseId, post('extensions', { days: 0, reason: '영일' }), { status: 400, field: 'days' });
    await expectRefused(c.caseId, post('extensions', { days: 3 }), { status: 400, field: 'reason' });
    await expectRefused(c.caseId, post('extensions', { days: 8, reason: '기간 초과' }), {
      status: 422,
      field: 'days',
      rule: 'extension_too_long',
    });
    await expectRefused(c.caseId, post('extensions', { days: 3, reason: '알 수 없는 항목', urgent: true }), {
      status: 400,
      field: 'urgent',
    });
    await expectRefused(
      c.caseId,
      post('extensions', {
        days: 3,
        reason: '동의 방법 오류',
        consent: { given: true, by: '홍길동', at: toKoreaIso(new Date()), method: '텔레파시' },
      }),
      { status: 400, field: 'consent.method' },
    );
    await expectRefused(c.caseId, post('extensions', { days: 3, reason: '권한 없음' }, 'investigator'), {
      status: 403,
    });
    await expectRefused(c.caseId, post('extensions', { days: 3, reason: '버전 불일치', expectedVersion: 1 }), {
      status: 409,
      field: 'expectedVersion',
      rule: 'stale_version',
    });
    await expectRefused(c.caseId, post('clock-stops', { action: 'end', to: today }), {
      status: 409,
      field: 'action',
      rule: 'no_open_clock_stop',
    });
    await expectRefused(c.caseId, post('clock-stops', { action: 'start', from: addDays(today, 1), reason: '내일' }), {
      status: 400,
      field: 'from',
      rule: 'within_case_period',
    });
    await expectRefused(c.caseId, post('clock-stops', { action: 'pause' }), { status: 400, field: 'action' });
    await expectRefused(c.caseId, post('links', { caseIds: ['01J00000000000000000000000'] }), {
      status: 400,
      field: 'caseIds.0',
      rule: 'not_found',
    });
    await expectRefused(c.caseId, post('links', { caseIds: ['not-an-id'] }), { status: 400, field: 'caseIds.0' });
    await expectRefused(c.caseId, post('links', { caseIds: [c.caseId] }), {
      status: 400,
      field: 'caseIds.0',
      rule: 'self_link',
    });
    await expectRefused(
      c.caseId,
      post('progress-notices', { kind: 'extension', sentAt: toKoreaIso(new Date()), method: '서면' }),
      { status: 400, field: 'kind', rule: 'no_extension' },
    );
    await expectRefused(
      c.caseId,
      post('progress-notices', { kind: 'progress', sentAt: '2020-01-01T10:00:00+09:00', method: '서면' }),
      { status: 400, field: 'sentAt', rule: 'within_case_period' },
    );

    const other = await t.call('POST', '/cases', {
      as: 'clerk',
      body: { kind: 'case-review', title: '다른 종류 사건' },
    });
    const notGrievance = await t.call('POST', `/cases/${other.body.case.caseId}/extensions`, {
      as: 'team-lead',
      body: { days: 3, reason: '고충민원 아님' },
    });
    expect(notGrievance.status).toBe(400);
    expect(notGrievance.body.error).toMatchObject({ field: 'caseId', rule: 'not_a_grievance' });
  });
});
