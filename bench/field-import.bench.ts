/**
 * Field-complaint import benchmark (issue 15: "a year (100k) imports in minutes; the monthly
 * analysis reads an index"). For each size in BENCH_FIELD_ROWS (default 100000,200000): writes a
 * 응답소-shaped XLSX export spread over twelve months (1 bad row in 1,000), imports it into a fresh
 * table in DynamoDB Local through the same use case and store as `npm run import`, imports it again
 * (every row unchanged), then times one month's analysis (a gsi2 query of the month plus the figures)
 * and the whole year's (twelve month queries plus the December ranking).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../infra/local/bootstrap-table.ts';
import { writeSample } from '../infra/ops/field-complaint-sample.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import { analyseMonth, analyseYear, rankDepartments } from '#shared/kinds/field-complaint/analysis.ts';
import { openExport } from '#shared/kinds/field-complaint/export-file.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { FieldComplaintStore } from '#shared/store/field-complaint-store.ts';
import { importFieldComplaints } from '#shared/usecases/field-complaint-import.ts';
import { progress, rssMiB } from './bench-utils.ts';

const SIZES = (process.env.BENCH_FIELD_ROWS ?? '100000,200000').split(',').map(Number);
const CONCURRENCY = Number(process.env.BENCH_FIELD_CONCURRENCY ?? 4);
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const AS_OF = '2027-01-05T09:00:00+09:00';

export async function runFieldImportBench(): Promise<void> {
  const calendar = createCalendar();
  const dir = mkdtempSync(join(tmpdir(), 'bench-field-'));
  try {
    for (const rows of SIZES) {
      const file = join(dir, `export-${rows}.xlsx`);
      let t0 = performance.now();
      const tally = await writeSample(file, { rows, from: '2026-01', months: 12, badEvery: 1000, seed: rows });
      const mib = statSync(file).size / (1024 * 1024);
      console.log(
        `\n${rows.toLocaleString()} rows: XLSX written in ${((performance.now() - t0) / 1000).toFixed(1)} s (${mib.toFixed(1)} MiB, ${tally.bad} bad rows)`,
      );

      const client = new DynamoDBClient({});
      const tableName = `bench-field-${randomUUID()}`;
      await ensureTable(client, tableName);
      const store = new FieldComplaintStore(createDocumentClient(client), tableName);

      for (const pass of ['first import', 're-import (unchanged)'] as const) {
        const show = progress(pass, rows);
        t0 = performance.now();
        const job = await importFieldComplaints(store, await openExport(file), {
          importId: randomUUID(),
          fileName: file,
          calendar,
          concurrency: CONCURRENCY,
          onProgress: (c) => show(c.read),
        });
        const s = (performance.now() - t0) / 1000;
        console.log(
          `  ${pass}: ${s.toFixed(1)} s, ${(rows / s).toFixed(0)} rows/s (created ${job.counts.created}, unchanged ${job.counts.unchanged}, failed ${job.counts.failed}; rss ${rssMiB().toFixed(0)} MiB)`,
        );
      }

      const busiest = MONTHS[6]!;
      t0 = performance.now();
      const monthRecords = await store.month(busiest);
      const read = performance.now() - t0;
      const analysis = analyseMonth(busiest, monthRecords, AS_OF);
      const total = performance.now() - t0;
      console.log(
        `  month analysis (${busiest}, ${monthRecords.length.toLocaleString()} records): ${total.toFixed(0)} ms (gsi2 read ${read.toFixed(0)} ms); delay rate ${(analysis.overall.delayRate * 100).toFixed(2)}%, avg ${analysis.overall.avgHours} h, p90 ${analysis.overall.p90Hours} h`,
      );

      t0 = performance.now();
      const year = (await Promise.all(MONTHS.map((m) => store.month(m)))).flat();
      const ranked = rankDepartments(analyseYear(year, AS_OF));
      console.log(
        `  year analysis + ranking (${year.length.toLocaleString()} records, 12 month queries): ${(performance.now() - t0).toFixed(0)} ms; 최우수 ${ranked[0]?.key} (${ranked[0]?.score})`,
      );
      client.destroy();
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
