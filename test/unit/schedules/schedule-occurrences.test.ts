import { describe, expect, it } from 'vitest';
import { latestRunAtOrBefore, nextRuns, toCronerPattern } from '#shared/schedules/schedule-occurrences.ts';
import { parseScheduleExpression, type CronExpression } from '#shared/schedules/schedule-expression.ts';
import { toKoreaIso } from '#shared/domain/korea-time.ts';

/** Run times as Korea wall-clock text, so a UTC slip shows up as a wrong hour or day. */
function koreaTimes(runs: Date[]): string[] {
  return runs.map(toKoreaIso);
}

const kst = (text: string) => new Date(`${text}+09:00`);

describe('nextRuns — cron in Korea time', () => {
  it('runs weekday reminders at 08:30 Korea time across a month end, skipping the weekend', () => {
    const runs = nextRuns('cron(30 8 ? * MON-FRI *)', kst('2026-11-27T09:00:00'), 3);
    expect(koreaTimes(runs)).toEqual([
      '2026-11-30T08:30:00+09:00',
      '2026-12-01T08:30:00+09:00',
      '2026-12-02T08:30:00+09:00',
    ]);
    // Monday 08:30 in Seoul is still Sunday in UTC: the expression is read in Korea time.
    expect(runs[0]?.toISOString()).toBe('2026-11-29T23:30:00.000Z');
  });

  it('counts strictly after the given instant', () => {
    const runs = nextRuns('cron(30 8 ? * MON-FRI *)', kst('2026-11-27T08:30:00'), 1);
    expect(koreaTimes(runs)).toEqual(['2026-11-30T08:30:00+09:00']);
  });

  it('crosses a year end for a daily job', () => {
    expect(koreaTimes(nextRuns('cron(0 8 * * ? *)', kst('2026-12-31T08:00:00'), 2))).toEqual([
      '2027-01-01T08:00:00+09:00',
      '2027-01-02T08:00:00+09:00',
    ]);
  });

  it('runs the quarterly analysis on the first day of January, April, July and October at 07:00', () => {
    expect(koreaTimes(nextRuns('cron(0 7 1 JAN,APR,JUL,OCT ? *)', kst('2026-11-25T00:00:00'), 4))).toEqual([
      '2027-01-01T07:00:00+09:00',
      '2027-04-01T07:00:00+09:00',
      '2027-07-01T07:00:00+09:00',
      '2027-10-01T07:00:00+09:00',
    ]);
  });

  it('reads L in day-of-month as the last day of each month, leap day included', () => {
    expect(koreaTimes(nextRuns('cron(0 9 L * ? *)', kst('2027-12-15T00:00:00'), 3))).toEqual([
      '2027-12-31T09:00:00+09:00',
      '2028-01-31T09:00:00+09:00',
      '2028-02-29T09:00:00+09:00',
    ]);
  });

  it('reads a bare L in day-of-week as Saturday, and 6L as the last Friday of the month', () => {
    expect(koreaTimes(nextRuns('cron(0 9 ? * L *)', kst('2026-11-25T00:00:00'), 2))).toEqual([
      '2026-11-28T09:00:00+09:00',
      '2026-12-05T09:00:00+09:00',
    ]);
    expect(koreaTimes(nextRuns('cron(0 9 ? * 6L *)', kst('2026-11-25T00:00:00'), 2))).toEqual([
      '2026-11-27T09:00:00+09:00',
      '2026-12-25T09:00:00+09:00',
    ]);
  });

  it('moves nW to the nearest weekday without leaving the month', () => {
    // 15 Nov 2026 is a Sunday → Monday 16th; 15 May 2027 is a Saturday → Friday 14th.
    expect(koreaTimes(nextRuns('cron(0 9 15W * ? *)', kst('2026-11-01T00:00:00'), 1))).toEqual([
      '2026-11-16T09:00:00+09:00',
    ]);
    expect(koreaTimes(nextRuns('cron(0 9 15W * ? *)', kst('2027-05-01T00:00:00'), 1))).toEqual([
      '2027-05-14T09:00:00+09:00',
    ]);
    // 1 May 2027 is a Saturday: the nearest weekday inside May is Monday the 3rd, not Friday 30 April.
    expect(koreaTimes(nextRuns('cron(0 9 1W * ? *)', kst('2027-04-15T00:00:00'), 1))).toEqual([
      '2027-05-03T09:00:00+09:00',
    ]);
  });

  it('reads d#n as the n-th weekday of the month (3#2 = second Tuesday)', () => {
    expect(koreaTimes(nextRuns('cron(0 10 ? * 3#2 *)', kst('2026-11-25T00:00:00'), 2))).toEqual([
      '2026-12-08T10:00:00+09:00',
      '2027-01-12T10:00:00+09:00',
    ]);
    expect(koreaTimes(nextRuns('cron(0 10 ? * TUE#2 *)', kst('2026-11-25T00:00:00'), 1))).toEqual([
      '2026-12-08T10:00:00+09:00',
    ]);
  });

  it('stops when the year field runs out', () => {
    expect(koreaTimes(nextRuns('cron(0 0 1 1 ? 2027)', kst('2026-06-01T00:00:00'), 3))).toEqual([
      '2027-01-01T00:00:00+09:00',
    ]);
    expect(nextRuns('cron(0 0 1 1 ? 2027)', kst('2027-01-01T00:00:00'), 3)).toEqual([]);
  });

  it('gives croner the seconds field and an explicit Saturday for a bare L', () => {
    const parsed = parseScheduleExpression('cron(0 9 ? * L *)') as CronExpression;
    expect(toCronerPattern(parsed)).toBe('0 0 9 ? * 7 *');
  });

  it('refuses an expression AWS would refuse rather than computing runs for it', () => {
    expect(() => nextRuns('cron(0 9 ? * ? *)', new Date(), 1)).toThrow(/only one of day-of-month and day-of-week/);
  });
});

describe('nextRuns — at() and rate()', () => {
  it('reads at() as Korea wall time and runs it once', () => {
    const runs = nextRuns('at(2026-12-01T09:00:00)', kst('2026-11-27T09:00:00'), 3);
    expect(runs.map((r) => r.toISOString())).toEqual(['2026-12-01T00:00:00.000Z']);
    expect(nextRuns('at(2026-12-01T09:00:00)', kst('2026-12-01T09:00:00'), 3)).toEqual([]);
  });

  it('reads at() in another zone when the schedule says so', () => {
    const [run] = nextRuns('at(2026-12-01T09:00:00)', new Date('2026-01-01T00:00:00Z'), 1, { timezone: 'UTC' });
    expect(run?.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('counts rate() intervals from the anchor', () => {
    const anchor = kst('2026-11-27T09:00:00');
    const runs = nextRuns('rate(15 minutes)', kst('2026-11-27T09:20:00'), 2, { rateAnchor: anchor });
    expect(koreaTimes(runs)).toEqual(['2026-11-27T09:30:00+09:00', '2026-11-27T09:45:00+09:00']);
  });
});

describe('latestRunAtOrBefore — the one run a catch-up fires', () => {
  it('finds the latest missed weekday run after a long weekend', () => {
    const run = latestRunAtOrBefore('cron(30 8 ? * MON-FRI *)', kst('2026-11-30T07:00:00'));
    expect(run && toKoreaIso(run)).toBe('2026-11-27T08:30:00+09:00');
  });

  it('includes a run at exactly the given instant', () => {
    const run = latestRunAtOrBefore('cron(30 8 ? * MON-FRI *)', kst('2026-11-30T08:30:00'));
    expect(run && toKoreaIso(run)).toBe('2026-11-30T08:30:00+09:00');
  });

  it('finds nothing for an at() still in the future, and the at() once it has passed', () => {
    expect(latestRunAtOrBefore('at(2026-12-01T09:00:00)', kst('2026-12-01T08:59:59'))).toBeUndefined();
    expect(latestRunAtOrBefore('at(2026-12-01T09:00:00)', kst('2026-12-01T09:00:00'))?.toISOString()).toBe(
      '2026-12-01T00:00:00.000Z',
    );
  });

  it('needs an anchor for rate() and counts whole intervals from it', () => {
    const anchor = kst('2026-11-27T09:00:00');
    expect(() => latestRunAtOrBefore('rate(1 hour)', anchor)).toThrow(/rateAnchor/);
    expect(latestRunAtOrBefore('rate(1 hour)', kst('2026-11-27T09:59:59'), { rateAnchor: anchor })).toBeUndefined();
    const run = latestRunAtOrBefore('rate(1 hour)', kst('2026-11-27T12:10:00'), { rateAnchor: anchor });
    expect(run && toKoreaIso(run)).toBe('2026-11-27T12:00:00+09:00');
  });
});
