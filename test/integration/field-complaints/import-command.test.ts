/**
 * `npm run import` as an operator runs it (a child process) on a CSV export with bad rows, against
 * a table in DynamoDB Local: Korean progress and summary lines, each bad row by number, exit 1
 * while rows were reported; exit 2 for a file that is not an export. Then `npm run field-analysis`
 * prints the month's analysis from what was imported.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSample } from '../../../infra/ops/field-complaint-sample.ts';
import { createTestTable } from '../../support/test-table.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
let table: Awaited<ReturnType<typeof createTestTable>>;

beforeAll(async () => {
  table = await createTestTable('import-cli');
});
afterAll(async () => table?.drop());

const importFile = (file: string) =>
  run(process.execPath, ['--import', 'tsx', 'infra/ops/import.command.ts', file], {
    env: { ...process.env, TABLE_NAME: table.tableName },
  }).then(
    (out) => ({ code: 0, ...out }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

describe('npm run import', () => {
  it('imports a CSV export, prints Korean progress and the bad rows, and exits 1 while rows were reported', async () => {
    const csv = join(dir, 'export.csv');
    const tally = await writeSample(csv, { rows: 6000, badEvery: 1000, seed: 3 });
    const out = await importFile(csv);
    expect(out.code).toBe(1);
    // A line at every 5,000 rows read and one at the end.
    expect(
      out.stderr.match(/^ {2}[\d,]+행 읽음 · 신규 [\d,]+ · 변경 0 · 동일 0 · 오류 \d+ \([\d,]+행\/초\)$/gm),
    ).toHaveLength(2);
    expect(out.stdout).toContain(
      `완료: 6,000행 중 신규 ${tally.good.toLocaleString('ko-KR')}건, 변경 0건, 변경 없음 0건, 오류 ${tally.bad}행`,
    );
    for (const row of tally.badRows.keys()) expect(out.stdout).toMatch(new RegExp(`^  ${row}행`, 'm'));

    const again = await importFile(csv);
    expect(again.stdout).toContain(`변경 없음 ${tally.good.toLocaleString('ko-KR')}건`);

    const analysis = await run(
      process.execPath,
      ['--import', 'tsx', 'infra/ops/field-analysis.command.ts', '--month', '2026-03'],
      { env: { ...process.env, TABLE_NAME: table.tableName } },
    );
    expect(analysis.stdout).toContain('## 응답소 현장민원 월별 운영실태 분석 — 2026년 3월');
    expect(analysis.stdout).toMatch(/^\| 전체 \| \d{3} \| \d+ \| \d+ \| \d+ \| [\d.]+% \| [+-][\d.]+%p \|/m);
    expect(analysis.stdout).toContain('### 부서별');
  }, 180_000);

  it('refuses a file without the export’s header row, naming the missing columns (exit 2)', async () => {
    const csv = join(dir, 'other.csv');
    writeFileSync(csv, '이름,전화\n홍길동,010\n');
    const out = await importFile(csv);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(
      '머리글 행을 찾지 못했습니다: 응답소번호, 분야, 항목, 접수일시, 처리부서 열이 필요합니다',
    );
  }, 60_000);
});
