/**
 * An outbox intent: something to tell the workflow (start a case's execution, hand it a task's
 * decision), committed with the case change that makes it necessary and delivered afterwards.
 * Its id is derived from what it is about, so the same intent can never be written twice.
 */
import { z } from 'zod';
import { caseStageSchema } from './case.ts';

export const outboxIntentSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start-execution'),
    caseId: z.string(),
    startAt: caseStageSchema,
    executionName: z.string(),
  }),
  z.object({
    type: z.literal('task-success'),
    caseId: z.string(),
    taskId: z.string(),
    output: z.record(z.string(), z.unknown()),
  }),
  z.object({
    type: z.literal('task-failure'),
    caseId: z.string(),
    taskId: z.string(),
    error: z.string(),
    cause: z.string(),
  }),
]);
export type OutboxIntent = z.infer<typeof outboxIntentSchema>;

export const outboxItemSchema = z.object({
  outboxId: z.string(),
  intent: outboxIntentSchema,
  status: z.enum(['pending', 'delivered', 'dead']),
  createdAt: z.string(),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string().optional(),
  lastError: z.string().optional(),
  deliveredAt: z.string().optional(),
  outcome: z.string().optional(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

/** One intent per thing it is about: a second write of the same intent fails its condition. */
export function outboxIdOf(intent: OutboxIntent): string {
  return intent.type === 'start-execution' ? `start#${intent.executionName}` : `task#${intent.taskId}`;
}
