/** A fresh table in the shared in-memory DynamoDB Local for one test file (names never collide). */
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../infra/local/bootstrap-table.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';

export async function createTestTable(prefix = 'test') {
  const tableName = `${prefix}-${randomUUID()}`;
  const client = new DynamoDBClient({});
  await ensureTable(client, tableName);
  const doc = createDocumentClient(client);
  return {
    tableName,
    client,
    doc,
    async drop() {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}
