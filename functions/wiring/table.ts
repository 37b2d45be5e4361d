/**
 * The table every handler works on: one DynamoDB client per process, created when the handler module
 * loads (Lambda's init phase) and traced by Powertools, and the runtime settings read once.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { runtimeConfig } from '#shared/config/runtime-config.ts';
import { tracer } from '#shared/observability/powertools.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';

export const doc = createDocumentClient(tracer.captureAWSv3Client(new DynamoDBClient({})));

export function tableName(): string {
  return runtimeConfig().TABLE_NAME;
}

export function baseUrl(): string {
  return runtimeConfig().APP_BASE_URL;
}
