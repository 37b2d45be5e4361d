/**
 * 자체감사 end to end through the HTTP API and the local Step Functions service running its own
 * workflow: a plan received → lead auditor named → notice (due counted back 7 days from the start,
 * with the Sunday warning) → fieldwork with findings recorded under the audit (bad input, a replayed
 * Idempotency-Key, a stale version) → a discipline finding opens a linked internal investigation the
 * misconduct lifecycle takes over → result (60 days from the end) → the head's approval notifies it →
 * notices upward (서울시 → 행정안전부 → 감사원), a 재심의 (1 month / 2 months) that cancels one finding
 * and changes another, 이행 (a result, an action plan that moves the follow-up task's due date), the
 * 이행결과 upward, the disclosure decision (withheld needs a 정보공개법 제9조① ground) → closed; the
 * chain verifies and the office report counts the findings by disposition. A 재심의 arriving inside the
 * month after closing reopens the audit until it is decided (one after the month: the unit tests).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { reconsiderationDecisionDue, reconsiderationFilingDue } from '#shared/kinds/self-audit/self-audit-deadlines.ts';
import { startTestSystem } from '../support/local-system.ts';
import { headOfOffice, staffApi, staffNamed } from '../support/staff-api.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
const { call, openTask, tryDecide, decide, caseOf } = staffApi(() => t);

const head = headOfOffice;
const auditLead = staffNamed('강민수');
const auditor = staffNamed('서지원');
const auditor2 = staffNamed('임채원');
const investigationLead = staffNamed('최유진');

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => t?.system.close());

const calendar = createCalendar();
const today = koreaDate(new Date());
/** `days` calendar days after `on`, then on to the next business day (the follow-up setting's rule), by hand. */
function daysThenBusinessDay(on: string, days: number): string {
  let d = new Date(Date.parse(`${on}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  while (!calendar.isBusinessDay(d)) d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return d;
}

const PLAN = {
  planYear: 2026,
  item: '2026년 복지정책과 종합감사',
  purpose: '보조금 집행과 계약 업무의 적정성 점검',
  auditKind: 'comprehensive',
  targetDepartments: ['복지정책과'],
  scope: '2025-01-01 이후 보조금 집행·계약',
  // Monday 2026-11-02 to Friday 11-06: the notice is due Sunday 10-25 (counted back), worked out by hand.
  startOn: '2026-11-02',
  endOn: '2026-11-06',
  staffSubs: [auditor.sub, auditor2.sub],
};

describe('a self-audit from plan to closed', () => {
  let caseId = '';
  const findingIds: string[] = [];

  it('refuses a plan without its items or with staff outside the audit team', async () => {
    const none = await call(auditLead, 'POST', '/cases', { kind: 'self-audit', title: '복지정책과 종합감사' });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ field: 'selfAudit', rule: 'required' });
    const outsider = await call(auditLead, 'POST', '/cases', {
      kind: 'self-audit',
      title: '복지정책과 종합감사',
      selfAudit: { ...PLAN, staffSubs: [investigationLead.sub] },
    });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error).toMatchObject({ field: 'selfAudit.staffSubs.0', rule: 'unknown_staff' });
    const kind = await call(auditLead, 'POST', '/cases', {
      kind: 'self-audit',
      title: '복지정책과 종합감사',
      selfAudit: { ...PLAN, auditKind: '감사' },
    });
    expect(kind.status).toBe(400);
    expect(kind.body.error.field).toBe('selfAudit.auditKind');
  });

  it('receives the plan, names the lead auditor and asks for the notice 7 days before the start', async () => {
    const res = await call(auditLead, 'POST', '/cases', {
      kind: 'self-audit',
      title: '복지정책과 종합감사',
      department: '복지정책과',
      selfAudit: PLAN,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    caseId = res.body.case.caseId;
    expect(res.body.case.selfAudit).toMatchObject({ noticeDueOn: '2026-10-25' });
    expect(res.body.case.selfAudit.noticeHolidayWarningKo).toContain('일요일');
    await decide(auditLead, caseId, 'assign', { decision: 'assign', assigneeSub: auditor.sub });
    const notice = await openTask(caseId);
    expect(notice.type).toBe('self-audit-notice');
    expect(notice.dueAt).toBe('2026-10-25T23:59:59+09:00');
    expect(notice.dueBasis).toMatchObject({ article: '공공감사법 시행령 제12조①', source: 'statutory' });
    expect(notice.dueBasis?.labelKo).toContain('⚠');
    const neither = await tryDecide(auditor, caseId, 'self-audit-notice', { decision: 'record-audit-notice' });
    expect(neither.status).toBe(400);
    expect(neither.body.error).toMatchObject({ field: 'notifiedOn', rule: 'one_of' });
    await decide(auditor, caseId, 'self-audit-notice', { decision: 'record-audit-notice', notifiedOn: '2026-10-23' });
    const c = await caseOf(caseId);
    expect(c.selfAudit.notice).toEqual({ notifiedOn: '2026-10-23', late: false });
    // The case page's lines (details.view): the notice in the office's date format.
    expect(c.detailsView).toContainEqual({ labelKo: '감사계획 통보', value: '2026년 10월 23일(금)' });
  });

  it('records findings under the audit during fieldwork, refusing bad input, a replay and a stale version', async () => {
    const fieldwork = await openTask(caseId);
    expect(fieldwork.type).toBe('self-audit-fieldwork');
    expect(fieldwork.dueAt).toBe('2026-11-06T23:59:59+09:00');

    const bad = await call(auditor, 'POST', `/cases/${caseId}/findings`, {
      title: '보조금 정산 부적정',
      description: '집행잔액 미반납',
      disposition: '벌금',
      department: '복지정책과',
      legalBasis: '보조금법 제31조',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('disposition');
    const negative = await call(auditor, 'POST', `/cases/${caseId}/findings`, {
      title: '보조금 정산 부적정',
      description: '집행잔액 미반납',
      disposition: 'correction',
      department: '복지정책과',
      legalBasis: '보조금법 제31조',
      recoverWon: -5,
    });
    expect(negative.status).toBe(400);
    expect(negative.body.error.field).toBe('recoverWon');

    const findings = [
      {
        title: '근무시간 중 사적 용무 반복',
        description: '출장 신청 후 사적 용무 (복무 위반)',
        disposition: 'discipline',
        department: '복지정책과',
        officials: [{ name: '김도윤', department: '복지정책과', grade: '지방행정주사(6급)' }],
        legalBasis: '지방공무원법 제48조, 제50조',
      },
      {
        title: '보조금 정산 부적정',
        description: '사업 종료 후 집행잔액을 반납받지 않음',
        disposition: 'correction',
        department: '복지정책과',
        recoverWon: 12_000_000,
        legalBasis: '지방자치단체 보조금 관리에 관한 법률 제31조',
      },
      {
        title: '수의계약 분할',
        description: '같은 사업을 나누어 수의계약',
        disposition: 'caution',
        department: '복지정책과',
        savedWon: 3_000_000,
        legalBasis: '지방계약법 시행령 제30조',
      },
    ];
    // A member of the plan's audit team records findings too, not only the lead auditor; others may not.
    const outsider = await call(staffNamed('조현우'), 'POST', `/cases/${caseId}/findings`, findings[0]);
    expect(outsider.status).toBe(403);
    for (const [i, f] of findings.entries()) {
      const key = `finding-${caseId}-${i}`;
      const res = await call(i === 2 ? auditor2 : auditor, 'POST', `/cases/${caseId}/findings`, f, {
        'idempotency-key': key,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const recorded = res.body.case.selfAudit.findings.at(-1);
      expect(recorded).toMatchObject({ number: i + 1, disposition: f.disposition, status: 'active' });
      expect(res.body.events[0].type).toBe('FINDING_RECORDED');
      findingIds.push(recorded.findingId);
      const again = await call(i === 2 ? auditor2 : auditor, 'POST', `/cases/${caseId}/findings`, f, {
        'idempotency-key': key,
      });
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    }
    const stale = await call(auditor, 'PATCH', `/cases/${caseId}/findings/${findingIds[2]}`, {
      expectedVersion: 1,
      savedWon: 4_000_000,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.rule).toBe('stale_version');

    const listed = await call(auditLead, 'GET', `/cases/${caseId}/findings`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((f: { number: number }) => f.number)).toEqual([1, 2, 3]);
    const discipline = await call(auditLead, 'GET', `/cases/${caseId}/findings?disposition=discipline`);
    expect(discipline.body.items).toHaveLength(1);
    expect(discipline.body.items[0].followUpState).toBe('not-due');
  });

  it('opens an internal investigation from the discipline finding, linked both ways, only once', async () => {
    const notDiscipline = await call(auditLead, 'POST', `/cases/${caseId}/findings/${findingIds[1]}/misconduct`, {
      category: 'neglect-of-duty',
      conductDate: '2026-06-30',
    });
    expect(notDiscipline.status).toBe(400);
    expect(notDiscipline.body.error.rule).toBe('not_discipline');

    const res = await call(auditLead, 'POST', `/cases/${caseId}/findings/${findingIds[0]}/misconduct`, {
      category: 'breach-of-service-rules',
      conductDate: '2026-06-30',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const investigation = res.body.misconductCase;
    expect(investigation.kind).toBe('internal-investigation');
    expect(investigation.misconduct).toMatchObject({ origin: 'audit', category: 'breach-of-service-rules' });
    expect(investigation.summary).toContain(res.body.audit.caseNumber);
    expect(res.body.audit.selfAudit.findings[0].misconduct).toMatchObject({
      caseId: investigation.caseId,
      caseNumber: investigation.caseNumber,
    });
    // The misconduct lifecycle takes over: its team lead is asked to assign it.
    const first = await openTask(investigation.caseId);
    expect(first.type).toBe('assign');

    const twice = await call(auditLead, 'POST', `/cases/${caseId}/findings/${findingIds[0]}/misconduct`, {
      category: 'breach-of-service-rules',
      conductDate: '2026-06-30',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.rule).toBe('already_linked');
  });

  it('starts the 60 days at the fieldwork’s end, and the head’s approval notifies the result', async () => {
    const future = await tryDecide(auditor, caseId, 'self-audit-fieldwork', {
      decision: 'record-fieldwork',
      startedOn: '2026-11-02',
      endedOn: '2099-11-06',
      members: [auditor.sub, auditor2.sub],
    });
    expect(future.status).toBe(400);
    expect(future.body.error).toMatchObject({ field: 'endedOn', rule: 'not_in_future' });
    await decide(auditor, caseId, 'self-audit-fieldwork', {
      decision: 'record-fieldwork',
      startedOn: '2026-11-02',
      endedOn: '2026-11-06',
      members: [auditor.sub, auditor2.sub],
    });
    // 2026-11-06 + 60 days (the first day not counted) = Tuesday 2027-01-05.
    const result = await openTask(caseId);
    expect(result.type).toBe('self-audit-result');
    expect(result.dueAt).toBe('2027-01-05T23:59:59+09:00');
    expect(result.dueBasis).toMatchObject({ article: '공공감사법 제23조①', source: 'statutory' });
    expect((await caseOf(caseId)).dueDate).toBe('2027-01-05');

    await decide(auditor, caseId, 'self-audit-result', {
      decision: 'propose-result',
      summary: '지적 3건 (징계 1, 시정 1, 주의 1)',
    });
    const approval = await openTask(caseId);
    expect(approval.type).toBe('approve');
    expect(approval.dueAt).toBe('2027-01-05T23:59:59+09:00');
    await decide(head, caseId, 'approve', { decision: 'approve', comment: '원안 승인' });
    const c = await caseOf(caseId);
    expect(c.selfAudit.resultNotice).toMatchObject({
      notifiedOn: today,
      onTime: today <= '2027-01-05',
      reconsiderationFilingDueOn: reconsiderationFilingDue(today, calendar).dueAt.slice(0, 10),
    });
    for (const f of c.selfAudit.findings) expect(f.followUp.dueOn).toBe(daysThenBusinessDay(today, 60));
    expect(c.selfAudit.findings[0].followUp.basisKo).toContain('구 규칙 확인 필요');
    const late = await call(auditor, 'POST', `/cases/${caseId}/findings`, {
      title: '추가 지적',
      description: '통보 후 추가',
      disposition: 'caution',
      department: '복지정책과',
      legalBasis: '없음',
    });
    expect(late.status).toBe(409);
    expect(late.body.error.rule).toBe('result_notified');
  });

  it('notifies upward in order, decides a reconsideration, records 이행 and moves the follow-up task’s due date', async () => {
    const followUp = await openTask(caseId);
    expect(followUp.type).toBe('self-audit-follow-up');
    // The earliest thing owed is the upward notice, with the result's 60 days.
    expect(followUp.dueAt).toBe('2027-01-05T23:59:59+09:00');
    const skipping = await tryDecide(auditor, caseId, 'self-audit-follow-up', {
      decision: 'record-upward-notice',
      baiOn: today,
    });
    expect(skipping.status).toBe(400);
    expect(skipping.body.error).toMatchObject({ field: 'baiOn', rule: 'via_order' });
    await decide(auditor, caseId, 'self-audit-follow-up', {
      decision: 'record-upward-notice',
      seoulOn: today,
      moisOn: today,
      baiOn: today,
    });

    await decide(auditor, caseId, 'self-audit-follow-up', {
      decision: 'record-reconsideration-request',
      requestedOn: today,
      receivedOn: today,
      reasons: '정산 잔액은 이미 반납 예정이었고, 분할 계약은 긴급 사유가 있었음',
      findingNumbers: [2, 3],
    });
    let c = await caseOf(caseId);
    const decisionDue = reconsiderationDecisionDue(today, calendar).dueAt.slice(0, 10);
    expect(c.selfAudit.reconsiderations[0]).toMatchObject({ late: false, decisionDueOn: decisionDue });
    const owed = await openTask(caseId);
    const followUpDueOn = daysThenBusinessDay(today, 60);
    expect(owed.dueAt.slice(0, 10)).toBe(decisionDue < followUpDueOn ? decisionDue : followUpDueOn);

    const notRequested = await tryDecide(auditor, caseId, 'self-audit-follow-up', {
      decision: 'decide-reconsideration',
      outcome: 'changed',
      decidedOn: today,
      writtenNoticeOn: today,
      reasons: '일부 인용',
      cancelFindings: [1],
    });
    expect(notRequested.status).toBe(400);
    expect(notRequested.body.error).toMatchObject({ field: 'cancelFindings.0', rule: 'not_requested' });
    await decide(auditor, caseId, 'self-audit-follow-up', {
      decision: 'decide-reconsideration',
      outcome: 'changed',
      decidedOn: today,
      writtenNoticeOn: today,
      reasons: '정산 잔액은 지적 전 반납 절차 진행 — 취소; 분할 계약은 개선 요구로 변경',
      cancelFindings: [2],
      changeDispositions: [{ number: 3, disposition: 'improvement' }],
    });
    c = await caseOf(caseId);
    expect(c.selfAudit.reconsiderations[0].decision).toMatchObject({ outcome: 'changed', onTime: true });
    expect(c.selfAudit.findings.map((f: { status: string; disposition: string }) => [f.status, f.disposition])).toEqual(
      [
        ['active', 'discipline'],
        ['cancelled', 'correction'],
        ['active', 'improvement'],
      ],
    );

    const before = await openTask(caseId);
    const cancelled = await call(auditor, 'PATCH', `/cases/${caseId}/findings/${findingIds[1]}`, {
      followUpResult: { completedOn: today, content: '반납' },
    });
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error.rule).toBe('finding_cancelled');
    const done = await call(auditor, 'PATCH', `/cases/${caseId}/findings/${findingIds[0]}`, {
      followUpResult: { completedOn: today, content: '관련자 징계 요구, 복무 점검 강화' },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.events[0].type).toBe('FINDING_UPDATED');
    const planned = await call(auditor, 'PATCH', `/cases/${caseId}/findings/${findingIds[2]}`, {
      actionPlan: {
        submittedOn: today,
        content: '계약 사무 처리 지침 개정 (다음 연도 예산 반영)',
        expectedOn: '2027-06-30',
      },
    });
    expect(planned.status, JSON.stringify(planned.body)).toBe(200);
    // The only follow-up still owed is the plan's: the open follow-up task moved to its date, so the reminder run mails it then.
    const moved = await openTask(caseId);
    expect(moved.taskId).toBe(before.taskId);
    expect(before.dueAt).not.toBe(moved.dueAt);
    expect(moved.dueAt).toBe('2027-06-30T23:59:59+09:00');
    expect(moved.dueBasis?.labelKo).toContain('지적사항 3');
    const planList = await call(auditLead, 'GET', `/cases/${caseId}/findings?followUp=planned`);
    expect(planList.body.items.map((f: { number: number }) => f.number)).toEqual([3]);
  });

  it('reports 이행결과 upward, decides disclosure with its ground, and closes only when nothing is owed', async () => {
    await decide(auditor, caseId, 'self-audit-follow-up', { decision: 'report-follow-up-upward', reportedOn: today });
    const withheld = await tryDecide(auditor, caseId, 'self-audit-follow-up', {
      decision: 'decide-disclosure',
      disclosure: 'withheld',
    });
    expect(withheld.status).toBe(400);
    expect(withheld.body.error).toMatchObject({ field: 'grounds', rule: 'required' });
    expect(withheld.body.error.messageKo).toContain('정보공개법 제9조①');
    await decide(auditor, caseId, 'self-audit-follow-up', {
      decision: 'decide-disclosure',
      disclosure: 'partial',
      grounds: [6],
      reasons: '관련자 개인정보',
    });
    const early = await tryDecide(auditor, caseId, 'self-audit-follow-up', { decision: 'close-self-audit' });
    expect(early.status).toBe(409);
    expect(early.body.error.rule).toBe('open_items');
    expect(early.body.error.messageKo).toContain('지적사항 3');
    const finished = await call(auditor, 'PATCH', `/cases/${caseId}/findings/${findingIds[2]}`, {
      followUpResult: { completedOn: today, content: '지침 개정 완료' },
    });
    expect(finished.status).toBe(200);
    await decide(auditor, caseId, 'self-audit-follow-up', { decision: 'close-self-audit', comment: '후속 조치 완료' });
    const c = await caseOf(caseId);
    expect(c.stage).toBe('closed');
    expect(c.selfAudit.closure.closedOn).toBe(today);

    const verify = await call(head, 'GET', `/cases/${caseId}/verify`);
    expect(verify.body.ok).toBe(true);
    const history = await call(head, 'GET', `/cases/${caseId}/history`);
    expect(history.body.verification.ok).toBe(true);
    const types = (history.body.events as { type: string }[]).map((e) => e.type);
    expect(types.filter((x) => x === 'FINDING_RECORDED')).toHaveLength(3);
    expect(types.filter((x) => x === 'FINDING_UPDATED').length).toBeGreaterThanOrEqual(4);
  });

  it('counts the findings by disposition, with their amounts, in the office report', async () => {
    const res = await call(auditLead, 'GET', `/reports/office?from=${today}&to=${today}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const table = res.body.tables.find((tb: { id: string }) => tb.id === 'self-audit-findings');
    const rows = Object.fromEntries(
      (table.rows as { key: string; cells: Record<string, number> }[]).map((r) => [r.key, r.cells]),
    );
    expect(rows.total).toEqual({
      findings: 3,
      cancelled: 1,
      done: 2,
      planned: 0,
      recoverWon: 0,
      recoveredWon: 0,
      savedWon: 3_000_000,
    });
    expect(rows.discipline).toMatchObject({ findings: 1, done: 1 });
    expect(rows.correction).toMatchObject({ findings: 1, cancelled: 1, recoverWon: 0 });
    expect(rows.improvement).toMatchObject({ findings: 1, savedWon: 3_000_000 });
    expect(rows.caution).toMatchObject({ findings: 0 });
  });

  it('reopens the closed audit for a 재심의 that arrives inside the month, and closes it again once decided', async () => {
    const closed = await caseOf(caseId);
    const filingDueOn = closed.selfAudit.resultNotice.reconsiderationFilingDueOn;
    expect(filingDueOn).toBe(reconsiderationFilingDue(today, calendar).dueAt.slice(0, 10));
    const res = await call(auditor, 'POST', `/cases/${caseId}/reconsideration`, {
      decision: 'record-reconsideration-request',
      requestedOn: today,
      receivedOn: today,
      reasons: '개선 요구의 범위 재검토 요청',
      findingNumbers: [3],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.workflowStarted).toBe(true);
    const event = res.body.events.find((e: { type: string }) => e.type === 'DECISION_RECORDED');
    expect(event).toMatchObject({ stageBefore: 'closed', stageAfter: 'disposition' });
    expect(event.data).toMatchObject({ reopened: true, closedOn: today, article: '공공감사법 제25조①⑤' });

    // The follow-up is open again, due when the decision is (2 months from receipt, 법 제25조⑤).
    const decisionDueOn = reconsiderationDecisionDue(today, calendar).dueAt.slice(0, 10);
    const task = await openTask(caseId);
    expect(task.type).toBe('self-audit-follow-up');
    expect(task.dueAt.slice(0, 10)).toBe(decisionDueOn);
    await decide(auditor, caseId, 'self-audit-follow-up', {
      decision: 'decide-reconsideration',
      outcome: 'rejected',
      decidedOn: today,
      writtenNoticeOn: today,
      reasons: '이유 없음',
    });
    await decide(auditor, caseId, 'self-audit-follow-up', { decision: 'close-self-audit' });
    const c = await caseOf(caseId);
    expect(c.stage).toBe('closed');
    expect(c.selfAudit.reconsiderations.at(-1).decision).toMatchObject({ outcome: 'rejected', onTime: true });
    expect((await call(head, 'GET', `/cases/${caseId}/verify`)).body.ok).toBe(true);
  });
});
