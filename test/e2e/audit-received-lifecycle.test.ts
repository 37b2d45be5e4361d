/**
 * 외부기관 감사 수감 end to end through the HTTP API and the local Step Functions service running the
 * kind's own workflow: the audit received (refused without its details) → auditor named → the
 * result's demands recorded as findings (the shared findings routes; a 경고 is a demand here) → the
 * day of receipt starts the clocks, each checked against its article: the 경고 published within 10
 * days (행정감사규정 제18조④), each demand's 이행 within 60 (제18조⑤), 재심의 filed within 1 month
 * (제20조) → a lighter resolution than a requested 중징계 refused when carried out before it is
 * reported (제18조⑥) → a reconsideration cancels a demand → the 경고 published, 이행 recorded, the
 * 이행결과 sent → closed only then; the history chain verifies. The office report counts it (by auditing body
 * and by disposition). A 재심의 filed inside the month reopens the closed audit under a new execution until
 * the body's result is recorded; one after the month is refused and the audit stays closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { startTestSystem } from '../support/local-system.ts';
import { headOfOffice, staffApi, staffNamed } from '../support/staff-api.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
const { call, tryDecide, decide, caseOf, openTask } = staffApi(() => t);

const head = headOfOffice;
const auditLead = staffNamed('강민수');
const auditor = staffNamed('서지원');

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => t?.system.close());

const calendar = createCalendar();
const today = koreaDate(new Date());
const addDays = (on: string, days: number) =>
  new Date(Date.parse(`${on}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** 민법 counting as 행정기본법 제6조① applies it: the first day is not counted, a last day off work moves on. */
const daysAfter = (on: string, days: number) => {
  let due = addDays(on, days);
  while (!calendar.isBusinessDay(due)) due = addDays(due, 1);
  return due;
};
/**
 * 1 month from a day (민법 제157조, 제160조): counted from the next day, it ends the day before the
 * same day of the next month — or on that month's last day when it has no such day — moved off a
 * day without work (제161조).
 */
const monthAfter = (on: string, months = 1) => {
  const [y, m, d] = addDays(on, 1).split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months, 0)).getUTCDate();
  let due =
    d > last
      ? new Date(Date.UTC(y, m - 1 + months - 1, last)).toISOString().slice(0, 10)
      : addDays(new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10), -1);
  while (!calendar.isBusinessDay(due)) due = addDays(due, 1);
  return due;
};
const receivedOn = addDays(today, -4);

const AUDIT = {
  auditingBody: 'seoul',
  auditName: '2026년 서울특별시 종합감사',
  departments: ['도시계획과', '재무과'],
  fieldworkStartOn: addDays(today, -60),
  fieldworkEndOn: addDays(today, -50),
};
const DEMANDS = [
  {
    title: '공유재산 무단점유 변상금 미부과',
    description: '무단점유자에게 변상금을 부과하지 않음',
    disposition: 'warning',
    department: '재무과',
    legalBasis: '공유재산법 제81조',
  },
  {
    title: '계약 관련 금품 수수',
    description: '감독 공무원이 시공사로부터 금품 수수',
    disposition: 'discipline',
    department: '도시계획과',
    officials: [{ name: '이준호', department: '도시계획과', grade: '지방시설주사(6급)' }],
    legalBasis: '지방공무원법 제53조',
  },
  {
    title: '설계변경 부적정',
    description: '설계변경 사유 검토 미흡',
    disposition: 'correction',
    department: '도시계획과',
    recoverWon: 8_000_000,
    legalBasis: '지방계약법 시행령 제74조',
  },
];

let receivedCaseId = '';
let reportBefore: Awaited<ReturnType<typeof reportToday>>;
type Cells = Record<string, Record<string, number | null>>;
/** The audits-received tables of the office report for today (the cases received today), row by row. */
async function reportToday(): Promise<{ byBody: Cells; byDisposition: Cells }> {
  const res = await call(head, 'GET', `/reports/office?from=${today}&to=${today}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const rows = (id: string): Cells =>
    Object.fromEntries(
      res.body.tables
        .find((tb: { id: string }) => tb.id === id)
        .rows.map((r: { key: string; cells: Record<string, number> }) => [r.key, r.cells]),
    );
  return { byBody: rows('audits-received'), byDisposition: rows('audits-received-demands') };
}
/** What one row gained between two reports: the other tests' cases (and demo data) drop out. */
const gained = (after: Cells, before: Cells, row: string) =>
  Object.fromEntries(Object.entries(after[row]!).map(([k, v]) => [k, (v ?? 0) - (before[row]![k] ?? 0)]));

describe('an audit received with a 경고 publication deadline', () => {
  let caseId = '';
  const findingIds: string[] = [];

  it('refuses an audit received without its details', async () => {
    const res = await call(auditLead, 'POST', '/cases', { kind: 'audit-received', title: '서울시 종합감사' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('auditReceived');
  });

  it('receives the audit, names the auditor and records the result’s demands as findings', async () => {
    reportBefore = await reportToday();
    const res = await call(auditLead, 'POST', '/cases', {
      kind: 'audit-received',
      title: '2026년 서울시 종합감사 수감',
      auditReceived: AUDIT,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    caseId = res.body.case.caseId;
    receivedCaseId = caseId;
    await decide(auditLead, caseId, 'assign', { decision: 'assign', assigneeSub: auditor.sub });
    expect((await openTask(caseId)).type).toBe('audit-received-result');

    for (const d of DEMANDS) {
      const added = await call(auditor, 'POST', `/cases/${caseId}/findings`, d);
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      findingIds.push(added.body.case.auditReceived.findings.at(-1).findingId);
    }
    // The 이행 period is the rule's 60 days: a demand may not set its own.
    const ownDays = await call(auditor, 'POST', `/cases/${caseId}/findings`, { ...DEMANDS[2], followUpDays: 90 });
    expect(ownDays.status).toBe(400);
    expect(ownDays.body.error).toMatchObject({ field: 'followUpDays', rule: 'not_for_kind' });
  });

  it('dates every clock from the day the result was received', async () => {
    const future = await tryDecide(auditor, caseId, 'audit-received-result', {
      decision: 'record-received-result',
      receivedOn: addDays(today, 1),
    });
    expect(future.status).toBe(400);
    expect(future.body.error).toMatchObject({ field: 'receivedOn', rule: 'not_in_future' });
    await decide(auditor, caseId, 'audit-received-result', {
      decision: 'record-received-result',
      receivedOn,
      documentNumber: '감사담당관-1234',
    });

    const c = await caseOf(caseId);
    const warningDueOn = daysAfter(receivedOn, 10);
    const followUpDueOn = daysAfter(receivedOn, 60);
    expect(c.auditReceived.resultNotice).toMatchObject({
      notifiedOn: receivedOn,
      warningPublicationDueOn: warningDueOn,
    });
    // 1 month by the calendar (행정감사규정 제20조, 민법 제160조).
    expect(c.auditReceived.resultNotice.reconsiderationFilingDueOn).toBe(monthAfter(receivedOn));
    for (const f of c.auditReceived.findings) expect(f.followUp.dueOn).toBe(followUpDueOn);

    const followUp = await openTask(caseId);
    expect(followUp.type).toBe('audit-received-follow-up');
    expect(followUp.dueAt.slice(0, 10)).toBe(warningDueOn);
    expect(followUp.dueBasis).toMatchObject({ article: '행정감사규정 제18조④', source: 'statutory' });

    const closing = await tryDecide(auditor, caseId, 'audit-received-follow-up', { decision: 'close-audit-received' });
    expect(closing.status).toBe(409);
    expect(closing.body.error.rule).toBe('open_items');
    expect(closing.body.error.messageKo).toContain('경고 처분요구 홈페이지 공개');
  });

  it('refuses to carry out a resolution lighter than the 중징계 requested before it is reported', async () => {
    const resolution = {
      decision: 'record-discipline-resolution',
      findingNumber: 2,
      requested: 'heavy',
      resolution: 'reprimand',
      resolvedOn: addDays(today, -2),
    };
    const early = await tryDecide(auditor, caseId, 'audit-received-follow-up', { ...resolution, executedOn: today });
    expect(early.status).toBe(400);
    expect(early.body.error).toMatchObject({ field: 'reportedOn', rule: 'report_before_execution' });
    expect(early.body.error.messageKo).toContain('제18조⑥');
    const notDiscipline = await tryDecide(auditor, caseId, 'audit-received-follow-up', {
      ...resolution,
      findingNumber: 3,
    });
    expect(notDiscipline.status).toBe(400);
    expect(notDiscipline.body.error.rule).toBe('not_discipline');

    await decide(auditor, caseId, 'audit-received-follow-up', resolution);
    const pending = await tryDecide(auditor, caseId, 'audit-received-follow-up', { decision: 'close-audit-received' });
    expect(pending.body.error.messageKo).toContain('중징계 요구보다 경한 의결의 감사기관 통보');
    await decide(auditor, caseId, 'audit-received-follow-up', { ...resolution, reportedOn: addDays(today, -1) });
    await decide(auditor, caseId, 'audit-received-follow-up', { ...resolution, executedOn: today });
    const c = await caseOf(caseId);
    expect(c.auditReceived.disciplineResolutions).toEqual([
      expect.objectContaining({ lighter: true, reportedOn: addDays(today, -1), executedOn: today }),
    ]);
  });

  it('records a reconsideration that cancels a demand, the 경고’s publication, 이행, and closes', async () => {
    await decide(auditor, caseId, 'audit-received-follow-up', {
      decision: 'file-received-reconsideration',
      filedOn: addDays(today, -1),
      findingNumbers: [3],
      reasons: '설계변경은 현장 여건상 불가피',
    });
    let c = await caseOf(caseId);
    expect(c.auditReceived.reconsiderations[0]).toMatchObject({ late: false });
    await decide(auditor, caseId, 'audit-received-follow-up', {
      decision: 'record-received-reconsideration-result',
      outcome: 'changed',
      decidedOn: today,
      receivedOn: today,
      cancelFindings: [3],
    });

    await decide(auditor, caseId, 'audit-received-follow-up', {
      decision: 'record-warning-publication',
      publishedOn: today,
      url: 'https://www.ydp.go.kr/audit/warning/1',
    });
    c = await caseOf(caseId);
    expect(c.auditReceived.warningPublication).toMatchObject({ publishedOn: today, onTime: true });
    expect(c.auditReceived.findings[2].status).toBe('cancelled');
    // With the 경고 published, the task is due at the 이행's 60 days.
    expect((await openTask(caseId)).dueAt.slice(0, 10)).toBe(daysAfter(receivedOn, 60));

    for (const id of findingIds.slice(0, 2)) {
      const done = await call(auditor, 'PATCH', `/cases/${caseId}/findings/${id}`, {
        followUpResult: { completedOn: today, content: '조치 완료' },
      });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    }
    await decide(auditor, caseId, 'audit-received-follow-up', {
      decision: 'report-received-follow-up',
      reportedOn: today,
    });
    await decide(auditor, caseId, 'audit-received-follow-up', { decision: 'close-audit-received' });
    c = await caseOf(caseId);
    expect(c.stage).toBe('closed');
    expect(c.detailsView.map((l: { labelKo: string }) => l.labelKo)).toContain('경고 공개 기한');
    const verify = await call(head, 'GET', `/cases/${caseId}/verify`);
    expect(verify.body.ok).toBe(true);
  });
});

describe('the audit received, closed, in the office report and reopened by a 재심의', () => {
  let caseId = '';

  it('counts the closed audit by auditing body and by disposition', async () => {
    caseId = receivedCaseId;
    const after = await reportToday();
    // Received and closed today: the 경고 published on time, demands 1–2 done within 60 days, 3 cancelled,
    // the reprimand (lighter than the 중징계 asked) reported before it was carried out.
    expect(gained(after.byBody, reportBefore.byBody, 'seoul')).toEqual({
      audits: 1,
      received: 1,
      demands: 3,
      cancelled: 1,
      doneOnTime: 2,
      doneLate: 0,
      planned: 0,
      overdue: 0,
      recoverWon: 0,
      warningOnTime: 1,
      warningLate: 0,
      warningUnpublished: 0,
      reconsiderations: 1,
      lighter: 1,
      lighterReported: 1,
      exOfficioOpen: 1,
    });
    expect(gained(after.byDisposition, reportBefore.byDisposition, 'warning')).toMatchObject({
      demands: 1,
      doneOnTime: 1,
    });
    expect(gained(after.byDisposition, reportBefore.byDisposition, 'correction')).toMatchObject({
      demands: 1,
      cancelled: 1,
      recoverWon: 0,
    });
  });

  it('reopens for a 재심의 filed inside the month, until the body’s result is recorded (제20조)', async () => {
    const filing = {
      decision: 'file-received-reconsideration',
      filedOn: today,
      findingNumbers: [2],
      reasons: '징계 요구 대상자의 책임 정도 재검토',
    };
    const res = await call(auditor, 'POST', `/cases/${caseId}/reconsideration`, filing);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.workflowStarted).toBe(true);
    const event = res.body.events.find((e: { type: string }) => e.type === 'DECISION_RECORDED');
    expect(event).toMatchObject({ stageBefore: 'closed', stageAfter: 'disposition' });
    expect(event.data).toMatchObject({ reopened: true, closedOn: today, late: false });

    // A new execution opens the follow-up again, due when the body must decide (2 months from filing).
    const task = await openTask(caseId);
    expect(task.type).toBe('audit-received-follow-up');
    let c = await caseOf(caseId);
    expect(c.stage).toBe('disposition');
    expect(c.auditReceived.closure).toBeUndefined();
    const decisionDueOn = monthAfter(today, 2);
    expect(c.auditReceived.reconsiderations.at(-1)).toMatchObject({ filedOn: today, late: false, decisionDueOn });
    expect(task.dueAt.slice(0, 10)).toBe(decisionDueOn);
    expect(task.dueBasis).toMatchObject({ article: '행정감사규정 제20조' });

    // Open now: a second request goes through the task, not the reopening route.
    const again = await call(auditor, 'POST', `/cases/${caseId}/reconsideration`, filing);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ field: 'caseId', rule: 'not_closed' });

    const closing = await tryDecide(auditor, caseId, 'audit-received-follow-up', { decision: 'close-audit-received' });
    expect(closing.status).toBe(409);
    expect(closing.body.error.messageKo).toContain('재심의 결과 미수령');
    await decide(auditor, caseId, 'audit-received-follow-up', {
      decision: 'record-received-reconsideration-result',
      outcome: 'rejected',
      decidedOn: today,
      receivedOn: today,
    });
    await decide(auditor, caseId, 'audit-received-follow-up', { decision: 'close-audit-received' });
    c = await caseOf(caseId);
    expect(c.stage).toBe('closed');
    const verify = await call(head, 'GET', `/cases/${caseId}/verify`);
    expect(verify.body.ok).toBe(true);
  });

  it('refuses a 재심의 filed after the month, and the audit stays closed', async () => {
    const old = await call(auditLead, 'POST', '/cases', {
      kind: 'audit-received',
      title: '2026년 행정안전부 특정감사 수감',
      auditReceived: {
        auditingBody: 'mois',
        auditName: '2026년 행정안전부 특정감사',
        departments: ['재무과'],
        fieldworkStartOn: addDays(today, -90),
        fieldworkEndOn: addDays(today, -80),
      },
    });
    expect(old.status, JSON.stringify(old.body)).toBe(201);
    const id = old.body.case.caseId;
    await decide(auditLead, id, 'assign', { decision: 'assign', assigneeSub: auditor.sub });
    const receivedLongAgo = addDays(today, -45);
    await decide(auditor, id, 'audit-received-result', {
      decision: 'record-received-result',
      receivedOn: receivedLongAgo,
    });
    await decide(auditor, id, 'audit-received-follow-up', { decision: 'close-audit-received' });
    const closed = await caseOf(id);
    expect(closed.stage).toBe('closed');
    const dueOn = closed.auditReceived.resultNotice.reconsiderationFilingDueOn;
    expect(dueOn).toBe(monthAfter(receivedLongAgo));

    const late = await call(auditor, 'POST', `/cases/${id}/reconsideration`, {
      decision: 'file-received-reconsideration',
      filedOn: today,
      findingNumbers: [1],
      reasons: '늦은 신청',
    });
    expect(late.status).toBe(400);
    expect(late.body.error).toMatchObject({ field: 'filedOn', rule: 'reconsideration_period_expired' });
    expect(late.body.error.messageKo).toContain(dueOn);
    expect(late.body.error.messageKo).toContain('행정감사규정 제20조①');
    const after = await caseOf(id);
    expect(after).toMatchObject({ stage: 'closed', version: closed.version });
  });
});
