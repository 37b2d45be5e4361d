/**
 * Exports against DynamoDB Local: sealed identity fields never appear in any export (search and
 * timeline, CSV and JSON), every export is recorded (export log; an EXPORTED event on the case's
 * own chain for timelines), a capped export continues exactly where it stopped, and nothing scans.
 */
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '#shared/domain/case.ts';
import { ForbiddenError } from '#shared/domain/errors.ts';
import { verifyChain } from '#shared/domain/history.ts';
import { addOfficial } from '#shared/kinds/misconduct/misconduct.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { CaseSearch } from '#shared/store/case-search.ts';
import { ExportLog } from '#shared/store/export-log.ts';
import { caseExportUseCases, type ExportFormat } from '#shared/usecases/case-export.ts';
import { caseSearchUseCases } from '#shared/usecases/case-search-usecases.ts';
import { syntheticCase } from '../../../bench/search-seed.ts';
import { DEMO_USERS } from '../../../infra/local/demo-data.ts';
import { createTestTable } from '../../support/test-table.ts';

const NOW = new Date('2026-11-25T03:00:00Z');
const MARKER = '봉인된신원XYZ';
const COUNT = 120;

let table: Awaited<ReturnType<typeof createTestTable>>;
let repo: CaseRepository;
let exportLog: ExportLog;
let exports: ReturnType<typeof caseExportUseCases>;
let seeded: CaseRecord[] = [];
let sealedWithOfficial: CaseRecord;
const sent: string[] = [];

const asActor = (role: keyof typeof DEMO_USERS): Actor => ({
  sub: DEMO_USERS[role].sub,
  name: DEMO_USERS[role].name,
  roles: DEMO_USERS[role].roles,
});
const auditor = asActor('auditor');

function spyingOn(doc: DynamoDBDocumentClient): DynamoDBDocumentClient {
  return new Proxy(doc, {
    get(target, prop, receiver) {
      if (prop === 'send')
        return (command: object) => (sent.push(command.constructor.name), target.send(command as never));
      return Reflect.get(target, prop, receiver);
    },
  });
}

function sink() {
  const chunks: Buffer[] = [];
  const out = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(Buffer.from(chunk)), done()) });
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

beforeAll(async () => {
  table = await createTestTable('export');
  const doc = spyingOn(table.doc);
  repo = new CaseRepository(doc, table.tableName);
  exportLog = new ExportLog(doc, table.tableName);
  seeded = Array.from({ length: COUNT }, (_, i) => syntheticCase(i, { now: NOW, identityMarker: MARKER, seed: 13 }));
  for (const c of seeded)
    await repo.create({
      next: c,
      drafts: [
        {
          type: 'CASE_CREATED',
          at: c.createdAt,
          actor: { sub: 'seed', role: 'clerk' },
          data: { caseNumber: c.caseNumber },
        },
      ],
    });
  // An open sealed misconduct case whose history itself carries identity (an official added later).
  const target = seeded.find((c) => c.misconduct && c.stage !== 'closed')!;
  const current = (await repo.get(target.caseId))!;
  const added = await repo.commit(
    current,
    addOfficial(
      current,
      { name: `${MARKER}추가관련자`, department: `${MARKER}부서`, grade: `${MARKER}7급` },
      { sub: DEMO_USERS['team-lead'].sub, role: 'team-lead' },
      '2026-11-20T10:00:00+09:00',
    ),
  );
  sealedWithOfficial = added.case;
  const search = caseSearchUseCases({ search: new CaseSearch(doc, table.tableName), clock: () => NOW });
  exports = caseExportUseCases({ cases: repo, search, exportLog, clock: () => NOW });
}, 120_000);
afterAll(async () => table.drop());

async function searchExport(actor: Actor, format: ExportFormat, options: { maxRows?: number; cursor?: string } = {}) {
  const s = sink();
  const outcome = await exports.exportSearch(actor, {}, { format, out: s.out, via: 'cli', ...options });
  return { ...outcome, text: s.text() };
}

describe('exports', () => {
  it('leaves every sealed identity field out of search exports, CSV and JSON', async () => {
    sent.length = 0;
    expect(seeded.some((c) => c.sealed && c.misconduct)).toBe(true);
    expect(seeded.some((c) => c.grievance?.complainant)).toBe(true);
    for (const format of ['csv', 'json'] as const) {
      const { text, rowCount } = await searchExport(auditor, format);
      expect(rowCount).toBe(COUNT);
      expect(text).not.toContain(MARKER);
      expect(text).toContain(seeded[0]!.caseNumber);
    }
    expect(sent.filter((n) => n === 'ScanCommand')).toEqual([]);
  });

  it('writes a CSV that parses back to one row per case, and JSON that parses', async () => {
    const csv = await searchExport(auditor, 'csv');
    const rows = parse(csv.text, { bom: true }) as string[][];
    expect(rows[0]![0]).toBe('사건번호');
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(seeded.map((c) => c.caseNumber).sort());
    const json = JSON.parse((await searchExport(auditor, 'json')).text) as {
      rows: { caseId: string; title: string; sealed: boolean }[];
      rowCount: number;
    };
    expect(json.rowCount).toBe(COUNT);
    expect(json.rows.filter((r) => r.sealed).every((r) => r.title === '비공개 사건')).toBe(true);
  });

  it('leaves identity out of timeline exports of a sealed case, and records the export on its chain', async () => {
    const history = await repo.history(sealedWithOfficial.caseId);
    expect(JSON.stringify(history)).toContain(MARKER); // the stored history does hold it …
    for (const format of ['csv', 'json'] as const) {
      const s = sink();
      const outcome = await exports.exportTimeline(
        auditor,
        sealedWithOfficial.caseId,
        {},
        { format, out: s.out, via: 'api' },
      );
      expect(s.text()).not.toContain(MARKER); // … the export does not
      expect(s.text()).toContain('관련 공무원 추가');
      expect(outcome.rowCount).toBe(history.length + (format === 'json' ? 1 : 0));
    }
    const after = await repo.history(sealedWithOfficial.caseId);
    const exported = after.filter((e) => e.type === 'EXPORTED');
    expect(exported).toHaveLength(2);
    expect(exported[0]).toMatchObject({
      actor: { sub: auditor.sub, role: 'auditor' },
      data: { format: 'csv', rows: history.length },
    });
    expect(verifyChain(after, (await repo.get(sealedWithOfficial.caseId))!).ok).toBe(true);
  });

  it('records who exported what in the export log, listed by month', async () => {
    const records = await exportLog.listMonth('2026-11');
    const search = records.filter((r) => r.scope === 'search');
    expect(search.length).toBeGreaterThanOrEqual(4);
    expect(search.every((r) => r.status === 'completed' && r.rowCount === COUNT && r.actor.sub === auditor.sub)).toBe(
      true,
    );
    const timeline = records.filter((r) => r.scope === 'timeline');
    expect(timeline.map((r) => r.caseNumber)).toContain(sealedWithOfficial.caseNumber);
    await expect(exports.listExports(asActor('clerk'), '2026-11')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('stops a capped export with a cursor, and the next part continues without gaps or repeats', async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    let parts = 0;
    do {
      const part = await searchExport(auditor, 'json', { maxRows: 50, ...(cursor !== undefined && { cursor }) });
      const body = JSON.parse(part.text) as { rows: { caseId: string }[]; nextCursor?: string };
      expect(body.rows.length).toBeLessThanOrEqual(50);
      expect(body.nextCursor).toBe(part.nextCursor);
      ids.push(...body.rows.map((r) => r.caseId));
      cursor = part.nextCursor;
      parts += 1;
    } while (cursor && parts < 10);
    expect(parts).toBe(3);
    expect(ids).toHaveLength(COUNT);
    expect(new Set(ids).size).toBe(COUNT);
    const truncated = (await exportLog.listMonth('2026-11')).filter((r) => r.status === 'truncated');
    expect(truncated.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses exports to roles without the right, and an official concerned their own timeline', async () => {
    await expect(searchExport(asActor('member'), 'csv')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(searchExport(asActor('clerk'), 'csv')).rejects.toBeInstanceOf(ForbiddenError);
    const concerned: Actor = { sub: sealedWithOfficial.misconduct!.concernedSubs[0]!, roles: ['team-lead'] };
    await expect(
      exports.exportTimeline(concerned, sealedWithOfficial.caseId, {}, { format: 'csv', out: sink().out, via: 'api' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
