/**
 * Search benchmark (issue 7: "with 100,000 cases locally, any first page returns in well under
 * 100 ms"). Seeds N cases (BENCH_SEARCH_CASES, default 100,000) with BatchWriteItem straight into
 * DynamoDB Local using case-repository's item layout (index attributes included), then times the
 * first page (20 cases, as an auditor) of typical filter combinations: p50 / p95 / max over
 * BENCH_SEARCH_RUNS runs each, with the index each query used and how many index pages it read.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../infra/local/bootstrap-table.ts';
import { DEMO_USERS } from '../infra/local/demo-data.ts';
import type { CaseSearchFilter } from '#shared/domain/case-search-filter.ts';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { CaseSearch } from '#shared/store/case-search.ts';
import { caseSearchUseCases } from '#shared/usecases/case-search-usecases.ts';
import { percentile, progress, timed } from './bench-utils.ts';
import { SEED_ASSIGNEES, SEED_DEPARTMENTS, seedCaseItems } from './search-seed.ts';

const CASES = Number(process.env.BENCH_SEARCH_CASES ?? 100_000);
const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 40);
const NOW = new Date('2026-11-25T03:00:00Z');

const COMBINATIONS: [string, CaseSearchFilter][] = [
  ['no filter (newest received)', {}],
  ['kind=grievance', { kind: 'grievance' }],
  ['kind=field-complaint + channel=응답소', { kind: 'field-complaint', channel: '응답소' }],
  ['stage=investigation', { stage: 'investigation' }],
  ['assignee + sort=updated', { assignee: SEED_ASSIGNEES[3]!, sort: 'updated' }],
  [
    'department + received period',
    { department: SEED_DEPARTMENTS[2]!, receivedFrom: '2026-04-01', receivedTo: '2026-06-30' },
  ],
  ['agency=경찰 (external referrals)', { agency: '경찰' }],
  ['outcome=discipline', { outcome: 'discipline' }],
  ['committee=personnel', { committee: 'personnel' }],
  ['overdue', { overdue: true }],
  ['closed period (one month)', { closedFrom: '2026-09-01', closedTo: '2026-09-30' }],
  ['case-number prefix 2026-감사', { q: '2026-감사' }],
  ['title text "포트홀"', { q: '포트홀' }],
  ['title text, two words + kind', { q: '누수 당산동', kind: 'field-complaint' }],
  ['stage=closed + channel=전화 + sort=due', { stage: 'closed', channel: '전화', sort: 'due' }],
];

export async function runSearchBench(): Promise<void> {
  const tableName = `bench-search-${randomUUID()}`;
  const client = new DynamoDBClient({});
  await ensureTable(client, tableName);
  const doc = createDocumentClient(client);

  console.log(
    `seeding ${CASES.toLocaleString()} cases (BatchWriteItem, case-repository item layout, all indexes maintained) …`,
  );
  const started = performance.now();
  await seedCaseItems(doc, tableName, CASES, { now: NOW, concurrency: 8, onProgress: progress('cases', CASES) });
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const auditor = DEMO_USERS.auditor;
  const actor = { sub: auditor.sub, name: auditor.name, roles: auditor.roles };
  const search = caseSearchUseCases({ search: new CaseSearch(doc, tableName), clock: () => NOW });

  // The engine's own floor on this machine right now: one GetItem and one bare 20-item index Query.
  const floorGet: number[] = [];
  const floorQuery: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    floorGet.push(
      await timed(() =>
        doc.send(
          new GetCommand({ TableName: tableName, Key: { pk: `CASE#0SEED${String(i).padStart(21, '0')}`, sk: 'CASE' } }),
        ),
      ),
    );
    floorQuery.push(
      await timed(() =>
        doc.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk',
            ExpressionAttributeValues: { ':pk': 'KIND#grievance' },
            ScanIndexForward: false,
            Limit: 20,
          }),
        ),
      ),
    );
  }
  console.log(
    `\nDynamoDB Local floor: GetItem p50 ${percentile(floorGet, 50).toFixed(1)} ms, 20-item index Query p50 ${percentile(floorQuery, 50).toFixed(1)} ms / p95 ${percentile(floorQuery, 95).toFixed(1)} ms`,
  );

  console.log(`\nfirst page (limit 20, auditor), ${RUNS} runs each after 3 warm-up runs:`);
  console.log(
    '  combination                                   index               items pages   p50 ms   p95 ms   max ms',
  );
  for (const [label, filter] of COMBINATIONS) {
    for (let i = 0; i < 3; i++) await search.search(actor, filter, { limit: 20 });
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof search.search>> | undefined;
    for (let i = 0; i < RUNS; i++) {
      times.push(await timed(async () => (last = await search.search(actor, filter, { limit: 20 }))));
    }
    console.log(
      `  ${label.padEnd(45)} ${last!.index.padEnd(19)} ${String(last!.items.length).padStart(5)} ${String(last!.pagesRead).padStart(5)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)} ${Math.max(
        ...times,
      )
        .toFixed(1)
        .padStart(8)}`,
    );
  }
  client.destroy();
}
