/**
 * Extensions (run from the day after the expiry — 민원처리법 제35조②, 행정기본법 제36조② wording),
 * clock stops (intervals the law takes out of a period) and recomputation on a calendar with a
 * 임시공휴일 designated after the deadline was first computed.
 */
import { describe, expect, it } from 'vitest';
import {
  ExtensionNotAllowedError,
  computeDeadline,
  createCalendar,
  extendDue,
  recomputeDue,
} from '#shared/calendar/index.ts';
import { computeDue } from '#shared/policies/statutory-periods.ts';

const calendar = createCalendar();
const temporaryHoliday = {
  date: '2026-10-02',
  nameKo: '임시공휴일',
  basis: '관공서의 공휴일에 관한 규정 제2조제11호 (test designation)',
};

describe('a 임시공휴일 designated after the deadline was computed (관공서의 공휴일에 관한 규정 제2조제11호)', () => {
  it('moves a 고충민원 due Fri 2026-10-02 to Tue 2026-10-06 when 10/2 becomes a holiday (민원처리법 제19조②)', () => {
    const before = computeDue('grievance.answer', '2026-09-22T10:30:00+09:00', calendar);
    const after = recomputeDue(before, calendar.withHolidays([temporaryHoliday]));

    expect(before.dueDate).toBe('2026-10-02');
    expect(after.dueDate).toBe('2026-10-06');
    expect(after.skipped.filter((day) => day.date >= '2026-10-01').map((day) => `${day.date} ${day.reason}`)).toEqual([
      '2026-10-02 임시공휴일',
      '2026-10-03 개천절',
      '2026-10-04 일요일',
      '2026-10-05 대체공휴일(개천절)',
    ]);
    expect(recomputeDue(before, calendar).dueDate).toBe('2026-10-02');
  });

  it('moves a Civil Act expiry that lands on the new holiday to the next working day (민법 제161조): 청원 due Mon 9/28 → Tue 9/29', () => {
    const before = computeDue('petition.decision', '2026-06-26T09:00:00+09:00', calendar);
    const after = recomputeDue(before, calendar.withHolidays([{ ...temporaryHoliday, date: '2026-09-28' }]));

    expect(before.dueDate).toBe('2026-09-28');
    expect(after.dueDate).toBe('2026-09-29');
  });

  it('applies a holiday given when the calendar is created exactly like one added later', () => {
    const created = computeDue(
      'grievance.answer',
      '2026-09-22T10:30:00+09:00',
      createCalendar({ extraHolidays: [temporaryHoliday] }),
    );

    expect(created.dueDate).toBe('2026-10-06');
  });
});

describe('extensions', () => {
  it('extends a 고충민원 by 7 days from the day after its expiry (민원처리법 시행령 제21조①): 10/2 → Thu 2026-10-15, skipping 개천절, its substitute and 한글날', () => {
    const result = computeDue('grievance.answer', '2026-09-22T10:30:00+09:00', calendar, {
      extensions: [{ amount: 7, reasonKo: '관계부서 협의' }],
    });

    expect(result.extensions).toEqual([
      {
        amount: 7,
        unit: 'days',
        reasonKo: '관계부서 협의',
        article: '민원처리법 시행령 제21조①',
        previousDueDate: '2026-10-02',
        dueDate: '2026-10-15',
        dueAt: '2026-10-15T18:00:00+09:00',
      },
    ]);
    expect(result.dueDate).toBe('2026-10-15');
  });

  it('refuses a second 고충민원 extension without the complainant’s consent and allows it with consent (시행령 제21조① 단서)', () => {
    const twice = [{ amount: 7 }, { amount: 3 }];
    expect(() => computeDue('grievance.answer', '2026-09-22T10:30:00+09:00', calendar, { extensions: twice })).toThrow(
      expect.objectContaining({
        name: 'ExtensionNotAllowedError',
        field: 'options.extensions[1]',
        rule: '민원처리법 시행령 제21조①',
      }),
    );

    const consented = computeDue('grievance.answer', '2026-09-22T10:30:00+09:00', calendar, {
      extensions: [{ amount: 7 }, { amount: 3, complainantConsent: true }],
    });
    expect(consented.dueDate).toBe('2026-10-20');
  });

  it('refuses a 고충민원 extension longer than the processing period itself (시행령 제21조① "처리기간의 범위에서")', () => {
    expect(() =>
      computeDue('grievance.answer', '2026-09-22T10:30:00+09:00', calendar, { extensions: [{ amount: 8 }] }),
    ).toThrow(ExtensionNotAllowedError);
  });

  it('extends a 청원 by 60 days from the day after its expiry (청원법 제21조③): 9/28 → Fri 2026-11-27, and refuses 61 days or a second extension', () => {
    const extended = computeDue('petition.decision', '2026-06-26T09:00:00+09:00', calendar, {
      extensions: [{ amount: 60 }],
    });
    expect(extended.dueDate).toBe('2026-11-27');
    expect(extended.summaryEn).toContain('; extended by 60 days from the day after [청원법 제21조③] → due 2026-11-27');

    expect(() =>
      computeDue('petition.decision', '2026-06-26T09:00:00+09:00', calendar, { extensions: [{ amount: 61 }] }),
    ).toThrow(ExtensionNotAllowedError);
    expect(() =>
      computeDue('petition.decision', '2026-06-26T09:00:00+09:00', calendar, {
        extensions: [{ amount: 30 }, { amount: 30 }],
      }),
    ).toThrow(ExtensionNotAllowedError);
  });

  it('refuses to extend a period whose law provides no extension (청원법 제13조① 공개 여부 결정)', () => {
    expect(() =>
      computeDue('petition.disclosure-decision', '2026-03-03T09:00:00+09:00', calendar, {
        extensions: [{ amount: 5 }],
      }),
    ).toThrow(expect.objectContaining({ name: 'ExtensionNotAllowedError', field: 'options.extensions[0]' }));
  });

  it('continues an hour-counted period from its due moment (민원처리법 제19조①): 3 days from Fri 11/6 16:00 = Wed 11/11 16:00, +3 days = Mon 2026-11-16 16:00', () => {
    const base = computeDeadline(
      {
        receivedAt: '2026-11-06T16:00:00+09:00',
        amount: 3,
        unit: 'days',
        counting: 'minwon-article-19',
        rule: { id: 'test.three-day', label: '3일 처리 민원(예시)', article: '민원처리법 제19조①', confidence: 'C' },
      },
      calendar,
    );
    const extended = extendDue(base, { amount: 3, unit: 'days' }, calendar);

    expect(base.dueAt).toBe('2026-11-11T16:00:00+09:00');
    expect(extended.dueAt).toBe('2026-11-16T16:00:00+09:00');
    expect(extended.extensions[0]?.previousDueDate).toBe('2026-11-11');
  });

  it('refuses an extension in a unit the period is not counted in, naming the field', () => {
    const base = computeDue('grievance.answer', '2026-09-22T10:30:00+09:00', calendar);

    expect(() => extendDue(base, { amount: 1, unit: 'months' }, calendar)).toThrow(
      expect.objectContaining({ name: 'CalendarInputError', field: 'extensions[0].unit' }),
    );
  });
});

describe('clock stops', () => {
  it('leaves the field-investigation days out of a 고충민원 (시행령 제17조⑤): received Mon 2026-11-02, 현장조사 11/4–11/10 → due Tue 2026-11-17 instead of 11/10', () => {
    const fieldWork = {
      from: '2026-11-04',
      to: '2026-11-10',
      reasonKo: '현장조사 등 기간',
      article: '민원처리법 시행령 제17조⑤',
    };
    const plain = computeDue('grievance.answer', '2026-11-02T10:00:00+09:00', calendar);
    const stopped = computeDue('grievance.answer', '2026-11-02T10:00:00+09:00', calendar, { clockStops: [fieldWork] });

    expect(plain.dueDate).toBe('2026-11-10');
    expect(stopped.dueDate).toBe('2026-11-17');
    expect(stopped.skipped.filter((day) => day.kind === 'clock-stop')).toHaveLength(7);
    expect(stopped.summaryEn).toContain(
      'skipping 11/4–11/10 (현장조사 등 기간 (민원처리법 시행령 제17조⑤)) and 11/14–11/15 (Saturday, Sunday)',
    );
  });

  it('leaves the 공개청원 disclosure-decision and public-comment periods out of the 90 days (청원법 제21조②): received 2026-03-03 → Thu 2026-07-16 instead of Mon 6/1', () => {
    const stops = [
      { from: '2026-03-04', to: '2026-03-18', reasonKo: '공개 여부 결정기간', article: '청원법 제13조①' },
      { from: '2026-03-19', to: '2026-04-17', reasonKo: '국민 의견 수렴기간', article: '청원법 제13조②' },
    ];
    const plain = computeDue('petition.decision', '2026-03-03T09:00:00+09:00', calendar);
    const stopped = computeDue('petition.decision', '2026-03-03T09:00:00+09:00', calendar, { clockStops: stops });

    expect(plain.dueDate).toBe('2026-06-01');
    expect(stopped.dueDate).toBe('2026-07-16');
    expect(stopped.skipped.filter((day) => day.kind === 'clock-stop')).toHaveLength(45);
  });

  it('takes a stopped day out of an hour-counted period: 3 days from Fri 2026-11-06 16:00 with Mon 11/9 stopped → Thu 2026-11-12 16:00', () => {
    const result = computeDeadline(
      {
        receivedAt: '2026-11-06T16:00:00+09:00',
        amount: 3,
        unit: 'days',
        counting: 'minwon-article-19',
        rule: { id: 'test.three-day', label: '3일 처리 민원(예시)', article: '민원처리법 제19조①', confidence: 'C' },
        clockStops: [{ from: '2026-11-09', to: '2026-11-09', reasonKo: '보완 기간' }],
      },
      calendar,
    );

    expect(result.dueAt).toBe('2026-11-12T16:00:00+09:00');
  });

  it('pushes a month-based expiry back by the stopped days (민법 제160조 with a stop): 1 month from 2026-01-27 with 2/2–2/4 stopped → 2/27 + 3 days = Mon 2026-03-02 → 대체공휴일 → Tue 3/3', () => {
    const result = computeDue('discipline.request-after-notice', '2026-01-27T15:00:00+09:00', calendar, {
      clockStops: [
        { from: '2026-02-02', to: '2026-02-04', reasonKo: '징계절차 정지', article: '지방공무원법 제73조①' },
      ],
    });

    expect(result.dueDate).toBe('2026-03-03');
  });

  it('rejects a clock stop that ends before it starts, naming the field', () => {
    expect(() =>
      computeDue('grievance.answer', '2026-11-02T10:00:00+09:00', calendar, {
        clockStops: [{ from: '2026-11-10', to: '2026-11-04', reasonKo: '현장조사 등 기간' }],
      }),
    ).toThrow(expect.objectContaining({ name: 'CalendarInputError', field: 'options.clockStops[0].to' }));
  });
});
