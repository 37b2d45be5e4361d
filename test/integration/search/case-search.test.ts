/**
 * Case search against DynamoDB Local: each filter combination returns exactly the cases an
 * independent in-memory filter of the seeded records finds, in the requested order, every case
 * once across cursor pages — and the table is only ever queried, never scanned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { moveToStage, type CaseRecord } from '#shared/domain/case.ts';
import { reassignCase } from '#shared/kinds/registry.ts';
import type { CaseSearchFilter } from '#shared/domain/case-search-filter.ts';
import { ForbiddenError, ValidationError } from '#shared/domain/errors.ts';
import { SEALED_TITLE } from '#shared/domain/export-fields.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { CaseSearch } from '#shared/store/case-search.ts';
import { caseSearchUseCases } from '#shared/usecases/case-search-usecases.ts';
import { SEED_ASSIGNEES, SEED_DEPARTMENTS, syntheticCase } from '../../../bench/search-seed.ts';
import { DEMO_USERS } from '../../../infra/local/demo-data.ts';
import { createTestTable } from '../../support/test-table.ts';

const NOW = new Date('2026-11-25T03:00:00Z'); // 12:00 in Korea
const TODAY = '2026-11-25';
const MARKER = '신원표지';
const COUNT = 300;

let table: Awaited<ReturnType<typeof createTestTable>>;
let repo: CaseRepository;
let search: ReturnType<typeof caseSearchUseCases>;
const sent: string[] = [];
let seeded: CaseRecord[] = [];

const asActor = (role: keyof typeof DEMO_USERS): Actor => ({
  sub: DEMO_USERS[role].sub,
  name: DEMO_USERS[role].name,
  roles: DEMO_USERS[role].roles,
});
const auditor = asActor('auditor');

/** Records every command sent through the client, by name. */
function spyingOn(doc: DynamoDBDocumentClient): DynamoDBDocumentClient {
  return new Proxy(doc, {
    get(target, prop, receiver) {
      if (prop === 'send')
        return (command: object) => (sent.push(command.constructor.name), target.send(command as never));
      return Reflect.get(target, prop, receiver);
    },
  });
}

async function inParallel<T>(items: readonly T[], n: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

beforeAll(async () => {
  table = await createTestTable('search');
  repo = new CaseRepository(table.doc, table.tableName);
  seeded = Array.from({ length: COUNT }, (_, i) => syntheticCase(i, { now: NOW, identityMarker: MARKER }));
  await inParallel(seeded, 8, (c) =>
    repo.create({
      next: c,
      drafts: [
        {
          type: 'CASE_CREATED',
          at: c.createdAt,
          actor: { sub: 'seed', role: 'clerk' },
          data: { caseNumber: c.caseNumber },
        },
      ],
    }),
  );
  seeded = (await Promise.all(seeded.map((c) => repo.get(c.caseId)))).map((c) => c!);
  search = caseSearchUseCases({
    search: new CaseSearch(spyingOn(table.doc), table.tableName, { pageBudget: 10 }),
    clock: () => NOW,
  });
}, 600_000);
afterAll(async () => table.drop());

// ── the expected answer, computed independently from the records ───────────────────────────────────

const day = (iso: string) => new Date(new Date(iso).getTime() + 9 * 3600_000).toISOString().slice(0, 10);
function matches(c: CaseRecord, f: CaseSearchFilter): boolean {
  if (f.kind && c.kind !== f.kind) return false;
  if (f.stage && c.stage !== f.stage) return false;
  const outcome = c.misconduct?.approved?.disposition.type ?? c.grievance?.outcome ?? c.petition?.decision?.outcome;
  if (f.outcome && outcome !== f.outcome) return false;
  if (f.assignee && c.assigneeSub !== f.assignee) return false;
  if (f.department && c.department !== f.department) return false;
  if (f.agency && c.misconduct?.referral?.agency !== f.agency) return false;
  if (f.channel && c.channel !== f.channel) return false;
  const committee = c.misconduct?.progress.requestSentOn
    ? 'personnel'
    : c.petition?.committeeReview
      ? 'petition-review'
      : undefined;
  if (f.committee && f.committee !== committee) return false;
  if (f.receivedFrom && day(c.receivedAt) < f.receivedFrom) return false;
  if (f.receivedTo && day(c.receivedAt) > f.receivedTo) return false;
  if (f.closedFrom && (!c.closedAt || day(c.closedAt) < f.closedFrom)) return false;
  if (f.closedTo && (!c.closedAt || day(c.closedAt) > f.closedTo)) return false;
  if (f.overdue === true && !(c.stage !== 'closed' && c.dueDate !== undefined && c.dueDate < TODAY)) return false;
  if (f.q) {
    const text = `${c.title} ${c.caseNumber}`.toLowerCase();
    if (
      /^\d{4}/.test(f.q)
        ? !c.caseNumber.startsWith(f.q)
        : !f.q
            .toLowerCase()
            .split(/\s+/)
            .every((w) => text.includes(w))
    )
      return false;
  }
  return true;
}

const orderKey = (c: CaseRecord, sort: string): string =>
  sort === 'due'
    ? `${c.stage === 'closed' ? 1 : 0}#${c.dueDate ?? '~'}#${c.caseId}`
    : sort === 'updated'
      ? `${c.updatedAt}#${c.caseId}`
      : sort === 'closed'
        ? c.closedAt !== undefined
          ? `${c.closedAt}#${c.caseId}`
          : `#open#${c.caseId}`
        : sort === 'caseNumber'
          ? c.caseNumber
          : `${c.receivedAt}#${c.caseId}`;

function expected(f: CaseSearchFilter, sort: string, order: 'asc' | 'desc'): string[] {
  // A sort never filters: every matching case is in the result, whatever the sort.
  // Code-unit order, as DynamoDB sorts keys (localeCompare would put '~' and '#' before digits).
  const byKey = (a: CaseRecord, b: CaseRecord) => {
    const [x, y] = [orderKey(a, sort), orderKey(b, sort)];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const rows = seeded.filter((c) => matches(c, f)).sort(byKey);
  return (order === 'asc' ? rows : rows.reverse()).map((c) => c.caseId);
}

async function allPages(actor: Actor, f: CaseSearchFilter, limit = 7) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let first: Awaited<ReturnType<typeof search.search>> | undefined;
  for (let pages = 0; pages < 500; pages++) {
    const page = await search.search(actor, f, { limit, ...(cursor !== undefined && { cursor }) });
    first ??= page;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((i) => i.caseId));
    cursor = page.cursor;
    if (cursor === undefined) break;
  }
  return { ids, first: first! };
}

const dept = SEED_DEPARTMENTS[3]!;
const assignee = SEED_ASSIGNEES[5]!;
const COMBINATIONS: CaseSearchFilter[] = [
  {},
  { kind: 'grievance' },
  { kind: 'field-complaint', channel: '응답소' },
  { stage: 'investigation' },
  { stage: 'closed', department: dept },
  { assignee },
  { assignee, sort: 'updated' },
  { sort: 'updated', kind: 'contract-review' },
  { department: dept, receivedFrom: '2026-03-01', receivedTo: '2026-08-31' },
  { agency: '경찰' },
  { outcome: 'closure' },
  { committee: 'personnel' },
  { committee: 'petition-review' },
  { outcome: 'answered', channel: '방문' },
  { overdue: true },
  { overdue: true, kind: 'grievance' },
  { closedFrom: '2026-06-01', closedTo: '2026-09-30' },
  { closedFrom: '2026-06-01', sort: 'received', channel: '전화' },
  { q: '포트홀' },
  { q: '누수 당산동' },
  { q: '2026-순찰' },
  { sort: 'due', stage: 'review' },
  { sort: 'due' },
  { sort: 'closed' },
  { sort: 'due', kind: 'grievance', order: 'asc' },
  { kind: 'contract-review', stage: 'closed', receivedFrom: '2026-01-01', order: 'asc' },
  { kind: 'field-complaint', stage: 'closed', assignee: SEED_ASSIGNEES[1]! },
  { sort: 'caseNumber', q: '2025' },
];

describe('case search on DynamoDB Local', () => {
  it.each(COMBINATIONS.map((f) => [JSON.stringify(f), f] as const))(
    'finds exactly the matching cases, in order, each once: %s',
    async (_name, filter) => {
      sent.length = 0;
      const { ids, first } = await allPages(auditor, filter);
      const want = expected(filter, first.sort, first.order);
      expect(want.length, 'the seed has cases for this combination').toBeGreaterThan(0);
      expect(ids).toEqual(want);
      expect(new Set(ids).size).toBe(ids.length);
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.filter((name) => name !== 'QueryCommand')).toEqual([]);
    },
  );

  it('keeps the cases without a due date (or not closed) in a sort by due date (or closing), after the others', async () => {
    const byDue = (await allPages(auditor, { sort: 'due', stage: 'review' })).ids;
    const inReview = seeded.filter((c) => c.stage === 'review');
    expect(inReview.some((c) => c.dueDate === undefined)).toBe(true);
    expect(byDue).toHaveLength(inReview.length);
    const firstUndated = byDue.findIndex((id) => seeded.find((c) => c.caseId === id)!.dueDate === undefined);
    for (const id of byDue.slice(firstUndated)) expect(seeded.find((c) => c.caseId === id)!.dueDate).toBeUndefined();
    const byClosed = (await allPages(auditor, { sort: 'closed' })).ids;
    expect(byClosed).toHaveLength(seeded.length);
    const firstOpen = byClosed.findIndex((id) => seeded.find((c) => c.caseId === id)!.closedAt === undefined);
    for (const id of byClosed.slice(firstOpen)) expect(seeded.find((c) => c.caseId === id)!.closedAt).toBeUndefined();
  });

  it('serves each filter from an index partition or key range, not a walk over every case', () => {
    const plan = (f: CaseSearchFilter) => search.plan(f);
    expect(plan({ assignee, kind: 'grievance' }).index).toBe('search-assignee');
    expect(plan({ kind: 'external-referral' }).index).toBe('gsi2');
    expect(plan({ agency: '검찰' }).partitionValue).toBe('KIND#external-referral');
    expect(plan({ overdue: true })).toMatchObject({ index: 'search-due', range: { from: '0#', to: `0#${TODAY}` } });
    expect(plan({ closedFrom: '2026-01-01', closedTo: '2026-03-31' })).toMatchObject({
      index: 'search-closed',
      range: { from: '2026-01-01', to: '2026-03-31~' },
    });
    expect(plan({ q: '2026-조사' })).toMatchObject({ index: 'search-caseno', range: { prefix: '2026-조사' } });
    expect(plan({ stage: 'review', channel: '전화' }).index).toBe('search-stage');
  });

  it('shows sealed cases to an auditor without their title or any identity field', async () => {
    const { ids } = await allPages(auditor, { kind: 'internal-investigation' }, 50);
    expect(ids.length).toBeGreaterThan(0);
    const page = await search.search(auditor, { kind: 'internal-investigation' }, { limit: 50 });
    for (const item of page.items) expect(item).toMatchObject({ sealed: true, title: SEALED_TITLE });
    expect(JSON.stringify(page)).not.toContain(MARKER);
    expect(JSON.stringify(page)).not.toContain('홍길동');
  });

  it('never puts an identity field (officials concerned, complainant, petitioner) in any result', async () => {
    const everything = await search.search(auditor, {}, { limit: 100 });
    let cursor = everything.cursor;
    let text = JSON.stringify(everything);
    while (cursor) {
      const page = await search.search(auditor, {}, { limit: 100, cursor });
      text += JSON.stringify(page);
      cursor = page.cursor;
    }
    expect(seeded.some((c) => c.grievance?.complainant || c.petition)).toBe(true);
    expect(text).toContain('"caseNumber"');
    expect(text).not.toContain(MARKER);
  });

  it('hides sealed cases from a clerk who is not involved, and an official concerned never finds their own case', async () => {
    const clerk = await allPages(asActor('clerk'), {}, 100);
    const sealedIds = new Set(seeded.filter((c) => c.sealed).map((c) => c.caseId));
    expect(sealedIds.size).toBeGreaterThan(0);
    expect(clerk.ids.filter((id) => sealedIds.has(id))).toEqual([]);
    expect(clerk.ids).toHaveLength(COUNT - sealedIds.size);

    const own = seeded.find((c) => c.misconduct && c.misconduct.concernedSubs.length > 0)!;
    const official: Actor = { sub: own.misconduct!.concernedSubs[0]!, roles: ['team-lead'] };
    const seen = await allPages(official, { kind: own.kind }, 100);
    expect(seen.ids).not.toContain(own.caseId);
    expect(seen.ids.length).toBe(seeded.filter((c) => c.kind === own.kind).length - 1);
  });

  it('refuses a committee member (no search right) with 403', async () => {
    await expect(search.search(asActor('member'), {}, { limit: 10 })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses an edited cursor and a cursor from another query, naming the field', async () => {
    const page = await search.search(auditor, { kind: 'grievance' }, { limit: 3 });
    const cursor = page.cursor!;
    const [payload, mac] = cursor.split('.');
    const edited = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    edited.k.gsi2sk = '2026-01-01';
    const forged = `${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${mac}`;
    await expect(search.search(auditor, { kind: 'grievance' }, { limit: 3, cursor: forged })).rejects.toMatchObject({
      field: 'cursor',
      rule: 'invalid_cursor',
    });
    await expect(search.search(auditor, { kind: 'petition' }, { limit: 3, cursor })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      search.search(auditor, { kind: 'grievance' }, { limit: 3, cursor: 'not-a-cursor' }),
    ).rejects.toMatchObject({ field: 'cursor' });
  });

  it('keeps the indexes in step with every commit: closing, reassigning', async () => {
    const open = seeded.find((c) => c.stage !== 'closed' && c.dueDate !== undefined && c.dueDate < TODAY)!;
    expect((await allPages(auditor, { overdue: true }, 100)).ids).toContain(open.caseId);

    const actor = { sub: DEMO_USERS['team-lead'].sub, role: 'team-lead' as const };
    const newAssignee = 'reassigned-staff';
    const current = (await repo.get(open.caseId))!;
    const reassigned = await repo.commit(
      current,
      reassignCase(current, newAssignee, '업무 조정', [], actor, '2026-11-25T12:00:00+09:00'),
    );
    await repo.commit(reassigned.case, moveToStage(reassigned.case, 'closed', actor, '2026-11-25T12:05:00+09:00'));

    expect((await allPages(auditor, { overdue: true }, 100)).ids).not.toContain(open.caseId);
    expect((await allPages(auditor, { assignee: newAssignee })).ids).toEqual([open.caseId]);
    expect((await allPages(auditor, { closedFrom: TODAY, closedTo: TODAY })).ids).toContain(open.caseId);
    expect((await allPages(auditor, { stage: open.stage }, 100)).ids).not.toContain(open.caseId);
    seeded = seeded.map((c) =>
      c.caseId === open.caseId
        ? { ...c, stage: 'closed', assigneeSub: newAssignee, closedAt: '2026-11-25T12:05:00+09:00' }
        : c,
    );
  });

  it('stops at the page budget with fewer items and a cursor, and the cursor continues the search', async () => {
    const tight = caseSearchUseCases({
      search: new CaseSearch(table.doc, table.tableName, { pageBudget: 1 }),
      clock: () => NOW,
    });
    // A rare text match on the office-wide index: the first index page rarely holds 5 of them.
    const filter: CaseSearchFilter = { q: '포트홀 문래동' };
    const want = expected(filter, 'received', 'desc');
    const ids: string[] = [];
    let cursor: string | undefined;
    let sawBudgetStop = false;
    for (let i = 0; i < 500; i++) {
      const page = await tight.search(auditor, filter, { limit: 5, ...(cursor !== undefined && { cursor }) });
      sawBudgetStop ||= page.budgetExhausted;
      ids.push(...page.items.map((x) => x.caseId));
      cursor = page.cursor;
      if (!cursor) break;
    }
    expect(sawBudgetStop).toBe(true);
    expect(ids).toEqual(want);
  });
});
