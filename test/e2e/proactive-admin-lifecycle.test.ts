/**
 * 적극행정 면책·사전컨설팅 end to end through the HTTP API and the local Step Functions service running
 * the kind's own workflow:
 *
 * - an exemption request after a self-audit (refused without the audit's end, or dated before it) →
 *   auditor named → the requirements form (an exemption missing a condition is refused) due before the
 *   60-day result notice → the head's decision, which dates the quarterly report to 감사원 → notices
 *   (the applicant's required) → closed;
 * - a pre-consultation listing the information provided → the committee's advice: the chair's
 *   request sets 10 days and the one extension 10 more, each reopening the task with its new due
 *   date, a second extension refused → the opinion, approved and notified → the department's outcome
 *   → closed;
 * - the office report's quarterly table counts both; the history chains verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import {
  committeeReplyDueOn,
  exemptionDecisionDue,
  extendedCommitteeReplyDueOn,
  quarterlyReportDueOn,
} from '#shared/kinds/proactive-admin/proactive-admin-deadlines.ts';
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
const daysBefore = (on: string, days: number) =>
  new Date(Date.parse(`${on}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
const auditEndedOn = daysBefore(today, 14);

const EXEMPTION = {
  track: 'exemption',
  requestedOn: today,
  requester: { department: '도시계획과', name: '박도현' },
  matter: '공원 조성 사업 지장물 이설의 선시공 (자체감사 지적)',
  lawsConcerned: ['지방자치단체 계약에 관한 법률'],
  auditCaseNumber: 'SA-2026-0003',
  auditEndedOn,
  applicant: 'audited-person',
};
const CONSULTING = {
  track: 'pre-consulting',
  requester: { department: '건축과' },
  matter: '노후 건축물 안전점검 용역을 긴급 수의계약으로 발주할 수 있는지',
  informationProvided: ['안전진단 결과 보고서', '관련 법령 해석 질의 회신', '예산 배정 내역'],
  privateInterest: false,
};

describe('an exemption request from application to closed', () => {
  let caseId = '';

  it('refuses a request without the audit’s end, or dated before the audit ended', async () => {
    const { auditEndedOn: _end, ...noEnd } = EXEMPTION;
    const missing = await call(auditLead, 'POST', '/cases', {
      kind: 'proactive-admin',
      title: '면책 신청',
      proactiveAdmin: noEnd,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('proactiveAdmin.auditEndedOn');
    const early = await call(auditLead, 'POST', '/cases', {
      kind: 'proactive-admin',
      title: '면책 신청',
      proactiveAdmin: { ...EXEMPTION, requestedOn: daysBefore(auditEndedOn, 1) },
    });
    expect(early.status).toBe(400);
    expect(early.body.error).toMatchObject({ field: 'proactiveAdmin.requestedOn', rule: 'after_audit_end' });
    expect(early.body.error.messageKo).toContain('시행령 제13조의4①');
  });

  it('receives it, due before the 60-day result notice, and checks the requirements as a form', async () => {
    const res = await call(auditLead, 'POST', '/cases', {
      kind: 'proactive-admin',
      title: '공원 조성 사업 적극행정 면책 신청',
      department: '도시계획과',
      proactiveAdmin: EXEMPTION,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    caseId = res.body.case.caseId;
    const resultDueOn = exemptionDecisionDue(auditEndedOn, calendar).dueAt.slice(0, 10);
    expect(res.body.case.dueDate).toBe(resultDueOn);
    expect(res.body.case.proactiveAdmin).toMatchObject({
      track: 'exemption',
      auditEndedOn,
      applicant: 'audited-person',
    });

    await decide(auditLead, caseId, 'assign', { decision: 'assign', assigneeSub: auditor.sub });
    const review = await openTask(caseId);
    expect(review.type).toBe('proactive-admin-review');
    expect(review.dueAt.slice(0, 10)).toBe(resultDueOn);
    expect(review.dueBasis).toMatchObject({ article: '공공감사법 제23조①', source: 'statutory' });

    const checks = {
      publicInterest: true,
      activeHandling: false,
      noIntentOrGrossNegligence: true,
      noPrivateInterest: true,
      noGraveProceduralDefect: true,
    };
    const refused = await tryDecide(auditor, caseId, 'proactive-admin-review', {
      decision: 'propose-exemption',
      result: 'exempt',
      ...checks,
      reasons: '주민 안전을 위한 선시공',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ field: 'activeHandling', rule: 'exemption_conditions' });
    const wrongTrack = await tryDecide(auditor, caseId, 'proactive-admin-review', {
      decision: 'refer-to-committee',
      reason: '이해관계자 다수',
    });
    expect(wrongTrack.status).toBe(400);
    await decide(auditor, caseId, 'proactive-admin-review', {
      decision: 'propose-exemption',
      result: 'exempt',
      ...checks,
      activeHandling: true,
      reasons: '주민 안전을 위한 선시공, 사적 이해관계 없음',
    });
  });

  it('the head decides; the quarterly report to 감사원 is dated; notices go to the department and the applicant', async () => {
    await decide(head, caseId, 'approve', { decision: 'approve', comment: '면책' });
    const c = await caseOf(caseId);
    expect(c.proactiveAdmin.decision).toMatchObject({
      decidedOn: today,
      decidedBy: head.sub,
      baiReportDueOn: quarterlyReportDueOn(today, calendar),
    });
    // The case page's lines (details.view): the requirements as checked, in Korean.
    expect(c.detailsView).toContainEqual({
      labelKo: '면책 요건',
      value: '공익 목적 ○, 적극적 처리 ○, 고의·중과실 없음 ○, 사적 이해관계 없음 ○, 중대한 절차 하자 없음 ○',
    });
    const notice = await openTask(caseId);
    expect(notice.type).toBe('proactive-admin-notice');
    expect(notice.dueBasis?.labelKo).toContain('구 규칙 확인 필요');
    expect(notice.dueBasis?.confidence).toBe('G');

    const noApplicant = await tryDecide(auditor, caseId, 'proactive-admin-notice', {
      decision: 'record-notice',
      targetNotifiedOn: today,
    });
    expect(noApplicant.status).toBe(400);
    expect(noApplicant.body.error).toMatchObject({ field: 'applicantNotifiedOn', rule: 'required' });
    await decide(auditor, caseId, 'proactive-admin-notice', {
      decision: 'record-notice',
      targetNotifiedOn: today,
      applicantNotifiedOn: today,
    });
    const closed = await caseOf(caseId);
    expect(closed.stage).toBe('closed');
    const verify = await call(head, 'GET', `/cases/${caseId}/verify`);
    expect(verify.body.ok).toBe(true);
  });
});

describe('a pre-consultation with the committee’s advice, from request to closed', () => {
  let caseId = '';

  it('refuses a request without the list of information provided', async () => {
    const res = await call(auditLead, 'POST', '/cases', {
      kind: 'proactive-admin',
      title: '사전컨설팅',
      proactiveAdmin: { ...CONSULTING, informationProvided: [] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('proactiveAdmin.informationProvided');
  });

  it('runs the committee’s clock: 10 days from the chair’s request, one 10-day extension', async () => {
    const res = await call(auditLead, 'POST', '/cases', {
      kind: 'proactive-admin',
      title: '노후 건축물 안전점검 긴급 발주 사전컨설팅',
      department: '건축과',
      proactiveAdmin: CONSULTING,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    caseId = res.body.case.caseId;
    expect(res.body.case.proactiveAdmin.informationProvided).toHaveLength(3);
    await decide(auditLead, caseId, 'assign', { decision: 'assign', assigneeSub: auditor.sub });
    const review = await openTask(caseId);
    expect(review.dueBasis?.labelKo).toContain('구 규칙 확인 필요');

    await decide(auditor, caseId, 'proactive-admin-review', {
      decision: 'refer-to-committee',
      reason: '주민생활 영향이 크고 이해관계자가 많음',
    });
    const waiting = await openTask(caseId);
    expect(waiting.type).toBe('proactive-admin-committee');
    await decide(auditor, caseId, 'proactive-admin-committee', {
      decision: 'record-chair-request',
      requestedOn: today,
    });
    const replyDueOn = committeeReplyDueOn(today, calendar);
    const counting = await openTask(caseId);
    expect(counting.taskId).not.toBe(waiting.taskId);
    expect(counting.dueAt).toBe(`${replyDueOn}T23:59:59+09:00`);
    expect(counting.dueBasis).toMatchObject({ article: '지방공무원 적극행정 운영규정 제11조⑦', source: 'statutory' });

    await decide(auditor, caseId, 'proactive-admin-committee', {
      decision: 'extend-committee-reply',
      reason: '현장 확인 필요',
    });
    const extended = await openTask(caseId);
    expect(extended.dueAt).toBe(`${extendedCommitteeReplyDueOn(replyDueOn, calendar)}T23:59:59+09:00`);
    const again = await tryDecide(auditor, caseId, 'proactive-admin-committee', {
      decision: 'extend-committee-reply',
      reason: '추가 검토',
    });
    expect(again.status).toBe(400);
    expect(again.body.error.rule).toBe('extended_once');
    await decide(auditor, caseId, 'proactive-admin-committee', {
      decision: 'record-committee-advice',
      advice: '긴급 수의계약 요건 충족으로 추진 가능',
      advisedOn: today,
      repliedOn: today,
    });
  });

  it('gives the opinion, approved and notified, and closes on the department’s outcome', async () => {
    await decide(auditor, caseId, 'proactive-admin-review', {
      decision: 'propose-consulting-opinion',
      opinion: '지방계약법 시행령 제25조①에 따른 긴급 수의계약으로 추진 가능',
      informationSufficient: true,
    });
    await decide(head, caseId, 'approve', { decision: 'approve' });
    await decide(auditor, caseId, 'proactive-admin-notice', { decision: 'record-notice', targetNotifiedOn: today });
    const outcome = await openTask(caseId);
    expect(outcome.type).toBe('proactive-admin-outcome');
    await decide(auditor, caseId, 'proactive-admin-outcome', {
      decision: 'record-outcome',
      actedAsAdvised: true,
      outcome: '의견대로 긴급 발주, 계약 체결',
    });
    const c = await caseOf(caseId);
    expect(c.stage).toBe('closed');
    expect(c.proactiveAdmin.proposal).toMatchObject({ type: 'opinion', presumptionApplies: true });
    expect(c.proactiveAdmin.committee.advice).toMatchObject({ late: false });
    const history = await call(head, 'GET', `/cases/${caseId}/history`);
    expect(history.body.verification.ok).toBe(true);
  });

  it('counts both in the office report’s quarterly table', async () => {
    const res = await call(auditLead, 'GET', `/reports/office?from=${today}&to=${today}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const table = res.body.tables.find((tb: { id: string }) => tb.id === 'proactive-admin-quarterly');
    const rows = Object.fromEntries(
      (table.rows as { key: string; cells: Record<string, number> }[]).map((r) => [r.key, r.cells]),
    );
    const expected = { exemptionRequests: 1, exempted: 1, notExempted: 0, consultations: 1, opinions: 1, committee: 1 };
    expect(rows.total).toEqual(expected);
    const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
    expect(rows[`q${quarter}`]).toEqual(expected);
  });
});
