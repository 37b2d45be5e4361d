/**
 * EventBridge Scheduler on one machine. It reads the same `scheduledJobs` declarations the CDK app
 * turns into schedules, evaluates the same expressions in the same zone, and invokes the same
 * handler modules in-process with the event a Lambda target would get (the payload JSON, context
 * attributes filled).
 *
 * What it promises, and how:
 * - Durable: fired runs are recorded in DynamoDB (schedule-state-store.ts); a restart neither
 *   refires a finished run nor loses the record of one.
 * - Catch-up: each run missed while the machine was off is fired at start, once, oldest first (its
 *   scheduledTime says which run it is), so a morning job catches up every missed business day in
 *   order, not only the latest; beyond `maxCatchUpRuns` the oldest are passed over with a warning. A
 *   job declared `catchUp: 'latest'` (a frequent sweep) fires only its newest missed run.
 * - At least once, like AWS: a handler failure is retried (up to `maxAttempts`, Lambda async
 *   invocation's 1 + 2 by default) and a run interrupted by a crash fires again once its lease
 *   ends. Handlers must be idempotent, as on AWS.
 * - `businessDaysOnly` is left to the handler, as on AWS (see shared/schedules/scheduled-job.ts).
 * - One-time `at()` schedules can be registered at run time (meeting reminders, workflow wake-ups);
 *   they live in the table and fire once.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import {
  parseScheduleExpression,
  scheduleExpressionSchema,
  timeZoneSchema,
} from '#shared/schedules/schedule-expression.ts';
import { latestRunAtOrBefore, nextRuns } from '#shared/schedules/schedule-occurrences.ts';
import { invocationEvent, type JsonObject, type ScheduledJob } from '#shared/schedules/scheduled-job.ts';
import { instantOfWallTime, KOREA_TIME_ZONE } from '#shared/schedules/zoned-time.ts';
import { ensureTable } from '../bootstrap-table.ts';
import { createScheduleStateStore, type RunOutcome, type ScheduleState } from './schedule-state-store.ts';

/** Which run a handler is being invoked for (also in the event, when the payload asks for it). */
export interface ScheduledInvocation {
  scheduleName: string;
  scheduledTime: Date;
  executionId: string;
  attemptNumber: number;
}

/** Runs the handler module at `handlerPath` (from the project root) with `event`, in this process. */
export type InvokeHandler = (handlerPath: string, event: unknown, invocation: ScheduledInvocation) => Promise<unknown>;

export type SchedulerLogger = Pick<Console, 'info' | 'warn' | 'error'>;

export interface LocalSchedulerOptions {
  jobs: readonly ScheduledJob[];
  tableName: string;
  invoke: InvokeHandler;
  /** Reads AWS_ENDPOINT_URL_DYNAMODB through the SDK when absent. */
  dynamodb?: DynamoDBClient;
  clock?: () => Date;
  logger?: SchedulerLogger;
  /** Attempts per run, first included. */
  maxAttempts?: number;
  /** Wait before retrying a failed run. */
  retryDelayMs?: number;
  /** How long a claimed run may take before another tick may assume its process died. */
  leaseMs?: number;
  /** Real-time loop period; ticks fall on multiples of it, so every minute starts with one. */
  pollIntervalMs?: number;
  /**
   * Most missed runs of one job fired after a stop (oldest passed over beyond). The morning digest
   * runs eight times a business day (one per digest time and two sweeps), so a month of them.
   */
  maxCatchUpRuns?: number;
}

export const oneTimeScheduleSchema = z.object({
  name: z
    .string()
    .regex(/^[0-9A-Za-z._-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-" (EventBridge Scheduler name rule)'),
  expression: scheduleExpressionSchema.refine((e) => e.startsWith('at('), {
    message: 'a one-time schedule takes at(yyyy-mm-ddThh:mm:ss)',
  }),
  timezone: timeZoneSchema.default(KOREA_TIME_ZONE),
  handler: z
    .string()
    .regex(/^functions\/[a-z0-9-]+(\/[a-z0-9-]+)*\.handler\.ts$/, 'must be functions/<dir>/<kebab-name>.handler.ts'),
  payload: z.record(z.string(), z.json()),
});

export type OneTimeScheduleInput = z.input<typeof oneTimeScheduleSchema>;

export interface FiredRun {
  schedule: string;
  kind: 'recurring' | 'one-time';
  scheduledFor: Date;
  attempt: number;
  executionId: string;
  outcome: RunOutcome['status'];
  error?: string;
}

export interface LocalScheduler {
  /** Creates the table (same definition as everywhere else) when it does not exist yet. */
  ensureTable(): Promise<void>;
  /** Fires whatever is due at `now` and waits for those runs to finish. */
  tick(now?: Date): Promise<FiredRun[]>;
  /** Ticks now (catch-up), then on every `pollIntervalMs` boundary, until stop(). Timers never keep the process alive. */
  start(): void;
  /** Stops the loop and waits for a tick in progress. */
  stop(): Promise<void>;
  /** Registers a one-time at() schedule; registering the same definition again is a no-op. */
  registerOneTime(input: OneTimeScheduleInput): Promise<ScheduleState>;
  /** Cancels a one-time schedule (fired or not); false when there was none. */
  deleteOneTime(name: string): Promise<boolean>;
  /** The stored state of a schedule, for diagnostics and tests. */
  state(name: string): Promise<ScheduleState | undefined>;
}

export class ScheduleConflictError extends Error {
  override name = 'ScheduleConflictError';
}

export class OneTimeScheduleInputError extends Error {
  override name = 'OneTimeScheduleInputError';
}

/** Local stand-in for a schedule ARN in the `<aws.scheduler.schedule-arn>` context attribute. */
const scheduleArn = (name: string) => `arn:aws:scheduler:ap-northeast-2:000000000000:schedule/default/${name}`;

export function createLocalScheduler(options: LocalSchedulerOptions): LocalScheduler {
  const client = options.dynamodb ?? new DynamoDBClient({});
  const store = createScheduleStateStore(client, options.tableName);
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? console;
  const maxAttempts = options.maxAttempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 60_000;
  const leaseMs = options.leaseMs ?? 15 * 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 15_000;
  const maxCatchUpRuns = options.maxCatchUpRuns ?? 250;
  const jobs = new Map(options.jobs.map((job) => [job.name, job]));
  // Fail at start, not at 08:30, if a declaration was built without defineScheduledJob.
  for (const job of options.jobs) parseScheduleExpression(job.expression);

  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let inFlight: Promise<unknown> = Promise.resolve();

  interface Candidate {
    state: ScheduleState;
    scheduledFor: Date;
    attempt: number;
    watermark?: Date;
    handler: string;
    input: JsonObject;
  }

  /**
   * A stored run to fire again at `now`: one that failed and whose retry time has come, or one whose
   * process died (its lease ended without an outcome). A run out of attempts is marked gave-up.
   */
  async function retryCandidate(
    state: ScheduleState,
    now: Date,
    target: Pick<Candidate, 'handler' | 'input'>,
  ): Promise<Candidate | undefined> {
    const at = now.toISOString();
    const ready =
      (state.status === 'failed' && state.retryAt !== undefined && state.retryAt <= at) ||
      (state.status === 'firing' && state.leaseUntil !== undefined && state.leaseUntil <= at);
    if (!ready || state.scheduledFor === undefined) return undefined;
    if (state.attempt >= maxAttempts) {
      await giveUp(state, 'the run did not finish before its lease ended');
      return undefined;
    }
    return { state, scheduledFor: new Date(state.scheduledFor), attempt: state.attempt + 1, ...target };
  }

  async function recurringCandidate(job: ScheduledJob, now: Date): Promise<Candidate | undefined> {
    const state = await store.get(job.name);
    if (!state) {
      // First sight: like a schedule created now, it fires from the next occurrence on.
      await store.createRecurring(job.name, now);
      return undefined;
    }
    const target = { handler: job.handler, input: job.payload };
    const latest = latestRunAtOrBefore(job.expression, now, {
      timezone: job.timezone,
      rateAnchor: new Date(state.anchor),
    });
    // A newer occurrence supersedes a pending retry of an older one.
    if (latest && (state.watermark === undefined || latest.toISOString() > state.watermark)) {
      const options = { timezone: job.timezone, rateAnchor: new Date(state.anchor) };
      const missed =
        state.watermark === undefined || job.catchUp === 'latest'
          ? [latest]
          : nextRuns(job.expression, new Date(state.watermark), maxCatchUpRuns + 1, options).filter(
              (run) => run.getTime() <= latest.getTime(),
            );
      if (missed.length > maxCatchUpRuns)
        logger.warn(
          `[scheduler] ${job.name}: more than ${maxCatchUpRuns} runs were missed; catching up from ${missed.at(-maxCatchUpRuns)!.toISOString()}`,
        );
      const next = missed.length > maxCatchUpRuns ? missed.at(-maxCatchUpRuns)! : missed[0]!;
      if (now.getTime() - next.getTime() > 60_000)
        logger.info(`[scheduler] ${job.name}: catching up the run of ${next.toISOString()} (missed while stopped)`);
      return { state, scheduledFor: next, attempt: 1, watermark: next, ...target };
    }
    return retryCandidate(state, now, target);
  }

  async function oneTimeCandidate(name: string, now: Date): Promise<Candidate | undefined> {
    const state = await store.get(name);
    if (
      !state ||
      state.kind !== 'one-time' ||
      state.handler === undefined ||
      state.input === undefined ||
      state.scheduledFor === undefined
    )
      return undefined;
    const target = { handler: state.handler, input: JSON.parse(state.input) as JsonObject };
    if (state.status === 'idle') {
      return state.scheduledFor <= now.toISOString()
        ? { state, scheduledFor: new Date(state.scheduledFor), attempt: 1, ...target }
        : undefined;
    }
    return retryCandidate(state, now, target);
  }

  /** Records that a run whose process died has used its last attempt. */
  async function giveUp(state: ScheduleState, reason: string): Promise<void> {
    if (state.executionId === undefined) return;
    logger.error(
      `[scheduler] ${state.name}: giving up on the run of ${state.scheduledFor} after ${state.attempt} attempts — ${reason}`,
    );
    await store.complete(state, state.executionId, { status: 'gave-up', finishedAt: clock(), error: reason });
  }

  async function fire(candidate: Candidate, now: Date): Promise<FiredRun | undefined> {
    const { state, scheduledFor, attempt } = candidate;
    const executionId = randomBytes(8).toString('hex');
    const claimed = await store.claim(state, {
      scheduledFor,
      attempt,
      executionId,
      leaseUntil: new Date(now.getTime() + leaseMs),
      ...(candidate.watermark ? { watermark: candidate.watermark } : {}),
    });
    if (!claimed) return undefined;

    const invocation: ScheduledInvocation = {
      scheduleName: state.name,
      scheduledTime: scheduledFor,
      executionId,
      attemptNumber: attempt,
    };
    const event = invocationEvent(candidate.input, {
      scheduleArn: scheduleArn(state.name),
      scheduledTime: scheduledFor,
      executionId,
      attemptNumber: attempt,
    });
    let outcome: RunOutcome;
    try {
      await options.invoke(candidate.handler, event, invocation);
      outcome = { status: 'succeeded', finishedAt: clock() };
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const finishedAt = clock();
      outcome =
        attempt >= maxAttempts
          ? { status: 'gave-up', finishedAt, error: message }
          : { status: 'failed', finishedAt, error: message, retryAt: new Date(now.getTime() + retryDelayMs) };
      logger.warn(
        `[scheduler] ${state.name}: run of ${scheduledFor.toISOString()} failed on attempt ${attempt}/${maxAttempts} — ${message}`,
      );
    }
    const recorded = await store.complete(state, executionId, outcome);
    if (!recorded)
      logger.warn(
        `[scheduler] ${state.name}: the run of ${scheduledFor.toISOString()} finished after its lease was taken over; outcome not recorded`,
      );
    return {
      schedule: state.name,
      kind: state.kind,
      scheduledFor,
      attempt,
      executionId,
      outcome: outcome.status,
      ...(outcome.status === 'succeeded' ? {} : { error: outcome.error }),
    };
  }

  /** A job's due runs, one after another: every missed occurrence in order, then any retry. */
  async function fireRecurring(job: ScheduledJob, now: Date): Promise<FiredRun[]> {
    const fired: FiredRun[] = [];
    for (let candidate = await recurringCandidate(job, now); candidate; ) {
      const run = await fire(candidate, now);
      if (!run) break;
      fired.push(run);
      // Only a catch-up moves the watermark; a retry of a failed run waits for its own time.
      candidate = candidate.watermark ? await recurringCandidate(job, now) : undefined;
      if (candidate && !candidate.watermark) break;
    }
    return fired;
  }

  async function tick(now: Date = clock()): Promise<FiredRun[]> {
    const recurring = Promise.all([...jobs.values()].map((job) => fireRecurring(job, now)));
    const oneTimeNames = await store.dueOneTimeNames(now);
    const oneTime = await Promise.all(oneTimeNames.map((name) => oneTimeCandidate(name, now)));
    const candidates = oneTime.filter((c): c is Candidate => c !== undefined);
    const fired = await Promise.all(candidates.map((candidate) => fire(candidate, now)));
    return [...(await recurring).flat(), ...fired.filter((run): run is FiredRun => run !== undefined)];
  }

  function scheduleNextTick(): void {
    const now = clock().getTime();
    // A little past the boundary, so a run at hh:mm:00 is already due when the tick reads the clock.
    const next = (Math.floor(now / pollIntervalMs) + 1) * pollIntervalMs + 250;
    timer = setTimeout(runLoopTick, next - now);
    timer.unref();
  }

  function runLoopTick(): void {
    if (!running) return;
    inFlight = tick()
      .catch((error: unknown) => logger.error('[scheduler] tick failed; trying again at the next one', error))
      .finally(() => {
        if (running) scheduleNextTick();
      });
  }

  return {
    async ensureTable() {
      await ensureTable(client, options.tableName);
    },

    tick,

    start() {
      if (running) return;
      running = true;
      runLoopTick();
    },

    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },

    async registerOneTime(input) {
      const parsed = oneTimeScheduleSchema.safeParse(input);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        throw new OneTimeScheduleInputError(`Invalid one-time schedule — ${problems}`, { cause: parsed.error });
      }
      const definition = parsed.data;
      if (jobs.has(definition.name))
        throw new ScheduleConflictError(`"${definition.name}" is the name of a recurring job`);
      const at = parseScheduleExpression(definition.expression);
      if (at.kind !== 'at') throw new OneTimeScheduleInputError('a one-time schedule takes at(...)');
      const candidate = {
        name: definition.name,
        expression: definition.expression,
        timezone: definition.timezone,
        handler: definition.handler,
        input: JSON.stringify(definition.payload),
      };
      const created = await store.createOneTime({
        ...candidate,
        dueAt: instantOfWallTime(at.wallTime, definition.timezone),
        registeredAt: clock(),
      });
      const existing = await store.get(definition.name);
      if (!existing) throw new Error(`one-time schedule "${definition.name}" vanished right after it was written`);
      const same =
        existing.kind === 'one-time' &&
        existing.expression === candidate.expression &&
        existing.timezone === candidate.timezone &&
        existing.handler === candidate.handler &&
        existing.input === candidate.input;
      if (!created && !same) {
        throw new ScheduleConflictError(
          `a different schedule named "${definition.name}" already exists; delete it first to replace it`,
        );
      }
      return existing;
    },

    deleteOneTime: (name) => store.deleteOneTime(name),
    state: (name) => store.get(name),
  };
}
