/**
 * The policy table of statutory periods (shared/policies/statutory-periods.ts) and computeDue:
 * every period cites its article and confidence from docs/legal-basis.md#confidence-labels, and bad input names the field.
 */
import { describe, expect, it } from 'vitest';
import { CalendarYearNotCoveredError, CONFIDENCE_LEVELS, createCalendar } from '#shared/calendar/index.ts';
import { PERIOD_IDS, STATUTORY_PERIODS, computeDue, type PeriodId } from '#shared/policies/statutory-periods.ts';

const calendar = createCalendar();

describe('the statutory-period table', () => {
  it('gives every period a Korean label, an article, a confidence label and a counting basis', () => {
    for (const id of PERIOD_IDS) {
      const period = STATUTORY_PERIODS[id];
      expect(period.labelKo, id).toMatch(/\S/);
      expect(period.article, id).toMatch(/제\d+조/);
      expect(CONFIDENCE_LEVELS, id).toContain(period.confidence);
      expect(CONFIDENCE_LEVELS, id).toContain(period.countingConfidence);
      expect(period.countingBasis, id).toMatch(/\S/);
    }
  });

  it('holds the periods docs/legal-basis.md confirms (C) with their articles', () => {
    const expected: Record<string, [number, string, string, string]> = {
      'grievance.answer': [7, 'days', 'minwon-article-19', '민원처리법 시행령 제17조①'],
      'grievance.field-investigation': [14, 'days', 'minwon-article-19', '민원처리법 시행령 제17조④'],
      'question.law': [14, 'days', 'minwon-article-19', '민원처리법 시행령 제14조제1호'],
      'question.procedure': [7, 'days', 'minwon-article-19', '민원처리법 시행령 제14조제2호'],
      suggestion: [14, 'days', 'minwon-article-19', '민원처리법 시행령 제15조'],
      other: [1, 'immediately', 'minwon-article-19', '민원처리법 시행령 제16조①, 제19조'],
      'petition.decision': [90, 'days', 'civil-act', '청원법 제21조②'],
      'petition.disclosure-decision': [15, 'days', 'civil-act', '청원법 제13조①'],
      'petition.public-comment': [30, 'days', 'civil-act', '청원법 제13조②'],
      'petition.objection.filing': [30, 'days', 'civil-act', '청원법 제22조'],
      'petition.objection.decision': [15, 'days', 'civil-act', '청원법 제22조'],
      'acrc-referral.investigation': [60, 'days', 'civil-act', '부패방지권익위법 제60조①'],
      'acrc-referral.result-notice': [10, 'days', 'civil-act', '부패방지권익위법 제60조②'],
      'whistleblower.result-notice': [10, 'days', 'civil-act', '공익신고자 보호법 시행령 제11조②'],
    };
    for (const [id, [amount, unit, counting, article]] of Object.entries(expected)) {
      expect(STATUTORY_PERIODS[id as PeriodId], id).toMatchObject({ amount, unit, counting, article, confidence: 'C' });
    }
    expect(STATUTORY_PERIODS['petition.decision'].extension).toMatchObject({
      maxAmount: 60,
      maxCount: 1,
      article: '청원법 제21조③',
    });
  });

  it('marks the discipline-request period R because only the 2008 text of 징계 및 소청 규정 제2조③ was read, and lets the office adjust it', () => {
    expect(STATUTORY_PERIODS['discipline.request-after-notice']).toMatchObject({
      amount: 1,
      unit: 'months',
      confidence: 'R',
    });
    expect(STATUTORY_PERIODS['discipline.request-after-notice'].adjustable).toBeDefined();
  });

  it('computes a due date on or after the receipt day for every period received on Mon 2024-11-04 (late enough that even the 3-year period ends inside the data)', () => {
    for (const id of PERIOD_IDS) {
      const result = computeDue(id, '2024-11-04T10:00:00+09:00', calendar);
      expect(result.dueDate >= '2024-11-04', id).toBe(true);
      expect(result.rule.id).toBe(id);
      expect(result.explanation.join('\n'), id).toContain(STATUTORY_PERIODS[id].article);
    }
  });
});

describe('computeDue', () => {
  it('counts a 14-day 질의민원 across 설 2027 (민원처리법 시행령 제14조제1호, 제19조②): received Mon 2027-02-01 → Mon 2027-02-22', () => {
    const result = computeDue('question.law', '2027-02-01T10:00:00+09:00', calendar);

    expect(result.dueDate).toBe('2027-02-22');
    expect(result.rule).toEqual({
      id: 'question.law',
      label: '질의민원(법령 설명·해석) 처리기간',
      article: '민원처리법 시행령 제14조제1호',
      confidence: 'C',
    });
  });

  it('treats 기타민원 as 3 working hours (민원처리법 시행령 제16조①, 제19조)', () => {
    const result = computeDue('other', '2026-11-10T14:00:00+09:00', calendar);

    expect(result.dueAt).toBe('2026-11-10T17:00:00+09:00');
  });

  it('counts a 민원 transfer to another agency in working hours (시행령 제13조③): Fri 2026-11-06 15:00 + 8h → Mon 2026-11-09 15:00', () => {
    const result = computeDue('minwon.transfer.other-agency', '2026-11-06T15:00:00+09:00', calendar);

    expect(result.dueAt).toBe('2026-11-09T15:00:00+09:00');
  });

  it('takes an office-set discipline-request period (징계 및 소청 규정 제2조③, adjustable): 2 months from 2026-01-30 → Mon 2026-03-30', () => {
    const result = computeDue('discipline.request-after-notice', '2026-01-30T10:00:00+09:00', calendar, { amount: 2 });

    expect(result.dueDate).toBe('2026-03-30');
    expect(result.explanation.join('\n')).toContain('기간 조정: 1 → 2');
  });

  it('refuses another amount for a period the law fixes (시행령 제17조① 7일), naming the field', () => {
    expect(() => computeDue('grievance.answer', '2026-11-02T10:00:00+09:00', calendar, { amount: 10 })).toThrow(
      expect.objectContaining({ name: 'CalendarInputError', field: 'options.amount' }),
    );
  });

  it('refuses an unknown period id, naming the field', () => {
    expect(() => computeDue('grievance.answr', '2026-11-02T10:00:00+09:00', calendar)).toThrow(
      expect.objectContaining({ name: 'CalendarInputError', field: 'periodId', statusCode: 400 }),
    );
  });

  it('refuses a receipt time that is not a real date, naming the field', () => {
    expect(() => computeDue('grievance.answer', '2026-02-30T10:00:00+09:00', calendar)).toThrow(
      expect.objectContaining({ name: 'CalendarInputError', field: 'receivedAt' }),
    );
  });

  it('refuses an unknown option, naming it', () => {
    expect(() =>
      computeDue('grievance.answer', '2026-11-02T10:00:00+09:00', calendar, { extension: [] } as never),
    ).toThrow(expect.objectContaining({ name: 'CalendarInputError', field: 'options' }));
  });

  it('throws CalendarYearNotCoveredError when a 고충민원 received Fri 2027-12-24 runs into 2028, which the data does not cover', () => {
    expect(() => computeDue('grievance.answer', '2027-12-24T10:00:00+09:00', calendar)).toThrow(
      CalendarYearNotCoveredError,
    );
    expect(() => computeDue('grievance.answer', '2027-12-24T10:00:00+09:00', calendar)).toThrow(/2028/);
  });

  it('finishes the same 고충민원 once 2028 is supplied: 12/24, 12/28–12/31, 1/3, 1/4 → due 2028-01-04 (민원처리법 제19조②)', () => {
    const with2028 = createCalendar({ supplementaryYears: { '2028': { '2028-01-01': ['1월 1일'] } } });
    const result = computeDue('grievance.answer', '2027-12-24T10:00:00+09:00', with2028);

    expect(result.dueDate).toBe('2028-01-04');
    expect(result.skipped.slice(0, 3).map((day) => day.reason)).toEqual([
      '기독탄신일',
      '일요일',
      '대체공휴일(기독탄신일)',
    ]);
  });
});
