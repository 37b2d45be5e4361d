/**
 * Civil Act counting (민법 제157조 초일불산입, 제159조 말일의 종료, 제160조 역에 의한 계산, 제161조 말일이
 * 토요일·공휴일이면 익일), applied to administrative periods through 행정기본법 제6조①, and 민원처리법
 * 제19조③ (주·월·연: 첫날 산입 + 민법 제159조~제161조). Expected dates are worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { computeDeadline, createCalendar, type DeadlineRequest, type DueRule } from '#shared/calendar/index.ts';
import { computeDue } from '#shared/policies/statutory-periods.ts';

const calendar = createCalendar();
const example: DueRule = { id: 'test.period', label: '예시 기간', article: '민법 제157조', confidence: 'C' };

const period = (
  receivedAt: string,
  amount: number,
  unit: DeadlineRequest['unit'],
  counting: DeadlineRequest['counting'],
): DeadlineRequest => ({
  receivedAt,
  amount,
  unit,
  counting,
  rule: example,
});

describe('months (민법 제160조)', () => {
  it('ends on the last day of February when it has no 31st, then moves past Sat 2/28, 3ㆍ1절 and its substitute: 1 month from 2026-01-30 → 2026-03-03 (제160조③, 제161조)', () => {
    const result = computeDue('discipline.request-after-notice', '2026-01-30T10:00:00+09:00', calendar);

    expect(result.dueDate).toBe('2026-03-03');
    expect(result.dueAt).toBe('2026-03-03T23:59:59+09:00');
    expect(result.skipped).toEqual([
      { date: '2026-02-28', kind: 'saturday', reason: '토요일', effect: 'expiry-moved' },
      { date: '2026-03-01', kind: 'holiday', reason: '3ㆍ1절', effect: 'expiry-moved' },
      { date: '2026-03-02', kind: 'holiday', reason: '대체공휴일(3ㆍ1절)', effect: 'expiry-moved' },
    ]);
    expect(result.explanation.join('\n')).toContain('민법 제160조③');
    expect(result.summaryEn).toBe(
      'received 2026-01-30 10:00, 1 month not counting the first day (Civil Act), last day moved past 2/28–3/2 (Saturday, 3ㆍ1절, 대체공휴일(3ㆍ1절)) → due 2026-03-03',
    );
  });

  it('ends the day before the corresponding day: 1 month from 2026-01-27 (기산일 1/28) → Fri 2026-02-27 (제160조②)', () => {
    const result = computeDue('discipline.request-after-notice', '2026-01-27T15:00:00+09:00', calendar);

    expect(result.dueDate).toBe('2026-02-27');
    expect(result.skipped).toEqual([]);
  });

  it('runs a period starting on the 1st to the end of the last month, then past Sunday 2/28 and 3ㆍ1절: 2 months from 2026-12-31 → Tue 2027-03-02 (제160조①, 제161조)', () => {
    const result = computeDue('audit.reconsideration.decision', '2026-12-31T11:00:00+09:00', calendar);

    expect(result.dueDate).toBe('2027-03-02');
    expect(result.skipped.map((day) => day.reason)).toEqual(['일요일', '3ㆍ1절']);
  });

  it('maps 29 February to the end of February in a common year: 3 years from 2024-02-28 (기산일 2/29) → 2027-02-28 (Sun) → 3ㆍ1절 → Tue 2027-03-02', () => {
    const result = computeDue('ethics.disclosure-refusal-review', '2024-02-28T09:00:00+09:00', calendar);

    expect(result.dueDate).toBe('2027-03-02');
    expect(result.explanation.join('\n')).toContain('그 월의 말일 2027-02-28(일)');
  });

  it('counts the first day for 민원 months (민원처리법 제19조③) and not for Civil Act months: 1 month from 2026-04-15 → 5/14 vs 5/15', () => {
    const minwon = computeDeadline(period('2026-04-15T10:00:00+09:00', 1, 'months', 'minwon-article-19'), calendar);
    const civil = computeDeadline(period('2026-04-15T10:00:00+09:00', 1, 'months', 'civil-act'), calendar);

    expect(minwon.dueDate).toBe('2026-05-14');
    expect(minwon.counting.article).toBe('민원처리법 제19조③, 민법 제159조~제161조');
    expect(civil.dueDate).toBe('2026-05-15');
  });
});

describe('weeks and days (민법 제157조, 제159조, 제161조)', () => {
  it('moves a 2-week expiry off the substitute holiday for 개천절: from Mon 2026-09-21 (기산일 9/22) the 14th day is Mon 10/5 → due Tue 2026-10-06', () => {
    const result = computeDeadline(period('2026-09-21T10:00:00+09:00', 2, 'weeks', 'civil-act'), calendar);

    expect(result.dueDate).toBe('2026-10-06');
    expect(result.skipped).toEqual([
      { date: '2026-10-05', kind: 'holiday', reason: '대체공휴일(개천절)', effect: 'expiry-moved' },
    ]);
  });

  it('counts holidays inside a 90-day 청원 period and moves only the last day: received 2026-06-26 → 90th day Thu 9/24 (추석 전날) → due Mon 2026-09-28', () => {
    const result = computeDue('petition.decision', '2026-06-26T09:00:00+09:00', calendar);

    expect(result.counting.method).toBe('calendar-days');
    expect(result.dueDate).toBe('2026-09-28');
    // 제헌절 7/17 and 광복절 8/15, 8/17 lie inside the period and count as ordinary days.
    expect(result.skipped.map((day) => day.date)).toEqual(['2026-09-24', '2026-09-25', '2026-09-26', '2026-09-27']);
    expect(result.skipped.every((day) => day.effect === 'expiry-moved')).toBe(true);
  });

  it('counts the first day only when the period is said to start at 00:00 (민법 제157조 단서): the same 90 days end Wed 2026-09-23', () => {
    const fromMidnight = computeDue('petition.decision', '2026-06-26T00:00:00+09:00', calendar, {
      periodStartsAtMidnight: true,
    });
    const receiptAtMidnight = computeDue('petition.decision', '2026-06-26T00:00:00+09:00', calendar);

    expect(fromMidnight.dueDate).toBe('2026-09-23');
    expect(receiptAtMidnight.dueDate).toBe('2026-09-28');
  });

  it('does not move an expiry that is a working day: 10 days from Tue 2026-11-10 (기산일 11/11) → Fri 2026-11-20', () => {
    const result = computeDue('acrc-referral.result-notice', '2026-11-10T14:00:00+09:00', calendar);

    expect(result.dueDate).toBe('2026-11-20');
    expect(result.skipped).toEqual([]);
  });
});
