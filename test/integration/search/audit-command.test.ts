/**
 * `npm run audit` against DynamoDB Local as a child process: search prints cases, export streams a
 * CSV file (BOM, Korean headings, every case, no identity) and is on the export log, a committee
 * member is refused, bad arguments exit 2.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticCase } from '../../../bench/search-seed.ts';
import { DEMO_STAFF, DEMO_USERS } from '../../../infra/local/demo-data.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { ExportLog } from '#shared/store/export-log.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { createTestTable } from '../../support/test-table.ts';

const NOW = new Date('2026-11-25T03:00:00Z');
const MARKER = '명령행신원';
const COUNT = 40;
let table: Awaited<ReturnType<typeof createTestTable>>;

function audit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/ops/audit.command.ts', ...args], {
      env: { ...process.env, TABLE_NAME: table.tableName },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  table = await createTestTable('audit-cli');
  const staff = new StaffRepository(table.doc, table.tableName);
  for (const m of DEMO_STAFF) await staff.putIfAbsent(m);
  const repo = new CaseRepository(table.doc, table.tableName);
  for (let i = 0; i < COUNT; i++) {
    const c = syntheticCase(i, { now: NOW, identityMarker: MARKER, seed: 13 });
    await repo.create({
      next: c,
      drafts: [{ type: 'CASE_CREATED', at: c.createdAt, actor: { sub: 'seed', role: 'clerk' }, data: {} }],
    });
  }
}, 120_000);
afterAll(async () => table.drop());

describe('npm run audit', () => {
  it('exports every case to a CSV file with a progress bar, and records the export', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'audit-')), '사건.csv');
    const result = await audit(['export', '--format', 'csv', '--out', out, '--as', DEMO_USERS.auditor.sub]);
    expect(result.stderr).toContain('내보내기');
    expect(result.code).toBe(0);
    const bytes = await readFile(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString('utf8'), { bom: true }) as string[][];
    expect(rows[0]![0]).toBe('사건번호');
    expect(rows).toHaveLength(COUNT + 1);
    expect(bytes.toString('utf8')).not.toContain(MARKER);
    const log = await new ExportLog(table.doc, table.tableName).listMonth(
      new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 7),
    );
    expect(log).toEqual([
      expect.objectContaining({
        scope: 'search',
        via: 'cli',
        status: 'completed',
        rowCount: COUNT,
        actor: expect.objectContaining({ sub: DEMO_USERS.auditor.sub }),
      }),
    ]);
  }, 60_000);

  it('prints a page of search results and the next cursor', async () => {
    const result = await audit(['search', '--limit', '5', '--as', DEMO_USERS.auditor.sub]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('5건');
    expect(result.stdout).toContain('--cursor ');
  }, 60_000);

  it('refuses a committee member and a bad filter', async () => {
    const member = await audit(['search', '--as', DEMO_USERS.member.sub]);
    expect(member.code).toBe(1);
    expect(member.stderr).toContain('검색할 권한이 없습니다');
    const bad = await audit(['search', '--kind', 'nonsense', '--as', DEMO_USERS.auditor.sub]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--kind');
  }, 60_000);
});
