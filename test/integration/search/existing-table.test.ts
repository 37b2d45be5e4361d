/**
 * A table kept from before the search indexes (npm start keeps .data/): ensureTable adds the missing
 * indexes, and `npm run audit -- reindex` gives the cases already stored their index attributes.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticCase } from '../../../bench/search-seed.ts';
import { DEMO_USERS } from '../../../infra/local/demo-data.ts';
import { ensureTable } from '../../../infra/local/bootstrap-table.ts';
import { caseItem } from '#shared/store/case-repository.ts';
import { SEARCH_ATTRIBUTES } from '#shared/store/case-search-index.ts';
import { CaseSearch } from '#shared/store/case-search.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { createTableInput } from '#shared/store/table-definition.ts';
import { caseSearchUseCases } from '#shared/usecases/case-search-usecases.ts';

const tableName = `old-${randomUUID()}`;
const client = new DynamoDBClient({});
const doc = createDocumentClient(client);
afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  client.destroy();
});

describe('a table from before the search indexes', () => {
  it('gets the missing indexes, and reindex makes its cases searchable', async () => {
    const full = createTableInput(tableName);
    const old = full.GlobalSecondaryIndexes!.filter((i) => ['gsi1', 'gsi2', 'gsi3'].includes(i.IndexName!));
    const oldAttributes = new Set(['pk', 'sk', ...old.flatMap((i) => i.KeySchema!.map((k) => k.AttributeName))]);
    await client.send(
      new CreateTableCommand({
        ...full,
        GlobalSecondaryIndexes: old,
        AttributeDefinitions: full.AttributeDefinitions!.filter((a) => oldAttributes.has(a.AttributeName)),
      }),
    );
    const c = syntheticCase(1, { now: new Date('2026-11-25T03:00:00Z') });
    const oldItem = Object.fromEntries(
      Object.entries(caseItem(c)).filter(([k]) => !(SEARCH_ATTRIBUTES as readonly string[]).includes(k)),
    );
    await doc.send(new PutCommand({ TableName: tableName, Item: oldItem }));

    expect(await ensureTable(client, tableName)).toBe('upgraded');
    expect(await ensureTable(client, tableName)).toBe('existing');
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(described.Table!.GlobalSecondaryIndexes!.map((i) => i.IndexName).sort()).toEqual(
      full.GlobalSecondaryIndexes!.map((i) => i.IndexName).sort(),
    );

    const search = caseSearchUseCases({ search: new CaseSearch(doc, tableName) });
    const auditor = { sub: DEMO_USERS.auditor.sub, roles: DEMO_USERS.auditor.roles };
    expect((await search.search(auditor, {}, { limit: 10 })).items).toEqual([]);

    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'infra/ops/audit.command.ts', 'reindex'], {
        env: { ...process.env, TABLE_NAME: tableName },
        stdio: 'ignore',
      });
      child.on('exit', resolve);
    });
    expect(code).toBe(0);
    expect((await search.search(auditor, {}, { limit: 10 })).items.map((i) => i.caseId)).toEqual([c.caseId]);
  }, 90_000);
});
