/**
 * `npm run generate-year -- --year 2026 [--scale 1] [--seed 2026] [--concurrency 6] [--out generated-year-2026.json]`
 *
 * Creates a realistic year of cases through the public HTTP API of the running local system
 * (`npm start` first): every kind, every outcome, at the office's yearly volumes times --scale
 * (see year-generator.ts), with a progress bar, and writes the generator's own record (JSON: what
 * it created and the outcome it drove each case to). Staff sign in with the local user pool's key
 * (LOCAL_DATA_DIR/local-signing-key.json, the key the running system verifies with).
 * Exit code 1 when some case could not be taken to its planned outcome, 2 on bad arguments.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import * as z from 'zod';
import { connectToLocalSystem } from './local-connection.ts';
import { generateYear } from './year-generator.ts';

const argsSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  scale: z.coerce.number().gt(0).max(5).default(1),
  seed: z.coerce.number().int().optional(),
  concurrency: z.coerce.number().int().min(1).max(32).default(6),
  out: z.string().min(1).optional(),
  api: z.url().optional(),
  'field-complaint-share': z.coerce.number().min(0).max(1).optional(),
});

const { values } = parseArgs({
  options: {
    year: { type: 'string' },
    scale: { type: 'string' },
    seed: { type: 'string' },
    concurrency: { type: 'string' },
    out: { type: 'string' },
    api: { type: 'string' },
    'field-complaint-share': { type: 'string' },
  },
});
const parsed = argsSchema.safeParse(values);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.') || 'args'}: ${issue.message}`);
  console.error(
    'usage: npm run generate-year -- --year 2026 [--scale 1] [--seed N] [--concurrency 6] [--out file.json] [--api http://localhost:4000]',
  );
  process.exit(2);
}
const args = parsed.data;
const { apiUrl, issuer } = await connectToLocalSystem(args.api);

const bar = new cliProgress.SingleBar(
  {
    format:
      '  사건 생성 [{bar}] {value}/{total} ({percentage}%) · 종결 {closed} · 진행 {open} · 실패 {stuck} · 남은 시간 {eta_formatted}',
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 5000,
  },
  cliProgress.Presets.shades_classic,
);
let closed = 0;
let open = 0;
let stuck = 0;
let started = false;
const record = await generateYear({
  apiUrl,
  year: args.year,
  scale: args.scale,
  ...(args.seed !== undefined && { seed: args.seed }),
  ...(args['field-complaint-share'] !== undefined && { fieldComplaintShare: args['field-complaint-share'] }),
  concurrency: args.concurrency,
  tokenFor: (m) => issuer.mint({ sub: m.sub, email: m.email, name: m.name, roles: m.roles }),
  onCase: (done, total, c) => {
    if (!started) {
      bar.start(total, 0, { closed, open, stuck });
      started = true;
    }
    if (c.stuck) stuck += 1;
    else if (c.final?.stage === 'closed') closed += 1;
    else open += 1;
    bar.update(done, { closed, open, stuck });
  },
}).catch((error: unknown) => {
  bar.stop();
  console.error(`생성 실패: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
bar.stop();

const out = args.out ?? `generated-year-${args.year}.json`;
writeFileSync(out, `${JSON.stringify(record, null, 2)}\n`);
console.log(
  `생성 완료: 사건 ${record.summary.created.toLocaleString()}건 (종결 ${record.summary.closed}, 진행 ${record.summary.open}, 실패 ${record.summary.stuck}) — 기록: ${out}`,
);
for (const c of record.cases.filter((r) => r.stuck).slice(0, 20))
  console.log(`  실패  #${c.index} ${c.kind} ${c.caseNumber ?? ''}: ${c.stuck}`);
process.exit(record.summary.stuck === 0 ? 0 : 1);
