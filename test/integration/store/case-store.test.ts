/**
 * The case store against the real DynamoDB Local engine: transactions, conditions, idempotency and
 * the hash chain as stored.
 */
import { GetCommand, PutCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VersionConflictError } from '#shared/domain/errors.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { keys } from '#shared/store/keys.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { DEMO_STAFF, DEMO_USERS } from '../../../infra/local/demo-data.ts';
import { createTestTable } from '../../support/test-table.ts';

let table: Awaited<ReturnType<typeof createTestTable>>;
let repo: CaseRepository;
let useCases: ReturnType<typeof caseUseCases>;

const asActor = (role: keyof typeof DEMO_USERS): Actor => {
  const u = DEMO_USERS[role];
  return { sub: u.sub, name: u.name, email: u.email, roles: u.roles };
};
const lead = asActor('team-lead');

beforeAll(async () => {
  table = await createTestTable('store');
  repo = new CaseRepository(table.doc, table.tableName);
  const staff = new StaffRepository(table.doc, table.tableName);
  for (const m of DEMO_STAFF) await staff.putIfAbsent(m);
  useCases = caseUseCases({ cases: repo, staff, idempotency: new IdempotencyStore(table.doc, table.tableName) });
});
afterAll(async () => table.drop());

const misconduct = {
  category: 'other' as const,
  conductDate: '2026-09-01',
  officials: [{ name: '김철수', department: '도로관리과', grade: '지방시설주사보(7급)' }],
  referral: {
    agency: '경찰' as const,
    noticeType: '수사·조사 개시 통보' as const,
    noticeNumber: '영등포서-2026-001',
    noticeDate: '2026-09-10',
  },
};
const newCase = (title = '외부기관 통보 사건') =>
  useCases.createCase(lead, { kind: 'external-referral', title, assigneeSub: DEMO_USERS.investigator.sub, misconduct });

describe('case store on DynamoDB Local', () => {
  it('gives 16 concurrent intakes distinct, consecutive case numbers, none refused', async () => {
    const created = await Promise.all(Array.from({ length: 16 }, (_, i) => newCase(`동시 접수 ${i}`)));
    const serials = created.map((c) => Number(c.result.case.caseNumber.split('-')[2])).sort((a, b) => a - b);
    const first = serials[0]!;
    expect(serials).toEqual(Array.from({ length: 16 }, (_, i) => first + i));
    expect(created[0]!.result.case.caseNumber).toMatch(/^\d{4}-조사-\d{4}$/);
  });

  it('takes the next number after one another process took (the serial this process remembers is stale)', async () => {
    const { result } = await newCase('앞 접수');
    const [year, , serial] = result.case.caseNumber.split('-');
    const counterKey = keys.caseNumberCounter(Number(year), result.case.team);
    // Another process (another Lambda container) registers a case of the same team: the counter moves.
    await table.doc.send(
      new PutCommand({ TableName: table.tableName, Item: { ...counterKey, serial: Number(serial) + 1 } }),
    );
    const after = await newCase('다른 프로세스 뒤 접수');
    expect(after.result.case.caseNumber).toBe(
      `${year}-${result.case.caseNumber.split('-')[1]}-${String(Number(serial) + 2).padStart(4, '0')}`,
    );
  });

  it('lets exactly one of two concurrent updates from the same version win; the other gets the current version', async () => {
    const { result } = await newCase();
    const caseId = result.case.caseId;
    const outcomes = await Promise.allSettled([
      useCases.updateCase(lead, caseId, 1, { title: '제목 A' }),
      useCases.updateCase(lead, caseId, 1, { title: '제목 B' }),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(VersionConflictError);
    expect(lost[0]!.reason.meta).toEqual({ currentVersion: 2 });
    const history = await repo.history(caseId);
    expect(history.filter((e) => e.type === 'CASE_UPDATED')).toHaveLength(1);
    expect((await repo.get(caseId))?.version).toBe(2);
  });

  it('applies a repeated idempotency key once and answers the repeat with the first result', async () => {
    const { result } = await newCase();
    const caseId = result.case.caseId;
    const key = { key: 'note-key-0001', request: { op: 'append-note', caseId, text: '현장 확인 완료' } };
    const first = await useCases.appendNote(lead, caseId, '현장 확인 완료', undefined, key);
    const again = await useCases.appendNote(lead, caseId, '현장 확인 완료', undefined, key);
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    expect(again.result).toEqual(JSON.parse(JSON.stringify(first.result)));
    const notes = (await repo.history(caseId)).filter((e) => e.type === 'NOTE_ADDED');
    expect(notes).toHaveLength(1);
  });

  it('applies a key once even when the two requests race', async () => {
    const { result } = await newCase();
    const caseId = result.case.caseId;
    const key = { key: 'race-key-0001', request: { op: 'append-note', caseId, text: '동시 요청' } };
    const both = await Promise.all([
      useCases.appendNote(lead, caseId, '동시 요청', undefined, key),
      useCases.appendNote(lead, caseId, '동시 요청', undefined, key),
    ]);
    expect(both.map((b) => b.replayed).sort()).toEqual([false, true]);
    expect((await repo.history(caseId)).filter((e) => e.type === 'NOTE_ADDED')).toHaveLength(1);
  });

  it('refuses the same key for a different request and writes nothing', async () => {
    const { result } = await newCase();
    const caseId = result.case.caseId;
    await useCases.appendNote(lead, caseId, '첫 메모', undefined, {
      key: 'reuse-key-0001',
      request: { text: '첫 메모' },
    });
    await expect(
      useCases.appendNote(lead, caseId, '다른 메모', undefined, {
        key: 'reuse-key-0001',
        request: { text: '다른 메모' },
      }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await repo.get(caseId))?.version).toBe(2);
  });

  it('stores a chain that verifies, and names an event edited directly in the table', async () => {
    const { result } = await newCase();
    const caseId = result.case.caseId;
    await useCases.appendNote(lead, caseId, '메모 1', undefined);
    await useCases.appendNote(lead, caseId, '메모 2', undefined);
    const before = await useCases.caseHistory(lead, caseId);
    expect(before.verification).toEqual({ ok: true, checked: 4 });

    const key = keys.event(caseId, 3);
    const stored = (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: key }))).Item!;
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { ...stored, data: { text: '조작' } } }));
    const after = await useCases.caseHistory(lead, caseId);
    expect(after.verification.ok).toBe(false);
    expect(after.verification.firstBreak).toMatchObject({ seq: 3, reason: 'hash-mismatch' });
  });

  it('detects an event deleted directly from the table', async () => {
    const { result } = await newCase();
    const caseId = result.case.caseId;
    await useCases.appendNote(lead, caseId, '메모', undefined);
    await table.doc.send(new DeleteCommand({ TableName: table.tableName, Key: keys.event(caseId, 3) }));
    const after = await useCases.caseHistory(lead, caseId);
    expect(after.verification.firstBreak).toMatchObject({ seq: 3, reason: 'missing-tail' });
  });

  it("lists an assignee's cases through the index, newest activity first, with a working cursor", async () => {
    const investigator = asActor('investigator');
    const page1 = await useCases.listMyCases(investigator, { limit: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.cursor).toBeDefined();
    const page2 = await useCases.listMyCases(investigator, { limit: 2, cursor: page1.cursor });
    expect(page2.items[0]?.caseId).not.toBe(page1.items[0]?.caseId);
    expect(page1.items.every((c) => c.assigneeSub === investigator.sub)).toBe(true);
    expect(page1.items[0]!.updatedAt >= page1.items[1]!.updatedAt).toBe(true);
  });
});
