/**
 * Chain heads anchored outside the table catch what the chain alone cannot: someone with write
 * access to the table rewrites an event, recomputes every later hash and the case's recorded tip
 * directly in DynamoDB Local. The chain is then consistent in itself (verification without an
 * anchor passes), and verification against the anchor file taken before the rewrite reports it,
 * naming the case, the anchored sequence number and the anchor's time.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChainAnchor } from '../../../functions/jobs/chain-anchor.handler.ts';
import { DEMO_STAFF, DEMO_USERS } from '../../../infra/local/demo-data.ts';
import { FileKeyAnchorSigner } from '#shared/anchor/anchor-signer.ts';
import { FileAnchorStore, signedAnchorStore } from '#shared/anchor/anchor-store.ts';
import { AnchorIntegrityError, buildAnchor } from '#shared/anchor/chain-anchor.ts';
import { hashEvent, type HistoryEvent } from '#shared/domain/history.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { keys } from '#shared/store/keys.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { chainAnchoring } from '#shared/usecases/chain-anchoring.ts';
import { verifyAllCases, verifyCaseChain } from '#shared/usecases/chain-verification.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { createTestTable } from '../../support/test-table.ts';

let table: Awaited<ReturnType<typeof createTestTable>>;
let repo: CaseRepository;
let dir: string;
let anchors: FileAnchorStore;
let useCases: ReturnType<typeof caseUseCases>;
const u = DEMO_USERS['team-lead'];
const lead: Actor = { sub: u.sub, name: u.name, email: u.email, roles: u.roles };
const auditor: Actor = { sub: DEMO_USERS.auditor.sub, roles: DEMO_USERS.auditor.roles };
const ANCHOR_TIME = new Date('2026-12-03T15:30:00.000Z'); // 00:30 on 4 December in Korea

beforeAll(async () => {
  table = await createTestTable('anchor');
  repo = new CaseRepository(table.doc, table.tableName);
  dir = await mkdtemp(join(tmpdir(), 'gamsa-anchor-'));
  anchors = new FileAnchorStore(join(dir, 'chain-anchors.jsonl'));
  const staff = new StaffRepository(table.doc, table.tableName);
  for (const m of DEMO_STAFF) await staff.putIfAbsent(m);
  useCases = caseUseCases({
    cases: repo,
    staff,
    idempotency: new IdempotencyStore(table.doc, table.tableName),
    anchors,
  });
});
afterAll(async () => {
  await table.drop();
  await rm(dir, { recursive: true, force: true });
});

async function caseWithNotes(title: string, notes = 3): Promise<string> {
  const { result } = await useCases.createCase(lead, { kind: 'grievance', title, channel: '응답소' });
  for (let i = 1; i <= notes; i++) await useCases.appendNote(lead, result.case.caseId, `메모 ${i}`, undefined);
  return result.case.caseId;
}

/**
 * What an insider with table access would do: change event `seq`, re-hash it and every later
 * event so each links to the one before, and move the case's recorded tip to the new last hash.
 */
async function rewriteConsistently(caseId: string, seq: number, data: Record<string, unknown>): Promise<void> {
  const events = await repo.history(caseId);
  let prevHash = events[seq - 2]!.hash;
  for (const event of events.slice(seq - 1)) {
    const { hash: _old, ...rest } = event;
    const unsealed = { ...rest, prevHash, ...(event.seq === seq && { data }) } as Omit<HistoryEvent, 'hash'>;
    const hash = hashEvent(unsealed);
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...(event as unknown as Record<string, unknown>), ...unsealed, hash, ...keys.event(caseId, event.seq) },
      }),
    );
    prevHash = hash;
  }
  await table.doc.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: keys.case(caseId),
      UpdateExpression: 'SET historyHead = :head',
      ExpressionAttributeValues: { ':head': prevHash },
    }),
  );
}

describe('chain heads anchored outside the table', () => {
  let rewritten: string;
  let intact: string;

  it('the anchoring job writes every case’s tip and a Merkle root to the append-only anchor file', async () => {
    rewritten = await caseWithNotes('다시 쓰일 사건');
    intact = await caseWithNotes('온전한 사건');
    const anchoring = chainAnchoring({ cases: repo, anchors, clock: () => ANCHOR_TIME, pageSize: 1 });
    const report = await runChainAnchor({ job: 'chain-anchor', scheduledTime: '2026-12-03T15:30:00Z' }, anchoring);
    expect(report.caseCount).toBeGreaterThanOrEqual(2);
    expect(report.previousDigest).toBeNull();

    const latest = await anchors.latest();
    expect(latest?.heads[rewritten]).toEqual({ seq: 4, head: (await repo.get(rewritten))!.historyHead });
    expect(latest?.takenAt).toBe(ANCHOR_TIME.toISOString());

    // A second run appends (and links to the first); nothing is rewritten.
    const second = await chainAnchoring({ cases: repo, anchors, clock: () => ANCHOR_TIME }).run();
    expect(second.previousDigest).toBe(report.digest);
    const lines = (await readFile(anchors.location, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!).digest).toBe(report.digest);
  });

  it('rejects a malformed job event before anchoring anything', async () => {
    const anchoring = chainAnchoring({ cases: repo, anchors });
    await expect(runChainAnchor({ job: 'chain-anchor' }, anchoring)).rejects.toThrow(/scheduledTime/);
  });

  it('an untouched case, and one that grew after the anchor, match the anchor', async () => {
    await useCases.appendNote(lead, intact, '앵커 이후 메모', undefined);
    const result = await useCases.verifyCase(auditor, intact);
    expect(result).toMatchObject({ ok: true, checked: 5, anchor: { status: 'match', seq: 4 } });
  });

  it('a history rewritten consistently in DynamoDB Local passes the chain check but fails the anchor', async () => {
    await useCases.appendNote(lead, rewritten, '앵커 이후 메모', undefined);
    const anchoredHead = (await anchors.latest())!.heads[rewritten]!.head;
    await rewriteConsistently(rewritten, 2, { text: '소급 변경된 메모' });

    // Self-consistent: the in-table chain alone finds nothing.
    const withoutAnchor = await verifyCaseChain(repo, (await repo.get(rewritten))!);
    expect(withoutAnchor).toMatchObject({ ok: true, checked: 5 });
    expect(withoutAnchor.anchor).toBeUndefined();

    const result = await useCases.verifyCase(auditor, rewritten);
    expect(result.ok).toBe(false);
    expect(result.caseId).toBe(rewritten);
    expect(result.firstBreak).toMatchObject({ seq: 4, reason: 'anchor-mismatch', expected: anchoredHead });
    expect(result.firstBreak?.found).not.toBe(anchoredHead);
    expect(result.anchor).toMatchObject({ status: 'mismatch', takenAt: ANCHOR_TIME.toISOString(), seq: 4 });
    expect(result.messageKo).toContain('앵커');
    expect(result.messageKo).toContain('2026년 12월 4일(금) 00:30');
  });

  it('the all-cases run reports exactly the rewritten case; a case newer than the anchor is not covered', async () => {
    const newer = await caseWithNotes('앵커 이후 사건', 1);
    const summary = await verifyAllCases(repo, { anchor: await anchors.latest() });
    expect(summary.broken.map((b) => b.caseId)).toEqual([rewritten]);
    expect((await useCases.verifyCase(auditor, newer)).anchor).toEqual({ status: 'not-anchored' });
  });

  it('never trusts an anchor file whose content was edited', async () => {
    const text = await readFile(anchors.location, 'utf8');
    const lines = text.trim().split('\n');
    const last = JSON.parse(lines.at(-1)!);
    last.heads[rewritten].head = (await repo.get(rewritten))!.historyHead;
    const forgedFile = join(dir, 'forged.jsonl');
    await writeFile(forgedFile, `${[...lines.slice(0, -1), JSON.stringify(last)].join('\n')}\n`);
    await expect(new FileAnchorStore(forgedFile).latest()).rejects.toThrow(AnchorIntegrityError);
  });

  it('refuses to vouch with an anchor added by someone who cannot sign: verification says the anchor is untrusted', async () => {
    const file = join(dir, 'signed.jsonl');
    const signer = new FileKeyAnchorSigner(join(dir, 'anchor-signing-key.pem'));
    const signed = signedAnchorStore(new FileAnchorStore(file), signer);
    await chainAnchoring({ cases: repo, anchors: signed, clock: () => ANCHOR_TIME }).run();
    const verifying = caseUseCases({
      cases: repo,
      staff: new StaffRepository(table.doc, table.tableName),
      idempotency: new IdempotencyStore(table.doc, table.tableName),
      anchors: signed,
    });
    expect((await verifying.verifyCase(auditor, intact)).anchor).toMatchObject({ status: 'match' });

    // An insider rewrites a chain and appends a matching, newer anchor without the signing key.
    await rewriteConsistently(intact, 2, { text: '소급 변경된 메모' });
    const heads = {
      ...(await signed.latest())!.heads,
      [intact]: { seq: 5, head: (await repo.get(intact))!.historyHead },
    };
    const unsigned = buildAnchor(heads, new Date(ANCHOR_TIME.getTime() + 60_000), await signed.latest());
    await new FileAnchorStore(file).put(unsigned);

    const result = await verifying.verifyCase(auditor, intact);
    expect(result.ok).toBe(false);
    expect(result.anchor).toMatchObject({ status: 'untrusted' });
    expect(result.messageKo).toContain('앵커를 신뢰할 수 없어');
  });
});
