/**
 * Prints the monthly AWS bill by service at the office's volumes (infra/ops/cost-model.ts).
 *
 *   npm run cost
 *   npm run cost -- --cases-per-month 10000 [--complaints-per-month 8333] [--staff 40] [--json]
 */
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { DEFAULT_VOLUMES, monthlyCost, PRICES_CHECKED } from './cost-model.ts';

const argsSchema = z.object({
  'cases-per-month': z.coerce.number().int().min(0).default(DEFAULT_VOLUMES.casesPerMonth),
  'complaints-per-month': z.coerce.number().int().min(0).default(DEFAULT_VOLUMES.fieldComplaintsPerMonth),
  staff: z.coerce.number().int().min(1).default(DEFAULT_VOLUMES.staff),
  json: z.boolean().default(false),
});

const { values } = parseArgs({
  options: {
    'cases-per-month': { type: 'string' },
    'complaints-per-month': { type: 'string' },
    staff: { type: 'string' },
    json: { type: 'boolean' },
  },
});
const parsed = argsSchema.safeParse(values);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
  console.error('usage: npm run cost -- [--cases-per-month N] [--complaints-per-month N] [--staff N] [--json]');
  process.exit(2);
}
const args = parsed.data;
const volumes = {
  ...DEFAULT_VOLUMES,
  casesPerMonth: args['cases-per-month'],
  fieldComplaintsPerMonth: args['complaints-per-month'],
  staff: args.staff,
};
const { lines, totalUsd } = monthlyCost(volumes);
if (args.json) {
  console.log(JSON.stringify({ volumes, lines, totalUsd, pricesChecked: PRICES_CHECKED }, null, 2));
} else {
  console.log(
    `월 예상 비용 (서울 리전, USD) — 사건 ${volumes.casesPerMonth.toLocaleString()}건/월, 현장 민원 ${volumes.fieldComplaintsPerMonth.toLocaleString()}건/월, 직원 ${volumes.staff}명`,
  );
  const width = Math.max(...lines.map((l) => l.service.length));
  for (const line of lines)
    console.log(`  ${line.service.padEnd(width)}  ${`$${line.usd.toFixed(2)}`.padStart(9)}  ${line.usage}`);
  console.log(`  ${'합계 (total)'.padEnd(width)}  ${`$${totalUsd.toFixed(2)}`.padStart(9)}`);
  console.log(`단가 기준: ${PRICES_CHECKED}. 배포 전에 AWS 요금표로 단가를 확인하십시오.`);
}
