/**
 * A generated 응답소 export of 5,000 rows (with bad rows) imported into DynamoDB Local: the counts
 * equal the generator's tally, each bad row is reported by its row number, a re-import changes
 * nothing, an overlapping file with changed rows updates those records and logs the change, and
 * every record's delay flag matches the item table.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SampleTally, sampleRows, writeSample } from '../../../infra/ops/field-complaint-sample.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import type { FieldComplaintRecord } from '#shared/kinds/field-complaint/complaint-record.ts';
import { openExport } from '#shared/kinds/field-complaint/export-file.ts';
import { DEFAULT_FIELD_COMPLAINT_STANDARDS } from '#shared/kinds/field-complaint/standards.ts';
import { FieldComplaintStore } from '#shared/store/field-complaint-store.ts';
import { monthlyFieldReport, renderMonthlyMarkdown } from '#shared/usecases/field-complaint-analysis.ts';
import { type FieldImportCounts, importFieldComplaints } from '#shared/usecases/field-complaint-import.ts';
import { computeOfficeReport } from '#shared/usecases/office-report.ts';
import { KINDS } from '#shared/kinds/registry.ts';
import { createTestTable } from '../../support/test-table.ts';

const ROWS = 5000;
const SAMPLE = { rows: ROWS, from: '2026-01', months: 6, badEvery: 97, seed: 15 };
const calendar = createCalendar();
const dir = mkdtempSync(join(tmpdir(), 'field-import-'));
let table: Awaited<ReturnType<typeof createTestTable>>;
let store: FieldComplaintStore;
let tally: SampleTally;
const xlsx = join(dir, '응답소_현장민원_2026.xlsx');
let importCount = 0;

const run = async (path: string, progress?: FieldImportCounts[]) =>
  importFieldComplaints(store, await openExport(path), {
    importId: `import-${++importCount}`,
    fileName: path,
    calendar,
    onProgress: (c) => progress?.push(c),
  });

async function allRecords(): Promise<FieldComplaintRecord[]> {
  const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
  return (await Promise.all(months.map((m) => store.month(m)))).flat();
}

beforeAll(async () => {
  table = await createTestTable('field-import');
  store = new FieldComplaintStore(table.doc, table.tableName);
  tally = await writeSample(xlsx, SAMPLE);
}, 120_000);
afterAll(async () => table?.drop());

describe('응답소 export import', () => {
  it('imports every good row, reports every bad row by its row number, and says how far it got', async () => {
    const progress: FieldImportCounts[] = [];
    const job = await run(xlsx, progress);
    expect(tally.bad).toBeGreaterThan(40);
    expect(job.status).toBe('done');
    expect(job.counts).toEqual({ read: ROWS, created: tally.good, updated: 0, unchanged: 0, failed: tally.bad });
    expect(new Map(job.errors.map((e) => [e.row, e.reasonKo]))).toSatisfy(
      (reported: Map<number, string>) =>
        reported.size === tally.bad && [...tally.badRows.keys()].every((row) => reported.has(row)),
    );
    const duplicate = job.errors.find((e) => e.reasonKo.includes('이미 있습니다'));
    expect(duplicate?.reasonKo).toMatch(/같은 응답소 번호가 \d+행에 이미 있습니다/);
    expect(job.errors.some((e) => e.reasonKo.startsWith("접수일시 칸의 값 '2026-13-45 25:00'"))).toBe(true);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)?.created).toBe(tally.good);
    expect(await store.getJob(job.importId)).toMatchObject({ status: 'done', counts: job.counts });

    const records = await allRecords();
    expect(records).toHaveLength(tally.good);
    expect(records.filter((r) => !r.completedAt)).toHaveLength(tally.open);
  }, 120_000);

  it('gives every record the due time and delay flag of its item in the table', async () => {
    const records = await allRecords();
    const hoursOf = new Map(DEFAULT_FIELD_COMPLAINT_STANDARDS.items.map((i) => [i.item, i.hours]));
    let delayed = 0;
    for (const r of records) {
      const hours = hoursOf.get(r.item) ?? DEFAULT_FIELD_COMPLAINT_STANDARDS.fallback.hours;
      expect(r.standardHours).toBe(hours);
      expect(r.standardListed).toBe(hoursOf.has(r.item));
      const due = Date.parse(r.receivedAt) + hours * 3_600_000;
      expect(Date.parse(r.dueAt)).toBe(due);
      if (r.completedAt) {
        expect(r.delayed).toBe(Date.parse(r.completedAt) > due);
        if (r.delayed) delayed++;
      } else expect(r.delayed).toBeUndefined();
    }
    // The sample makes both kinds: a test where nothing is late (or everything) would prove little.
    expect(delayed).toBeGreaterThan(100);
    expect(delayed).toBeLessThan(records.length / 2);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await allRecords();
    const job = await run(xlsx);
    expect(job.counts).toEqual({ read: ROWS, created: 0, updated: 0, unchanged: tally.good, failed: tally.bad });
    expect(await allRecords()).toEqual(before);
    expect(await store.changesOf(before[0]!.number)).toEqual([]);
  }, 120_000);

  it('analyses a month from its index partition: counts and delays per department match the file', async () => {
    // The file's own rows, tallied here from the text the generator wrote (bad rows left out).
    const expected = new Map<string, { received: number; delayed: number }>();
    const hoursOf = new Map(DEFAULT_FIELD_COMPLAINT_STANDARDS.items.map((i) => [i.item, i.hours]));
    let row = 0;
    for (const cells of sampleRows(SAMPLE)) {
      row++;
      if (row === 1 || tally.badRows.has(row) || !cells[3]!.startsWith('2026-03')) continue;
      const t = (text: string) => Date.parse(`${text.replace(' ', 'T')}:00+09:00`);
      const due = t(cells[3]!) + (hoursOf.get(cells[2]!) ?? 24) * 3_600_000;
      const late = cells[6] ? t(cells[6]) > due : true; // open ones are long past due at asOf
      const e = expected.get(cells[4]!) ?? { received: 0, delayed: 0 };
      expected.set(cells[4]!, { received: e.received + 1, delayed: e.delayed + (late ? 1 : 0) });
    }
    const report = await monthlyFieldReport(store, '2026-03', '2026-08-01T09:00:00+09:00');
    expect(new Map(report.byDepartment.map((g) => [g.key, { received: g.received, delayed: g.delayed }]))).toEqual(
      expected,
    );
    expect(report.overall.received).toBe([...expected.values()].reduce((a, e) => a + e.received, 0));
    expect(report.overall.delayRateChangePts).toBeTypeOf('number');
    expect(report.ranking).toBeUndefined();
    expect(renderMonthlyMarkdown(report)).toContain('## 응답소 현장민원 월별 운영실태 분석 — 2026년 3월');
  });

  it('gives the office report the records received in its period, across months, with their figures', async () => {
    const from = '2026-02-20';
    const to = '2026-04-10';
    const records = await allRecords();
    const inPeriod = records.filter((r) => r.receivedAt.slice(0, 10) >= from && r.receivedAt.slice(0, 10) <= to);
    const stored = await store.receivedBetween(from, to);
    expect(stored.map((s) => s.record.number).sort()).toEqual(inPeriod.map((r) => r.number).sort());
    expect(stored.every((s) => s.version === 1)).toBe(true);

    const report = await computeOfficeReport(
      {
        cases: { receivedBetween: async function* () {} },
        fieldComplaints: store,
        kinds: KINDS,
        clock: () => new Date('2026-09-01T00:00:00Z'),
      },
      { from, to },
    );
    const table = report.tables.find((t) => t.id === 'field-complaints')!;
    const total = table.rows.find((r) => r.key === 'total')!.cells;
    const asOf = `${to}T23:59:59+09:00`;
    const delayed = inPeriod.filter((r) => (r.completedAt ? r.delayed : Date.parse(r.dueAt) < Date.parse(asOf)));
    expect(total).toMatchObject({
      received: inPeriod.length,
      completed: inPeriod.filter((r) => r.completedAt).length,
      delayed: delayed.length,
      delayRate: Math.round((delayed.length / inPeriod.length) * 1000) / 10,
    });
    const road = table.rows.find((r) => r.key === 'department:도로과')!.cells;
    expect(road.received).toBe(inPeriod.filter((r) => r.department === '도로과').length);
    expect(table.columns.find((c) => c.key === 'avgHours')!.unit).toBe('시간');
    expect(report.digest.tables['field-complaints']!.counted).toBe(inPeriod.length);
  });

  it('updates changed rows of an overlapping CSV export and keeps what changed in the record’s log', async () => {
    // The same rows from row 3,001 on, every 40th with a new result and completion time, then 300 new ones; in CSV.
    const lines: string[] = [];
    let row = 0;
    const changedNumbers: string[] = [];
    for (const cells of sampleRows(SAMPLE)) {
      row++;
      // Bad rows stay out: the generator spoils them only in the files it writes.
      if ((row > 1 && row <= 3000) || tally.badRows.has(row)) continue;
      if (row > 1 && row % 40 === 0 && cells[6]) {
        cells[6] = cells[6].replace(/:(\d)\d$/, ':$19');
        cells[7] = '재처리 완료';
        changedNumbers.push(cells[0]!);
      }
      lines.push(cells.join(','));
    }
    for (const cells of sampleRows({ ...SAMPLE, rows: 300, numberPrefix: 'NW' }))
      if (cells[0] !== '응답소번호') lines.push(cells.join(','));
    const csv = join(dir, 'overlap.csv');
    writeFileSync(csv, `\uFEFF${lines.join('\r\n')}\r\n`);
    const badInOverlap = [...tally.badRows.keys()].filter((r) => r > 3000).length;

    const first = await run(csv);
    const kept = ROWS - 2999 - badInOverlap;
    expect(first.counts).toEqual({
      read: kept + 300,
      created: 300,
      updated: changedNumbers.length,
      unchanged: kept - changedNumbers.length,
      failed: 0,
    });
    expect(changedNumbers.length).toBeGreaterThan(20);
    const number = changedNumbers[0]!;
    const log = await store.changesOf(number);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ importId: first.importId });
    expect(log[0]!.changes.result).toEqual([expect.any(String), '재처리 완료']);
    expect(Object.keys(log[0]!.changes).sort()).toEqual(['completedAt', 'result']);
    const stored = (await store.getMany([number])).get(number)!;
    expect(stored).toMatchObject({ version: 2, record: { result: '재처리 완료' } });

    const again = await run(csv);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: kept + 300, failed: 0 });
    expect(await store.changesOf(number)).toHaveLength(1);
  }, 120_000);
});
