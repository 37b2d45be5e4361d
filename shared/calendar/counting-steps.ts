/**
 * The counting steps behind every due date, one per way the law counts:
 *
 *  - working time from a moment (민원처리법 제19조①: 5일 이하 → "시간" 단위, 접수시각부터, 1일 = 8근무시간;
 *    시행령 제19조: 즉시 = 3근무시간);
 *  - business days counting the first (제19조②: 6일 이상 → "일" 단위, 첫날 산입, 토요일·공휴일 불산입);
 *  - calendar days and calendar weeks/months/years (민법 제157조 초일불산입, 제159조 말일의 종료,
 *    제160조 역에 의한 계산), with the expiry moved off a Saturday or 공휴일 (제161조).
 *
 * Every step appends what it did to a Trace (Korean explanation lines, days not counted) so a due
 * date can always say how it was reached. Clock stops are whole calendar days, inclusive: days the
 * law takes out of the period (e.g. 현장조사 기간, 민원처리법 시행령 제17조⑤).
 */
import type { Calendar } from './calendar.ts';
import {
  addDays,
  daysInMonth,
  formatClock,
  formatDateKo,
  formatMonthDay,
  isoDate,
  type IsoDate,
  type KoreaDateTime,
} from './korea-dates.ts';

export interface ClockStop {
  /** First stopped day, `YYYY-MM-DD`. */
  readonly from: IsoDate;
  /** Last stopped day (inclusive). */
  readonly to: IsoDate;
  /** Why the clock stops, in Korean, e.g. `현장조사 기간`. */
  readonly reasonKo: string;
  /** The article that takes the interval out of the period, e.g. `민원처리법 시행령 제17조⑤`. */
  readonly article?: string;
}

export interface SkippedDay {
  readonly date: IsoDate;
  /** The holiday name(s) in Korean, `토요일`, `일요일`, or the clock stop's reason. */
  readonly reason: string;
  readonly kind: 'holiday' | 'saturday' | 'sunday' | 'clock-stop';
  /** `not-counted`: inside the period and left out; `expiry-moved`: the last day moved past it (민법 제161조). */
  readonly effect: 'not-counted' | 'expiry-moved';
}

export interface Trace {
  readonly explanation: string[];
  readonly skipped: SkippedDay[];
}

function stopOn(date: IsoDate, stops: readonly ClockStop[]): ClockStop | undefined {
  return stops.find((stop) => stop.from <= date && date <= stop.to);
}

function stopReason(stop: ClockStop): string {
  return stop.article ? `${stop.reasonKo} (${stop.article})` : stop.reasonKo;
}

/** Why a day does not count for 민원 counting (clock stop first: it is the reason staff recorded), or undefined. */
function notCounted(date: IsoDate, calendar: Calendar, stops: readonly ClockStop[]): SkippedDay | undefined {
  const stop = stopOn(date, stops);
  if (stop) return { date, kind: 'clock-stop', reason: stopReason(stop), effect: 'not-counted' };
  const day = calendar.nonBusinessDay(date);
  return day ? { date, kind: day.kind, reason: day.reason, effect: 'not-counted' } : undefined;
}

function describeSkipped(days: readonly SkippedDay[]): string {
  return days.map((day) => `${formatMonthDay(day.date)} ${day.reason}`).join(', ');
}

/** `2시간`, `30분`, `2시간 30분`. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [h > 0 ? `${h}시간` : '', m > 0 ? `${m}분` : '', s > 0 ? `${s}초` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : '0분';
}

/**
 * Counts `seconds` of working time from `start`, skipping Saturdays, 공휴일 and stopped days, and
 * returns the earliest moment at which that much working time has passed (so a count that ends at
 * the start of lunch ends at 12:00, not 13:00). A start outside working hours counts from the next
 * working moment.
 */
export function addWorkingTime(
  start: KoreaDateTime,
  seconds: number,
  calendar: Calendar,
  stops: readonly ClockStop[],
  trace: Trace,
): { due: KoreaDateTime; countingFrom: KoreaDateTime } {
  let date = start.date;
  let from = start.secondOfDay;
  let remaining = seconds;
  let total = 0;
  let countingFrom: KoreaDateTime | undefined;
  const skippedBefore = trace.skipped.length;

  for (;;) {
    const skip = notCounted(date, calendar, stops);
    if (skip) {
      trace.skipped.push(skip);
    } else {
      const pieces: string[] = [];
      let today = 0;
      let reachedAt: number | undefined;
      for (const window of calendar.workingHours.windows) {
        if (from >= window.endSecond) continue;
        const begin = Math.max(from, window.startSecond);
        const take = Math.min(remaining, window.endSecond - begin);
        countingFrom ??= { date, secondOfDay: begin };
        pieces.push(`${formatClock(begin)}–${formatClock(begin + take)}`);
        today += take;
        remaining -= take;
        if (remaining === 0) {
          reachedAt = begin + take;
          break;
        }
      }
      if (today > 0) {
        total += today;
        trace.explanation.push(
          `  ${formatDateKo(date)} ${pieces.join(', ')} → ${formatDuration(today)} (누계 ${formatDuration(total)})`,
        );
      }
      if (reachedAt !== undefined) {
        const skippedNow = trace.skipped.slice(skippedBefore);
        if (skippedNow.length > 0) trace.explanation.push(`  불산입일: ${describeSkipped(skippedNow)}`);
        return { due: { date, secondOfDay: reachedAt }, countingFrom: countingFrom ?? start };
      }
    }
    date = addDays(date, 1);
    from = 0;
  }
}

/** 민원처리법 제19조②: counts `days` business days, the first one being `first` if it is a business day. */
export function countBusinessDays(
  first: IsoDate,
  days: number,
  calendar: Calendar,
  stops: readonly ClockStop[],
  trace: Trace,
): IsoDate {
  const counted: IsoDate[] = [];
  const skippedBefore = trace.skipped.length;
  let date = first;
  for (;;) {
    const skip = notCounted(date, calendar, stops);
    if (skip) {
      trace.skipped.push(skip);
    } else {
      counted.push(date);
      if (counted.length === days) break;
    }
    date = addDays(date, 1);
  }
  trace.explanation.push(`  산입일(${days}일): ${counted.map(formatMonthDay).join(', ')}`);
  const skippedNow = trace.skipped.slice(skippedBefore);
  if (skippedNow.length > 0) trace.explanation.push(`  불산입일: ${describeSkipped(skippedNow)}`);
  return date;
}

/** 민법 제159조: the `days`-th calendar day from `first` (the 기산일), stopped days not counted. */
export function countCalendarDays(first: IsoDate, days: number, stops: readonly ClockStop[], trace: Trace): IsoDate {
  const skippedBefore = trace.skipped.length;
  let date = first;
  let counted = 0;
  for (;;) {
    const stop = stopOn(date, stops);
    if (stop) {
      trace.skipped.push({ date, kind: 'clock-stop', reason: stopReason(stop), effect: 'not-counted' });
    } else {
      counted += 1;
      if (counted === days) break;
    }
    date = addDays(date, 1);
  }
  const stopped = trace.skipped.length - skippedBefore;
  trace.explanation.push(
    `  기산일 ${formatDateKo(first)}부터 ${days}일째 날: ${formatDateKo(date)}` +
      (stopped > 0 ? ` (정지 기간 ${stopped}일 불산입)` : '') +
      ' — 민법 제159조(말일의 종료로 만료)',
  );
  return date;
}

/**
 * 민법 제160조: a period of weeks, months or years ends on the day before the day in the last
 * week/month/year that corresponds to the 기산일 (②), or on the last day of the last month when that
 * month has no such day (③). Stopped days inside push the end back one calendar day each.
 */
export function calendarPeriodEnd(
  first: IsoDate,
  amount: number,
  unit: 'weeks' | 'months' | 'years',
  stops: readonly ClockStop[],
  trace: Trace,
): IsoDate {
  let end: IsoDate;
  if (unit === 'weeks') {
    end = addDays(first, 7 * amount - 1);
    trace.explanation.push(`  기산일 ${formatDateKo(first)}부터 ${amount}주 → ${formatDateKo(end)} (민법 제160조①②)`);
  } else {
    const months = unit === 'years' ? amount * 12 : amount;
    const [y, m, d] = first.split('-').map(Number) as [number, number, number];
    const index = m - 1 + months;
    const year = y + Math.floor(index / 12);
    const month = (index % 12) + 1;
    const lastDay = daysInMonth(year, month);
    if (d === 1) {
      end = addDays(isoDate(year, month, 1), -1);
      trace.explanation.push(
        `  기산일 ${formatDateKo(first)}(월의 처음)부터 역에 의하여 계산 → ${formatDateKo(end)} (민법 제160조①)`,
      );
    } else if (d > lastDay) {
      end = isoDate(year, month, lastDay);
      trace.explanation.push(
        `  최종 월 ${year}-${String(month).padStart(2, '0')}에 기산일(${d}일)에 해당한 날이 없음 → 그 월의 말일 ${formatDateKo(end)} (민법 제160조③)`,
      );
    } else {
      const corresponding = isoDate(year, month, d);
      end = addDays(corresponding, -1);
      trace.explanation.push(`  기산일에 해당한 날 ${corresponding}의 전일 → ${formatDateKo(end)} (민법 제160조②)`);
    }
  }
  if (stops.length === 0) return end;

  const skippedBefore = trace.skipped.length;
  let remaining = 0;
  for (let date = first; date <= end; date = addDays(date, 1)) {
    const stop = stopOn(date, stops);
    if (stop) {
      trace.skipped.push({ date, kind: 'clock-stop', reason: stopReason(stop), effect: 'not-counted' });
      remaining += 1;
    }
  }
  while (remaining > 0) {
    end = addDays(end, 1);
    const stop = stopOn(end, stops);
    if (stop) trace.skipped.push({ date: end, kind: 'clock-stop', reason: stopReason(stop), effect: 'not-counted' });
    else remaining -= 1;
  }
  if (trace.skipped.length > skippedBefore) {
    trace.explanation.push(`  정지 기간 ${trace.skipped.length - skippedBefore}일 불산입 → 말일 ${formatDateKo(end)}`);
  }
  return end;
}

/**
 * 민법 제161조: "기간의 말일이 토요일 또는 공휴일에 해당한 때에는 기간은 그 익일로 만료한다." When the
 * next day is also a Saturday or 공휴일 (연휴), the expiry keeps moving to the first day that is neither.
 */
export function moveExpiryOffNonBusinessDays(end: IsoDate, calendar: Calendar, trace: Trace): IsoDate {
  let date = end;
  const moved: SkippedDay[] = [];
  for (let day = calendar.nonBusinessDay(date); day; day = calendar.nonBusinessDay(date)) {
    moved.push({ date, kind: day.kind, reason: day.reason, effect: 'expiry-moved' });
    date = addDays(date, 1);
  }
  if (moved.length > 0) {
    trace.skipped.push(...moved);
    trace.explanation.push(
      `  말일이 토요일·공휴일(${describeSkipped(moved)}) → 그 익일 ${formatDateKo(date)}에 만료 (민법 제161조)`,
    );
  }
  return date;
}
