/**
 * Reads of sealed cases are recorded in the case's one hash chain (SENSITIVE_READ) without taking
 * a version: a read that lands between someone's load and their write never makes the write fail,
 * and the chain still verifies with reads and changes interleaved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF, DEMO_USERS } from '../../../infra/local/demo-data.ts';
import { addNote } from '#shared/domain/case.ts';
import { verifyChain } from '#shared/domain/history.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { ReadTallyStore } from '#shared/store/read-tally-store.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { verifyCaseChain } from '#shared/usecases/chain-verification.ts';
import { createTestTable } from '../../support/test-table.ts';

let table: Awaited<ReturnType<typeof createTestTable>>;
let repo: CaseRepository;
let useCases: ReturnType<typeof caseUseCases>;
let tallied: ReturnType<typeof caseUseCases>;
let tallies: ReadTallyStore;
let now = new Date('2026-12-04T04:05:00Z');
const actorOf = (role: keyof typeof DEMO_USERS): Actor => {
  const u = DEMO_USERS[role];
  return { sub: u.sub, name: u.name, email: u.email, roles: u.roles };
};
const lead = actorOf('team-lead');
const auditor = actorOf('auditor');

beforeAll(async () => {
  table = await createTestTable('reads');
  repo = new CaseRepository(table.doc, table.tableName);
  const staff = new StaffRepository(table.doc, table.tableName);
  for (const m of DEMO_STAFF) await staff.putIfAbsent(m);
  useCases = caseUseCases({ cases: repo, staff, idempotency: new IdempotencyStore(table.doc, table.tableName) });
  tallies = new ReadTallyStore(table.doc, table.tableName);
  tallied = caseUseCases({
    cases: repo,
    staff,
    idempotency: new IdempotencyStore(table.doc, table.tableName),
    readTallies: tallies,
    clock: () => now,
  });
});
afterAll(async () => table.drop());

const sealedCase = async () =>
  (await useCases.createCase(lead, { kind: 'whistleblower-report', title: '공익신고 사건', sealed: true })).result.case;

describe('sensitive reads on DynamoDB Local', () => {
  it('records who read a sealed case, when and what, in its verifying chain, without changing the version', async () => {
    const c = await sealedCase();
    await useCases.getCase(auditor, c.caseId);
    await useCases.caseHistory(auditor, c.caseId, { types: ['CASE_CREATED'] });
    const events = await repo.history(c.caseId);
    const reads = events.filter((e) => e.type === 'SENSITIVE_READ');
    expect(reads.map((e) => e.data.what)).toEqual(['case', 'history']);
    expect(reads[0]).toMatchObject({
      actor: { sub: auditor.sub, role: 'auditor' },
      data: { caseNumber: c.caseNumber },
    });
    expect(reads[0]!.at).toMatch(/\+09:00$/);
    expect(reads[1]!.data.types).toEqual(['CASE_CREATED']);
    const stored = (await repo.get(c.caseId))!;
    expect(stored.version).toBe(c.version);
    expect(verifyChain(events, stored)).toEqual({ ok: true, checked: events.length });
  });

  it('does not record reads of a case that is not sealed', async () => {
    const { result } = await useCases.createCase(lead, { kind: 'grievance', title: '일반 민원', channel: '응답소' });
    await useCases.getCase(auditor, result.case.caseId);
    expect((await repo.history(result.case.caseId)).some((e) => e.type === 'SENSITIVE_READ')).toBe(false);
  });

  it('lets a change loaded before a read commit after it: linked onto the new tip, no conflict', async () => {
    const c = await sealedCase();
    const loaded = (await repo.get(c.caseId))!;
    await useCases.getCase(auditor, c.caseId);
    const written = await repo.commit(
      loaded,
      addNote(loaded, '열람 후 메모', { sub: lead.sub, role: 'team-lead' }, '2026-11-25T10:00:00+09:00'),
    );
    expect(written.case.version).toBe(loaded.version + 1);
    const events = await repo.history(c.caseId);
    expect(events.map((e) => e.type)).toEqual(['CASE_CREATED', 'SENSITIVE_READ', 'NOTE_ADDED']);
    expect(verifyChain(events, (await repo.get(c.caseId))!).ok).toBe(true);
  });

  it('keeps every read and every edit when many reads race one versioned update', async () => {
    const c = await sealedCase();
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 6 }, () => useCases.getCase(auditor, c.caseId)),
      useCases.updateCase(lead, c.caseId, c.version, { title: '제목 수정' }),
      ...Array.from({ length: 6 }, () => useCases.caseHistory(auditor, c.caseId)),
    ]);
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const events = await repo.history(c.caseId);
    expect(events.filter((e) => e.type === 'SENSITIVE_READ')).toHaveLength(12);
    expect(events.filter((e) => e.type === 'CASE_UPDATED')).toHaveLength(1);
    const stored = (await repo.get(c.caseId))!;
    expect(stored).toMatchObject({ version: c.version + 1, title: '제목 수정' });
    expect(verifyChain(events, stored).ok).toBe(true);
  });

  it('does not mistake a read recorded while verifying (a stale case record) for an inserted event', async () => {
    const c = await sealedCase();
    const listedBefore = (await repo.get(c.caseId))!;
    await useCases.getCase(auditor, c.caseId);
    const result = await verifyCaseChain(repo, listedBefore);
    expect(result).toMatchObject({
      ok: true,
      checked: listedBefore.historySeq + 1,
      historySeq: listedBefore.historySeq + 1,
    });
  });

  it('still answers a stale version with a conflict when the case itself changed', async () => {
    const c = await sealedCase();
    await useCases.updateCase(lead, c.caseId, c.version, { title: '먼저 수정' });
    await useCases.getCase(auditor, c.caseId);
    await expect(useCases.updateCase(lead, c.caseId, c.version, { title: '늦은 수정' })).rejects.toMatchObject({
      name: 'VersionConflictError',
    });
  });
});

describe('sensitive reads counted per reader, case and hour', () => {
  const reads = async (caseId: string) => (await repo.history(caseId)).filter((e) => e.type === 'SENSITIVE_READ');

  it('turns 60 polls of the tasks into one event with a count of 60, one event per reader', async () => {
    now = new Date('2026-12-04T04:05:00Z');
    const c = await sealedCase();
    for (let i = 0; i < 60; i++) {
      now = new Date(Date.parse('2026-12-04T04:05:00Z') + i * 333);
      await tallied.getCase(auditor, c.caseId, 'tasks');
    }
    await tallied.getCase(lead, c.caseId);
    const events = await reads(c.caseId);
    expect(events.map((e) => [e.actor.sub, e.data.what, e.data.hour])).toEqual([
      [auditor.sub, 'tasks', '2026-12-04T13'],
      [lead.sub, 'case', '2026-12-04T13'],
    ]);
    const counted = (await tallies.ofCase(c.caseId)).sort((a, b) => a.eventSeq - b.eventSeq);
    expect(counted.map((t) => [t.readerSub, t.reads, t.byWhat, t.eventSeq, t.eventHash])).toEqual([
      [auditor.sub, 60, { tasks: 60 }, events[0]!.seq, events[0]!.hash],
      [lead.sub, 1, { case: 1 }, events[1]!.seq, events[1]!.hash],
    ]);
    expect(counted[0]).toMatchObject({ firstAt: '2026-12-04T13:05:00+09:00', lastAt: '2026-12-04T13:05:19+09:00' });
    const stored = (await repo.get(c.caseId))!;
    expect(stored.version).toBe(c.version);
    expect(verifyChain(await repo.history(c.caseId), stored).ok).toBe(true);
    expect((await verifyCaseChain(repo, stored)).ok).toBe(true);

    // The history shows each event with its hour's count (the history read itself counted first).
    const history = await tallied.caseHistory(auditor, c.caseId, { types: ['SENSITIVE_READ'] });
    expect(history.events.map((e) => [e.actor.sub, e.reads, e.readsByWhat])).toEqual([
      [auditor.sub, 61, { tasks: 60, history: 1 }],
      [lead.sub, 1, { case: 1 }],
    ]);
  });

  it('opens a new event for the same reader in the next Korea-time hour', async () => {
    now = new Date('2026-12-04T04:59:59Z');
    const c = await sealedCase();
    await tallied.getCase(auditor, c.caseId);
    now = new Date('2026-12-04T05:00:00Z');
    await tallied.getCase(auditor, c.caseId);
    await tallied.getCase(auditor, c.caseId);
    expect((await reads(c.caseId)).map((e) => e.data.hour)).toEqual(['2026-12-04T13', '2026-12-04T14']);
    expect((await tallies.ofCase(c.caseId)).map((t) => [t.hour, t.reads])).toEqual([
      ['2026-12-04T13', 1],
      ['2026-12-04T14', 2],
    ]);
  });

  it('counts every one of many racing first reads and appends one event for them', async () => {
    now = new Date('2026-12-04T06:10:00Z');
    const c = await sealedCase();
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 8 }, () => tallied.getCase(auditor, c.caseId, 'tasks')),
      tallied.updateCase(lead, c.caseId, c.version, { title: '열람 중 수정' }),
    ]);
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    expect(await reads(c.caseId)).toHaveLength(1);
    expect((await tallies.ofCase(c.caseId)).map((t) => t.reads)).toEqual([8]);
    const stored = (await repo.get(c.caseId))!;
    expect(stored).toMatchObject({ version: c.version + 1, title: '열람 중 수정' });
    expect(verifyChain(await repo.history(c.caseId), stored).ok).toBe(true);
  });
});
