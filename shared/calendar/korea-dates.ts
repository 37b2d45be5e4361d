/**
 * Dates and times in Korea time for the legal calendar.
 *
 * Korea has kept UTC+9 all year since 1988 (no daylight saving), so Korea wall-clock time is the
 * instant shifted by a fixed nine hours. Everything here works on that shift and the `getUTC*`
 * accessors; nothing reads the machine's time zone, so Lambda (UTC) and a laptop in any zone agree.
 *
 * Calendar dates are plain `YYYY-MM-DD` strings (they sort and compare as strings); date arithmetic
 * goes through day numbers since 1970-01-01.
 */
import * as z from 'zod';
import { parseCalendarInput } from './calendar-errors.ts';

export const KOREA_UTC_OFFSET = '+09:00';
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
export const SECONDS_PER_DAY = 24 * 60 * 60;

/** A calendar date in Korea, `YYYY-MM-DD`. */
export type IsoDate = string;

/** A moment in Korea time: the Korean calendar date and the seconds since local midnight. */
export interface KoreaDateTime {
  readonly date: IsoDate;
  readonly secondOfDay: number;
}

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
/** Fractions are dropped before Date.parse, which only promises to read up to milliseconds. */
const withoutFraction = (value: string) => value.replace(/\.\d+/, '');

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isRealIsoDate(value: string): boolean {
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function isRealDateTime(value: string): boolean {
  const match = DATE_TIME_PATTERN.exec(value);
  if (!match) return false;
  const [, date, hh, mm, ss, , offset] = match;
  if (!date || !isRealIsoDate(date)) return false;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return false;
  if (offset && offset !== 'Z' && (Number(offset.slice(1, 3)) > 14 || Number(offset.slice(4, 6)) > 59)) return false;
  return !Number.isNaN(Date.parse(withoutFraction(value)));
}

export const isoDateSchema = z
  .string()
  .regex(ISO_DATE_PATTERN, 'must be a date written YYYY-MM-DD, e.g. 2026-09-22')
  .refine(isRealIsoDate, 'is not a real calendar date');

/**
 * An ISO 8601 date-time that says which offset it is in. A string without an offset would be read
 * in whatever zone the machine is in, so it is refused rather than guessed.
 */
export const dateTimeWithOffsetSchema = z
  .string()
  .regex(DATE_TIME_PATTERN, 'must be an ISO 8601 date-time with an offset, e.g. 2026-09-22T10:30:00+09:00')
  .refine(isRealDateTime, 'is not a real date and time');

export function parseIsoDate(value: unknown, field: string): IsoDate {
  return parseCalendarInput(isoDateSchema, value, field);
}

/**
 * Reads an ISO date-time (any explicit offset) as Korea time. Fractions of a second are dropped:
 * deadlines are stated to the second, and dropping can only make a deadline earlier, never later.
 */
export function parseKoreaDateTime(value: unknown, field: string): KoreaDateTime {
  const text = parseCalendarInput(dateTimeWithOffsetSchema, value, field);
  const epochSeconds = Date.parse(withoutFraction(text)) / 1000;
  return fromEpochSeconds(epochSeconds);
}

export function fromEpochSeconds(epochSeconds: number): KoreaDateTime {
  const shifted = epochSeconds * 1000 + KST_OFFSET_MS;
  const dayNumber = Math.floor(shifted / MS_PER_DAY);
  return { date: fromDayNumber(dayNumber), secondOfDay: Math.round((shifted - dayNumber * MS_PER_DAY) / 1000) };
}

export function toEpochSeconds(moment: KoreaDateTime): number {
  return (dayNumber(moment.date) * MS_PER_DAY - KST_OFFSET_MS) / 1000 + moment.secondOfDay;
}

/** `2026-09-22T10:30:00+09:00` */
export function formatKoreaDateTime(moment: KoreaDateTime): string {
  return `${moment.date}T${formatClock(moment.secondOfDay, true)}${KOREA_UTC_OFFSET}`;
}

/** `10:30` (or `10:30:15` when seconds matter or are asked for). */
export function formatClock(secondOfDay: number, withSeconds = false): string {
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor((secondOfDay % 3600) / 60);
  const s = secondOfDay % 60;
  return withSeconds || s !== 0 ? `${pad(h)}:${pad(m)}:${pad(s)}` : `${pad(h)}:${pad(m)}`;
}

/** Days since 1970-01-01 (the date is a Korean calendar date; no instant is involved). */
export function dayNumber(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function dayOfWeek(date: IsoDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const WEEKDAYS_KO = ['일', '월', '화', '수', '목', '금', '토'] as const;

/** `2026-09-22(화)` */
export function formatDateKo(date: IsoDate): string {
  return `${date}(${WEEKDAYS_KO[dayOfWeek(date)]})`;
}

/** `9/22` — the short form used in one-line summaries. */
export function formatMonthDay(date: IsoDate): string {
  return `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
}
