/**
 * The holiday calendar itself: what counts as 공휴일 (관공서의 공휴일에 관한 규정, via @hyunbinseo/holidays-kr),
 * business days (민원처리법 제19조), runtime 임시공휴일, and refusing years without data.
 */
import { describe, expect, it } from 'vitest';
import {
  CalendarInputError,
  CalendarYearNotCoveredError,
  createCalendar,
  PACKAGE_HOLIDAY_YEARS,
} from '#shared/calendar/index.ts';

const calendar = createCalendar();

describe('Korean public holidays (관공서의 공휴일에 관한 규정 제2조·제3조)', () => {
  it('covers exactly the years the data package ships, 2018–2027 for package 5.2027.1', () => {
    expect(calendar.coveredYears).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    expect([...PACKAGE_HOLIDAY_YEARS.keys()].sort()).toEqual(calendar.coveredYears);
  });

  it('lists 추석 2026 as 9/24–9/26 with no substitute, because 9/26 falls on a Saturday (제3조①: 설·추석 substitute only for Sundays)', () => {
    expect(calendar.holidayNames('2026-09-24')).toEqual(['추석 전날']);
    expect(calendar.holidayNames('2026-09-25')).toEqual(['추석']);
    expect(calendar.holidayNames('2026-09-26')).toEqual(['추석 다음 날']);
    expect(calendar.holidayNames('2026-09-28')).toEqual([]);
    expect(calendar.isBusinessDay('2026-09-28')).toBe(true);
  });

  it('knows the 2026 substitute holidays 3/2, 5/25, 8/17 and 10/5 (제3조)', () => {
    expect(calendar.holidayNames('2026-03-02')).toEqual(['대체공휴일(3ㆍ1절)']);
    expect(calendar.holidayNames('2026-05-25')).toEqual(['대체공휴일(부처님 오신 날)']);
    expect(calendar.holidayNames('2026-08-17')).toEqual(['대체공휴일(광복절)']);
    expect(calendar.holidayNames('2026-10-05')).toEqual(['대체공휴일(개천절)']);
  });

  it('treats 노동절, 제헌절 and the local-election day of 2026 as 공휴일, so 민원처리법 제19조 does not count them', () => {
    for (const date of ['2026-05-01', '2026-06-03', '2026-07-17']) {
      expect(calendar.isBusinessDay(date)).toBe(false);
      expect(calendar.isPublicHoliday(date)).toBe(true);
    }
    expect(calendar.nonBusinessDay('2026-06-03')).toEqual({ kind: 'holiday', reason: '전국동시지방선거' });
  });

  it('keeps both names when two holidays fall on one day (2025-05-05 어린이날·부처님 오신 날)', () => {
    expect(calendar.holidayNames('2025-05-05')).toEqual(['어린이날', '부처님 오신 날']);
    expect(calendar.nonBusinessDay('2025-05-05')?.reason).toBe('어린이날·부처님 오신 날');
  });

  it('counts every Sunday as 공휴일 (제2조제1호) and a Saturday as a non-business day that is not a 공휴일 (민원처리법 제19조 names 토요일 separately)', () => {
    expect(calendar.nonBusinessDay('2026-09-27')).toEqual({ kind: 'sunday', reason: '일요일' });
    expect(calendar.isPublicHoliday('2026-09-27')).toBe(true);
    expect(calendar.nonBusinessDay('2026-11-07')).toEqual({ kind: 'saturday', reason: '토요일' });
    expect(calendar.isPublicHoliday('2026-11-07')).toBe(false);
  });

  it('names the holiday rather than the weekday when a holiday falls on a Saturday (2026-10-03 개천절)', () => {
    expect(calendar.nonBusinessDay('2026-10-03')).toEqual({ kind: 'holiday', reason: '개천절' });
  });
});

describe('임시공휴일 added at runtime (제2조제11호)', () => {
  it('returns a new calendar with the added day and leaves the original untouched', () => {
    const withTemporary = calendar.withHolidays([
      { date: '2026-10-02', nameKo: '임시공휴일', basis: '관공서의 공휴일에 관한 규정 제2조제11호 (test designation)' },
    ]);
    expect(withTemporary.isBusinessDay('2026-10-02')).toBe(false);
    expect(withTemporary.holidayNames('2026-10-02')).toEqual(['임시공휴일']);
    expect(calendar.isBusinessDay('2026-10-02')).toBe(true);
    expect(withTemporary.extraHolidays.map((h) => h.date)).toContain('2026-10-02');
  });

  it('refuses a holiday without the decision it rests on, naming the field', () => {
    expect(() => calendar.withHolidays([{ date: '2026-10-02', nameKo: '임시공휴일', basis: ' ' }])).toThrow(
      expect.objectContaining({ name: 'CalendarInputError', field: 'holidays[0].basis' }),
    );
  });

  it('refuses a date that does not exist, naming the field', () => {
    expect(() => createCalendar({ extraHolidays: [{ date: '2026-02-30', nameKo: '임시공휴일', basis: 'x' }] })).toThrow(
      expect.objectContaining({ name: 'CalendarInputError', field: 'extraHolidays[0].date' }),
    );
  });
});

describe('years without holiday data', () => {
  it('throws CalendarYearNotCoveredError for 2028 instead of guessing that 설날 is a working day', () => {
    let thrown: unknown;
    try {
      calendar.isBusinessDay('2028-01-26');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CalendarYearNotCoveredError);
    expect(thrown).toMatchObject({ name: 'CalendarYearNotCoveredError', year: 2028, statusCode: 422 });
  });

  it('throws for a year before the data starts (2017)', () => {
    expect(() => calendar.holidayNames('2017-12-29')).toThrow(CalendarYearNotCoveredError);
  });

  it('covers a year once its complete list is supplied', () => {
    const supplemented = createCalendar({ supplementaryYears: { '2028': { '2028-01-01': ['1월 1일'] } } });
    expect(supplemented.coveredYears).toContain(2028);
    expect(supplemented.isBusinessDay('2028-01-01')).toBe(false);
    expect(supplemented.isBusinessDay('2028-01-03')).toBe(true);
  });

  it('rejects a supplementary list whose dates lie in another year', () => {
    expect(() => createCalendar({ supplementaryYears: { '2028': { '2029-01-01': ['1월 1일'] } } })).toThrow(
      CalendarInputError,
    );
  });
});

describe('date input', () => {
  it('rejects a date that is not YYYY-MM-DD, naming the field', () => {
    expect(() => calendar.isBusinessDay('2026/09/22')).toThrow(
      expect.objectContaining({ name: 'CalendarInputError', field: 'date' }),
    );
  });
});

describe('working hours (지방공무원 복무규정 제2조②; 민원처리법 제19조① 1일 = 8근무시간)', () => {
  it('defaults to 09:00–12:00 and 13:00–18:00, eight hours', () => {
    const windows = calendar.workingHours.windows.map((w) => [w.startSecond / 3600, w.endSecond / 3600]);
    expect(windows).toEqual([
      [9, 12],
      [13, 18],
    ]);
  });

  it('rejects a working day that ends before it starts, naming the field', () => {
    expect(() => createCalendar({ workingHours: { start: '18:00', end: '09:00', breaks: [] } })).toThrow(
      expect.objectContaining({ name: 'CalendarInputError', field: 'workingHours.end' }),
    );
  });

  it('rejects a lunch break outside the working day', () => {
    expect(() =>
      createCalendar({ workingHours: { start: '09:00', end: '18:00', breaks: [{ start: '18:30', end: '19:30' }] } }),
    ).toThrow(expect.objectContaining({ name: 'CalendarInputError', field: 'workingHours.breaks[0]' }));
  });
});
