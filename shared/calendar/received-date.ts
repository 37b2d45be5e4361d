/**
 * A received date must be one the legal calendar can count from: inside the years the holiday data
 * covers (counting through an uncovered year would treat 설날 or 추석 as working days), and, for a
 * case being registered, not in the future. Checked at intake and by the deadline calculator, so
 * such a date is a 400 naming `receivedAt`, never a case whose workflow then fails.
 */
import { ValidationError } from '../domain/errors.ts';
import { koreaYear } from '../domain/korea-time.ts';
import type { Calendar } from './calendar.ts';

/** Clocks of the office's PCs and ours may differ a little; a receipt minutes "ahead" is not the future. */
const CLOCK_SKEW_MS = 5 * 60_000;

export function assertReceivedAtUsable(
  calendar: Pick<Calendar, 'coveredYears'>,
  receivedAt: string,
  options: { now?: Date; field?: string } = {},
): void {
  const field = options.field ?? 'receivedAt';
  const at = new Date(receivedAt);
  const covered = calendar.coveredYears;
  const first = covered[0];
  const last = covered.at(-1);
  const year = Number.isNaN(at.getTime()) ? Number.NaN : koreaYear(at);
  if (first === undefined || last === undefined || !covered.includes(year)) {
    throw new ValidationError(
      `${field} ${receivedAt} is outside the years the holiday calendar covers (${first}–${last})`,
      `${field}(${receivedAt})가 공휴일 자료가 있는 기간(${first}–${last}년) 밖이라 기한을 계산할 수 없습니다`,
      { field, rule: 'outside_calendar', meta: { coveredYears: [first, last] } },
    );
  }
  if (options.now && at.getTime() > options.now.getTime() + CLOCK_SKEW_MS) {
    throw new ValidationError(
      `${field} ${receivedAt} is in the future`,
      `${field}(${receivedAt})가 미래 시각입니다. 실제 접수 일시를 입력하세요`,
      { field, rule: 'in_future' },
    );
  }
}
