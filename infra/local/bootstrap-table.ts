/** Creates the table in DynamoDB Local from the shared definition if it is not there yet. */
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, UpdateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../shared/store/table-definition.ts';

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'existing'> {
  try {
    const existing = await client.send(new DescribeTableCommand({ TableName: tableName }));
    await addMissingIndexes(client, tableName, new Set((existing.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName)));
    return 'existing';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  for (;;) {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (out.Table?.TableStatus === 'ACTIVE') return 'created';
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A table kept under .data/ from before an index was added (e.g. the search indexes) gets it here,
 * one UpdateTable per index as DynamoDB requires; existing case items join it when next written
 * (or at once with `npm run audit -- reindex`).
 */
async function addMissingIndexes(client: DynamoDBClient, tableName: string, present: Set<string | undefined>): Promise<void> {
  const wanted = createTableInput(tableName);
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    if (present.has(index.IndexName)) continue;
    const attributes = new Set(index.KeySchema?.map((k) => k.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: wanted.AttributeDefinitions?.filter((a) => attributes.has(a.AttributeName)),
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } }],
      }),
    );
    for (;;) {
      const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (out.Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === index.IndexName)?.IndexStatus === 'ACTIVE') break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
