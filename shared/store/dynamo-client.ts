/**
 * One DynamoDB document client per process, created at module load and reused across invocations.
 * The endpoint comes from the SDK's own settings (AWS_ENDPOINT_URL_DYNAMODB locally). Point reads
 * sent together leave as one BatchGetItem (coalesced-gets.ts).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { coalesceGets } from './coalesced-gets.ts';

export function createDocumentClient(client = new DynamoDBClient({})): DynamoDBDocumentClient {
  return coalesceGets(
    DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
      unmarshallOptions: { wrapNumbers: false },
    }),
  );
}

let shared: DynamoDBDocumentClient | undefined;
export function documentClient(): DynamoDBDocumentClient {
  shared ??= createDocumentClient();
  return shared;
}
