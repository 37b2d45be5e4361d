/**
 * `npm run report` as an operator runs it (a child process), against a table in DynamoDB Local:
 * the report for the period in Markdown / HTML / JSON, written to --out with a progress bar on
 * stderr, counting only the cases received in the period; exit 2 on bad arguments.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KINDS } from '#shared/kinds/registry.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF, DEMO_USERS } from '../../../infra/local/demo-data.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { createTestTable } from '../../support/test-table.ts';

const run = promisify(execFile);
let table: Awaited<ReturnType<typeof createTestTable>>;
const dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
const u = DEMO_USERS['team-lead'];
const lead: Actor = { sub: u.sub, name: u.name, email: u.email, roles: u.roles };

beforeAll(async () => {
  table = await createTestTable('report-cli');
  const staff = new StaffRepository(table.doc, table.tableName);
  for (const m of DEMO_STAFF) await staff.putIfAbsent(m);
  const cases = caseUseCases({
    cases: new CaseRepository(table.doc, table.tableName),
    staff,
    idempotency: new IdempotencyStore(table.doc, table.tableName),
    // The cases are registered as if on 15 January 2027, so none of them is in the future.
    clock: () => new Date('2027-01-15T09:00:00+09:00'),
  });
  const intake = (
    kind: 'daily-audit' | 'grievance' | 'whistleblower-report',
    receivedAt: string,
    extra: Record<string, unknown> = {},
  ) => cases.createCase(lead, { kind, title: `${kind} 비밀제목`, receivedAt, ...extra });
  await intake('daily-audit', '2026-03-02T10:00:00+09:00');
  await intake('daily-audit', '2026-12-31T23:59:00+09:00');
  await intake('daily-audit', '2027-01-01T00:00:00+09:00'); // after the period
  await intake('grievance', '2026-05-11T09:30:00+09:00', { channel: '방문' });
  await intake('whistleblower-report', '2026-06-01T09:30:00+09:00');
});
afterAll(async () => table.drop());

async function report(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const out = await run(process.execPath, ['--import', 'tsx', 'infra/ops/report.command.ts', ...args], {
      env: { ...process.env, TABLE_NAME: table.tableName },
      timeout: 90_000,
    });
    return { code: 0, ...out };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run report', () => {
  it('writes the Markdown report for the period, with a progress bar while reading', { timeout: 120_000 }, async () => {
    const out = join(dir, 'report.md');
    const res = await report('--from', '2026-01-01', '--to', '2026-12-31', '--format', 'md', '--out', out);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toContain('보고서 작성');
    expect(res.stderr).toContain(`종류 ${KINDS.kinds.length}/${KINDS.kinds.length}`);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('# 감사담당관 주요업무 추진실적 (2026-01-01 ~ 2026-12-31)');
    expect(md).toContain('| 일상감사 | 2건 | 0건 | 2건 |');
    expect(md).toContain('| 전화·방문 | 1건 | 0건 | 1건 |');
    expect(md).toContain('| 공익신고 | 1건 | 0건 | 1건 |');
    expect(md).toContain('집계 사건: 4건');
    expect(md).not.toContain('비밀제목');
  });

  it('prints HTML or JSON to stdout, and exits 2 on bad arguments', { timeout: 120_000 }, async () => {
    const html = await report('--from', '2026-01-01', '--to', '2026-12-31', '--format', 'html');
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    const json = await report('--from', '2027-01-01', '--to', '2027-01-31', '--format', 'json');
    expect(JSON.parse(json.stdout).digest.caseCount).toBe(1);
    const bad = await report('--from', '2026-12-31', '--to', '2026-01-01');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--to');
  });
});
