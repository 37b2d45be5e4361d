/**
 * Every time the service reads (deadlines, Wait states, retry back-off, event timestamps) comes from
 * an injected clock, so tests move time by months without waiting and nothing sits on `setTimeout`.
 */

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Duration {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
}

export function durationMs(duration: Duration): number {
  return (
    (duration.days ?? 0) * 86_400_000 +
    (duration.hours ?? 0) * 3_600_000 +
    (duration.minutes ?? 0) * 60_000 +
    (duration.seconds ?? 0) * 1_000 +
    (duration.milliseconds ?? 0)
  );
}

/** A clock that only moves when told to; for tests and for replaying scenarios. */
export class ManualClock implements Clock {
  #nowMs: number;

  constructor(start: Date | string = new Date()) {
    this.#nowMs = new Date(start).getTime();
    if (Number.isNaN(this.#nowMs)) throw new RangeError(`ManualClock: invalid start time ${String(start)}`);
  }

  now(): Date {
    return new Date(this.#nowMs);
  }

  advance(by: Duration | number): Date {
    const ms = typeof by === 'number' ? by : durationMs(by);
    if (ms < 0) throw new RangeError('ManualClock: time only moves forward');
    this.#nowMs += ms;
    return this.now();
  }

  set(to: Date | string): Date {
    const ms = new Date(to).getTime();
    if (ms < this.#nowMs) throw new RangeError('ManualClock: time only moves forward');
    this.#nowMs = ms;
    return this.now();
  }
}
