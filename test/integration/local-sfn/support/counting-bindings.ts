/**
 * Step handlers for the crash tests, shared by the child process that gets SIGKILLed and the process
 * that recovers after it. They count every call in DynamoDB (deliberately NOT idempotent: a step that
 * runs twice shows up as 2) and store every task token they were handed.
 */
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TaskBindings } from '../../../../infra/local/stepfunctions/index.ts';

export interface CountingHooks {
  /** Runs before the count is written; may block (a step caught mid-run). */
  beforeCount?: (execution: string, step: string) => Promise<void> | void;
  afterCount?: (execution: string, step: string) => void;
  afterOpen?: (execution: string) => void;
}

export async function createCounterTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
}

export function countingBindings(
  client: DynamoDBClient,
  counterTable: string,
  hooks: CountingHooks = {},
): TaskBindings {
  const doc = DynamoDBDocumentClient.from(client);
  return {
    CountStepFunctionArn: async (event: { execution: string; step: string }) => {
      await hooks.beforeCount?.(event.execution, event.step);
      await doc.send(
        new UpdateCommand({
          TableName: counterTable,
          Key: { pk: `${event.execution}#${event.step}` },
          UpdateExpression: 'ADD calls :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
      hooks.afterCount?.(event.execution, event.step);
      return {};
    },
    OpenReviewFunctionArn: async (event: { execution: string; taskToken: string }) => {
      await doc.send(
        new UpdateCommand({
          TableName: counterTable,
          Key: { pk: `${event.execution}#review` },
          UpdateExpression: 'SET tokens = list_append(if_not_exists(tokens, :none), :token) ADD calls :one',
          ExpressionAttributeValues: { ':none': [], ':token': [event.taskToken], ':one': 1 },
        }),
      );
      hooks.afterOpen?.(event.execution);
      return {};
    },
  };
}

export async function readCounter(
  client: DynamoDBClient,
  counterTable: string,
  key: string,
): Promise<{ calls: number; tokens: string[] }> {
  const doc = DynamoDBDocumentClient.from(client);
  const out = await doc.send(new GetCommand({ TableName: counterTable, Key: { pk: key }, ConsistentRead: true }));
  return { calls: Number(out.Item?.calls ?? 0), tokens: (out.Item?.tokens as string[] | undefined) ?? [] };
}
