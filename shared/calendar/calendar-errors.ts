/**
 * Errors of the legal calendar. They follow the project's one error style (shared/domain/errors.ts):
 * a `name` a workflow Catch can match, an HTTP status, Korean and English messages, the field at fault.
 */
import type * as z from 'zod';
import { AppError, ValidationError, type ErrorDetail } from '../domain/errors.ts';

/** A date, time, period id or option that cannot be used; `field` names it (e.g. `receivedAt`). */
export class CalendarInputError extends ValidationError {
  override name = 'CalendarInputError';
}

/**
 * The holiday data has no list for this year. Counting through such a year would silently treat
 * 설날, 추석 and any election day as working days, so we refuse instead of guessing.
 */
export class CalendarYearNotCoveredError extends AppError {
  override name = 'CalendarYearNotCoveredError';
  readonly statusCode = 422;
  readonly code = 'CALENDAR_YEAR_NOT_COVERED';
  readonly year: number;
  readonly coveredYears: readonly number[];

  constructor(year: number, coveredYears: readonly number[], date: string) {
    const range = coveredYears.length > 0 ? `${coveredYears[0]}–${coveredYears[coveredYears.length - 1]}` : 'none';
    super(
      `No public-holiday data for ${year} (needed for ${date}); covered years: ${range}. ` +
        'Update @hyunbinseo/holidays-kr or supply the year through supplementaryYears.',
      `${year}년 공휴일 자료가 없어 기한을 계산할 수 없습니다(${date}). 자료가 있는 연도: ${range}. ` +
        '공휴일 자료 패키지를 갱신하거나 해당 연도 공휴일을 등록하십시오.',
      { field: 'date', rule: 'calendar-year-covered', meta: { year, coveredYears } },
    );
    this.year = year;
    this.coveredYears = coveredYears;
  }
}

/** An extension the period's article does not allow (too long, too many, or without required consent). */
export class ExtensionNotAllowedError extends AppError {
  override name = 'ExtensionNotAllowedError';
  readonly statusCode = 422;
  readonly code = 'EXTENSION_NOT_ALLOWED';
}

/** Parses `value` with `schema`; a failure becomes a CalendarInputError naming `field` and the rule broken. */
export function parseCalendarInput<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details: ErrorDetail[] = result.error.issues.map((issue) => ({
    field:
      [field, ...issue.path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`))]
        .join('')
        .replace(/^\./, '') || 'input',
    rule: issue.code,
    message: issue.message,
  }));
  const first = details[0] ?? { field, rule: 'invalid', message: 'invalid value' };
  const shown = typeof value === 'string' ? ` (got "${value}")` : '';
  throw new CalendarInputError(
    `Invalid ${first.field}: ${first.message}${shown}`,
    `입력값 오류: ${first.field} — ${first.message}${shown}`,
    { field: first.field ?? field, rule: first.rule, details },
  );
}
