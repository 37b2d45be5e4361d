/**
 * Default due dates for human tasks that no statute times: N business days (Saturdays, Sundays and
 * public holidays skipped, by the legal calendar) after the day the task opens, due at the end of
 * the working day (18:00 Korea time). Statutory periods come from statutory-periods.ts instead.
 */
import type { Calendar } from '../calendar/index.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** `openedAt` is ISO 8601 with +09:00; the answer is `YYYY-MM-DDT18:00:00+09:00`. */
export function dueAfterBusinessDays(calendar: Calendar, openedAt: string, businessDays: number): string {
  let date = openedAt.slice(0, 10);
  let remaining = businessDays;
  while (remaining > 0) {
    date = addDays(date, 1);
    if (calendar.isBusinessDay(date)) remaining -= 1;
  }
  return `${date}T18:00:00+09:00`;
}
