/**
 * Due dates as the office writes them in correspondence: `2026년 11월 27일(금)`, in Korea time
 * whatever zone the server runs in. (Times of day: formatKoreanDateTime in shared/domain/korea-time.ts.)
 */
import { koreaDate } from '../domain/korea-time.ts';

const WEEKDAYS = ['일', '월', '화', '수', '목', '금', '토'] as const;

/**
 * The Korea calendar date (`YYYY-MM-DD`) of a value: a `YYYY-MM-DD` string already is one (no zone);
 * an ISO date-time or a Date is an instant, read on the Seoul clock.
 */
export function koreaCalendarDate(value: Date | string): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const instant = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  return koreaDate(instant);
}

/** `2026년 11월 27일(금)` */
export function formatKoreanDate(value: Date | string): string {
  const [year, month, day] = koreaCalendarDate(value).split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  return `${year}년 ${month}월 ${day}일(${weekday})`;
}
