/**
 * `npm run import -- <file.xlsx|file.csv> [--by 이름]`
 *
 * Imports a 응답소 현장민원 export into field-complaint records (idempotent by 응답소 number; see
 * shared/usecases/field-complaint-import.ts), printing Korean progress lines on stderr and a summary
 * with the first reported rows. Against the local system by default; on AWS set TABLE_NAME.
 * Exit code 0 when every row imported, 1 when some rows were reported, 2 on bad arguments or a
 * file that is not an export.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { ulid } from 'ulid';
import { createCalendar } from '#shared/calendar/index.ts';
import { ExportFileError, formatOf, openExport } from '#shared/kinds/field-complaint/export-file.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { FieldComplaintStore } from '#shared/store/field-complaint-store.ts';
import { type FieldImportCounts, importFieldComplaints } from '#shared/usecases/field-complaint-import.ts';
import { commandTable } from './command-table.ts';

const USAGE = 'usage: npm run import -- <응답소 export .xlsx|.csv> [--by 이름]';
const { values, positionals } = parseArgs({ options: { by: { type: 'string' } }, allowPositionals: true });
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error(USAGE);
  process.exit(2);
}
if (!existsSync(file)) {
  console.error(`파일이 없습니다: ${file}`);
  process.exit(2);
}

const n = (v: number) => v.toLocaleString('ko-KR');
const line = (c: FieldImportCounts, rate: number) =>
  `  ${n(c.read)}행 읽음 · 신규 ${n(c.created)} · 변경 ${n(c.updated)} · 동일 ${n(c.unchanged)} · 오류 ${n(c.failed)} (${n(Math.round(rate))}행/초)`;

try {
  const opened = await openExport(file, formatOf(file));
  const { tableName } = commandTable();
  const store = new FieldComplaintStore(createDocumentClient(), tableName);
  const importId = ulid();
  console.error(`응답소 현장민원 가져오기 ${basename(file)} (머리글 ${opened.headerRow}행, 가져오기 번호 ${importId})`);
  const started = performance.now();
  let lastShown = 0;
  const job = await importFieldComplaints(store, opened, {
    importId,
    fileName: basename(file),
    ...(values.by ? { byName: values.by } : {}),
    calendar: createCalendar(),
    onProgress: (c) => {
      if (c.read - lastShown < 5000) return;
      lastShown = c.read;
      console.error(line(c, c.read / ((performance.now() - started) / 1000)));
    },
  });
  const seconds = (performance.now() - started) / 1000;
  console.error(line(job.counts, job.counts.read / seconds));
  console.log(
    `완료: ${n(job.counts.read)}행 중 신규 ${n(job.counts.created)}건, 변경 ${n(job.counts.updated)}건, 변경 없음 ${n(job.counts.unchanged)}건, 오류 ${n(job.counts.failed)}행 (${seconds.toFixed(1)}초)`,
  );
  for (const error of job.errors.slice(0, 20))
    console.log(`  ${error.row}행${error.number ? ` (${error.number})` : ''}: ${error.reasonKo}`);
  if (job.counts.failed > 20)
    console.log(`  … 외 ${n(job.counts.failed - 20)}행 (가져오기 번호 ${importId}의 상태에 처음 500행까지)`);
  process.exit(job.counts.failed > 0 ? 1 : 0);
} catch (error) {
  if (error instanceof ExportFileError) {
    console.error(error.messageKo);
    process.exit(2);
  }
  throw error;
}
