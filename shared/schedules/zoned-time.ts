/**
 * Wall-clock time in a named zone → instants, for `at()` schedules. Built on Intl rather than the
 * fixed +09:00 of shared/domain/korea-time.ts because a schedule's zone is data (EventBridge
 * Scheduler takes any IANA zone) and other zones have DST.
 */
import type { WallTime } from './schedule-expression.ts';

export const KOREA_TIME_ZONE = 'Asia/Seoul';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of `instant` in `timeZone` (milliseconds dropped). */
export function wallTimeIn(instant: Date, timeZone: string): WallTime {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function wallTimeAsUtcMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** The instant at which clocks in `timeZone` show `wall` (a wall time inside a DST gap is moved forward by the gap). */
export function instantOfWallTime(wall: WallTime, timeZone: string): Date {
  const target = wallTimeAsUtcMs(wall);
  // Two passes of "shift by the zone's offset at the guess" settle on the right offset
  // everywhere except inside a DST gap, where no such wall time exists.
  let guess = target;
  for (let pass = 0; pass < 2; pass += 1) {
    const offset = wallTimeAsUtcMs(wallTimeIn(new Date(guess), timeZone)) - guess;
    guess = target - offset;
  }
  return new Date(guess);
}
