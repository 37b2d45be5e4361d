import { describe, expect, it } from 'vitest';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

describe('test environment', () => {
  it('runs on the pinned Node LTS and reaches DynamoDB Local through the SDK endpoint override', async () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
    const client = new DynamoDBClient({});
    const out = await client.send(new ListTablesCommand({}));
    expect(Array.isArray(out.TableNames)).toBe(true);
  });
});
