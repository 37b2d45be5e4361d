/**
 * When a schedule expression fires. cron() is evaluated by `croner` after a small conversion
 * (verified against a brute-force check, see docs/local-engines.md#schedules); rate() and at() are
 * simple enough to compute here. Syntax is checked first by schedule-expression.ts, because croner
 * accepts things AWS rejects (`?` in both day fields, for one).
 */
import { Cron } from 'croner';
import { parseScheduleExpression, type CronExpression, type ScheduleExpression } from './schedule-expression.ts';
import { instantOfWallTime, KOREA_TIME_ZONE } from './zoned-time.ts';

export interface OccurrenceOptions {
  /** IANA zone the expression is read in; schedules here are declared in Asia/Seoul. */
  timezone?: string;
  /**
   * Where a rate() schedule's intervals are counted from (AWS: its StartDate, or its creation).
   * Runs are anchor + k·interval for k ≥ 1. When absent, the schedule counts as created at `after`.
   */
  rateAnchor?: Date;
}

/** Options that make croner read an AWS cron: seconds field prepended, SUN=1 weekdays, `5/15` steps, years. */
export function cronerOptions(timezone: string) {
  return { mode: '7-part', alternativeWeekdays: true, sloppyRanges: true, timezone } as const;
}

/** The croner pattern for an AWS cron expression ("0 " + its six fields, with `L` day-of-week made explicit). */
export function toCronerPattern(expression: CronExpression): string {
  const { fields } = expression;
  // AWS (like Quartz) reads a bare L in day-of-week as the last day of the week, Saturday = 7;
  // croner only knows the `dL` form.
  const dayOfWeek = fields['day-of-week'] === 'L' ? '7' : fields['day-of-week'];
  return ['0', fields.minutes, fields.hours, fields['day-of-month'], fields.month, dayOfWeek, fields.year].join(' ');
}

function cronFor(expression: CronExpression, timezone: string): Cron {
  return new Cron(toCronerPattern(expression), cronerOptions(timezone));
}

function asParsed(expression: string | ScheduleExpression): ScheduleExpression {
  return typeof expression === 'string' ? parseScheduleExpression(expression) : expression;
}

/** The next `count` run times strictly after `after`, earliest first (fewer when the schedule ends). */
export function nextRuns(
  expression: string | ScheduleExpression,
  after: Date,
  count: number,
  options: OccurrenceOptions = {},
): Date[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const parsed = asParsed(expression);
  const timezone = options.timezone ?? KOREA_TIME_ZONE;
  switch (parsed.kind) {
    case 'cron':
      return count === 0 ? [] : cronFor(parsed, timezone).nextRuns(count, after);
    case 'at': {
      const at = instantOfWallTime(parsed.wallTime, timezone);
      return count > 0 && at.getTime() > after.getTime() ? [at] : [];
    }
    case 'rate': {
      const anchor = (options.rateAnchor ?? after).getTime();
      const firstK = Math.max(1, Math.floor((after.getTime() - anchor) / parsed.intervalMs) + 1);
      return Array.from({ length: count }, (_, i) => new Date(anchor + (firstK + i) * parsed.intervalMs));
    }
  }
}

/**
 * The latest run time at or before `at`, or undefined when there is none. The local scheduler uses it
 * to fire one catch-up run for everything missed while it was down, as a flexible window would.
 */
export function latestRunAtOrBefore(
  expression: string | ScheduleExpression,
  at: Date,
  options: OccurrenceOptions = {},
): Date | undefined {
  const parsed = asParsed(expression);
  const timezone = options.timezone ?? KOREA_TIME_ZONE;
  switch (parsed.kind) {
    case 'cron':
      // croner's previousRuns excludes a run at exactly the reference instant; include it.
      return cronFor(parsed, timezone).previousRuns(1, new Date(at.getTime() + 1))[0];
    case 'at': {
      const runAt = instantOfWallTime(parsed.wallTime, timezone);
      return runAt.getTime() <= at.getTime() ? runAt : undefined;
    }
    case 'rate': {
      if (!options.rateAnchor) throw new RangeError('a rate() schedule needs rateAnchor to know its past runs');
      const anchor = options.rateAnchor.getTime();
      const k = Math.floor((at.getTime() - anchor) / parsed.intervalMs);
      return k >= 1 ? new Date(anchor + k * parsed.intervalMs) : undefined;
    }
  }
}
