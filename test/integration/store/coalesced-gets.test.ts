/**
 * Gets sent together leave as one BatchGetItem (shared/store/coalesced-gets.ts), against the real
 * DynamoDB Local: each caller still gets its own item (or none), keys asked twice are asked once,
 * more than 100 keys take more than one batch, and a Get that asks for more is sent as it is.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createTestTable } from '../../support/test-table.ts';

let table: Awaited<ReturnType<typeof createTestTable>>;
/** Operations the client sent to DynamoDB, by the low-level command's name. */
const sent: string[] = [];
let doc: ReturnType<typeof createDocumentClient>;

beforeAll(async () => {
  table = await createTestTable('coalesce');
  const client = new DynamoDBClient({});
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'recordOperation' },
  );
  doc = createDocumentClient(client);
  for (let i = 0; i < 150; i += 25) {
    await table.doc.send(
      new BatchWriteCommand({
        RequestItems: {
          [table.tableName]: Array.from({ length: 25 }, (_, k) => ({
            PutRequest: { Item: { pk: `ITEM#${i + k}`, sk: 'A', n: i + k, tags: new Set(['x', `t${i + k}`]) } },
          })),
        },
      }),
    );
  }
});
afterAll(async () => table.drop());

const get = (n: number, consistent?: boolean) =>
  doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: `ITEM#${n}`, sk: 'A' },
      ...(consistent !== undefined && { ConsistentRead: consistent }),
    }),
  );

describe('Gets sent together', () => {
  it('leave as one BatchGetItem and each caller gets its own item, or none', async () => {
    sent.length = 0;
    const [a, b, missing, c] = await Promise.all([get(3, true), get(7), get(9999, true), get(42, false)]);
    expect(sent).toEqual(['BatchGetItemCommand']);
    expect(a.Item).toMatchObject({ pk: 'ITEM#3', n: 3 });
    expect(b.Item).toMatchObject({ pk: 'ITEM#7', n: 7 });
    expect(c.Item).toMatchObject({ pk: 'ITEM#42', n: 42 });
    expect(c.Item?.tags).toEqual(new Set(['x', 't42']));
    expect(missing.Item).toBeUndefined();
  });

  it('ask a key asked twice once, and hand each caller its own copy', async () => {
    sent.length = 0;
    const [first, second] = await Promise.all([get(5, true), get(5, true)]);
    expect(sent).toEqual(['BatchGetItemCommand']);
    expect(first.Item).toEqual(second.Item);
    expect(first.Item).not.toBe(second.Item);
  });

  it('take more than one batch past 100 keys', async () => {
    sent.length = 0;
    const all = await Promise.all(Array.from({ length: 150 }, (_, n) => get(n, true)));
    expect(sent).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand']);
    expect(all.map((out) => out.Item?.n)).toEqual(Array.from({ length: 150 }, (_, n) => n));
  });

  it('a Get alone, or one asking for a projection, is sent as a GetItem', async () => {
    sent.length = 0;
    expect((await get(1, true)).Item).toMatchObject({ n: 1 });
    const [projected, plain] = await Promise.all([
      doc.send(
        new GetCommand({ TableName: table.tableName, Key: { pk: 'ITEM#2', sk: 'A' }, ProjectionExpression: 'n' }),
      ),
      get(4, true),
    ]);
    expect(sent).toEqual(['GetItemCommand', 'GetItemCommand', 'GetItemCommand']);
    expect(projected.Item).toEqual({ n: 2 });
    expect(plain.Item).toMatchObject({ n: 4 });
  });

  it('a key DynamoDB refuses fails only the Get that asked for it', async () => {
    const results = await Promise.allSettled([
      get(8, true),
      doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: 'x'.repeat(3000), sk: 'A' } })),
    ]);
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { Item: { n: 8 } } });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { name: 'ValidationException' } });
  });

  it("a failed batch fails every Get in it with DynamoDB's error", async () => {
    const missingTable = (n: number) =>
      doc.send(new GetCommand({ TableName: `${table.tableName}-absent`, Key: { pk: `ITEM#${n}`, sk: 'A' } }));
    const results = await Promise.allSettled([missingTable(1), missingTable(2)]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason.name).toBe('ResourceNotFoundException');
    }
  });
});
