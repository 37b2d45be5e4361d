/**
 * What happens to a closed audit when a 재심의 still reaches it, and how audits received count in the
 * office report (pure). A self-audit closed before the month of 공공감사법 제25조① ran out is reopened
 * by a request inside that month and stays closed (refused, naming the field and the article) after
 * it; an audit received is reopened by the auditing body's 직권 재심의 within the 2 years of 행정감사규정
 * 제21조 and refuses one after them; our own late filing (제20조①) does not reopen it. Dates worked out
 * by hand on the 2026 calendar.
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
  reopenAuditReceived,
} from '#shared/kinds/audit-received/audit-received.ts';
import { auditsReceivedDemandsTable, auditsReceivedTable } from '#shared/kinds/audit-received/audit-received-report.ts';
import { addFinding, updateFinding } from '#shared/kinds/self-audit/findings.ts';
import {
  applySelfAuditDecision,
  nextSelfAuditStep,
  openSelfAudit,
  reopenSelfAudit,
  type SelfAuditRecord,
} from '#shared/kinds/self-audit/self-audit.ts';

const calendar = createCalendar();
const actor: EventActor = { sub: 'auditor-1', role: 'investigator' };
let ids = 0;
const newId = () => `id-${++ids}`;
const at = (day: string) => `${day}T10:00:00+09:00`;

function refusal(fn: () => unknown): { field?: string; rule?: string; messageKo?: string } {
  try {
    fn();
  } catch (error) {
    return error as { field?: string; rule?: string; messageKo?: string };
  }
  return { messageKo: 'nothing thrown' };
}

const FINDING = { title: '보조금 정산 부적정', description: 'd', department: '복지정책과', legalBasis: 'y' };

// ── a self-audit notified 2026-11-23 (재심의 until 12-23), closed 11-30 with every 이행 done ────────
type SelfAuditCase = CaseRecord & { selfAudit: SelfAuditRecord };
function closedSelfAudit(): SelfAuditCase {
  let c = {
    caseId: 's1',
    caseNumber: '2026-감사-0001',
    kind: 'self-audit',
    stage: 'investigation',
    version: 1,
    assigneeSub: 'auditor-1',
    selfAudit: openSelfAudit(
      {
        planYear: 2026,
        item: '복지정책과 종합감사',
        purpose: 'p',
        auditKind: 'comprehensive',
        targetDepartments: ['복지정책과'],
        scope: 's',
        startOn: '2026-11-02',
        endOn: '2026-11-06',
        staffSubs: ['auditor-1'],
      },
      calendar,
    ),
  } as unknown as SelfAuditCase;
  const decide = (form: Record<string, unknown>, day: string) => {
    c = { ...c, selfAudit: applySelfAuditDecision(c, form as never, 'auditor-1', at(day), calendar, newId)!.record };
  };
  decide({ decision: 'record-audit-notice', notifiedOn: '2026-10-23' }, '2026-10-23');
  c = addFinding(c, { ...FINDING, disposition: 'caution' }, 'f1', actor, at('2026-11-04')).next as SelfAuditCase;
  decide(
    { decision: 'record-fieldwork', startedOn: '2026-11-02', endedOn: '2026-11-06', members: ['auditor-1'] },
    '2026-11-06',
  );
  decide({ decision: 'propose-result', summary: '지적 1건' }, '2026-11-20');
  decide({ decision: 'approve' }, '2026-11-23');
  decide(
    { decision: 'record-upward-notice', seoulOn: '2026-11-24', moisOn: '2026-11-25', baiOn: '2026-11-26' },
    '2026-11-26',
  );
  c = updateFinding(
    c,
    'f1',
    { followUpResult: { completedOn: '2026-11-27', content: '주의 조치' } },
    actor,
    at('2026-11-27'),
    calendar,
  ).next as SelfAuditCase;
  decide({ decision: 'report-follow-up-upward', reportedOn: '2026-11-27' }, '2026-11-27');
  decide({ decision: 'decide-disclosure', disclosure: 'public' }, '2026-11-27');
  decide({ decision: 'close-self-audit' }, '2026-11-30');
  return { ...c, stage: 'closed' };
}

const request = (requestedOn: string) => ({
  decision: 'record-reconsideration-request',
  requestedOn,
  receivedOn: requestedOn,
  reasons: '사실관계 오인',
  findingNumbers: [1],
});

describe('a 재심의 reaching a closed self-audit', () => {
  it('inside the month reopens the follow-up: the closure is taken back, the request recorded, 2 months to decide', () => {
    const c = closedSelfAudit();
    expect(c.selfAudit.resultNotice?.reconsiderationFilingDueOn).toBe('2026-12-23');
    expect(nextSelfAuditStep(c)).toBe('close');
    const reopened = reopenSelfAudit(c, request('2026-12-23') as never, 'auditor-1', at('2026-12-23'), calendar, newId);
    expect(reopened.record.closure).toBeUndefined();
    expect(nextSelfAuditStep({ ...c, selfAudit: reopened.record })).toBe('follow-up');
    // Received Wed 12-23: 2 months → 2027-02-23 (Tue).
    expect(reopened.record.reconsiderations).toEqual([
      expect.objectContaining({ requestedOn: '2026-12-23', late: false, decisionDueOn: '2027-02-23' }),
    ]);
    expect(reopened.eventData).toMatchObject({
      reopened: true,
      closedOn: '2026-11-30',
      article: '공공감사법 제25조①⑤',
    });
  });

  it('after the month is refused, naming the field, the rule and the article; the audit stays closed', () => {
    const c = closedSelfAudit();
    const late = refusal(() =>
      reopenSelfAudit(c, request('2026-12-24') as never, 'auditor-1', at('2026-12-24'), calendar, newId),
    );
    expect(late).toMatchObject({ field: 'requestedOn', rule: 'reconsideration_period_expired' });
    expect(late.messageKo).toContain('2026-12-23');
    expect(late.messageKo).toContain('공공감사법 제25조①');
    expect(c.selfAudit.closure?.closedOn).toBe('2026-11-30');
  });

  it('only reopens a closed audit, and only for a 재심의', () => {
    const c = closedSelfAudit();
    const open = { ...c, stage: 'disposition', selfAudit: { ...c.selfAudit, closure: undefined } } as SelfAuditCase;
    expect(
      refusal(() =>
        reopenSelfAudit(open, request('2026-12-01') as never, 'auditor-1', at('2026-12-01'), calendar, newId),
      ),
    ).toMatchObject({ field: 'caseId', rule: 'not_closed' });
    expect(
      refusal(() =>
        reopenSelfAudit(
          c,
          { decision: 'decide-disclosure', disclosure: 'public' } as never,
          'auditor-1',
          at('2026-12-01'),
          calendar,
          newId,
        ),
      ),
    ).toMatchObject({ field: 'decision', rule: 'not_reopening' });
  });
});

// ── an audit received 2026-11-02 (재심의 until 12-02; 직권 재심의 until 2028-11-02), closed 11-20 ─────
type Received = CaseRecord & { auditReceived: AuditReceivedRecord };
function receivedAudit(): Received {
  let c = {
    caseId: 'r1',
    caseNumber: '2026-감사-0002',
    kind: 'audit-received',
    stage: 'investigation',
    version: 1,
    assigneeSub: 'auditor-1',
    receivedAt: at('2026-10-01'),
    auditReceived: openAuditReceived({ auditingBody: 'seoul', auditName: '서울시 종합감사', departments: ['재무과'] }),
  } as unknown as Received;
  for (const [id, disposition] of [
    ['f1', 'warning'],
    ['f2', 'correction'],
    ['f3', 'discipline'],
  ] as const)
    c = addFinding(c, { ...FINDING, disposition, recoverWon: 1_000 } as never, id, actor, at('2026-10-20'))
      .next as Received;
  return decideReceived(c, { decision: 'record-received-result', receivedOn: '2026-11-02' }, '2026-11-03');
}
const decideReceived = (c: Received, form: Record<string, unknown>, day: string): Received => ({
  ...c,
  auditReceived: applyAuditReceivedDecision(c, form as never, at(day), calendar, newId, 'auditor-1')!.record,
});
const done = (c: Received, id: string, completedOn: string) =>
  updateFinding(c, id, { followUpResult: { completedOn, content: '조치' } }, actor, at(completedOn), calendar)
    .next as Received;

function closedReceived(): Received {
  let c = receivedAudit();
  c = decideReceived(c, { decision: 'record-warning-publication', publishedOn: '2026-11-05' }, '2026-11-05');
  for (const id of ['f1', 'f2', 'f3']) c = done(c, id, '2026-11-10');
  c = decideReceived(c, { decision: 'report-received-follow-up', reportedOn: '2026-11-11' }, '2026-11-11');
  c = decideReceived(c, { decision: 'close-audit-received' }, '2026-11-20');
  return { ...c, stage: 'closed' };
}

const exOfficio = (decidedOn: string) => ({
  decision: 'record-ex-officio-reconsideration',
  decidedOn,
  receivedOn: decidedOn,
  changeDispositions: [{ number: 2, disposition: 'warning' }],
});

describe('a 재심의 reaching a closed audit received', () => {
  it('keeps the 2 years of the auditing body’s 직권 재심의 from the result (제21조)', () => {
    // Received Mon 2026-11-02: 2 years by the calendar end Thu 2028-11-02 (민법 제160조).
    expect(receivedAudit().auditReceived.resultNotice?.exOfficioUntilOn).toBe('2028-11-02');
  });

  it('is reopened by a 직권 재심의 inside the 2 years: the changed demand is owed again (a 경고 to publish)', () => {
    const c = closedReceived();
    const reopened = reopenAuditReceived(c, exOfficio('2027-03-02') as never, at('2027-03-03'), calendar, newId, 'a');
    expect(reopened.record.closure).toBeUndefined();
    expect(reopened.record.findings[1]?.disposition).toBe('warning');
    expect(reopened.record.exOfficio).toEqual([
      {
        decidedOn: '2027-03-02',
        receivedOn: '2027-03-02',
        cancelled: [],
        changed: [{ number: 2, disposition: 'warning' }],
      },
    ]);
    expect(nextAuditReceivedStep({ ...c, auditReceived: reopened.record })).toBe('follow-up');
    expect(reopened.eventData).toMatchObject({
      reopened: true,
      closedOn: '2026-11-20',
      article: '행정감사규정 제21조',
    });
  });

  it('refuses a 직권 재심의 after the 2 years, and our own filing after the month (제20조①), leaving it closed', () => {
    const c = closedReceived();
    const late = refusal(() =>
      reopenAuditReceived(c, exOfficio('2028-11-03') as never, at('2028-11-06'), calendar, newId, 'a'),
    );
    expect(late).toMatchObject({ field: 'decidedOn', rule: 'ex_officio_period_expired' });
    expect(late.messageKo).toContain('행정감사규정 제21조');
    const filed = refusal(() =>
      reopenAuditReceived(
        c,
        {
          decision: 'file-received-reconsideration',
          filedOn: '2026-12-03',
          findingNumbers: [2],
          reasons: 'r',
        } as never,
        at('2026-12-03'),
        calendar,
        newId,
        'a',
      ),
    );
    expect(filed).toMatchObject({ field: 'filedOn', rule: 'reconsideration_period_expired' });
    const inTime = reopenAuditReceived(
      c,
      { decision: 'file-received-reconsideration', filedOn: '2026-12-02', findingNumbers: [2], reasons: 'r' } as never,
      at('2026-12-02'),
      calendar,
      newId,
      'a',
    );
    // Filed Wed 12-02: the body decides within 2 months → Tue 2027-02-02.
    expect(inTime.record.reconsiderations).toEqual([
      expect.objectContaining({ late: false, decisionDueOn: '2027-02-02' }),
    ]);
  });
});

describe('audits received in the office report', () => {
  const cells = (table: typeof auditsReceivedTable, cases: CaseRecord[], asOf?: string) => {
    const { table: t, basis } = table.build({
      byKind: { 'audit-received': cases },
      kinds: ['audit-received'],
      labelOf: (k) => k,
      ...(asOf !== undefined && { asOf }),
    });
    return { rows: Object.fromEntries(t.rows.map((r) => [r.key, r.cells])), basis, notes: t.notesKo };
  };

  it('counts demands by auditing body with their 이행 on time, late and overdue, the 경고 and lighter resolutions', () => {
    // Closed: 경고 published on day 3 (due 11-12), everything done on time, due 2027-01-04.
    const a = { ...closedReceived(), caseId: 'r1' };
    // Open: 경고 published late, one demand done after its due date, one overdue, a lighter resolution reported in time.
    let b = { ...receivedAudit(), caseId: 'r2' };
    b = decideReceived(b, { decision: 'record-warning-publication', publishedOn: '2026-11-13' }, '2026-11-13');
    b = decideReceived(
      b,
      {
        decision: 'record-discipline-resolution',
        findingNumber: 3,
        requested: 'heavy',
        resolution: 'reprimand',
        resolvedOn: '2026-11-10',
        reportedOn: '2026-11-11',
        executedOn: '2026-11-12',
      },
      '2026-11-12',
    );
    b = done(b, 'f1', '2027-01-05');
    const mois = {
      ...receivedAudit(),
      caseId: 'r3',
      auditReceived: { ...receivedAudit().auditReceived, audit: { ...a.auditReceived.audit, auditingBody: 'mois' } },
    } as Received;

    const { rows, basis, notes } = cells(auditsReceivedTable, [a, b, mois], '2027-01-10');
    expect(rows.seoul).toEqual({
      audits: 2,
      received: 2,
      demands: 6,
      cancelled: 0,
      doneOnTime: 3,
      doneLate: 1,
      planned: 0,
      overdue: 2,
      recoverWon: 6_000,
      warningOnTime: 1,
      warningLate: 1,
      warningUnpublished: 0,
      reconsiderations: 0,
      lighter: 1,
      lighterReported: 1,
      exOfficioOpen: 2,
    });
    expect(rows.mois).toMatchObject({ audits: 1, demands: 3, overdue: 3, warningUnpublished: 1 });
    expect(rows.total).toMatchObject({ audits: 3, demands: 9, overdue: 5, doneOnTime: 3, doneLate: 1 });
    expect(basis.map((x) => x.id)).toEqual(['r1', 'r2', 'r3']);
    expect(notes.join(' ')).toContain('2027-01-10 기준');

    // Before the due date nothing is overdue; after the 2 years no audit may still be reconsidered ex officio.
    expect(cells(auditsReceivedTable, [a, b, mois], '2026-12-31').rows.total).toMatchObject({ overdue: 0 });
    expect(cells(auditsReceivedTable, [a, b, mois], '2028-11-03').rows.total).toMatchObject({ exOfficioOpen: 0 });

    const byDisposition = cells(auditsReceivedDemandsTable, [a, b, mois], '2027-01-10').rows;
    expect(byDisposition.warning).toMatchObject({ demands: 3, doneOnTime: 1, doneLate: 1, overdue: 1 });
    expect(byDisposition.discipline).toMatchObject({ demands: 3, doneOnTime: 1, overdue: 2 });
    expect(byDisposition.caution).toMatchObject({ demands: 0 });
  });

  it('counts a lighter resolution carried out before it was reported as not reported', () => {
    let c = receivedAudit();
    c = decideReceived(
      c,
      {
        decision: 'record-discipline-resolution',
        findingNumber: 3,
        requested: 'heavy',
        resolution: 'pay-cut',
        resolvedOn: '2026-11-10',
      },
      '2026-11-10',
    );
    expect(cells(auditsReceivedTable, [c], '2026-11-30').rows.total).toMatchObject({ lighter: 1, lighterReported: 0 });
  });
});
