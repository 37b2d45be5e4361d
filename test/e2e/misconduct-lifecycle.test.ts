/**
 * Misconduct investigations end to end on the local system (HTTP API, local Step Functions service
 * running the same ASL, step handlers, DynamoDB Local): an external referral through every
 * disposition — each discipline resolution, admonition, caution, closure, corrective action with its
 * follow-up — through return-for-rework and through suspension and resumption (지방공무원법 제73조),
 * checking the history, the 징계시효 and every task's due date; illegal moves answer a clear 4xx and
 * change nothing; the office report counts in the office's categories.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../infra/local/demo-data.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import { addDays } from '#shared/calendar/korea-dates.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import type { Role } from '#shared/domain/roles.ts';
import { disciplineLimitation, extendLimitationForSuspension } from '#shared/kinds/misconduct/discipline-limitation.ts';
import { computeDue } from '#shared/policies/statutory-periods.ts';
import { dueAfterBusinessDays } from '#shared/policies/task-deadlines.ts';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
let otherInvestigatorToken: string;
const otherInvestigator = DEMO_STAFF.find((m) => m.name === '조현우')!;
beforeAll(async () => {
  t = await startTestSystem();
  otherInvestigatorToken = await t.system.issuer.mint({
    sub: otherInvestigator.sub,
    email: otherInvestigator.email,
    name: otherInvestigator.name,
    roles: otherInvestigator.roles,
  });
});
afterAll(async () => t.system.close());

const calendar = createCalendar();
const today = koreaDate(new Date());
const daysAgo = (n: number) => addDays(today, -n);

type Who = Role | { token: string };
interface Task {
  taskId: string;
  caseId: string;
  type: string;
  status: string;
  openedAt: string;
  dueAt: string;
  dueBasis?: { source: string; article?: string; labelKo: string };
  allowedDecisions: string[];
}

const as = (who: Who) => (typeof who === 'string' ? { as: who } : { token: who.token });

async function openTask(who: Who, caseId: string, type?: string): Promise<Task | undefined> {
  await t.system.stepFunctions.settle();
  const res = await t.call('GET', '/me/tasks?limit=100', as(who));
  expect(res.status).toBe(200);
  return (res.body.items as Task[]).find(
    (task) => task.caseId === caseId && (type === undefined || task.type === type),
  );
}

async function complete(who: Who, task: Task, body: Record<string, unknown>) {
  return t.call('POST', `/cases/${task.caseId}/tasks/${task.taskId}/complete`, { ...as(who), body });
}

/** Opens the step's task, checks its due date, completes it. */
async function step(
  who: Who,
  caseId: string,
  type: string,
  body: Record<string, unknown>,
  due?: (task: Task) => { dueAt: string; source: string },
) {
  const task = await openTask(who, caseId, type);
  expect(task, `${type} task for ${JSON.stringify(who)}`).toBeDefined();
  if (due) {
    const expected = due(task!);
    expect({ type, dueAt: task!.dueAt, source: task!.dueBasis?.source }).toEqual({
      type,
      dueAt: expected.dueAt,
      source: expected.source,
    });
  }
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
  expect(res.body.verification.ok).toBe(true);
  // These cases are sealed, so every read here is itself recorded (SENSITIVE_READ, see case-audit.test.ts);
  // the lifecycle is about changes, so reads are left out of what is compared.
  return (res.body.events as { type: string; stageAfter?: string; data: Record<string, any> }[]).filter(
    (e) => e.type !== 'SENSITIVE_READ',
  );
}

async function eventTypes(caseId: string): Promise<string[]> {
  return (await history(caseId)).map((e) => (e.type === 'STAGE_CHANGED' ? `STAGE→${e.stageAfter}` : e.type));
}

const official = { name: '김도윤', department: '도로관리과', grade: '지방시설주사(6급)' };

function referral(
  over: {
    category?: string;
    conductDate?: string;
    agency?: string;
    noticeType?: string;
    officials?: unknown[];
    receivedAt?: string;
    noticeDate?: string;
  } = {},
) {
  return {
    category: over.category ?? 'abuse-of-authority',
    conductDate: over.conductDate ?? '2025-03-02',
    officials: over.officials ?? [official],
    referral: {
      agency: over.agency ?? '경찰',
      noticeType: over.noticeType ?? '범죄처분결과 통보',
      noticeNumber: '영등포경찰서 수사과-2026-0711',
      noticeDate: over.noticeDate ?? daysAgo(3),
    },
  };
}

/** Intake by the team lead, assigned at once to the investigator (so the workflow starts with the investigation). */
async function intakeAssigned(
  title: string,
  misconduct: unknown,
  extra: Record<string, unknown> = {},
  assigneeSub = t.users.investigator.sub,
  as: 'team-lead' | 'head' = 'team-lead',
) {
  const res = await t.call('POST', '/cases', {
    as,
    body: { kind: 'external-referral', title, assigneeSub, misconduct, ...extra },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.case as { caseId: string; receivedAt: string; misconduct: { limitation: { date: string } } };
}

const end = (date: string) => `${date}T18:00:00+09:00`;
const bd = (n: number) => (task: Task) => ({
  dueAt: dueAfterBusinessDays(calendar, task.openedAt, n),
  source: 'default',
});
const earliest = (...dues: { dueAt: string; source: string }[]) =>
  dues.reduce((a, b) => (Date.parse(b.dueAt) < Date.parse(a.dueAt) ? b : a));
/** Steps before the discipline request are held to the 징계시효. */
const capped = (n: number, limitation: string) => (task: Task) =>
  earliest(bd(n)(task), { dueAt: end(limitation), source: 'case-limit' });

/** Investigate → team lead review → head approval of `disposition`, with due dates; returns when approved. */
async function proposeAndApprove(caseId: string, limitation: string, disposition: Record<string, unknown>) {
  await step(
    'investigator',
    caseId,
    'investigate',
    { decision: 'propose', findings: '관련자 진술·자료 검토 결과 비위 사실 확인', disposition },
    capped(30, limitation),
  );
  await step('team-lead', caseId, 'review', { decision: 'endorse', opinion: '처분안 적정' }, capped(5, limitation));
  await step('head', caseId, 'approve', { decision: 'approve', comment: '원안 승인' }, capped(5, limitation));
}

const HEAD = ['CASE_CREATED', 'ASSIGNED', 'STAGE→investigation', 'TASK_OPENED'];
const TO_APPROVAL = [
  'TASK_COMPLETED',
  'STAGE→review',
  'TASK_OPENED',
  'TASK_COMPLETED',
  'STAGE→approval',
  'TASK_OPENED',
  'TASK_COMPLETED',
  'DISPOSITION_RECORDED',
  'STAGE→disposition',
  'TASK_OPENED',
];
/** The result notice to the referring agency opens, is sent, and the case closes. */
const NOTICE_AND_CLOSE = ['TASK_OPENED', 'TASK_COMPLETED', 'STAGE→closed'];
/** Two disposition steps after approval: the first is done, the second opens and is done. */
const TWO_STEPS = ['TASK_COMPLETED', 'TASK_OPENED', 'TASK_COMPLETED'];

async function sendResultNoticeAndClose(caseId: string) {
  await step(
    'investigator',
    caseId,
    'notify-agency',
    { decision: 'send-result-notice', sentOn: today, documentNumber: '감사담당관-2026-501' },
    (task) => ({
      dueAt: dueAfterBusinessDays(calendar, task.openedAt, 10),
      source: 'default',
    }),
  );
  const closed = await getCase(caseId);
  expect(closed).toMatchObject({ stage: 'closed', stageLabel: '종결' });
  // The case page's lines (details.view): the agency reply in the office's date format.
  expect(closed.detailsView).toContainEqual({
    labelKo: '처리결과 회신일',
    value: expect.stringMatching(/^\d{4}년 \d{1,2}월 \d{1,2}일\([일월화수목금토]\)$/),
  });
  return closed;
}

describe('an external referral through each discipline resolution of the personnel committee', () => {
  const resolutions: {
    resolution: string;
    months?: number;
    category: string;
    limitation: string;
    surcharge?: boolean;
  }[] = [
    { resolution: '파면', category: 'bribery', limitation: '2030-03-02', surcharge: true },
    { resolution: '해임', category: 'embezzlement', limitation: '2030-03-02', surcharge: true },
    { resolution: '강등', category: 'sexual-harassment', limitation: '2035-03-02' },
    { resolution: '정직', months: 3, category: 'drunk-driving', limitation: '2028-03-02' },
    { resolution: '감봉', months: 1, category: 'abuse-of-authority', limitation: '2028-03-02' },
    { resolution: '견책', category: 'neglect-of-duty', limitation: '2028-03-02' },
    { resolution: '불문경고', category: 'breach-of-service-rules', limitation: '2028-03-02' },
  ];

  it.each(resolutions)(
    'records $resolution ($category): request → resolution → result notice → closed, with 징계시효 $limitation',
    async (row) => {
      const created = await intakeAssigned(
        `범죄처분결과 통보 — ${row.resolution}`,
        referral({ category: row.category }),
      );
      const caseId = created.caseId;
      expect(created.misconduct.limitation.date).toBe(row.limitation);

      await proposeAndApprove(caseId, row.limitation, {
        type: 'discipline',
        severity: row.resolution === '불문경고' || row.resolution === '견책' ? '경징계' : '중징계',
      });
      const requested = await step(
        'investigator',
        caseId,
        'request-discipline',
        {
          decision: 'send-request',
          requestedOn: today,
          documentNumber: '감사담당관-2026-301',
          ...(row.surcharge && { surchargeRequested: true, surchargeBaseAmountWon: 2_500_000 }),
        },
        // 범죄처분결과 통보 = 징계사유 통보: 1 month from its receipt (징계 및 소청 규정 제2조③, R, adjustable).
        () => ({
          dueAt: computeDue('discipline.request-after-notice', created.receivedAt, calendar).dueAt,
          source: 'statutory',
        }),
      );
      expect(requested.dueBasis?.article).toBe('지방공무원 징계 및 소청 규정 제2조③');
      await step(
        'investigator',
        caseId,
        'record-resolution',
        {
          decision: 'record-resolution',
          resolution: row.resolution,
          resolvedOn: today,
          ...(row.months && { months: row.months }),
          ...(row.surcharge && { surcharge: { multiple: 2, amountWon: 5_000_000 } }),
        },
        () => ({
          dueAt: computeDue('discipline.committee-decision', `${today}T09:00:00+09:00`, calendar).dueAt,
          source: 'statutory',
        }),
      );
      const closed = await sendResultNoticeAndClose(caseId);
      expect(closed.misconduct.progress.resolution).toMatchObject({
        type: row.resolution,
        resolvedOn: today,
        ...(row.months && { months: row.months }),
      });
      expect(closed.limitationWarning).toMatchObject({ status: 'met', date: row.limitation });

      expect(await eventTypes(caseId)).toEqual([
        ...HEAD,
        ...TO_APPROVAL,
        ...TWO_STEPS,
        'RESOLUTION_RECORDED',
        ...NOTICE_AND_CLOSE,
      ]);
      const events = await history(caseId);
      expect(events.find((e) => e.type === 'DISPOSITION_RECORDED')?.data).toMatchObject({
        reportCategory: '징계·불문경고',
        limitationDate: row.limitation,
      });
      expect(events.find((e) => e.type === 'RESOLUTION_RECORDED')?.data).toMatchObject({ type: row.resolution });
    },
  );
});

describe('an external referral through the other dispositions', () => {
  it.each([
    { type: 'admonition', label: '훈계' },
    { type: 'caution', label: '주의' },
  ])('issues a $label and confirms it was acknowledged, then answers the agency', async ({ type }) => {
    const { caseId } = await intakeAssigned(`경찰 통보 — ${type}`, referral());
    await proposeAndApprove(caseId, '2028-03-02', { type, content: '업무 처리 절차 준수 촉구' });
    await step(
      'investigator',
      caseId,
      'issue-warning',
      { decision: 'issue', issuedOn: today, documentNumber: '감사담당관-2026-401' },
      bd(5),
    );
    await step(
      'investigator',
      caseId,
      'confirm-acknowledgement',
      { decision: 'acknowledge', acknowledgedOn: today },
      bd(5),
    );
    const closed = await sendResultNoticeAndClose(caseId);
    expect(closed.misconduct.progress).toMatchObject({ issuedOn: today, acknowledgedOn: today });
    expect(closed.limitationWarning.status).toBe('not-applicable');
    expect(await eventTypes(caseId)).toEqual([...HEAD, ...TO_APPROVAL, ...TWO_STEPS, ...NOTICE_AND_CLOSE]);
  });

  it('closes internally with a reason code, then answers the agency', async () => {
    const { caseId } = await intakeAssigned('경찰 통보 — 내부종결', referral({ noticeType: '수사·조사 개시 통보' }));
    await proposeAndApprove(caseId, '2028-03-02', { type: 'closure', reasonCode: 'not-prosecuted' });
    const closed = await sendResultNoticeAndClose(caseId);
    expect(closed.misconduct.approved.disposition).toEqual({ type: 'closure', reasonCode: 'not-prosecuted' });
    expect(await eventTypes(caseId)).toEqual([...HEAD, ...TO_APPROVAL, 'TASK_COMPLETED', 'STAGE→closed']);
  });

  it('orders a correction from a department, follows it up to its compliance date, then answers the agency', async () => {
    const complianceDueDate = addDays(today, 40);
    const { caseId } = await intakeAssigned(
      '감사결과 징계요구 — 시정조치',
      referral({ agency: '서울시', noticeType: '감사결과 징계요구' }),
    );
    await proposeAndApprove(caseId, '2028-03-02', {
      type: 'corrective-action',
      department: '도로관리과',
      order: '도로점용 허가 절차를 규정대로 정비할 것',
      complianceDueDate,
    });
    await step(
      'investigator',
      caseId,
      'issue-corrective-order',
      { decision: 'issue-order', sentOn: today, documentNumber: '감사담당관-2026-601' },
      bd(5),
    );
    await step(
      'investigator',
      caseId,
      'confirm-correction',
      { decision: 'confirm-correction', confirmedOn: today, result: '허가 절차 정비 완료 보고 확인' },
      () => ({ dueAt: end(complianceDueDate), source: 'case-date' }),
    );
    const closed = await sendResultNoticeAndClose(caseId);
    expect(closed.misconduct.progress).toMatchObject({ orderSentOn: today, correctionConfirmedOn: today });
    expect(await eventTypes(caseId)).toEqual([...HEAD, ...TO_APPROVAL, ...TWO_STEPS, ...NOTICE_AND_CLOSE]);
  });

  it('gives ACRC-referred cases their 60 days and 10-day result notice (부패방지권익위법 제60조①②)', async () => {
    const created = await intakeAssigned(
      '권익위 이첩 — 내부종결',
      referral({ agency: '국민권익위원회', noticeType: '수사·조사 개시 통보' }),
    );
    const caseId = created.caseId;
    const sixtyDays = computeDue('acrc-referral.investigation', created.receivedAt, calendar).dueAt;
    const investigate = (await openTask('investigator', caseId, 'investigate'))!;
    expect(investigate).toMatchObject({
      dueAt: sixtyDays,
      dueBasis: { source: 'statutory', article: '부패방지권익위법 제60조①' },
    });
    await complete('investigator', investigate, {
      decision: 'propose',
      findings: '비위 불성립',
      disposition: { type: 'closure', reasonCode: 'no-misconduct' },
    });
    await step('team-lead', caseId, 'review', { decision: 'endorse' }, (task) =>
      earliest(bd(5)(task), { dueAt: sixtyDays, source: 'case-limit' }),
    );
    await step('head', caseId, 'approve', { decision: 'approve' });
    const notice = (await openTask('investigator', caseId, 'notify-agency'))!;
    expect(notice.dueBasis).toMatchObject({ source: 'statutory', article: '부패방지권익위법 제60조②' });
    expect(notice.dueAt).toBe(computeDue('acrc-referral.result-notice', notice.openedAt, calendar).dueAt);
  });

  it('runs an internal investigation from assignment to closure without a result notice', async () => {
    const res = await t.call('POST', '/cases', {
      as: 'clerk',
      body: {
        kind: 'internal-investigation',
        title: '청렴톡 익명신고 — 초과근무수당 부정수령 의혹',
        misconduct: {
          category: 'breach-of-trust',
          conductDate: '2026-05-31',
          officials: [official],
          origin: 'anonymous-report',
        },
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const caseId = res.body.case.caseId as string;
    expect(res.body.case.misconduct.limitation.date).toBe('2031-05-31');
    await step('team-lead', caseId, 'assign', { decision: 'assign', assigneeSub: t.users.investigator.sub }, bd(2));
    await proposeAndApprove(caseId, '2031-05-31', { type: 'closure', reasonCode: 'insufficient-evidence' });
    expect((await getCase(caseId)).stage).toBe('closed');
    expect(await eventTypes(caseId)).toEqual([
      'CASE_CREATED',
      'STAGE→assignment',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'ASSIGNED',
      'STAGE→investigation',
      'TASK_OPENED',
      ...TO_APPROVAL.slice(0, -2),
      'STAGE→closed',
    ]);
  });
});

describe('return for rework', () => {
  it('loops back to the investigator when the team lead or the head of office returns it with reasons', async () => {
    const { caseId } = await intakeAssigned('반려 후 보완 조사', referral());
    const first = await step('investigator', caseId, 'investigate', {
      decision: 'propose',
      findings: '1차 조사',
      disposition: { type: 'caution' },
    });
    await step('team-lead', caseId, 'review', { decision: 'return', reasons: '당사자 소명 자료 보완' });
    const second = await step(
      'investigator',
      caseId,
      'investigate',
      { decision: 'propose', findings: '소명 보완', disposition: { type: 'caution' } },
      capped(30, '2028-03-02'),
    );
    expect(second.taskId).not.toBe(first.taskId);
    await step('team-lead', caseId, 'review', { decision: 'endorse' });
    await step('head', caseId, 'approve', { decision: 'return', reasons: '처분 수위 재검토 (훈계 검토)' });
    await step('investigator', caseId, 'investigate', {
      decision: 'propose',
      findings: '재검토 결과',
      disposition: { type: 'admonition' },
    });
    await step('team-lead', caseId, 'review', { decision: 'endorse' });
    await step('head', caseId, 'approve', { decision: 'approve' });
    expect(await openTask('investigator', caseId, 'issue-warning')).toBeDefined();

    const events = await history(caseId);
    const decisions = events.filter((e) => e.type === 'TASK_COMPLETED').map((e) => e.data.decision);
    expect(decisions).toEqual(['propose', 'return', 'propose', 'endorse', 'return', 'propose', 'endorse', 'approve']);
    expect(
      events.filter((e) => e.type === 'TASK_COMPLETED' && e.data.decision === 'return').map((e) => e.data.reasons),
    ).toEqual(['당사자 소명 자료 보완', '처분 수위 재검토 (훈계 검토)']);
    expect(events.find((e) => e.type === 'DISPOSITION_RECORDED')?.data.disposition).toEqual({ type: 'admonition' });
    expect(events.filter((e) => e.type === 'STAGE_CHANGED').map((e) => e.stageAfter)).toEqual([
      'investigation',
      'review',
      'investigation',
      'review',
      'approval',
      'investigation',
      'review',
      'approval',
      'disposition',
    ]);
  });
});

describe('suspension and resumption (지방공무원법 제73조, 제73조의2②)', () => {
  it('stops a criminal-investigation case, refuses acting on it, and resumes it with the limitation moved', async () => {
    // The limitation runs out 20 days from today, so the end notice leaves less than a month of it.
    const limitation = addDays(today, 20);
    const conductDate = `${Number(limitation.slice(0, 4)) - 3}${limitation.slice(4)}`;
    const created = await intakeAssigned(
      '경찰 수사개시 통보 — 정지·재개',
      referral({ conductDate, noticeType: '수사·조사 개시 통보', noticeDate: daysAgo(8) }),
    );
    const caseId = created.caseId;
    expect(created.misconduct.limitation.date).toBe(limitation);
    const before = (await openTask('investigator', caseId, 'investigate'))!;
    expect(before.dueAt).toBe(end(limitation)); // 30 business days would pass the 징계시효
    expect(before.dueBasis).toMatchObject({ source: 'case-limit', article: '지방공무원법 제73조의2① (3년)' });
    const beforeSuspension = await getCase(caseId);
    expect(beforeSuspension.limitationWarning).toMatchObject({ status: 'imminent', daysLeft: 20 });

    const byInvestigator = await t.call('POST', `/cases/${caseId}/suspend`, {
      as: 'investigator',
      body: { reason: 'criminal-investigation', startNoticeReceivedOn: daysAgo(6) },
    });
    expect(byInvestigator.status).toBe(403);
    const suspended = await t.call('POST', `/cases/${caseId}/suspend`, {
      as: 'team-lead',
      body: {
        reason: 'criminal-investigation',
        startNoticeReceivedOn: daysAgo(6),
        agency: '영등포경찰서',
        noticeNumber: '수사과-2026-0902',
      },
    });
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(200);
    expect(suspended.body).toMatchObject({
      workflowStopped: true,
      case: { stage: 'suspended', stageLabel: '중지', limitationWarning: { status: 'suspended' } },
    });
    expect(suspended.body.case.misconduct.suspension).toMatchObject({
      reason: 'criminal-investigation',
      mandatory: false,
      article: '지방공무원법 제73조②',
      resumeStage: 'investigation',
      cancelledTaskIds: [before.taskId],
    });

    // Acting on a suspended case: 409, and nothing changes.
    const versionBefore = (await getCase(caseId)).version;
    const eventsBefore = (await history(caseId)).length;
    const act = await complete('investigator', before, {
      decision: 'propose',
      findings: 'x',
      disposition: { type: 'caution' },
    });
    expect(act.status).toBe(409);
    expect(act.body.error).toMatchObject({ rule: 'case_suspended' });
    const twice = await t.call('POST', `/cases/${caseId}/suspend`, {
      as: 'team-lead',
      body: { reason: 'criminal-investigation', startNoticeReceivedOn: daysAgo(6) },
    });
    expect(twice.status).toBe(409);
    expect(await openTask('investigator', caseId)).toBeUndefined();
    expect((await getCase(caseId)).version).toBe(versionBefore);
    expect((await history(caseId)).length).toBe(eventsBefore);
    const tasksWhileSuspended = await t.call('GET', `/cases/${caseId}/tasks`, { as: 'auditor' });
    expect(tasksWhileSuspended.body.items.map((x: Task) => x.status)).toEqual(['cancelled']);

    const early = await t.call('POST', `/cases/${caseId}/resume`, {
      as: 'head',
      body: { basis: 'end-notice', endNoticeReceivedOn: daysAgo(7) },
    });
    expect(early.status).toBe(400);
    expect(early.body.error.field).toBe('endNoticeReceivedOn');

    const resumed = await t.call('POST', `/cases/${caseId}/resume`, {
      as: 'head',
      body: { basis: 'end-notice', endNoticeReceivedOn: daysAgo(1), noticeNumber: '수사과-2026-1001' },
    });
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    const moved = extendLimitationForSuspension(
      disciplineLimitation('abuse-of-authority', conductDate),
      daysAgo(6),
      daysAgo(1),
    ).date;
    expect(moved > limitation).toBe(true);
    expect(resumed.body).toMatchObject({
      workflowStarted: true,
      case: { stage: 'investigation', misconduct: { limitation: { date: moved } } },
    });

    const after = (await openTask('investigator', caseId, 'investigate'))!;
    expect(after.taskId).not.toBe(before.taskId);
    expect(after.dueAt).toBe(earliest(bd(30)(after), { dueAt: end(moved), source: 'case-limit' }).dueAt);
    const current = await getCase(caseId);
    expect(current.executionArn).not.toBe(beforeSuspension.executionArn);
    expect(current.executionArn).toContain(`${caseId}-resume-`);
    expect(current.pendingExecutionName).toBeUndefined();

    await complete('investigator', after, {
      decision: 'propose',
      findings: '수사결과(기소유예) 반영',
      disposition: { type: 'discipline', severity: '경징계' },
    });
    await step('team-lead', caseId, 'review', { decision: 'endorse' }, capped(5, moved));
    await step('head', caseId, 'approve', { decision: 'approve' }, capped(5, moved));
    // After the end notice, the 1-month request period runs from it — but never past the 징계시효.
    await step(
      'investigator',
      caseId,
      'request-discipline',
      { decision: 'send-request', requestedOn: today, documentNumber: '감사담당관-2026-777' },
      () =>
        earliest(
          {
            dueAt: computeDue('discipline.request-after-notice', `${daysAgo(1)}T09:00:00+09:00`, calendar).dueAt,
            source: 'statutory',
          },
          { dueAt: end(moved), source: 'case-limit' },
        ),
    );
    await step('investigator', caseId, 'record-resolution', {
      decision: 'record-resolution',
      resolution: '견책',
      resolvedOn: today,
    });
    await sendResultNoticeAndClose(caseId);

    expect(await eventTypes(caseId)).toEqual([
      ...HEAD,
      'SUSPENDED',
      'RESUMED',
      'LIMITATION_CHANGED',
      'TASK_OPENED',
      ...TO_APPROVAL,
      ...TWO_STEPS,
      'RESOLUTION_RECORDED',
      ...NOTICE_AND_CLOSE,
    ]);
    const events = await history(caseId);
    expect(events.find((e) => e.type === 'LIMITATION_CHANGED')?.data).toMatchObject({
      before: limitation,
      after: moved,
      article: '지방공무원법 제73조의2②',
    });
  });

  it('suspends while the personnel committee sits and resumes at the same disposition step, read from the case record', async () => {
    const { caseId } = await intakeAssigned('징계의결 대기 중 검찰 수사개시', referral());
    await proposeAndApprove(caseId, '2028-03-02', { type: 'discipline', severity: '중징계' });
    await step('investigator', caseId, 'request-discipline', {
      decision: 'send-request',
      requestedOn: today,
      documentNumber: '감사담당관-2026-888',
    });
    const waiting = (await openTask('investigator', caseId, 'record-resolution'))!;

    const suspended = await t.call('POST', `/cases/${caseId}/suspend`, {
      as: 'team-lead',
      body: { reason: 'criminal-investigation', startNoticeReceivedOn: today, agency: '서울남부지방검찰청' },
    });
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(200);
    expect(suspended.body.case.misconduct.suspension).toMatchObject({
      resumeStage: 'disposition',
      cancelledTaskIds: [waiting.taskId],
    });
    // The limitation was met by the request in time; a suspension does not make it a warning again.
    expect(suspended.body.case.limitationWarning.status).toBe('met');

    const resumed = await t.call('POST', `/cases/${caseId}/resume`, {
      as: 'head',
      body: { basis: 'office-decision', reasonText: '수사와 별개로 징계절차 진행' },
    });
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    expect(resumed.body.case.misconduct.limitation.date).toBe('2028-03-02');
    const again = await step(
      'investigator',
      caseId,
      'record-resolution',
      { decision: 'record-resolution', resolution: '감봉', months: 2, resolvedOn: today },
      () => ({
        dueAt: computeDue('discipline.committee-decision', `${today}T09:00:00+09:00`, calendar).dueAt,
        source: 'statutory',
      }),
    );
    expect(again.taskId).not.toBe(waiting.taskId);
    await sendResultNoticeAndClose(caseId);
    const types = await eventTypes(caseId);
    expect(
      types.filter((x) => ['SUSPENDED', 'RESUMED', 'LIMITATION_CHANGED', 'RESOLUTION_RECORDED'].includes(x)),
    ).toEqual(['SUSPENDED', 'RESUMED', 'RESOLUTION_RECORDED']);
  });

  it('suspends at intake on a Board of Audit start-of-investigation notice and only its end notice resumes it (제73조①)', async () => {
    const res = await t.call('POST', '/cases', {
      as: 'clerk',
      body: {
        kind: 'external-referral',
        title: '감사원 조사개시 통보',
        misconduct: referral({ agency: '감사원', noticeType: '수사·조사 개시 통보' }),
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      workflowStarted: false,
      case: {
        stage: 'suspended',
        misconduct: { suspension: { reason: 'audit-board-investigation', mandatory: true } },
      },
    });
    const caseId = res.body.case.caseId as string;
    expect(await openTask('team-lead', caseId)).toBeUndefined();

    const byDecision = await t.call('POST', `/cases/${caseId}/resume`, {
      as: 'head',
      body: { basis: 'office-decision', reasonText: '자체 판단으로 진행' },
    });
    expect(byDecision.status).toBe(409);
    expect(byDecision.body.error.rule).toBe('mandatory_suspension');

    const resumed = await t.call('POST', `/cases/${caseId}/resume`, {
      as: 'head',
      body: { basis: 'end-notice', endNoticeReceivedOn: today },
    });
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    expect(resumed.body.workflowStarted).toBe(true);
    await step('team-lead', caseId, 'assign', { decision: 'assign', assigneeSub: t.users.investigator.sub }, bd(2));
    expect(await eventTypes(caseId)).toEqual([
      'CASE_CREATED',
      'SUSPENDED',
      'RESUMED',
      'STAGE→assignment',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'ASSIGNED',
      'STAGE→investigation',
      'TASK_OPENED',
    ]);
  });
});

describe('illegal moves answer a clear 4xx and change nothing', () => {
  async function unchanged(
    caseId: string,
    act: () => Promise<{ status: number; body: any }>,
    status: number,
    error: Record<string, unknown>,
  ) {
    const before = await getCase(caseId);
    const eventsBefore = (await history(caseId)).length;
    const res = await act();
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error).toMatchObject(error);
    const after = await getCase(caseId);
    expect(after.version).toBe(before.version);
    expect((await history(caseId)).length).toBe(eventsBefore);
  }

  it('refuses approving or reviewing your own findings', async () => {
    // Neither the head nor a team lead is an investigator: only the head's recorded exception puts them on a case.
    const exception = { overrideAssignmentRule: true, overrideReason: '직접 조사' };
    const byHead = await intakeAssigned('결재자 본인 조사', referral(), exception, t.users.head.sub, 'head');
    await step('head', byHead.caseId, 'investigate', {
      decision: 'propose',
      findings: '본인 조사',
      disposition: { type: 'caution' },
    });
    await step('team-lead', byHead.caseId, 'review', { decision: 'endorse' });
    const approve = (await openTask('head', byHead.caseId, 'approve'))!;
    await unchanged(byHead.caseId, () => complete('head', approve, { decision: 'approve' }), 403, {
      rule: 'self_approval',
    });

    const byLead = await intakeAssigned('팀장 본인 조사', referral(), exception, t.users['team-lead'].sub, 'head');
    await step('team-lead', byLead.caseId, 'investigate', {
      decision: 'propose',
      findings: '본인 조사',
      disposition: { type: 'caution' },
    });
    const review = (await openTask('team-lead', byLead.caseId, 'review'))!;
    await unchanged(byLead.caseId, () => complete('team-lead', review, { decision: 'endorse' }), 403, {
      rule: 'self_approval',
    });
  });

  it('refuses closing without a reason, a resolution type that does not exist, and a discipline request without the surcharge its category requires', async () => {
    const { caseId } = await intakeAssigned('입력 오류 시나리오', referral({ category: 'bribery' }));
    const investigate = (await openTask('investigator', caseId, 'investigate'))!;
    await unchanged(
      caseId,
      () =>
        complete('investigator', investigate, {
          decision: 'propose',
          findings: '결과',
          disposition: { type: 'closure' },
        }),
      400,
      { field: 'disposition.reasonCode' },
    );
    await unchanged(caseId, () => complete('investigator', investigate, { decision: 'approve' }), 400, {
      field: 'decision',
      rule: 'decision_not_allowed',
    });
    await complete('investigator', investigate, {
      decision: 'propose',
      findings: '금품수수 확인',
      disposition: { type: 'discipline', severity: '중징계' },
    });
    await step('team-lead', caseId, 'review', { decision: 'endorse' });
    await step('head', caseId, 'approve', { decision: 'approve' });
    const request = (await openTask('investigator', caseId, 'request-discipline'))!;
    await unchanged(
      caseId,
      () => complete('investigator', request, { decision: 'send-request', requestedOn: today, documentNumber: 'd-1' }),
      400,
      { field: 'surchargeRequested', rule: 'surcharge_required' },
    );
    await unchanged(
      caseId,
      () =>
        complete('investigator', request, {
          decision: 'send-request',
          requestedOn: addDays(today, 1),
          documentNumber: 'd-1',
          surchargeRequested: true,
          surchargeBaseAmountWon: 1,
        }),
      400,
      { field: 'requestedOn', rule: 'not_in_future' },
    );
    await complete('investigator', request, {
      decision: 'send-request',
      requestedOn: today,
      documentNumber: 'd-1',
      surchargeRequested: true,
      surchargeBaseAmountWon: 1_000_000,
    });
    const resolution = (await openTask('investigator', caseId, 'record-resolution'))!;
    await unchanged(
      caseId,
      () =>
        complete('investigator', resolution, { decision: 'record-resolution', resolution: '경고', resolvedOn: today }),
      400,
      { field: 'resolution', rule: 'invalid_value' },
    );
    await unchanged(
      caseId,
      () =>
        complete('investigator', resolution, {
          decision: 'record-resolution',
          resolution: '감봉',
          resolvedOn: today,
          surcharge: { multiple: 1, amountWon: 1_000_000 },
        }),
      400,
      { field: 'months', rule: 'months_required' },
    );
    await unchanged(
      caseId,
      () =>
        complete('investigator', resolution, {
          decision: 'record-resolution',
          resolution: '견책',
          resolvedOn: today,
          surcharge: { multiple: 6, amountWon: 6_000_000 },
        }),
      400,
      { field: 'surcharge.multiple' },
    );
  });

  it('refuses intake without the referral notice or with an official who may be a staff member not linked', async () => {
    const noNotice = await t.call('POST', '/cases', {
      as: 'clerk',
      body: {
        kind: 'external-referral',
        title: '통보 정보 누락',
        misconduct: { category: 'other', conductDate: '2026-01-02', officials: [official] },
      },
    });
    expect(noNotice.status).toBe(400);
    expect(noNotice.body.error).toMatchObject({ field: 'misconduct.referral', rule: 'required_for_kind' });
    const namesake = await t.call('POST', '/cases', {
      as: 'clerk',
      body: {
        kind: 'external-referral',
        title: '동명이인',
        misconduct: referral({ officials: [{ name: '조현우', department: '감사담당관', grade: '7급' }] }),
      },
    });
    expect(namesake.status).toBe(400);
    expect(namesake.body.error).toMatchObject({
      field: 'misconduct.officials.0.staffSub',
      rule: 'possible_staff_match',
    });
    const confirmed = await t.call('POST', '/cases', {
      as: 'clerk',
      body: {
        kind: 'external-referral',
        title: '동명이인(다른 사람)',
        misconduct: referral({ officials: [{ name: '조현우', department: '건축과', grade: '8급', notStaff: true }] }),
      },
    });
    expect(confirmed.status).toBe(201);
  });
});

describe('officials concerned, evidence and reassignment', () => {
  it('never shows or assigns a case to an official concerned who is a staff member', async () => {
    const concerned = {
      name: otherInvestigator.name,
      department: '감사담당관',
      grade: '지방행정주사보(7급)',
      staffSub: otherInvestigator.sub,
    };
    const res = await t.call('POST', '/cases', {
      as: 'clerk',
      body: {
        kind: 'external-referral',
        title: '감사담당관 직원 관련 통보',
        misconduct: referral({ officials: [concerned] }),
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const caseId = res.body.case.caseId as string;
    expect(res.body.case.misconduct.concernedSubs).toEqual([otherInvestigator.sub]);

    const read = await t.call('GET', `/cases/${caseId}`, { token: otherInvestigatorToken });
    expect(read.status).toBe(403);
    expect(read.body.error.rule).toBe('official_concerned');
    expect((await t.call('GET', `/cases/${caseId}/history`, { token: otherInvestigatorToken })).status).toBe(403);

    const assign = (await openTask('team-lead', caseId, 'assign'))!;
    expect(assign).toBeDefined();
    const eventsBefore = (await history(caseId)).length;
    const refused = await complete('team-lead', assign, { decision: 'assign', assigneeSub: otherInvestigator.sub });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ field: 'assigneeSub', rule: 'official_concerned' });
    expect((await history(caseId)).length).toBe(eventsBefore);

    // Recorded later, an official loses sight of the case at once, including its open task in their role queue.
    const lead = t.users['team-lead'];
    const added = await t.call('POST', `/cases/${caseId}/officials`, {
      as: 'head',
      body: { name: lead.name, department: '감사담당관', grade: '조사팀장(6급)', staffSub: lead.sub },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(await openTask('team-lead', caseId)).toBeUndefined();
    expect((await t.call('GET', `/cases/${caseId}`, { as: 'team-lead' })).status).toBe(403);
    const stored = await t.call('GET', `/cases/${caseId}/tasks`, { as: 'head' });
    expect(stored.body.items).toMatchObject([
      { taskId: assign.taskId, status: 'open', hiddenFrom: [otherInvestigator.sub, lead.sub] },
    ]);
  });

  it('adds evidence and officials, and reassigns with a reason, moving the open task, and shutting out a newly recorded official', async () => {
    const { caseId } = await intakeAssigned('증거·재배정', referral());
    const investigate = (await openTask('investigator', caseId, 'investigate'))!;

    const evidence = await t.call('POST', `/cases/${caseId}/evidence`, {
      as: 'investigator',
      body: {
        label: '범죄처분결과 통보서',
        reference: '영등포경찰서 수사과-2026-0711 (문서함 3-2)',
        obtainedOn: daysAgo(3),
      },
    });
    expect(evidence.status, JSON.stringify(evidence.body)).toBe(201);
    expect(evidence.body.case.misconduct.evidence).toMatchObject([
      { evidenceId: 'E1', kind: '문서', label: '범죄처분결과 통보서' },
    ]);
    expect(
      (await t.call('POST', `/cases/${caseId}/evidence`, { as: 'clerk', body: { label: 'x', reference: 'y' } })).status,
    ).toBe(403);

    const noReason = await t.call('POST', `/cases/${caseId}/reassign`, {
      as: 'team-lead',
      body: { assigneeSub: otherInvestigator.sub },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.field).toBe('reason');
    const reassigned = await t.call('POST', `/cases/${caseId}/reassign`, {
      as: 'team-lead',
      body: { assigneeSub: otherInvestigator.sub, reason: '업무량 조정' },
    });
    expect(reassigned.status, JSON.stringify(reassigned.body)).toBe(200);
    expect(reassigned.body.case.assigneeSub).toBe(otherInvestigator.sub);
    expect(reassigned.body.events[0]).toMatchObject({
      type: 'ASSIGNED',
      data: { reason: '업무량 조정', previous: t.users.investigator.sub, movedTasks: [investigate.taskId] },
    });
    expect(await openTask('investigator', caseId)).toBeUndefined();
    const moved = await openTask({ token: otherInvestigatorToken }, caseId, 'investigate');
    expect(moved?.taskId).toBe(investigate.taskId);

    // The assignee cannot become an official concerned while assigned; the former assignee can, and then loses sight of it.
    const selfRecord = await t.call('POST', `/cases/${caseId}/officials`, {
      as: 'team-lead',
      body: { name: otherInvestigator.name, department: '감사담당관', grade: '7급', staffSub: otherInvestigator.sub },
    });
    expect(selfRecord.status).toBe(409);
    expect(selfRecord.body.error.rule).toBe('official_is_assignee');
    const added = await t.call('POST', `/cases/${caseId}/officials`, {
      as: 'team-lead',
      body: { name: '박준형', department: '감사담당관', grade: '조사관(6급)', staffSub: t.users.investigator.sub },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.case.misconduct.officials.map((o: { officialId: string }) => o.officialId)).toEqual(['O1', 'O2']);
    expect((await t.call('GET', `/cases/${caseId}`, { as: 'investigator' })).status).toBe(403);
    const back = await t.call('POST', `/cases/${caseId}/reassign`, {
      as: 'team-lead',
      body: { assigneeSub: t.users.investigator.sub, reason: '원복' },
    });
    expect(back.status).toBe(403);
    expect(back.body.error.rule).toBe('official_concerned');

    const types = await eventTypes(caseId);
    expect(types.slice(-3)).toEqual(['EVIDENCE_ADDED', 'ASSIGNED', 'OFFICIAL_ADDED']);
  });
});

describe('the office report (징계·불문경고 / 훈계·주의 / 내부종결·시정조치 / 진행)', () => {
  async function approvedIn(
    kind: 'external-referral' | 'internal-investigation',
    receivedAt: string,
    disposition?: Record<string, unknown>,
  ) {
    const misconduct =
      kind === 'external-referral'
        ? referral({
            conductDate: '2024-11-01',
            noticeDate: receivedAt.slice(0, 10),
            noticeType: '수사·조사 개시 통보',
          })
        : { category: 'other', conductDate: '2024-11-01', officials: [official], origin: 'complaint' };
    const res = await t.call('POST', '/cases', {
      as: 'team-lead',
      body: { kind, title: `실적 집계 ${receivedAt}`, receivedAt, assigneeSub: t.users.investigator.sub, misconduct },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const caseId = res.body.case.caseId as string;
    if (disposition) {
      await step('investigator', caseId, 'investigate', { decision: 'propose', findings: '결과', disposition });
      await step('team-lead', caseId, 'review', { decision: 'endorse' });
      await step('head', caseId, 'approve', { decision: 'approve' });
    }
    return caseId;
  }

  it('counts referrals and internal investigations received in a period by index range, in the office categories', async () => {
    await approvedIn('external-referral', '2025-03-03T10:00:00+09:00', { type: 'discipline', severity: '경징계' });
    await approvedIn('external-referral', '2025-03-10T10:00:00+09:00', { type: 'caution' });
    await approvedIn('external-referral', '2025-03-14T10:00:00+09:00', {
      type: 'closure',
      reasonCode: 'no-misconduct',
    });
    await approvedIn('external-referral', '2025-03-31T17:00:00+09:00');
    await approvedIn('external-referral', '2025-04-01T09:00:00+09:00', { type: 'caution' });
    await approvedIn('internal-investigation', '2025-03-05T10:00:00+09:00', {
      type: 'corrective-action',
      department: '복지정책과',
      order: '보조금 정산 절차 보완',
      complianceDueDate: addDays(today, 30),
    });
    await approvedIn('internal-investigation', '2025-03-06T10:00:00+09:00');

    const res = await t.call('GET', '/reports/misconduct?from=2025-03-01&to=2025-03-31', { as: 'auditor' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows).toEqual([
      {
        kind: 'external-referral',
        labelKo: '외부기관 통보사항 조사',
        total: 4,
        counts: { 징계·불문경고: 1, 훈계·주의: 1, 내부종결·시정조치: 1, 진행: 1 },
        suspended: 0,
        closed: 0,
      },
      {
        kind: 'internal-investigation',
        labelKo: '내부조사·민원사항 조사',
        total: 2,
        counts: { 징계·불문경고: 0, 훈계·주의: 0, 내부종결·시정조치: 1, 진행: 1 },
        suspended: 0,
        closed: 0,
      },
    ]);

    expect(
      (await t.call('GET', '/reports/misconduct?from=2025-03-01&to=2025-03-31', { as: 'investigator' })).status,
    ).toBe(403);
    const backwards = await t.call('GET', '/reports/misconduct?from=2025-03-31&to=2025-03-01', { as: 'head' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({ field: 'to', rule: 'not_before_from' });
  });
});
