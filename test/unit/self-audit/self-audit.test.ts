/**
 * The pure rules of self-audits: the notice counted back 7 days from the start with a holiday
 * warning (시행령 제12조①), 60 days for the result from the audit's end (법 제23조①), 1 month to file
 * and 2 months to decide a reconsideration (법 제25조), the follow-up setting (60 days, labelled as
 * unconfirmed), the steps read from the record, and what a decision or a finding change refuses.
 * Every expected date was worked out by hand on the 2026 calendar.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import type { CaseRecord } from '#shared/domain/case.ts';
import type { EventActor } from '#shared/domain/history.ts';
import { addFinding, type Finding, updateFinding } from '#shared/kinds/self-audit/findings.ts';
import { followUpState } from '#shared/usecases/self-audit-findings.ts';
import {
  applySelfAuditDecision,
  followUpTaskDue,
  nextSelfAuditStep,
  openItems,
  openSelfAudit,
  type SelfAuditRecord,
} from '#shared/kinds/self-audit/self-audit.ts';
import {
  auditNoticeDeadline,
  auditNoticeDue,
  auditResultDue,
  followUpDue,
  reconsiderationDecisionDue,
  reconsiderationFilingDue,
} from '#shared/kinds/self-audit/self-audit-deadlines.ts';

const calendar = createCalendar();
const day = (due: { dueAt: string }) => due.dueAt.slice(0, 10);
/** The Korean message of what `fn` throws (the rules' errors say why in Korean). */
function ko(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as { messageKo?: string }).messageKo ?? String(error);
  }
  return 'nothing thrown';
}

describe('self-audit dates', () => {
  it('counts the notice back from the start: the day before is day 1, the notice goes out before day 7 begins', () => {
    // Audit from Wed 2026-11-18: days 1..7 are 11-17..11-11; the notice is due by Tue 11-10.
    const d = auditNoticeDeadline('2026-11-18', calendar);
    expect(d.lastDay).toBe('2026-11-10');
    expect(d.warningKo).toBeUndefined();
    expect(d.explanationKo.join('\n')).toContain('초일 불산입');
    expect(auditNoticeDue('2026-11-18', calendar).basis).toMatchObject({
      article: '공공감사법 시행령 제12조①',
      confidence: 'C',
    });
  });

  it('warns, without moving it, when the last notice day is a holiday or a weekend', () => {
    // Start Sat 2026-10-17 → last day Fri 10-09, 한글날.
    const holiday = auditNoticeDeadline('2026-10-17', calendar);
    expect(holiday.lastDay).toBe('2026-10-09');
    expect(holiday.holiday).toBe('한글날');
    expect(holiday.warningKo).toContain('그 전 근무일');
    // Start Mon 2026-11-16 → last day Sun 11-08.
    const sunday = auditNoticeDeadline('2026-11-16', calendar);
    expect(sunday.lastDay).toBe('2026-11-08');
    expect(sunday.holiday).toBe('일요일');
    expect(auditNoticeDue('2026-11-16', calendar).basis.labelKo).toContain('⚠');
  });

  it('gives the result 60 days from the audit’s end, moved past a Saturday (민법 제161조)', () => {
    expect(day(auditResultDue('2026-09-03', calendar))).toBe('2026-11-02'); // day 60 is Mon 11-02
    expect(day(auditResultDue('2026-09-01', calendar))).toBe('2026-11-02'); // day 60 is Sat 10-31
    expect(auditResultDue('2026-09-03', calendar).basis.article).toBe('공공감사법 제23조①');
  });

  it('gives 1 month to file a reconsideration and 2 months to decide it', () => {
    expect(day(reconsiderationFilingDue('2026-11-16', calendar))).toBe('2026-12-16');
    // From 01-30, one month ends on 02-28 (Sat); Sun 03-01 and the substitute holiday 03-02 follow → Tue 03-03.
    expect(day(reconsiderationFilingDue('2026-01-30', calendar))).toBe('2026-03-03');
    expect(day(reconsiderationDecisionDue('2026-08-20', calendar))).toBe('2026-10-20');
    expect(reconsiderationDecisionDue('2026-08-20', calendar).basis.article).toBe('공공감사법 제25조');
  });

  it('gives each finding’s follow-up the setting’s 60 days, labelled 구 규칙 확인 필요', () => {
    const due = followUpDue('2026-11-16', calendar);
    expect(day(due)).toBe('2027-01-15');
    expect(due.basis.labelKo).toContain('구 규칙 확인 필요');
    expect(due.basis.source).toBe('default');
    // 2026-11-16 + 30 = Wed 12-16; + 33 = Sat 12-19 → Mon 12-21.
    expect(day(followUpDue('2026-11-16', calendar, 33))).toBe('2026-12-21');
  });
});

const plan = {
  planYear: 2026,
  item: '2026년 복지정책과 종합감사',
  purpose: '보조금 집행의 적정성 점검',
  auditKind: 'comprehensive',
  targetDepartments: ['복지정책과'],
  scope: '2025-01-01 이후 보조금 집행',
  startOn: '2026-11-02',
  endOn: '2026-11-06',
  staffSubs: ['auditor-1'],
};
const actor: EventActor = { sub: 'auditor-1', role: 'investigator' };
let ids = 0;
const newId = () => `id-${++ids}`;

function aCase(): CaseRecord & { selfAudit: SelfAuditRecord } {
  return {
    caseId: 'c1',
    caseNumber: '2026-감사-0001',
    kind: 'self-audit',
    stage: 'investigation',
    version: 1,
    assigneeSub: 'auditor-1',
    selfAudit: openSelfAudit(plan, calendar),
  } as unknown as CaseRecord & { selfAudit: SelfAuditRecord };
}

describe('self-audit steps and decisions', () => {
  it('goes notice → fieldwork → result → approve → follow-up → close, with findings on the record', () => {
    let c = aCase();
    expect(c.selfAudit.noticeDueOn).toBe('2026-10-25');
    expect(c.selfAudit.noticeHolidayWarningKo).toContain('일요일');
    const decide = (form: Record<string, unknown>, at: string) => {
      c = { ...c, selfAudit: applySelfAuditDecision(c, form as never, 'auditor-1', at, calendar, newId)!.record };
      return nextSelfAuditStep(c);
    };
    expect(nextSelfAuditStep(c)).toBe('notice');
    expect(decide({ decision: 'record-audit-notice', notifiedOn: '2026-10-23' }, '2026-10-23T10:00:00+09:00')).toBe(
      'fieldwork',
    );
    expect(c.selfAudit.notice?.late).toBe(false);
    c = addFinding(
      c,
      {
        title: '보조금 정산 부적정',
        description: '집행잔액 미반납',
        disposition: 'discipline',
        department: '복지정책과',
        legalBasis: '보조금법 제31조',
        recoverWon: 1_000_000,
      },
      'f1',
      actor,
      '2026-11-04T10:00:00+09:00',
    ).next as typeof c;
    expect(
      decide(
        { decision: 'record-fieldwork', startedOn: '2026-11-02', endedOn: '2026-11-06', members: ['auditor-1'] },
        '2026-11-06T17:00:00+09:00',
      ),
    ).toBe('result');
    // 2026-11-06 + 60 = Tue 2027-01-05.
    expect(c.selfAudit.fieldwork?.resultDueOn).toBe('2027-01-05');
    expect(decide({ decision: 'propose-result', summary: '지적 1건' }, '2026-11-20T10:00:00+09:00')).toBe('approve');
    expect(decide({ decision: 'approve' }, '2026-11-23T10:00:00+09:00')).toBe('follow-up');
    expect(c.selfAudit.resultNotice).toMatchObject({
      notifiedOn: '2026-11-23',
      onTime: true,
      reconsiderationFilingDueOn: '2026-12-23',
    });
    // 2026-11-23 + 60 = Fri 2027-01-22.
    expect(c.selfAudit.findings[0]?.followUp.dueOn).toBe('2027-01-22');
    expect(
      ko(() =>
        addFinding(
          c,
          { title: 't', description: 'd', disposition: 'caution', department: 'x', legalBasis: 'y' },
          'f2',
          actor,
          '2026-11-24T10:00:00+09:00',
        ),
      ),
    ).toMatch(/이미 통보/);
    expect(openItems(c.selfAudit)).toHaveLength(4);
    expect(ko(() => decide({ decision: 'close-self-audit' }, '2026-11-24T10:00:00+09:00'))).toMatch(/남은 일/);
    // The upward notices go 서울시 → 행정안전부 → 감사원, never skipping a step.
    expect(
      ko(() => decide({ decision: 'record-upward-notice', moisOn: '2026-11-24' }, '2026-11-24T10:00:00+09:00')),
    ).toMatch(/서울시와 행정안전부를 거쳐/);
    decide(
      { decision: 'record-upward-notice', seoulOn: '2026-11-24', moisOn: '2026-11-25', baiOn: '2026-11-26' },
      '2026-11-26T10:00:00+09:00',
    );
    // A late reconsideration (filed after 12-23) is recorded with its flag; the decision is due 2 months after receipt.
    decide(
      {
        decision: 'record-reconsideration-request',
        requestedOn: '2026-12-28',
        receivedOn: '2026-12-28',
        reasons: '이의',
        findingNumbers: [1],
      },
      '2026-12-28T10:00:00+09:00',
    );
    expect(c.selfAudit.reconsiderations[0]).toMatchObject({ late: true, decisionDueOn: '2027-03-02' });
    expect(day(followUpTaskDue(c.selfAudit, '2026-12-28T10:00:00+09:00', calendar))).toBe('2027-01-22');
    expect(
      ko(() =>
        decide(
          {
            decision: 'decide-reconsideration',
            outcome: 'dismissed',
            decidedOn: '2026-12-29',
            writtenNoticeOn: '2026-12-29',
            reasons: '기간 경과',
            cancelFindings: [1],
          },
          '2026-12-29T10:00:00+09:00',
        ),
      ),
    ).toMatch(/취소·변경/);
    decide(
      {
        decision: 'decide-reconsideration',
        outcome: 'dismissed',
        decidedOn: '2026-12-29',
        writtenNoticeOn: '2026-12-29',
        reasons: '신청기간 경과로 각하',
      },
      '2026-12-29T10:00:00+09:00',
    );
    expect(c.selfAudit.reconsiderations[0]?.decision).toMatchObject({ outcome: 'dismissed', onTime: true });
    expect(
      ko(() => decide({ decision: 'decide-disclosure', disclosure: 'withheld' }, '2026-12-29T10:00:00+09:00')),
    ).toMatch(/정보공개법 제9조①/);
    decide(
      { decision: 'decide-disclosure', disclosure: 'partial', grounds: [6], reasons: '관련자 개인정보' },
      '2026-12-29T10:00:00+09:00',
    );
    expect(
      ko(() => decide({ decision: 'report-follow-up-upward', reportedOn: '2026-12-29' }, '2026-12-29T10:00:00+09:00')),
    ).toMatch(/조치계획이 없는/);
    c = updateFinding(
      c,
      'f1',
      { followUpResult: { completedOn: '2026-12-30', content: '반납 완료', recoveredWon: 1_000_000 } },
      actor,
      '2026-12-30T10:00:00+09:00',
      calendar,
    ).next as typeof c;
    decide({ decision: 'report-follow-up-upward', reportedOn: '2026-12-30' }, '2026-12-30T10:00:00+09:00');
    expect(openItems(c.selfAudit)).toEqual([]);
    expect(decide({ decision: 'close-self-audit' }, '2026-12-30T11:00:00+09:00')).toBe('close');
  });

  it('records a late notice, refuses a notice with neither date nor reason, and a finding change after the notice', () => {
    let c = aCase();
    expect(
      ko(() =>
        applySelfAuditDecision(
          c,
          { decision: 'record-audit-notice' } as never,
          'a',
          '2026-10-30T10:00:00+09:00',
          calendar,
          newId,
        ),
      ),
    ).toMatch(/통보일/);
    const late = applySelfAuditDecision(
      c,
      { decision: 'record-audit-notice', notifiedOn: '2026-10-28' } as never,
      'a',
      '2026-10-30T10:00:00+09:00',
      calendar,
      newId,
    )!;
    expect(late.record.notice?.late).toBe(true);
    expect(late.eventData.warningKo).toContain('2026-10-25');
    c = { ...c, selfAudit: { ...late.record } };
    c = addFinding(
      c,
      {
        title: '계약 분할',
        description: '수의계약 분할',
        disposition: 'correction',
        department: '재무과',
        legalBasis: '지방계약법 시행령 제30조',
      },
      'f9',
      actor,
      '2026-11-03T10:00:00+09:00',
    ).next as typeof c;
    // Before the notice the substance may change; a follow-up may not be recorded yet.
    expect(
      ko(() =>
        updateFinding(
          c,
          'f9',
          { actionPlan: { submittedOn: '2026-11-03', content: 'x', expectedOn: '2027-06-30' } },
          actor,
          '2026-11-03T11:00:00+09:00',
          calendar,
        ),
      ),
    ).toMatch(/통보 후/);
    const changed = updateFinding(
      c,
      'f9',
      { disposition: 'caution', savedWon: 500_000 },
      actor,
      '2026-11-03T11:00:00+09:00',
      calendar,
    );
    expect((changed.next as typeof c).selfAudit.findings[0]).toMatchObject({
      disposition: 'caution',
      savedWon: 500_000,
    });
    expect(changed.drafts[0]?.type).toBe('FINDING_UPDATED');
  });
});

describe('a finding’s follow-up state (the findings list’s filter)', () => {
  const base = {
    findingId: 'f',
    number: 1,
    title: 't',
    description: 'd',
    disposition: 'correction' as const,
    department: 'x',
    officials: [],
    legalBasis: 'y',
    status: 'active' as 'active' | 'cancelled',
    addedOn: '2026-11-01',
    addedBy: 'a',
  } satisfies Omit<Finding, 'followUp'>;
  it('is not due before the notice, open until its day, overdue after, planned under a plan, done with a result', () => {
    expect(followUpState({ ...base, followUp: {} }, '2026-12-01')).toBeUndefined();
    expect(followUpState({ ...base, followUp: { dueOn: '2026-12-10' } }, '2026-12-10')).toBe('open');
    expect(followUpState({ ...base, followUp: { dueOn: '2026-12-10' } }, '2026-12-11')).toBe('overdue');
    const plan = { submittedOn: '2026-12-01', content: 'p', expectedOn: '2027-03-31' };
    expect(followUpState({ ...base, followUp: { dueOn: '2027-03-31', actionPlan: plan } }, '2026-12-11')).toBe(
      'planned',
    );
    expect(followUpState({ ...base, followUp: { dueOn: '2027-03-31', actionPlan: plan } }, '2027-04-01')).toBe(
      'overdue',
    );
    const result = { completedOn: '2026-12-05', content: 'r' };
    expect(followUpState({ ...base, followUp: { dueOn: '2026-12-10', result } }, '2026-12-11')).toBe('done');
    expect(followUpState({ ...base, status: 'cancelled', followUp: { dueOn: '2026-12-10' } }, '2026-12-11')).toBe(
      'cancelled',
    );
  });
});
