/**
 * `npm run field-analysis -- --month 2026-03 [--format md|json]`
 *
 * 응답소 현장민원 월별 운영실태 분석 for the month (and, for December, the year's department ranking),
 * read from the month's index partitions, printed as Korean Markdown or JSON. Against the local system
 * by default; on AWS set TABLE_NAME. Exit code 2 on bad arguments.
 */
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { koreaIso } from '#shared/kinds/field-complaint/standards.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { FieldComplaintStore } from '#shared/store/field-complaint-store.ts';
import { monthlyFieldReport, renderMonthlyMarkdown } from '#shared/usecases/field-complaint-analysis.ts';
import { commandTable } from './command-table.ts';

const argsSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '--month는 YYYY-MM 형식이어야 합니다'),
  format: z.enum(['md', 'json']).default('md'),
});
const { values } = parseArgs({ options: { month: { type: 'string' }, format: { type: 'string' } } });
const parsed = argsSchema.safeParse(values);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.') || 'args'}: ${issue.message}`);
  console.error('usage: npm run field-analysis -- --month YYYY-MM [--format md|json]');
  process.exit(2);
}
const { tableName } = commandTable();
const store = new FieldComplaintStore(createDocumentClient(), tableName);
const report = await monthlyFieldReport(store, parsed.data.month, koreaIso(Date.now()));
console.log(parsed.data.format === 'json' ? JSON.stringify(report, null, 2) : renderMonthlyMarkdown(report));
