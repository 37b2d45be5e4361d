/**
 * Tampering with stored history directly in DynamoDB Local (as someone with table access could) is
 * detected by verification, which names the first broken link: reordered and inserted events here
 * (edited and deleted events: case-store.test.ts), and the all-cases run finds exactly the broken ones.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF, DEMO_USERS } from '../../../infra/local/demo-data.ts';
import { hashEvent, type HistoryEvent } from '#shared/domain/history.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { keys } from '#shared/store/keys.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { verifyAllCases } from '#shared/usecases/chain-verification.ts';
import { createTestTable } from '../../support/test-table.ts';

let table: Awaited<ReturnType<typeof createTestTable>>;
let repo: CaseRepository;
let useCases: ReturnType<typeof caseUseCases>;
const u = DEMO_USERS['team-lead'];
const lead: Actor = { sub: u.sub, name: u.name, email: u.email, roles: u.roles };
const auditor: Actor = { sub: DEMO_USERS.auditor.sub, roles: DEMO_USERS.auditor.roles };

beforeAll(async () => {
  table = await createTestTable('tamper');
  repo = new CaseRepository(table.doc, table.tableName);
  const staff = new StaffRepository(table.doc, table.tableName);
  for (const m of DEMO_STAFF) await staff.putIfAbsent(m);
  useCases = caseUseCases({ cases: repo, staff, idempotency: new IdempotencyStore(table.doc, table.tableName) });
});
afterAll(async () => table.drop());

/** A grievance with three notes: events 1 (created) … 4 (third note). */
async function caseWithNotes(title = '민원 사건') {
  const { result } = await useCases.createCase(lead, { kind: 'grievance', title, channel: '응답소' });
  const caseId = result.case.caseId;
  for (const text of ['메모 1', '메모 2', '메모 3']) await useCases.appendNote(lead, caseId, text, undefined);
  return caseId;
}

const storedEvent = async (caseId: string, seq: number) =>
  (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.event(caseId, seq) }))).Item as Record<
    string,
    unknown
  > &
    HistoryEvent;
const putRaw = (item: Record<string, unknown>) =>
  table.doc.send(new PutCommand({ TableName: table.tableName, Item: item }));

/** An event forged to look right: correct prevHash and a hash recomputed over its own content. */
function forged(caseId: string, seq: number, prevHash: string): HistoryEvent {
  const unsealed = {
    caseId,
    seq,
    type: 'NOTE_ADDED' as const,
    at: '2026-11-20T09:00:00+09:00',
    actor: { sub: lead.sub, role: 'team-lead' as const },
    data: { text: '소급 삽입된 메모' },
    prevHash,
  };
  return { ...unsealed, hash: hashEvent(unsealed) };
}

describe('tamper detection on DynamoDB Local', () => {
  it('verifies an untouched case through the verify use case', async () => {
    const caseId = await caseWithNotes();
    const result = await useCases.verifyCase(auditor, caseId);
    expect(result).toMatchObject({ caseId, ok: true, checked: 4, historySeq: 4 });
    expect(result.firstBreak).toBeUndefined();
  });

  it('detects two events swapped in place (reordered items)', async () => {
    const caseId = await caseWithNotes();
    const [second, third] = [await storedEvent(caseId, 2), await storedEvent(caseId, 3)];
    await putRaw({ ...third, ...keys.event(caseId, 2) });
    await putRaw({ ...second, ...keys.event(caseId, 3) });
    const result = await useCases.verifyCase(auditor, caseId);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toEqual({ seq: 2, reason: 'sequence-gap', expected: 2, found: 3 });
    expect(result.messageKo).toContain('2번 이벤트');
  });

  it('detects two events reordered with their sequence numbers rewritten to fit', async () => {
    const caseId = await caseWithNotes();
    const [second, third] = [await storedEvent(caseId, 2), await storedEvent(caseId, 3)];
    await putRaw({ ...third, ...keys.event(caseId, 2), seq: 2 });
    await putRaw({ ...second, ...keys.event(caseId, 3), seq: 3 });
    const result = await useCases.verifyCase(auditor, caseId);
    expect(result.firstBreak).toMatchObject({
      seq: 2,
      reason: 'prev-hash-mismatch',
      expected: (await storedEvent(caseId, 1)).hash,
      found: second.hash,
    });
  });

  it('detects an event inserted in the middle, even one whose own hash is correct', async () => {
    const caseId = await caseWithNotes();
    const events = await repo.history(caseId);
    // Shift events 3 and 4 up by one and put a forged, correctly hashed event 3 after event 2.
    for (const e of [...events.slice(2)].reverse())
      await putRaw({ ...e, ...keys.event(caseId, e.seq + 1), entity: 'event', seq: e.seq + 1 });
    await putRaw({ ...forged(caseId, 3, events[1]!.hash), ...keys.event(caseId, 3), entity: 'event' });
    const result = await useCases.verifyCase(auditor, caseId);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ seq: 4, reason: 'prev-hash-mismatch' });
  });

  it('detects a correctly chained event appended after the tip the case records', async () => {
    const caseId = await caseWithNotes();
    const head = (await repo.get(caseId))!;
    await putRaw({ ...forged(caseId, 5, head.historyHead), ...keys.event(caseId, 5), entity: 'event' });
    const result = await useCases.verifyCase(auditor, caseId);
    expect(result.firstBreak).toEqual({ seq: 5, reason: 'extra-events', expected: 4, found: 5 });
  });

  it('verifies every case through the kind index and reports exactly the broken ones', async () => {
    const intact = await caseWithNotes('온전한 사건');
    const edited = await caseWithNotes('조작된 사건');
    const deleted = await caseWithNotes('삭제된 사건');
    await putRaw({ ...(await storedEvent(edited, 2)), data: { text: '조작' } });
    await table.doc.send(new DeleteCommand({ TableName: table.tableName, Key: keys.event(deleted, 2) }));
    const seen: string[] = [];
    const summary = await verifyAllCases(repo, { concurrency: 4, pageSize: 2, onCase: (r) => seen.push(r.caseId) });
    expect(seen).toContain(intact);
    expect(summary.checkedCases).toBe(await repo.countByKind('grievance'));
    const broken = new Map(summary.broken.map((b) => [b.caseId, b.firstBreak]));
    expect(broken.get(edited)).toMatchObject({ seq: 2, reason: 'hash-mismatch' });
    expect(broken.get(deleted)).toMatchObject({ seq: 2, reason: 'sequence-gap', expected: 2, found: 3 });
    expect(broken.has(intact)).toBe(false);
  });
});
