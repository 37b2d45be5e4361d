/**
 * Petitions end to end on the local system (HTTP API, local Step Functions service running the same
 * ASL with an injected clock for the 30-day comment Wait, step handlers, DynamoDB Local): a public
 * petition through disclosure, comments, committee review, decision and notice; a petition extended
 * once and refused a second extension; an objection reopening a closed petition; bad input refused
 * with a clear 4xx and nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../infra/local/demo-data.ts';
import { ManualClock } from '../../infra/local/stepfunctions/index.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import { addDays } from '#shared/calendar/korea-dates.ts';
import { koreaDate, toKoreaIso } from '#shared/domain/korea-time.ts';
import type { Role } from '#shared/domain/roles.ts';
import { commentPeriodFrom, objectionDecisionDue, onDate } from '#shared/kinds/petition/petition-deadlines.ts';
import { computeDue } from '#shared/policies/statutory-periods.ts';
import { startTestSystem } from '../support/local-system.ts';

const clock = new ManualClock(new Date());
let t: Awaited<ReturnType<typeof startTestSystem>>;
/** The complaints team's lead (민원관리팀장): the disclosure decision is the petition team's. */
let complaintsLead: { token: string };
beforeAll(async () => {
  t = await startTestSystem({ clock });
  const lead = DEMO_STAFF.find((m) => m.name === '배수빈')!;
  complaintsLead = {
    token: await t.system.issuer.mint({ sub: lead.sub, email: lead.email, name: lead.name, roles: lead.roles }),
  };
});
afterAll(async () => t.system.close());

const calendar = createCalendar();
const today = koreaDate(new Date());
const person = { name: '김민지', address: '서울특별시 ○○구 ○○로 12', phone: '010-0000-0000' };

type Who = Role | { token: string };
interface Task {
  taskId: string;
  caseId: string;
  type: string;
  status: string;
  dueAt: string;
  committee?: string;
  assignee: Record<string, string>;
  dueBasis?: { source: string; article?: string; labelKo: string };
}
const as = (who: Who) => (typeof who === 'string' ? { as: who } : { token: who.token });

async function openTask(who: Who, caseId: string, type: string): Promise<Task> {
  await t.system.stepFunctions.settle();
  const res = await t.call('GET', '/me/tasks?limit=100', as(who));
  expect(res.status).toBe(200);
  const task = (res.body.items as Task[]).find((x) => x.caseId === caseId && x.type === type);
  expect(task, `${type} task for ${JSON.stringify(who)}`).toBeDefined();
  return task!;
}

async function step(who: Who, caseId: string, type: string, body: Record<string, unknown>): Promise<Task> {
  const task = await openTask(who, caseId, type);
  const res = await t.call('POST', `/cases/${caseId}/tasks/${task.taskId}/complete`, { ...as(who), body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return task;
}

async function caseTasks(caseId: string): Promise<Task[]> {
  await t.system.stepFunctions.settle();
  const res = await t.call('GET', `/cases/${caseId}/tasks`, { as: 'head' });
  expect(res.status).toBe(200);
  return res.body.items as Task[];
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

const typesOf = (events: { type: string; stageAfter?: string; data: Record<string, any> }[]) =>
  events.map((e) =>
    e.type === 'STAGE_CHANGED'
      ? `STAGE→${e.stageAfter}`
      : e.type === 'DECISION_RECORDED'
        ? `RECORDED:${e.data.petition}`
        : e.type,
  );

async function intake(title: string, petition: Record<string, unknown>, receivedAt?: string) {
  const res = await t.call('POST', '/cases', {
    as: 'clerk',
    body: { kind: 'petition', title, petition, ...(receivedAt && { receivedAt }) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.workflowStarted).toBe(true);
  return res.body.case as {
    caseId: string;
    caseNumber: string;
    receivedAt: string;
    dueDate: string;
    petition: { due: { dueDate: string; explanation: string[] } };
  };
}

describe('a public petition through disclosure, comments, committee and notice', () => {
  it('runs screening → committee disclosure review → disclosure → 30-day comment Wait → committee review → decision → notice → closed', async () => {
    const c = await intake('어린이공원 놀이시설 교체 청원', {
      form: 'joint',
      public: true,
      petitioner: person,
      representatives: [person],
      signatories: 120,
    });
    const plainDue = computeDue('petition.decision', c.receivedAt, calendar);
    expect(c.petition.due.dueDate).toBe(plainDue.dueDate);
    expect(c.dueDate).toBe(plainDue.dueDate);

    const screen = await step('clerk', c.caseId, 'screen-petition', { decision: 'process-petition' });
    expect(screen.assignee).toEqual({ role: 'clerk', team: 'complaints' });

    // 청원심의회: a committee step its secretary completes; due within the 15 days of 제13조①.
    const review = await step('secretary', c.caseId, 'review-disclosure', {
      decision: 'recommend-disclosure',
      opinion: '공공시설 운영 사항으로 공개 적합',
    });
    const disclosureDue = computeDue('petition.disclosure-decision', c.receivedAt, calendar);
    expect(review).toMatchObject({
      committee: 'petition-review',
      dueAt: disclosureDue.dueAt,
      dueBasis: { article: '청원법 제13조①', source: 'statutory' },
    });

    // The clerk cannot decide disclosure; the complaints team lead does.
    const decide = await openTask(complaintsLead, c.caseId, 'decide-disclosure');
    expect(
      (
        await t.call('POST', `/cases/${c.caseId}/tasks/${decide.taskId}/complete`, {
          as: 'clerk',
          body: { decision: 'disclose', decidedOn: today, notifiedOn: today },
        })
      ).status,
    ).toBe(403);
    await step(complaintsLead, c.caseId, 'decide-disclosure', {
      decision: 'disclose',
      decidedOn: today,
      notifiedOn: today,
    });

    // The 30-day comment period: the execution waits (no open task), the due date no longer counts it.
    const comment = commentPeriodFrom(today, calendar);
    const waiting = await getCase(c.caseId);
    expect(waiting.petition.commentPeriod).toMatchObject({
      start: comment.start,
      end: comment.end,
      article: '청원법 제13조②',
    });
    expect(waiting.petition.commentPeriod.closedOn).toBeUndefined();
    const stoppedDue = computeDue('petition.decision', c.receivedAt, calendar, {
      clockStops: [{ from: comment.start, to: comment.end, reasonKo: '의견 수렴' }],
    });
    expect(waiting.petition.due).toMatchObject({
      dueDate: stoppedDue.dueDate,
      clockStops: [{ from: comment.start, to: comment.end, article: expect.stringContaining('청원법 제21조②') }],
    });
    expect(waiting.dueDate).toBe(stoppedDue.dueDate);
    expect((await caseTasks(c.caseId)).filter((x) => x.status === 'open')).toEqual([]);

    const endsAt = new Date(`${addDays(comment.end, 1)}T00:00:00+09:00`);
    clock.set(new Date(endsAt.getTime() - 60 * 60 * 1000));
    await t.system.stepFunctions.tick();
    expect((await caseTasks(c.caseId)).filter((x) => x.status === 'open')).toEqual([]);
    clock.set(endsAt);
    await t.system.stepFunctions.tick();

    const committee = await step('secretary', c.caseId, 'review-petition', {
      decision: 'recommend-acceptance',
      opinion: '취지 타당',
      commentCount: 37,
    });
    expect(committee).toMatchObject({
      committee: 'petition-review',
      dueAt: stoppedDue.dueAt,
      dueBasis: { article: '청원법 제21조②' },
    });
    await step('head', c.caseId, 'decide-petition', {
      decision: 'accept-petition',
      content: '2027년 예산에 놀이시설 교체 반영',
      decidedOn: today,
    });
    await step('clerk', c.caseId, 'notify-petitioner', { decision: 'send-petition-notice', notifiedOn: today });

    const closed = await getCase(c.caseId);
    expect(closed).toMatchObject({ stage: 'closed', stageLabel: '종결' });
    expect(closed.petition).toMatchObject({
      screening: { outcome: 'process' },
      disclosureReview: { recommendation: 'disclose' },
      disclosure: { decision: 'disclose', decidedOn: today },
      commentPeriod: { closedOn: comment.end, commentCount: 37 },
      committeeReview: { recommendation: 'accept' },
      decision: { outcome: 'accept' },
      notice: { notifiedOn: today, late: false },
    });
    // The case page's lines (details.view), in Korean.
    expect(closed.detailsView).toContainEqual({
      labelKo: '공개 여부 심의',
      value: '공개 적합 의결 — 공공시설 운영 사항으로 공개 적합',
    });

    const events = await history(c.caseId);
    expect(typesOf(events)).toEqual([
      'CASE_CREATED',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'RECORDED:screening',
      'STAGE→review',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'RECORDED:disclosure-review',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'RECORDED:disclosure',
      'RECORDED:comment-period-ended',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'RECORDED:committee-review',
      'STAGE→approval',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'RECORDED:decision',
      'STAGE→disposition',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'RECORDED:notice',
      'STAGE→closed',
    ]);
    expect(events.find((e) => e.data.petition === 'disclosure')?.data.dueDate).toMatchObject({
      before: plainDue.dueDate,
      after: stoppedDue.dueDate,
    });
    // The petitioner's identity is on the case for staff, never in its history.
    expect(JSON.stringify(events)).not.toContain(person.address);
    const verify = await t.call('GET', `/cases/${c.caseId}/verify`, { as: 'auditor' });
    expect(verify.body).toMatchObject({ ok: true, checked: events.length });
  }, 60_000);
});

describe('extension of the processing period (청원법 제21조③)', () => {
  it('extends once, moving the due date and the open task, and refuses a second extension changing nothing', async () => {
    const c = await intake('주차장 개방 청원', { form: 'individual', public: false, petitioner: person });
    await step('clerk', c.caseId, 'screen-petition', { decision: 'process-petition', comment: '요건 충족' });
    const before = await openTask('secretary', c.caseId, 'review-petition');
    expect(before.dueAt).toBe(computeDue('petition.decision', c.receivedAt, calendar).dueAt);

    const body = { days: 30, reason: '관계 부서 현장 확인 필요', noticeSentOn: today };
    expect((await t.call('POST', `/cases/${c.caseId}/petition/extension`, { as: 'clerk', body })).status).toBe(403);
    const tooLong = await t.call('POST', `/cases/${c.caseId}/petition/extension`, {
      token: complaintsLead.token,
      body: { ...body, days: 61 },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ field: 'days' });

    const key = { 'idempotency-key': `petition-extend-${c.caseId}` };
    const extended = await t.call('POST', `/cases/${c.caseId}/petition/extension`, {
      token: complaintsLead.token,
      body,
      headers: key,
    });
    expect(extended.status, JSON.stringify(extended.body)).toBe(200);
    const expected = computeDue('petition.decision', c.receivedAt, calendar, { extensions: [{ amount: 30 }] });
    expect(extended.body.case.petition).toMatchObject({
      extension: { days: 30, noticeSentOn: today, newDueDate: expected.dueDate },
      due: { dueDate: expected.dueDate },
    });
    expect(extended.body.case.dueDate).toBe(expected.dueDate);
    expect(extended.body.events[0]).toMatchObject({
      type: 'PETITION_EXTENDED',
      data: {
        after: expected.dueDate,
        article: '청원법 제21조③',
        movedTasks: [{ taskId: before.taskId, after: expected.dueAt }],
      },
    });
    const replay = await t.call('POST', `/cases/${c.caseId}/petition/extension`, {
      token: complaintsLead.token,
      body,
      headers: key,
    });
    expect(replay).toMatchObject({ status: 200, body: { replayed: true } });

    const moved = (await caseTasks(c.caseId)).find((x) => x.taskId === before.taskId)!;
    expect(moved).toMatchObject({ status: 'open', dueAt: expected.dueAt });
    expect((await openTask('secretary', c.caseId, 'review-petition')).dueAt).toBe(expected.dueAt);

    const version = (await getCase(c.caseId)).version;
    const eventCount = (await history(c.caseId)).length;
    const second = await t.call('POST', `/cases/${c.caseId}/petition/extension`, {
      token: complaintsLead.token,
      body: { ...body, days: 10 },
    });
    expect(second.status).toBe(422);
    expect(second.body.error).toMatchObject({
      code: 'EXTENSION_NOT_ALLOWED',
      rule: 'extension_limit',
      messageKo: expect.stringContaining('제21조③'),
    });
    const after = await getCase(c.caseId);
    expect(after.version).toBe(version);
    expect(after.petition.due.dueDate).toBe(expected.dueDate);
    expect((await history(c.caseId)).length).toBe(eventCount);
    expect((await caseTasks(c.caseId)).find((x) => x.taskId === before.taskId)?.dueAt).toBe(expected.dueAt);
  }, 60_000);
});

describe('an objection (청원법 제22조)', () => {
  it('reopens a petition not processed in time, has the head of office decide it within 15 days, and closes again', async () => {
    // Received 100 days ago: the 90 days ran out about 10 days ago (제22조①제2호).
    const receivedAt = toKoreaIso(new Date(Date.now() - 100 * 86_400_000));
    const c = await intake(
      '하천 산책로 조명 설치 청원',
      { form: 'individual', public: false, petitioner: person },
      receivedAt,
    );
    await step('clerk', c.caseId, 'screen-petition', { decision: 'process-petition' });
    await step('secretary', c.caseId, 'review-petition', { decision: 'recommend-rejection', opinion: '예산 부족' });
    await step('head', c.caseId, 'decide-petition', {
      decision: 'reject-petition',
      content: '예산 사정으로 불채택',
      decidedOn: today,
    });
    await step('clerk', c.caseId, 'notify-petitioner', { decision: 'send-petition-notice', notifiedOn: today });
    const closed = await getCase(c.caseId);
    expect(closed).toMatchObject({ stage: 'closed', petition: { notice: { late: true } } });

    const future = await t.call('POST', `/cases/${c.caseId}/petition/objection`, {
      as: 'clerk',
      body: { ground: 'not-processed-in-time', filedOn: addDays(today, 1), content: '처리기간 경과' },
    });
    expect(future.status).toBe(400);
    expect(future.body.error).toMatchObject({ field: 'filedOn', rule: 'not_in_future' });
    const wrongGround = await t.call('POST', `/cases/${c.caseId}/petition/objection`, {
      as: 'clerk',
      body: { ground: 'non-disclosure', filedOn: today, content: '공개 요구' },
    });
    expect(wrongGround.status).toBe(409);
    expect((await getCase(c.caseId)).version).toBe(closed.version);

    const filed = await t.call('POST', `/cases/${c.caseId}/petition/objection`, {
      as: 'clerk',
      body: { ground: 'not-processed-in-time', filedOn: today, content: '90일이 지나 통지되었습니다' },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({
      workflowStarted: true,
      case: { stage: 'review', petition: { objections: [{ ground: 'not-processed-in-time', filedOn: today }] } },
    });

    const decisionDue = objectionDecisionDue(today, calendar);
    const objectionTask = await openTask('head', c.caseId, 'decide-objection');
    expect(objectionTask).toMatchObject({
      dueAt: decisionDue.dueAt,
      dueBasis: { article: '청원법 제22조', source: 'statutory' },
    });
    expect(decisionDue.dueDate).toBe(computeDue('petition.objection.decision', onDate(today), calendar).dueDate);
    await step('head', c.caseId, 'decide-objection', {
      decision: 'dismiss-objection',
      content: '처리결과는 이미 통지됨 — 지연 사유 설명',
      decidedOn: today,
      notifiedOn: today,
    });

    const reclosed = await getCase(c.caseId);
    expect(reclosed).toMatchObject({
      stage: 'closed',
      petition: { objections: [{ decision: { outcome: 'dismissed', notifiedOn: today } }] },
    });
    const types = typesOf(await history(c.caseId));
    expect(types.slice(types.indexOf('PETITION_OBJECTION_FILED'))).toEqual([
      'PETITION_OBJECTION_FILED',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'RECORDED:objection-decision',
      'STAGE→closed',
    ]);
    expect(types.filter((x) => x === 'STAGE→closed')).toHaveLength(2);
  }, 60_000);
});

describe('an objection to non-disclosure while the petition is open (청원법 제22조①제1호)', () => {
  it('interrupts the committee review, has the objection decided first, then reopens the review under the new execution', async () => {
    const c = await intake('구청 회의록 공개 청원', { form: 'individual', public: true, petitioner: person });
    await step('clerk', c.caseId, 'screen-petition', { decision: 'process-petition' });
    await step('secretary', c.caseId, 'review-disclosure', {
      decision: 'recommend-nondisclosure',
      opinion: '개인정보 포함',
    });
    await step(complaintsLead, c.caseId, 'decide-disclosure', {
      decision: 'withhold-disclosure',
      reason: '개인정보가 포함되어 공개 부적합',
      decidedOn: today,
      notifiedOn: today,
    });
    const waiting = await openTask('secretary', c.caseId, 'review-petition');
    const before = await getCase(c.caseId);
    expect(before.petition.commentPeriod).toBeUndefined();

    const filed = await t.call('POST', `/cases/${c.caseId}/petition/objection`, {
      as: 'clerk',
      body: { ground: 'non-disclosure', filedOn: today, content: '공개 부적합 결정에 이의' },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.events[0]).toMatchObject({
      type: 'PETITION_OBJECTION_FILED',
      stageBefore: 'review',
      data: { reopened: false, cancelledTasks: [waiting.taskId] },
    });
    expect((await caseTasks(c.caseId)).find((x) => x.taskId === waiting.taskId)?.status).toBe('cancelled');

    await step('head', c.caseId, 'decide-objection', {
      decision: 'dismiss-objection',
      content: '개인정보 보호를 위해 비공개 유지',
      decidedOn: today,
      notifiedOn: today,
    });
    const again = await openTask('secretary', c.caseId, 'review-petition');
    expect(again.taskId).not.toBe(waiting.taskId);
    const after = await getCase(c.caseId);
    expect(after.executionArn).not.toBe(before.executionArn);
    expect(after.petition.objections).toEqual([
      expect.objectContaining({
        ground: 'non-disclosure',
        decision: expect.objectContaining({ outcome: 'dismissed' }),
      }),
    ]);
    const second = await t.call('POST', `/cases/${c.caseId}/petition/objection`, {
      as: 'clerk',
      body: { ground: 'non-disclosure', filedOn: today, content: '다시 이의' },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.rule).toBe('objection_already_filed');
  }, 60_000);
});

describe('a repeated petition (청원법 제16조①)', () => {
  it('is closed in favour of the earlier petition with a notice, and cannot name a later one', async () => {
    const earlier = await intake('가로등 추가 설치 청원', { form: 'individual', public: false, petitioner: person });
    const later = await intake('가로등 추가 설치 청원 (재제출)', {
      form: 'individual',
      public: false,
      petitioner: person,
    });
    const earlierScreen = await openTask('clerk', earlier.caseId, 'screen-petition');
    const backwards = await t.call('POST', `/cases/${earlier.caseId}/tasks/${earlierScreen.taskId}/complete`, {
      as: 'clerk',
      body: { decision: 'close-duplicate', duplicateOf: later.caseNumber, noticeSentOn: today },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({ field: 'duplicateOf', rule: 'not_earlier' });

    await step('clerk', later.caseId, 'screen-petition', {
      decision: 'close-duplicate',
      duplicateOf: earlier.caseNumber,
      reason: '같은 내용의 청원',
      noticeSentOn: today,
    });
    expect(await getCase(later.caseId)).toMatchObject({
      stage: 'closed',
      petition: { screening: { outcome: 'duplicate', duplicateOf: earlier.caseNumber, noticeSentOn: today } },
    });
    expect(typesOf(await history(later.caseId))).toEqual([
      'CASE_CREATED',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'RECORDED:screening',
      'STAGE→closed',
    ]);
  }, 60_000);
});

describe('bad input answers a clear 4xx and changes nothing', () => {
  it('refuses bad petition intake, a bad decision form, and petition routes on other kinds', async () => {
    const four = await t.call('POST', '/cases', {
      as: 'clerk',
      body: {
        kind: 'petition',
        title: 't',
        petition: {
          form: 'joint',
          public: true,
          petitioner: person,
          representatives: [person, person, person, person],
          signatories: 9,
        },
      },
    });
    expect(four.status).toBe(400);
    expect(four.body.error.field).toContain('representatives');
    const missing = await t.call('POST', '/cases', { as: 'clerk', body: { kind: 'petition', title: 't' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ field: 'petition', rule: 'required_for_kind' });
    const onOther = await t.call('POST', '/cases', {
      as: 'clerk',
      body: {
        kind: 'case-review',
        title: 't',
        petition: { form: 'individual', public: false, petitioner: person },
      },
    });
    expect(onOther.status).toBe(400);
    expect(onOther.body.error).toMatchObject({ field: 'petition', rule: 'not_for_kind' });

    const c = await intake('불명확한 청원', { form: 'individual', public: false, petitioner: person });
    const screen = await openTask('clerk', c.caseId, 'screen-petition');
    const before = await getCase(c.caseId);
    const noGround = await t.call('POST', `/cases/${c.caseId}/tasks/${screen.taskId}/complete`, {
      as: 'clerk',
      body: { decision: 'decline-petition', reason: '내용 불명확', noticeSentOn: today },
    });
    expect(noGround.status).toBe(400);
    const wrongDecision = await t.call('POST', `/cases/${c.caseId}/tasks/${screen.taskId}/complete`, {
      as: 'clerk',
      body: { decision: 'accept-petition', content: 'x', decidedOn: today },
    });
    expect(wrongDecision.status).toBe(400);
    expect(wrongDecision.body.error.rule).toBe('decision_not_allowed');
    const after = await getCase(c.caseId);
    expect(after.version).toBe(before.version);
    expect((await caseTasks(c.caseId)).find((x) => x.taskId === screen.taskId)?.status).toBe('open');

    const unknown = await t.call('POST', `/cases/${c.caseId}/tasks/${screen.taskId}/complete`, {
      as: 'clerk',
      body: { decision: 'close-duplicate', duplicateOf: '2026-민원-9999', noticeSentOn: today },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ field: 'duplicateOf', rule: 'unknown_petition' });
    expect((await getCase(c.caseId)).version).toBe(before.version);

    // Declined on a ground of 제6조, with the notice: closed, and nothing left to extend.
    await step('clerk', c.caseId, 'screen-petition', {
      decision: 'decline-petition',
      ground: 'unclear',
      reason: '청원 내용 불명확',
      noticeSentOn: today,
    });
    expect(await getCase(c.caseId)).toMatchObject({
      stage: 'closed',
      petition: { screening: { outcome: 'not-process', ground: 'unclear' } },
    });
    const extendClosed = await t.call('POST', `/cases/${c.caseId}/petition/extension`, {
      token: complaintsLead.token,
      body: { days: 10, reason: 'r', noticeSentOn: today },
    });
    expect(extendClosed.status).toBe(409);

    const other = await t.call('POST', '/cases', {
      as: 'clerk',
      body: { kind: 'case-review', title: '재산등록 심사' },
    });
    const notPetition = await t.call('POST', `/cases/${other.body.case.caseId}/petition/extension`, {
      token: complaintsLead.token,
      body: { days: 10, reason: 'r', noticeSentOn: today },
    });
    expect(notPetition.status).toBe(409);
    expect(notPetition.body.error.rule).toBe('not_petition_case');
  }, 60_000);
});
