import { describe, expect, it } from 'vitest';
import { decideRetry, errorMatches, findCatcher } from '../../../infra/local/stepfunctions/retry-policy.ts';

describe('retry policy', () => {
  it('matches States.TaskFailed to any task error except States.Timeout', () => {
    expect(errorMatches(['States.TaskFailed'], 'MailServerBusy', true)).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.HeartbeatTimeout', true)).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout', true)).toBe(false);
    expect(errorMatches(['States.TaskFailed'], 'MailServerBusy', false)).toBe(false);
    expect(errorMatches(['States.ALL'], 'States.Timeout', true)).toBe(true);
  });

  it('backs off by IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds', () => {
    const retriers = [
      { ErrorEquals: ['Busy'], IntervalSeconds: 10, BackoffRate: 3, MaxAttempts: 5, MaxDelaySeconds: 60 },
    ];
    const delays: number[] = [];
    let attempts = [0];
    for (let i = 0; i < 5; i++) {
      const decision = decideRetry(retriers, attempts, 'Busy', true);
      if (!decision.retry) throw new Error('expected a retry');
      delays.push(decision.delayMs);
      attempts = decision.attempts;
    }
    expect(delays).toEqual([10_000, 30_000, 60_000, 60_000, 60_000]);
    expect(decideRetry(retriers, attempts, 'Busy', true)).toEqual({ retry: false });
  });

  it('uses the defaults (1 s, ×2, 3 attempts) and full jitter when asked', () => {
    const defaults = decideRetry([{ ErrorEquals: ['States.ALL'] }], [2], 'X', true);
    expect(defaults).toEqual({ retry: true, retrierIndex: 0, attempts: [3], delayMs: 4_000 });
    expect(decideRetry([{ ErrorEquals: ['States.ALL'] }], [3], 'X', true)).toEqual({ retry: false });
    const jittered = decideRetry(
      [{ ErrorEquals: ['X'], IntervalSeconds: 10, JitterStrategy: 'FULL' }],
      [0],
      'X',
      true,
      () => 0.25,
    );
    expect(jittered).toMatchObject({ retry: true, delayMs: 2_500 });
  });

  it('lets the first matching retrier decide, even when its attempts are used up', () => {
    const retriers = [
      { ErrorEquals: ['Busy'], MaxAttempts: 1 },
      { ErrorEquals: ['States.ALL'], MaxAttempts: 10 },
    ];
    expect(decideRetry(retriers, [1, 0], 'Busy', true)).toEqual({ retry: false });
    expect(decideRetry(retriers, [1, 0], 'Other', true)).toMatchObject({
      retry: true,
      retrierIndex: 1,
      attempts: [1, 1],
    });
  });

  it('never retries when MaxAttempts is 0', () => {
    expect(decideRetry([{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }], [0], 'X', true)).toEqual({ retry: false });
  });

  it('finds the first Catch whose ErrorEquals matches', () => {
    const catchers = [
      { ErrorEquals: ['Rejected'], Next: 'Return' },
      { ErrorEquals: ['States.ALL'], Next: 'Escalate' },
    ];
    expect(findCatcher(catchers, 'Rejected', true)?.Next).toBe('Return');
    expect(findCatcher(catchers, 'States.Timeout', true)?.Next).toBe('Escalate');
    expect(findCatcher(undefined, 'Rejected', true)).toBeUndefined();
  });
});
