/**
 * Hash-chain verification benchmark (issue 7). Seeds N cases (N = BENCH_VERIFY_CASES, default
 * 2,000) spread over every kind, each with a few events, straight through the case store, then
 * times verifying all of them the way `npm run verify -- --all` does (kind index), 4, 16 and 48 at a time.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { ensureTable } from '../infra/local/bootstrap-table.ts';
import { DEMO_USERS } from '../infra/local/demo-data.ts';
import { addNote, formatCaseNumber } from '#shared/domain/case.ts';
import { openCase } from '#shared/kinds/registry.ts';
import { CASE_KINDS, KINDS } from '#shared/kinds/registry.ts';
import { toKoreaIso } from '#shared/domain/korea-time.ts';
import { isMisconductKind } from '#shared/kinds/misconduct/misconduct.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { verifyAllCases } from '#shared/usecases/chain-verification.ts';
import { progress } from './bench-utils.ts';

const CASES = Number(process.env.BENCH_VERIFY_CASES ?? 2_000);
const NOTES_PER_CASE = 3;
const SEED_CONCURRENCY = 16;
/** Kinds whose intake needs no misconduct details (the store is driven directly here). */
// A self-audit is received with its plan (selfAudit), which this bench does not make up.
const BENCH_KINDS = CASE_KINDS.filter((k) => !isMisconductKind(k) && k !== 'self-audit');

export async function runVerifyBench(): Promise<void> {
  const tableName = `bench-verify-${randomUUID()}`;
  const client = new DynamoDBClient({});
  await ensureTable(client, tableName);
  const repo = new CaseRepository(createDocumentClient(client), tableName);
  const lead = DEMO_USERS['team-lead'];
  const actor = { sub: lead.sub, name: lead.name, role: 'team-lead' as const };

  const shown = progress('seeding cases', CASES);
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: SEED_CONCURRENCY }, async () => {
      while (next < CASES) {
        const i = next++;
        const kind = BENCH_KINDS[i % BENCH_KINDS.length]!;
        const now = toKoreaIso(new Date(Date.UTC(2026, 0, 1) + i * 60_000));
        const created = await repo.create(
          openCase({
            caseId: ulid(),
            caseNumber: formatCaseNumber(2026, KINDS.get(kind).team, i + 1),
            input: { kind, title: `벤치 사건 ${i}`, receivedAt: now },
            actor,
            now,
          }),
        );
        let current = created.case;
        for (let n = 0; n < NOTES_PER_CASE; n++)
          current = (await repo.commit(current, addNote(current, `메모 ${n}`, actor, now))).case;
        shown(++done);
      }
    }),
  );

  // The command's default is 16 cases at a time; the others show how much the engine gives for more.
  for (const concurrency of [4, 16, 48]) {
    const verifyShown = progress(`verifying (${concurrency} at a time)`, CASES);
    const summary = await verifyAllCases(repo, { concurrency, onCase: (_r, n) => verifyShown(n) });
    console.log(
      `verified ${summary.checkedCases.toLocaleString()} cases / ${summary.checkedEvents.toLocaleString()} events, ${concurrency} at a time: ` +
        `${(summary.millis / 1000).toFixed(2)} s, ${(summary.checkedCases / (summary.millis / 1000)).toFixed(0)} cases/s, ${summary.broken.length} broken`,
    );
  }
  client.destroy();
}
