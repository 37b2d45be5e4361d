/**
 * The pure rules of audits received (행정감사규정), and the findings module they share with
 * self-audits: a 경고 demand is an external audit's, not a self-audit's; the 이행 period is the rule's
 * 60 days and not a finding's own; a lighter resolution than a requested 중징계 is refused when carried
 * out before it is reported (제18조⑥). Dates worked out by hand on the 2026 calendar.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import type { CaseRecord } from '#shared/domain/case.ts';
import type { EventActor } from '#shared/domain/history.ts';
import {
  applyAuditReceivedDecision,
  type AuditReceivedRecord,
  nextAuditReceivedStep,
  openAuditReceived,
} from '#shared/kinds/audit-received/audit-received.ts';
import { addFinding } from '#shared/kinds/self-audit/findings.ts';

const calendar = createCalendar();
const actor: EventActor = { sub: 'auditor-1', role: 'investigator' };
let ids = 0;
const newId = () => `id-${++ids}`;
const WARNING = {
  title: '변상금 미부과',
  description: 'd',
  disposition: 'warning',
  department: '재무과',
  legalBasis: 'y',
};

function ko(fn: () => unknown): { rule?: string; messageKo?: string } {
  try {
    fn();
  } catch (error) {
    return error as { rule?: string; messageKo?: string };
  }
  return { messageKo: 'nothing thrown' };
}

type Received = CaseRecord & { auditReceived: AuditReceivedRecord };
function aCase(): Received {
  return {
    caseId: 'c1',
    caseNumber: '2026-감사-0002',
    kind: 'audit-received',
    stage: 'investigation',
    version: 1,
    assigneeSub: 'auditor-1',
    auditReceived: openAuditReceived({ auditingBody: 'seoul', auditName: '서울시 종합감사', departments: ['재무과'] }),
  } as unknown as Received;
}

const decide = (c: Received, form: Record<string, unknown>, at: string): Received => ({
  ...c,
  auditReceived: applyAuditReceivedDecision(c, form as never, at, calendar, newId, 'auditor-1')!.record,
});

describe('audits received', () => {
  it('take a 경고 demand, which a self-audit refuses, and refuse a demand’s own 이행 period', () => {
    const c = addFinding(aCase(), WARNING as never, 'f1', actor, '2026-11-02T10:00:00+09:00').next as Received;
    expect(c.auditReceived.findings[0]?.disposition).toBe('warning');
    expect(
      ko(() =>
        addFinding(aCase(), { ...WARNING, followUpDays: 30 } as never, 'f2', actor, '2026-11-02T10:00:00+09:00'),
      ),
    ).toMatchObject({
      rule: 'not_for_kind',
    });
    const selfAudit = { ...aCase(), kind: 'self-audit', selfAudit: { findings: [] } } as unknown as CaseRecord;
    expect(ko(() => addFinding(selfAudit, WARNING as never, 'f3', actor, '2026-11-02T10:00:00+09:00'))).toMatchObject({
      rule: 'not_for_kind',
    });
  });

  it('date the 경고 (10 days) and each 이행 (60 days) from the day of receipt', () => {
    let c = addFinding(aCase(), WARNING as never, 'f1', actor, '2026-11-02T10:00:00+09:00').next as Received;
    // Received Mon 2026-11-02: + 10 = Thu 11-12; + 60 = Fri 2027-01-01 (신정) → Mon 01-04; 1 month → Wed 12-02.
    c = decide(c, { decision: 'record-received-result', receivedOn: '2026-11-02' }, '2026-11-03T10:00:00+09:00');
    expect(c.auditReceived.resultNotice).toMatchObject({
      warningPublicationDueOn: '2026-11-12',
      reconsiderationFilingDueOn: '2026-12-02',
    });
    expect(c.auditReceived.findings[0]?.followUp.dueOn).toBe('2027-01-04');
    expect(nextAuditReceivedStep(c)).toBe('follow-up');
    c = decide(c, { decision: 'record-warning-publication', publishedOn: '2026-11-13' }, '2026-11-13T10:00:00+09:00');
    expect(c.auditReceived.warningPublication).toMatchObject({ onTime: false });
  });

  it('refuse carrying out a lighter resolution than a requested 중징계 before it is reported; a heavy one needs no report', () => {
    let c = addFinding(
      aCase(),
      {
        title: '금품 수수',
        description: 'd',
        disposition: 'discipline',
        department: '재무과',
        legalBasis: 'y',
      } as never,
      'f1',
      actor,
      '2026-11-02T10:00:00+09:00',
    ).next as Received;
    c = decide(c, { decision: 'record-received-result', receivedOn: '2026-11-02' }, '2026-11-03T10:00:00+09:00');
    const form = {
      decision: 'record-discipline-resolution',
      findingNumber: 1,
      requested: 'heavy',
      resolvedOn: '2026-11-10',
    };
    const at = '2026-11-20T10:00:00+09:00';
    expect(ko(() => decide(c, { ...form, resolution: 'pay-cut', executedOn: '2026-11-12' }, at))).toMatchObject({
      rule: 'report_before_execution',
    });
    expect(
      ko(() => decide(c, { ...form, resolution: 'pay-cut', reportedOn: '2026-11-13', executedOn: '2026-11-12' }, at)),
    ).toMatchObject({ rule: 'report_before_execution' });
    const heavy = decide(c, { ...form, resolution: 'suspension', executedOn: '2026-11-12' }, at);
    expect(heavy.auditReceived.disciplineResolutions[0]).toMatchObject({ lighter: false, executedOn: '2026-11-12' });
    const reported = decide(c, { ...form, resolution: 'reprimand', reportedOn: '2026-11-11' }, at);
    const executed = decide(reported, { ...form, resolution: 'reprimand', executedOn: '2026-11-12' }, at);
    expect(executed.auditReceived.disciplineResolutions[0]).toMatchObject({
      lighter: true,
      reportedOn: '2026-11-11',
      executedOn: '2026-11-12',
    });
  });
});
