/**
 * The one way a workflow step handler is made: middy with Powertools' logger and tracer, zod-parsed
 * input, plain result. Errors keep their `name`, which is what the state machine's Retry/Catch match
 * (transient ones are retried, domain ones routed). The handler names its step, which brands it so the
 * step → module map (functions/steps/step-modules.ts) cannot bind a step to another step's handler.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type * as z from 'zod';
import { logger, metrics, tracer } from '../observability/powertools.ts';

export class StepInputError extends Error {
  override name = 'StepInputError';
}

export type StepLambda<N extends string = string, R = unknown> = middy.MiddyfiedHandler<unknown, R, Error, Context> & {
  readonly step: N;
};

export function stepHandler<N extends string, S extends z.ZodType, R>(
  step: N,
  schema: S,
  run: (input: z.infer<S>, context: Context) => Promise<R>,
  options: { /** The step counts business metrics (flushed by Powertools' logMetrics). */ metrics?: boolean } = {},
): StepLambda<N, R> {
  const base = middy<unknown, R, Error, Context>()
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true }));
  if (options.metrics) base.use(logMetrics(metrics));
  const handler = base.handler(async (event, context) => {
    logger.appendKeys({ step });
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      throw new StepInputError(
        `Invalid step input: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    return run(parsed.data, context);
  });
  return Object.assign(handler, { step });
}
