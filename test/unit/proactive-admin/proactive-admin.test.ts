/**
 * The pure rules of proactive administration (적극행정 면책·사전컨설팅): the committee reply in 10 days
 * with one 10-day extension (운영규정 제11조⑦), the quarterly report to 감사원 within 10 days of the
 * quarter's end (시행령 제13조의4⑤), the exemption decided before the 60-day result notice, the
 * settings labelled as unconfirmed, intake refusals, the steps read from the record, what decisions
 * refuse, and the office report's quarterly table. Expected dates were worked out by hand on the
 * 2025–2026 calendars.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import type { CaseRecord } from '#shared/domain/case.ts';
import {
  applyProactiveAdminDecision,
  nextProactiveAdminStep,
  openProactiveAdmin,
  proactiveAdminIntakeSchema,
  type ProactiveAdminRecord,
} from '#shared/kinds/proactive-admin/proactive-admin.ts';
import {
  committeeReplyDueOn,
  decisionNoticeDue,
  exemptionDecisionDue,
  extendedCommitteeReplyDueOn,
  preConsultingOpinionDue,
  quarterlyReportDueOn,
} from '#shared/kinds/proactive-admin/proactive-admin-deadlines.ts';
import { proactiveAdminReportTable } from '#shared/kinds/proactive-admin/proactive-admin-report.ts';

const calendar = createCalendar();
const day = (due: { dueAt: string }) => due.dueAt.slice(0, 10);
function errorOf(fn: () => unknown): { field?: string; rule?: string; messageKo?: string } {
  try {
    fn();
  } catch (error) {
    return error as { field?: string; rule?: string; messageKo?: string };
  }
  return { rule: 'nothing thrown' };
}

const EXEMPTION = {
  track: 'exemption',
  requestedOn: '2026-04-10',
  requester: { department: '도시계획과' },
  matter: '공원 조성 사업의 수의계약',
  auditEndedOn: '2026-04-03',
  applicant: 'audited-person',
} as const;
const CONSULTING = {
  track: 'pre-consulting',
  requestedOn: '2026-09-01',
  requester: { department: '건축과' },
  matter: '노후 건축물 안전점검 용역의 긴급 발주',
  informationProvided: ['검토 보고서', '관련 법령 해석 질의 회신'],
  privateInterest: false,
} as const;

const at = (on: string) => `${on}T10:00:00+09:00`;
const asCase = (r: ProactiveAdminRecord) => ({ assigneeSub: 'auditor', proactiveAdmin: r }) as unknown as CaseRecord;
function decide(r: ProactiveAdminRecord, form: Record<string, unknown>, on: string, actor = 'auditor') {
  const applied = applyProactiveAdminDecision(asCase(r), form as never, actor, at(on), calendar);
  if (!applied) throw new Error('not a decision of this kind');
  return applied.record;
}

describe('proactive-administration dates', () => {
  it('answers the committee chair in 10 days (first day not counted) and extends once by 10 more, off the weekend', () => {
    // Chair asks Mon 2026-06-01 → Thu 06-11; extended: 06-21 is a Sunday → Mon 06-22.
    expect(committeeReplyDueOn('2026-06-01', calendar)).toBe('2026-06-11');
    expect(extendedCommitteeReplyDueOn('2026-06-11', calendar)).toBe('2026-06-22');
  });

  it('reports a quarter’s exemption decisions to 감사원 within 10 days of its end, moved off weekends and holidays', () => {
    expect(quarterlyReportDueOn('2026-02-10', calendar)).toBe('2026-04-10'); // Fri
    expect(quarterlyReportDueOn('2026-05-20', calendar)).toBe('2026-07-10'); // Fri
    // 2026-10-10 is a Saturday → Mon 10-12.
    expect(quarterlyReportDueOn('2026-09-30', calendar)).toBe('2026-10-12');
    // Q4 2025: 2026-01-10 is a Saturday → Mon 01-12.
    expect(quarterlyReportDueOn('2025-11-03', calendar)).toBe('2026-01-12');
  });

  it('wants an exemption decided before the result notice, 60 days from the audit’s end', () => {
    // Ended Fri 2026-04-03: 27 days to 04-30, 31 to 05-31, 2 more → Tue 06-02.
    const due = exemptionDecisionDue('2026-04-03', calendar);
    expect(day(due)).toBe('2026-06-02');
    expect(due.basis.article).toBe('공공감사법 제23조①');
    expect(due.basis.labelKo).toContain('면책 결정');
  });

  it('shows the settings as settings, labelled 구 규칙 확인 필요', () => {
    const opinion = preConsultingOpinionDue('2026-09-01', calendar);
    expect(day(opinion)).toBe('2026-10-01');
    expect(opinion.basis).toMatchObject({ confidence: 'G', source: 'default' });
    expect(opinion.basis.labelKo).toContain('구 규칙 확인 필요');
    // 2026-10-03 (개천절) is a Saturday, its substitute holiday Monday 10-05 → Tue 10-06.
    expect(calendar.isBusinessDay('2026-10-05')).toBe(false);
    expect(day(preConsultingOpinionDue('2026-09-03', calendar))).toBe('2026-10-06');
    expect(decisionNoticeDue('2026-06-01', calendar).basis.labelKo).toContain('구 규칙 확인 필요');
  });
});

describe('proactive-administration intake', () => {
  it('needs the audit’s end and the applicant for an exemption, and a request after the audit ended', () => {
    const missing = proactiveAdminIntakeSchema.safeParse({ ...EXEMPTION, auditEndedOn: undefined });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => i.path.join('.'))).toContain('auditEndedOn');
    const early = errorOf(() => openProactiveAdmin({ ...EXEMPTION, requestedOn: '2026-04-01' }, at('2026-04-01')));
    expect(early).toMatchObject({ field: 'proactiveAdmin.requestedOn', rule: 'after_audit_end' });
  });

  it('needs the list of information provided and the private-interest answer for a pre-consultation', () => {
    const none = proactiveAdminIntakeSchema.safeParse({ ...CONSULTING, informationProvided: [] });
    expect(none.error?.issues.map((i) => i.path.join('.'))).toEqual(['informationProvided']);
    const r = openProactiveAdmin(CONSULTING, at('2026-09-01'));
    expect(r.informationProvided).toHaveLength(2);
    expect(nextProactiveAdminStep({ assigneeSub: undefined, proactiveAdmin: r } as never)).toBe('assign');
    expect(nextProactiveAdminStep(asCase(r) as never)).toBe('review');
  });
});

describe('proactive-administration decisions', () => {
  it('refuses an exemption that misses a condition, accepts one where the absence of gross negligence is presumed', () => {
    const r = openProactiveAdmin(EXEMPTION, at('2026-04-10'));
    const checks = {
      publicInterest: false,
      activeHandling: true,
      noIntentOrGrossNegligence: true,
      noPrivateInterest: true,
      noGraveProceduralDefect: true,
    };
    const refused = errorOf(() =>
      decide(r, { decision: 'propose-exemption', result: 'exempt', ...checks, reasons: '공익' }, '2026-04-20'),
    );
    expect(refused).toMatchObject({ field: 'publicInterest', rule: 'exemption_conditions' });
    const presumed = decide(
      r,
      {
        decision: 'propose-exemption',
        result: 'exempt',
        ...checks,
        publicInterest: true,
        noIntentOrGrossNegligence: false,
        reasons: '사적 이해관계와 중대한 절차 하자가 없어 고의·중과실 없음이 추정됨',
      },
      '2026-04-20',
    );
    expect(presumed.proposal).toMatchObject({ type: 'exemption', result: 'exempt', presumed: true });
    expect(nextProactiveAdminStep(asCase(presumed) as never)).toBe('approve');
    // Not on a pre-consultation's decisions, and not at this step.
    expect(errorOf(() => decide(r, { decision: 'refer-to-committee', reason: '영향 큼' }, '2026-04-20')).rule).toBe(
      'not_for_track',
    );
    expect(
      errorOf(() => decide(presumed, { decision: 'record-notice', targetNotifiedOn: '2026-04-20' }, '2026-04-20')).rule,
    ).toBe('not_at_this_step');

    // The head's approval in May sets the quarterly report's due date: Q2 → 2026-07-10.
    const decided = decide(presumed, { decision: 'approve' }, '2026-05-04', 'head');
    expect(decided.decision).toMatchObject({
      decidedOn: '2026-05-04',
      decidedBy: 'head',
      baiReportDueOn: '2026-07-10',
    });
    // A decision on an application is notified to the applicant too.
    expect(
      errorOf(() => decide(decided, { decision: 'record-notice', targetNotifiedOn: '2026-05-04' }, '2026-05-04')),
    ).toMatchObject({
      field: 'applicantNotifiedOn',
      rule: 'required',
    });
    expect(
      errorOf(() =>
        decide(
          decided,
          { decision: 'record-notice', targetNotifiedOn: '2026-05-01', applicantNotifiedOn: '2026-05-04' },
          '2026-05-04',
        ),
      ).rule,
    ).toBe('date_order');
    const noticed = decide(
      decided,
      { decision: 'record-notice', targetNotifiedOn: '2026-05-04', applicantNotifiedOn: '2026-05-05' },
      '2026-05-06',
    );
    expect(nextProactiveAdminStep(asCase(noticed) as never)).toBe('close');
  });

  it('runs the committee’s advice: the chair’s request sets 10 days, one extension only, late replies flagged', () => {
    let r = openProactiveAdmin(CONSULTING, at('2026-05-28'));
    r = decide(r, { decision: 'refer-to-committee', reason: '이해관계자 다수' }, '2026-05-28');
    expect(nextProactiveAdminStep(asCase(r) as never)).toBe('committee');
    expect(
      errorOf(() => decide(r, { decision: 'extend-committee-reply', reason: '자료 보완' }, '2026-05-29')).rule,
    ).toBe('no_deadline');
    r = decide(r, { decision: 'record-chair-request', requestedOn: '2026-06-01' }, '2026-06-01');
    expect(r.committee?.replyDueOn).toBe('2026-06-11');
    r = decide(r, { decision: 'extend-committee-reply', reason: '현장 확인 필요' }, '2026-06-10');
    expect(r.committee?.replyDueOn).toBe('2026-06-22');
    expect(errorOf(() => decide(r, { decision: 'extend-committee-reply', reason: '또' }, '2026-06-12')).rule).toBe(
      'extended_once',
    );
    r = decide(
      r,
      { decision: 'record-committee-advice', advice: '추진 가능', advisedOn: '2026-06-24', repliedOn: '2026-06-23' },
      '2026-06-24',
    );
    expect(r.committee?.advice).toMatchObject({ late: true });
    expect(nextProactiveAdminStep(asCase(r) as never)).toBe('review');
  });

  it('presumes the exemption after a pre-consultation only with enough information and no private interest', () => {
    const withInterest = openProactiveAdmin({ ...CONSULTING, privateInterest: true }, at('2026-09-01'));
    const opinion = {
      decision: 'propose-consulting-opinion',
      opinion: '의견대로 추진 가능',
      informationSufficient: true,
    };
    expect(decide(withInterest, opinion, '2026-09-10').proposal).toMatchObject({ presumptionApplies: false });
    const plain = openProactiveAdmin(CONSULTING, at('2026-09-01'));
    expect(decide(plain, { ...opinion, informationSufficient: false }, '2026-09-10').proposal).toMatchObject({
      presumptionApplies: false,
    });
    const good = decide(plain, opinion, '2026-09-10');
    expect(good.proposal).toMatchObject({ presumptionApplies: true });
    // A pre-consultation is not an exemption decision: no quarterly report date; its outcome comes after the notice.
    const approved = decide(good, { decision: 'approve' }, '2026-09-11', 'head');
    expect(approved.decision?.baiReportDueOn).toBeUndefined();
    const noticed = decide(approved, { decision: 'record-notice', targetNotifiedOn: '2026-09-11' }, '2026-09-11');
    expect(nextProactiveAdminStep(asCase(noticed) as never)).toBe('outcome');
  });
});

describe('the quarterly table of the office report', () => {
  it('counts requests by the quarter they were made and decisions by the quarter they were taken', () => {
    const exempted = {
      ...openProactiveAdmin(EXEMPTION, at('2026-04-10')),
      proposal: {
        type: 'exemption',
        result: 'exempt',
        publicInterest: true,
        activeHandling: true,
        noIntentOrGrossNegligence: true,
        noPrivateInterest: true,
        noGraveProceduralDefect: true,
        presumed: true,
        reasons: '',
        proposedOn: '2026-04-20',
        proposedBy: 'auditor',
      },
      decision: { decidedOn: '2026-07-02', decidedBy: 'head' },
    } satisfies ProactiveAdminRecord;
    const refused = {
      ...exempted,
      requestedOn: '2026-02-02',
      proposal: { ...exempted.proposal, result: 'not-exempt' as const },
      decision: { decidedOn: '2026-03-30', decidedBy: 'head' },
    } satisfies ProactiveAdminRecord;
    const consulting = {
      ...openProactiveAdmin(CONSULTING, at('2026-09-01')),
      committee: { referredOn: '2026-10-01', reason: '' },
    };
    const cases = [exempted, refused, consulting].map(
      (r, i) => ({ caseId: `c${i}`, version: 1, kind: 'proactive-admin', proactiveAdmin: r }) as unknown as CaseRecord,
    );
    const { table, basis } = proactiveAdminReportTable.build({
      byKind: { 'proactive-admin': cases },
      kinds: ['proactive-admin'],
      labelOf: () => '적극행정 면책·사전컨설팅',
    });
    const cells = (key: string) => table.rows.find((r) => r.key === key)!.cells;
    expect(cells('total')).toEqual({
      exemptionRequests: 2,
      exempted: 1,
      notExempted: 1,
      consultations: 1,
      opinions: 0,
      committee: 1,
    });
    expect(cells('q1')).toMatchObject({ exemptionRequests: 1, notExempted: 1, exempted: 0 });
    expect(cells('q2')).toMatchObject({ exemptionRequests: 1, exempted: 0 });
    expect(cells('q3')).toMatchObject({ exempted: 1, consultations: 1, committee: 0 });
    expect(cells('q4')).toMatchObject({ committee: 1 });
    expect(basis).toHaveLength(3);
  });
});
