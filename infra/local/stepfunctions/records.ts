/**
 * What the service stores, parsed with zod whenever it is read back (the table is a boundary too).
 * JSON payloads (inputs, outputs) are stored as the JSON text the API carries, never as DynamoDB
 * maps, so numbers and empty values round-trip exactly.
 */
import * as z from 'zod';

export const executionStatuses = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];

export const taskOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('success'), output: z.string() }),
  z.object({ kind: z.literal('failure'), error: z.string(), cause: z.string() }),
]);
export type TaskOutcome = z.infer<typeof taskOutcomeSchema>;

/**
 * Where a running execution stands: the state it is in (entered, not yet left) and that state's input.
 *  - ready        run the state (first time, again after a retry, or again after a crash)
 *  - task-open    a callback task's token is issued; its handler may not have been called yet
 *  - task-waiting parked until SendTaskSuccess/Failure or a stored deadline
 *  - timer        parked until wakeAt (a long Wait, or a retry back-off)
 */
export const cursorSchema = z.object({
  state: z.string(),
  input: z.string(),
  enteredAt: z.string(),
  phase: z.enum(['ready', 'task-open', 'task-waiting', 'timer']),
  attempts: z.array(z.number().int().nonnegative()),
  timerKind: z.enum(['wait', 'retry']).optional(),
  wakeAt: z.string().optional(),
  taskToken: z.string().optional(),
  taskOpenedAt: z.string().optional(),
  taskDeadline: z.string().optional(),
  heartbeatSeconds: z.number().int().positive().optional(),
  heartbeatDeadline: z.string().optional(),
  /** A callback's answer or failure, stored by SendTask* before the execution moves on. */
  outcome: taskOutcomeSchema.optional(),
});
export type Cursor = z.infer<typeof cursorSchema>;

export const executionRecordSchema = z.object({
  arn: z.string(),
  name: z.string(),
  stateMachineArn: z.string(),
  stateMachineName: z.string(),
  definitionHash: z.string(),
  roleArn: z.string(),
  status: z.enum(executionStatuses),
  input: z.string(),
  startDate: z.string(),
  stopDate: z.string().optional(),
  output: z.string().optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
  /** From the definition's top-level TimeoutSeconds. */
  executionDeadline: z.string().optional(),
  /** Optimistic concurrency: every write is conditional on the version it read. */
  version: z.number().int().nonnegative(),
  nextEventId: z.number().int().positive(),
  cursor: cursorSchema.optional(),
});
export type ExecutionRecord = z.infer<typeof executionRecordSchema>;

export const stateMachineRecordSchema = z.object({
  arn: z.string(),
  name: z.string(),
  definition: z.string(),
  definitionHash: z.string(),
  roleArn: z.string(),
  type: z.literal('STANDARD'),
  creationDate: z.string(),
});
export type StateMachineRecord = z.infer<typeof stateMachineRecordSchema>;

export const tokenStatuses = ['OPEN', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CLOSED'] as const;
export type TokenStatus = (typeof tokenStatuses)[number];

export const tokenRecordSchema = z.object({
  executionArn: z.string(),
  stateName: z.string(),
  status: z.enum(tokenStatuses),
  openedAt: z.string(),
  closedAt: z.string().optional(),
});
export type TokenRecord = z.infer<typeof tokenRecordSchema>;

/** When a parked execution must next be looked at (deadline, heartbeat, timer, execution timeout). */
export function wakeTime(record: ExecutionRecord): string | undefined {
  const cursor = record.cursor;
  if (record.status !== 'RUNNING' || !cursor) return undefined;
  const candidates = [
    record.executionDeadline,
    cursor.phase === 'timer' ? cursor.wakeAt : undefined,
    cursor.phase === 'task-waiting' ? cursor.taskDeadline : undefined,
    cursor.phase === 'task-waiting' ? cursor.heartbeatDeadline : undefined,
  ].filter((time): time is string => time !== undefined);
  return candidates.sort()[0];
}

/** Needs a driver now: it is between states, not parked. Crash recovery resumes exactly these. */
export function needsDriving(record: ExecutionRecord): boolean {
  const cursor = record.cursor;
  if (record.status !== 'RUNNING' || !cursor) return false;
  return cursor.phase === 'ready' || cursor.phase === 'task-open' || cursor.outcome !== undefined;
}
