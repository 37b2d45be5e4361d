/**
 * The pure rules of daily audits and contract reviews: the next step read from the record, the
 * saving computed from the amounts, supplement periods taken out of the due date, the settings'
 * due dates labelled as unconfirmed, and decisions refused at the wrong step.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import type { CaseRecord } from '#shared/domain/case.ts';
import {
  applyContractReviewDecision,
  nextContractReviewStep,
  openContractReview,
  savingOf,
} from '#shared/kinds/contract-review/contract-review.ts';
import { contractReviewDue } from '#shared/kinds/contract-review/contract-review-settings.ts';
import { applyDailyAuditDecision, nextDailyAuditStep, openDailyAudit } from '#shared/kinds/daily-audit/daily-audit.ts';
import { dailyAuditActionDue, dailyAuditReviewDue } from '#shared/kinds/daily-audit/daily-audit-deadlines.ts';

const calendar = createCalendar();
const base = { caseId: 'c1', kind: 'daily-audit', assigneeSub: 'auditor-1' } as unknown as CaseRecord;

describe('daily audit rules', () => {
  it('goes review → approve → action-result → close, and a return sends the opinion back', () => {
    let c = {
      ...base,
      dailyAudit: openDailyAudit({ category: 'contract' }, '2026-11-02T10:00:00+09:00', '도로관리과'),
    };
    expect(c.dailyAudit.requester).toEqual({ department: '도로관리과' });
    expect(nextDailyAuditStep({ ...c, assigneeSub: undefined })).toBe('assign');
    expect(nextDailyAuditStep(c)).toBe('review');
    const at = '2026-11-05T10:00:00+09:00';
    const step = (form: Record<string, unknown>, by = 'auditor-1') => {
      c = { ...c, dailyAudit: applyDailyAuditDecision(c, form as never, by, at)!.record };
      return nextDailyAuditStep(c);
    };
    expect(step({ decision: 'propose-opinion', opinion: '개선', content: '단가 재검토' })).toBe('approve');
    expect(step({ decision: 'return', reasons: '구체적으로' }, 'head')).toBe('review');
    expect(c.dailyAudit.returns).toHaveLength(1);
    expect(() => step({ decision: 'approve' }, 'head')).toThrow(/not possible at the review step/);
    expect(step({ decision: 'propose-opinion', opinion: '개선', content: '단가 재검토' })).toBe('approve');
    expect(step({ decision: 'approve' }, 'head')).toBe('action-result');
    expect(c.dailyAudit.notice).toEqual({ notifiedOn: '2026-11-05', approvedBy: 'head' });
    expect(() =>
      step({
        decision: 'record-action-result',
        action: 'x',
        resultNotifiedOn: '2026-11-04',
        reportedToApproverOn: '2026-11-05',
      }),
    ).toThrow(/resultNotifiedOn/);
    expect(
      step({
        decision: 'record-action-result',
        action: 'x',
        resultNotifiedOn: '2026-11-05',
        reportedToApproverOn: '2026-11-05',
      }),
    ).toBe('close');
  });

  it('dates its settings and says they are not law', () => {
    // Friday 6 Nov 2026 + 7 business days = Tuesday 17 Nov; 30 days after Fri 6 Nov is Sunday 6 Dec → Monday 7 Dec.
    const review = dailyAuditReviewDue('2026-11-06', calendar);
    expect(review.dueAt).toBe('2026-11-17T18:00:00+09:00');
    expect(review.basis.labelKo).toContain('구 규칙 확인 필요');
    expect(dailyAuditActionDue('2026-11-06', calendar).dueAt).toBe('2026-12-07T18:00:00+09:00');
  });
});

describe('contract review rules', () => {
  it('computes the saving and its rate, also when a review raises the amount', () => {
    expect(savingOf(850_000_000, 812_400_000)).toEqual({ savingWon: 37_600_000, savingRate: 4.4 });
    expect(savingOf(60_000_000, 61_000_000)).toEqual({ savingWon: -1_000_000, savingRate: -1.7 });
  });

  it('adds every day a supplement was outstanding and stops the clock while one is', () => {
    expect(contractReviewDue('2026-11-02', [], calendar).dueDate).toBe('2026-11-12');
    const stopped = contractReviewDue('2026-11-02', [{ requestedOn: '2026-11-04' }], calendar);
    expect(stopped).toMatchObject({ clockStopped: true });
    expect(stopped.dueDate).toBeUndefined();
    // 5 + 3 days stopped: 12 Nov + 8 = Friday 20 Nov.
    const twice = contractReviewDue(
      '2026-11-02',
      [
        { requestedOn: '2026-11-04', receivedOn: '2026-11-09' },
        { requestedOn: '2026-11-10', receivedOn: '2026-11-13' },
      ],
      calendar,
    );
    expect(twice).toMatchObject({ dueDate: '2026-11-20', stoppedDays: 8, clockStopped: false });
    // 10 days after Wed 4 Nov is Saturday 14 Nov → Monday 16 Nov.
    expect(contractReviewDue('2026-11-04', [], calendar).dueDate).toBe('2026-11-16');
  });

  it('flags a request under its category threshold and refuses adjustments that do not add up', () => {
    const record = openContractReview(
      { projectName: '비품 구매', category: 'goods-purchase', designAmountWon: 5_000_000 },
      '2026-11-02T10:00:00+09:00',
      calendar,
    );
    expect(record.threshold).toMatchObject({ amountWon: 10_000_000, reached: false });
    const c = { ...base, kind: 'contract-review', contractReview: record } as CaseRecord;
    expect(nextContractReviewStep(c)).toBe('review');
    const at = '2026-11-05T10:00:00+09:00';
    expect(() =>
      applyContractReviewDecision(
        c,
        { decision: 'propose-review-result', reviewedAmountWon: 4_500_000, adjustments: [], opinion: 'x' },
        'auditor-1',
        at,
        calendar,
      ),
    ).toThrow(/adjustments add up to 0 won; design − reviewed is 500000 won/);
    const applied = applyContractReviewDecision(
      c,
      {
        decision: 'propose-review-result',
        reviewedAmountWon: 4_500_000,
        adjustments: [{ reason: '단가', amountWon: 500_000 }],
        opinion: 'x',
      },
      'auditor-1',
      at,
      calendar,
    )!;
    expect(applied.record.result).toMatchObject({ savingWon: 500_000, savingRate: 10 });
    expect(nextContractReviewStep({ ...c, contractReview: applied.record })).toBe('approve');
  });
});
