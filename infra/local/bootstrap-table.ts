/** Creates the table in DynamoDB Local from the shared definition if it is not there yet. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { createTableInput } from '#shared/store/table-definition.ts';

/** 'upgraded': the table existed without some index and got it (its items need a reindex to appear in it). */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<'created' | 'existing' | 'upgraded'> {
  try {
    const existing = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const added = await addMissingIndexes(
      client,
      tableName,
      new Set((existing.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName)),
    );
    return added > 0 ? 'upgraded' : 'existing';
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
 * one UpdateTable per index as DynamoDB requires; the local system then reindexes the cases
 * (shared/store/case-reindex.ts, also `npm run audit -- reindex`).
 */
async function addMissingIndexes(
  client: DynamoDBClient,
  tableName: string,
  present: Set<string | undefined>,
): Promise<number> {
  const wanted = createTableInput(tableName);
  let added = 0;
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    if (present.has(index.IndexName)) continue;
    const attributes = new Set(index.KeySchema?.map((k) => k.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: wanted.AttributeDefinitions?.filter((a) => attributes.has(a.AttributeName)),
        GlobalSecondaryIndexUpdates: [
          { Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } },
        ],
      }),
    );
    for (;;) {
      const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (out.Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === index.IndexName)?.IndexStatus === 'ACTIVE')
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    added += 1;
  }
  return added;
}
