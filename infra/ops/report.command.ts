/**
 * `npm run report -- --from 2026-01-01 --to 2026-12-31 [--format md|html|json] [--out report.md]`
 *
 * The office's work report (part Ⅱ tables, plus processing days and on-time rates) for the cases
 * received in the period, read kind by kind through the kind index with a progress bar (stderr),
 * written to --out or printed. Against the local system by default (DynamoDB Local from the local
 * settings, as `npm run verify`); on AWS set TABLE_NAME and credentials as for the Lambda functions.
 * Exit code 2 on bad arguments.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import * as z from 'zod';
import { isoDateSchema } from '#shared/domain/case.ts';
import { renderHtml } from '#shared/reports/report-html.ts';
import { renderMarkdown } from '#shared/reports/report-markdown.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { CommitteeRepository } from '#shared/store/committee-repository.ts';
import { FieldComplaintStore } from '#shared/store/field-complaint-store.ts';
import { committeeMeetingSource, computeOfficeReport } from '#shared/usecases/office-report.ts';
import { commandTable } from './command-table.ts';

const argsSchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    format: z.enum(['md', 'html', 'json']).default('md'),
    out: z.string().min(1).optional(),
  })
  .refine((a) => a.from <= a.to, { message: '--to는 --from보다 앞설 수 없습니다', path: ['to'] });

const { values } = parseArgs({
  options: { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
});
const parsed = argsSchema.safeParse(values);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.') || 'args'}: ${issue.message}`);
  console.error('usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--format md|html|json] [--out file]');
  process.exit(2);
}
const args = parsed.data;

const { tableName } = commandTable();
const doc = createDocumentClient();
const cases = new CaseRepository(doc, tableName);
const meetings = committeeMeetingSource(new CommitteeRepository(doc, tableName));

const bar = new cliProgress.SingleBar(
  {
    format: '  사건 읽는 중 [{bar}] 종류 {value}/{total} · {cases}건 · {kind}',
    stream: process.stderr,
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 1000,
  },
  cliProgress.Presets.shades_classic,
);
let read = 0;
bar.start(15, 0, { cases: 0, kind: '' });
const report = await computeOfficeReport(
  { cases, meetings, fieldComplaints: new FieldComplaintStore(doc, tableName) },
  { from: args.from, to: args.to },
  {
    onProgress: (p) => {
      read += p.count;
      bar.setTotal(p.kindsTotal);
      bar.update(p.kindsDone, { cases: read.toLocaleString(), kind: p.kind });
    },
  },
);
bar.stop();

const text =
  args.format === 'md'
    ? renderMarkdown(report)
    : args.format === 'html'
      ? renderHtml(report)
      : `${JSON.stringify(report, null, 2)}\n`;
if (args.out) {
  writeFileSync(args.out, text);
  console.error(
    `보고서 작성: ${args.out} (사건 ${report.digest.caseCount.toLocaleString()}건, 데이터 해시 ${report.digest.dataHash})`,
  );
} else {
  process.stdout.write(text);
}
if (report.omittedKo.length) for (const note of report.omittedKo) console.error(`  참고: ${note}`);
