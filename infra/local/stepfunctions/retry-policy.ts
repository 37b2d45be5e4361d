/**
 * Retry and Catch as the Amazon States Language specifies them. The service applies these itself for
 * top-level states (instead of leaving them to the interpreter) so that retry counters and back-off
 * delays are durable and measured on the injected clock, and so a failure reported by
 * SendTaskFailure or a stored deadline takes the same route as a Lambda error.
 */

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
}

const DEFAULT_INTERVAL_SECONDS = 1;
const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_BACKOFF_RATE = 2;

export function errorMatches(errorEquals: readonly string[], error: string, isTask: boolean): boolean {
  return errorEquals.some(
    (name) =>
      name === error ||
      name === 'States.ALL' ||
      // States.TaskFailed is a wildcard for any Task error except States.Timeout.
      (name === 'States.TaskFailed' && isTask && error !== 'States.Timeout'),
  );
}

export type RetryDecision =
  | { retry: true; retrierIndex: number; attempts: number[]; delayMs: number }
  | { retry: false };

/**
 * The first retrier whose ErrorEquals matches decides; when its attempts are used up the error goes
 * on to Catch (later retriers are not consulted).
 */
export function decideRetry(
  retriers: readonly Retrier[] | undefined,
  attempts: readonly number[],
  error: string,
  isTask: boolean,
  random: () => number = Math.random,
): RetryDecision {
  if (!retriers) return { retry: false };
  for (const [index, retrier] of retriers.entries()) {
    if (!errorMatches(retrier.ErrorEquals, error, isTask)) continue;
    const used = attempts[index] ?? 0;
    if (used >= (retrier.MaxAttempts ?? DEFAULT_MAX_ATTEMPTS)) return { retry: false };
    const interval =
      (retrier.IntervalSeconds ?? DEFAULT_INTERVAL_SECONDS) * (retrier.BackoffRate ?? DEFAULT_BACKOFF_RATE) ** used;
    const capped = retrier.MaxDelaySeconds === undefined ? interval : Math.min(interval, retrier.MaxDelaySeconds);
    const seconds = retrier.JitterStrategy === 'FULL' ? random() * capped : capped;
    const next = retriers.map((_, i) => attempts[i] ?? 0);
    next[index] = used + 1;
    return { retry: true, retrierIndex: index, attempts: next, delayMs: Math.round(seconds * 1000) };
  }
  return { retry: false };
}

export function findCatcher(
  catchers: readonly Catcher[] | undefined,
  error: string,
  isTask: boolean,
): Catcher | undefined {
  return catchers?.find((catcher) => errorMatches(catcher.ErrorEquals, error, isTask));
}
