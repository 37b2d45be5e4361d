/**
 * Request bodies of the Step Functions operations the local service answers, parsed with zod.
 * Constraints follow the API reference (lengths, ranges); unknown members are ignored as AWS does
 * for members it does not use locally (tags, logging and tracing configuration).
 */
import * as z from 'zod';
import { executionStatuses } from './records.ts';

const arn = z.string().min(1).max(2048);
const maxResults = z.number().int().min(0).max(1000).optional();
const nextToken = z.string().min(1).max(3096).optional();
const taskToken = z.string().min(1).max(2048);

export const apiSchemas = {
  CreateStateMachine: z.object({
    name: z.string().min(1).max(80),
    definition: z.string().min(1).max(1_048_576),
    roleArn: z.string().min(1).max(256).optional(),
    type: z.enum(['STANDARD', 'EXPRESS']).optional(),
  }),
  DescribeStateMachine: z.object({ stateMachineArn: arn }),
  ListStateMachines: z.object({ maxResults, nextToken }),
  StartExecution: z.object({
    stateMachineArn: arn,
    name: z.string().min(1).max(80).optional(),
    input: z.string().max(262_144).optional(),
    traceHeader: z.string().max(256).optional(),
  }),
  DescribeExecution: z.object({ executionArn: arn }),
  StopExecution: z.object({
    executionArn: arn,
    error: z.string().max(256).optional(),
    cause: z.string().max(32_768).optional(),
  }),
  ListExecutions: z.object({
    stateMachineArn: arn,
    statusFilter: z.enum([...executionStatuses, 'PENDING_REDRIVE']).optional(),
    maxResults,
    nextToken,
  }),
  GetExecutionHistory: z.object({
    executionArn: arn,
    maxResults,
    reverseOrder: z.boolean().optional(),
    nextToken,
    includeExecutionData: z.boolean().optional(),
  }),
  SendTaskSuccess: z.object({ taskToken, output: z.string().max(262_144) }),
  SendTaskFailure: z.object({
    taskToken,
    error: z.string().max(256).optional(),
    cause: z.string().max(32_768).optional(),
  }),
  SendTaskHeartbeat: z.object({ taskToken }),
} as const;

export type OperationName = keyof typeof apiSchemas;
export type OperationInput<Name extends OperationName> = z.infer<(typeof apiSchemas)[Name]>;

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(apiSchemas, name);
}
