/**
 * What a recurring job is, declared once. The CDK app makes one EventBridge Scheduler schedule per
 * declaration (Lambda target, Input = the payload JSON); the local scheduler fires the same
 * declarations in-process. Both hand the handler the payload JSON as its event.
 *
 * Payloads may carry EventBridge Scheduler's context attributes (`schedulerContext`), which the
 * scheduler fills at each invocation — on AWS natively, locally by the same text substitution. A
 * handler that needs "which run is this" (idempotency keys, catch-up runs that fire late) reads
 * `scheduledTime` instead of its clock.
 *
 * `businessDaysOnly` is honoured by the job's handler (against the Korean business-day calendar),
 * not by either scheduler: EventBridge Scheduler cannot skip public holidays, and the local
 * scheduler must not behave differently from it.
 */
import * as z from 'zod';
import { scheduleExpressionSchema } from './schedule-expression.ts';

/** EventBridge Scheduler's context attribute keywords, replaced in the target input at each invocation. */
export const schedulerContext = {
  scheduleArn: '<aws.scheduler.schedule-arn>',
  scheduledTime: '<aws.scheduler.scheduled-time>',
  executionId: '<aws.scheduler.execution-id>',
  attemptNumber: '<aws.scheduler.attempt-number>',
} as const;

export interface SchedulerContextValues {
  scheduleArn: string;
  scheduledTime: Date;
  executionId: string;
  attemptNumber: number;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type JobHandlerPath = `functions/jobs/${string}.handler.ts`;

export interface ScheduledJob<TEvent = unknown> {
  /** Schedule name (AWS: 1-64 of letters, digits, `-`, `_`, `.`); also the job's id in logs and state. */
  readonly name: string;
  /** What the job does, in Korean, for the staff who read the schedule list. */
  readonly description: string;
  /** `cron(...)` or `rate(...)` in EventBridge Scheduler syntax. */
  readonly expression: string;
  readonly timezone: 'Asia/Seoul';
  /** Module (from the project root) that exports the middy-wrapped `handler`. */
  readonly handler: JobHandlerPath;
  /** The target input before context attributes are filled. */
  readonly payload: JsonObject;
  /** What the handler receives as its event (the payload after the scheduler filled it). */
  readonly payloadSchema: z.ZodType<TEvent>;
  /** Skip the run on Saturdays, Sundays and public holidays — decided by the handler, see above. */
  readonly businessDaysOnly: boolean;
  /**
   * Runs missed while the local system was stopped: `every` (default) fires each once, oldest first
   * — a morning job owes every missed business day; `latest` fires only the newest — a frequent
   * sweep that looks at the whole table needs one run, not sixty. (EventBridge Scheduler never
   * misses a run, so this only concerns the local scheduler.)
   */
  readonly catchUp?: 'every' | 'latest';
}

export class ScheduledJobDefinitionError extends Error {
  override name = 'ScheduledJobDefinitionError';
  readonly jobName: string;

  constructor(jobName: string, problem: string, options?: ErrorOptions) {
    super(`Scheduled job "${jobName}" is not valid — ${problem}`, options);
    this.jobName = jobName;
  }
}

/** EventBridge Scheduler's ScheduledTime rendering: UTC, whole seconds, `Z`. */
export function formatScheduledTime(instant: Date): string {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Fills the context attributes in a target input string, textually, as EventBridge Scheduler does. */
export function renderScheduleInput(input: string, values: SchedulerContextValues): string {
  return input
    .replaceAll(schedulerContext.scheduleArn, values.scheduleArn)
    .replaceAll(schedulerContext.scheduledTime, formatScheduledTime(values.scheduledTime))
    .replaceAll(schedulerContext.executionId, values.executionId)
    .replaceAll(schedulerContext.attemptNumber, String(values.attemptNumber));
}

/** The event a handler receives for this payload at one invocation (Lambda target: the input JSON, parsed). */
export function invocationEvent(payload: JsonObject, values: SchedulerContextValues): unknown {
  return JSON.parse(renderScheduleInput(JSON.stringify(payload), values));
}

/** Event fields every job here receives: which job, and which run (for idempotency and catch-up runs). */
export function jobEventSchema<const TName extends string>(name: TName) {
  return z.object({
    job: z.literal(name),
    /** The run's scheduled time (UTC, `2026-11-27T23:30:00Z`), not the time it actually started. */
    scheduledTime: z.iso.datetime(),
  });
}

const staticFieldsSchema = z.object({
  name: z
    .string()
    .regex(/^[0-9A-Za-z._-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-" (EventBridge Scheduler name rule)'),
  description: z.string().regex(/[가-힣]/, 'must be written in Korean for the office staff'),
  // zod runs this refinement even when the syntax check failed, so it must not parse again.
  expression: scheduleExpressionSchema.refine((e) => !e.startsWith('at('), {
    message: 'must recur (cron or rate); at() is for one-time schedules registered at run time',
  }),
  timezone: z.literal('Asia/Seoul'),
  handler: z
    .string()
    .regex(/^functions\/jobs\/[a-z0-9-]+\.handler\.ts$/, 'must be functions/jobs/<kebab-name>.handler.ts'),
  businessDaysOnly: z.boolean(),
  catchUp: z.enum(['every', 'latest']).optional(),
});

/** A sample invocation used to prove, at load time, that the payload as delivered satisfies the handler's schema. */
const SAMPLE_CONTEXT: SchedulerContextValues = {
  scheduleArn: 'arn:aws:scheduler:ap-northeast-2:000000000000:schedule/default/sample',
  scheduledTime: new Date('2026-01-02T00:00:00Z'),
  executionId: 'sample-execution',
  attemptNumber: 1,
};

/** Checks a declaration when the module loads, so a bad schedule fails the build, not the 08:30 run. */
export function defineScheduledJob<const N extends string, TEvent>(
  job: ScheduledJob<TEvent> & { readonly name: N },
): ScheduledJob<TEvent> & { readonly name: N } {
  const fields = staticFieldsSchema.safeParse(job);
  if (!fields.success) {
    const problems = fields.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ScheduledJobDefinitionError(job.name, problems, { cause: fields.error });
  }
  const event = job.payloadSchema.safeParse(invocationEvent(job.payload, SAMPLE_CONTEXT));
  if (!event.success) {
    const problems = event.error.issues.map((i) => `payload.${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ScheduledJobDefinitionError(
      job.name,
      `the payload as delivered does not match payloadSchema — ${problems}`,
      { cause: event.error },
    );
  }
  return job;
}
