/**
 * The one way a workflow step handler is made: middy, zod-parsed input, plain result. Errors keep
 * their `name`, which is what the state machine's Retry/Catch match (transient ones are retried,
 * domain ones routed).
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';

export class StepInputError extends Error {
  override name = 'StepInputError';
}

export function stepHandler<S extends z.ZodType, R>(
  schema: S,
  run: (input: z.infer<S>, context: Context) => Promise<R>,
) {
  return middy<unknown, R, Error, Context>().handler(async (event, context) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) {
      throw new StepInputError(
        `Invalid step input: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    return run(parsed.data, context);
  });
}
