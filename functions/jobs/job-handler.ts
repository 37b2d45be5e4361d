/**
 * The one way a scheduled job's handler is made: middy with Powertools' logger and tracer (and
 * metrics for jobs that count business metrics), the event checked against the job's declared
 * payload. The handler names its job, which brands it so the job → module map
 * (functions/jobs/job-modules.ts) cannot point a job at another job's handler.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type * as z from 'zod';
import { logger, metrics, tracer } from '#shared/observability/powertools.ts';
import type { ScheduledJob } from '#shared/schedules/scheduled-job.ts';

/** The event is not what the schedule sends; retrying will not help. */
export class JobInputError extends Error {
  override name = 'JobInputError';
}

/** The job's event as its declaration says the scheduler delivers it, or a JobInputError. */
export function parseJobEvent<E>(job: ScheduledJob<E>, event: unknown): E {
  const parsed = (job.payloadSchema as z.ZodType<E>).safeParse(event);
  if (!parsed.success) {
    throw new JobInputError(
      `Invalid ${job.name} event: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

export type JobLambda<N extends string = string, R = unknown> = middy.MiddyfiedHandler<unknown, R, Error, Context> & {
  readonly job: N;
};

/** Handler of a Lambda that is not a scheduled job but is wired the same way (the SES event target). */
export function lambdaHandler<N extends string, R>(
  name: N,
  run: (event: unknown) => Promise<R>,
  options: { metrics?: boolean } = {},
): JobLambda<N, R> {
  const handler = middy<unknown, R, Error, Context>()
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true }));
  if (options.metrics) handler.use(logMetrics(metrics));
  const wrapped = handler.handler(async (event) => {
    logger.appendKeys({ job: name });
    return run(event);
  });
  return Object.assign(wrapped, { job: name });
}

export function jobHandler<N extends string, E, R>(
  job: ScheduledJob<E> & { readonly name: N },
  run: (event: E) => Promise<R>,
  options: { metrics?: boolean } = {},
): JobLambda<N, R> {
  return lambdaHandler(job.name, async (event) => run(parseJobEvent(job, event)), options);
}
