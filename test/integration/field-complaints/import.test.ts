/**
 * A generated 응답소 export of 5,000 rows (with bad rows) imported into DynamoDB Local: the counts
 * equal the generator's tally, each bad row is reported by its row number, a re-import changes
 * nothing, an overlapping file with changed rows updates those records and logs the change, and
 * every record's delay flag matches the item table.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SampleTally, writeSample } from '../../../infra/ops/field-complaint-sample.ts';
import { createCalendar } from '../../../shared/calendar/index.ts';
import type { FieldComplaintRecord } from '../../../shared/kinds/field-complaint/complaint-record.ts';
import { openExport } from '../../../shared/kinds/field-complaint/export-file.ts';
import { DEFAULT_FIELD_COMPLAINT_STANDARDS } from '../../../shared/kinds/field-complaint/standards.ts';
import { FieldComplaintStore } from '../../../shared/store/field-complaint-store.ts';
import { type FieldImportCounts, importFieldComplaints } from '../../../shared/usecases/field-complaint-import.ts';
import { createTestTable } from '../../support/test-table.ts';

const ROWS = 5000;
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
  tally = await writeSample(xlsx, { rows: ROWS, from: '2026-01', months: 6, badEvery: 97, seed: 15 });
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

  it('updates changed rows of an overlapping CSV export and keeps what changed in the record’s log', async () => {
    // The same numbers from row 4,000 on (same seed: same content), then 500 new ones; in CSV.
    const csv = join(dir, 'overlap.csv');
    const overlap = await writeSample(csv, { rows: ROWS + 500, from: '2026-01', months: 6, badEvery: 97, seed: 15 });
    expect(overlap.good).toBeGreaterThan(tally.good);
    const first = await run(csv);
    // Rows are spread over a longer span, so receipt times move: every row already stored changes.
    expect(first.counts.failed).toBe(overlap.bad);
    expect(first.counts.created + first.counts.updated + first.counts.unchanged).toBe(overlap.good);
    expect(first.counts.updated).toBeGreaterThan(0);
    const changed = (await allRecords()).find((r) => r.number === 'SL000000010');
    const log = await store.changesOf('SL000000010');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ importId: first.importId, row: 11 });
    expect(Object.keys(log[0]!.changes)).toContain('receivedAt');
    expect(log[0]!.changes.receivedAt![1]).toBe(changed?.receivedAt);

    const again = await run(csv);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: overlap.good, failed: overlap.bad });
    expect(await store.changesOf('SL000000010')).toHaveLength(1);
  }, 120_000);
});
