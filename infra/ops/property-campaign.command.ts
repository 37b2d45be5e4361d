/**
 * `npm run property-campaign -- --file registrants.csv [--year 2027] [--type yearly] [--as 최유진] [--api URL]`
 *
 * Starts a property-review campaign (재산등록 심사, one case per registration cycle) from a registrant
 * list (CSV with a header row, or JSON; registrant-file.ts) through the public HTTP API of the running
 * local system (`npm start` first), adding the registrants in batches of 100 with a progress bar,
 * then prints the campaign's case number and its tally. Every row is checked first; a bad file
 * starts nothing. Running it again with the same file continues the same campaign (the intake's
 * Idempotency-Key is the file's hash) and skips registrants already added.
 * Exit code 0 when every registrant is on the docket, 1 when the API refused something, 2 on bad
 * arguments or a bad file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import * as z from 'zod';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { REGISTRATION_TYPE_KEYS, REGISTRATION_TYPES } from '#shared/kinds/property-review/property-review-deadlines.ts';
import { DEMO_STAFF } from '../local/demo-data.ts';
import { connectToLocalSystem } from './local-connection.ts';
import { startPropertyCampaign, type Answer, type Call } from './property-campaign.ts';
import { readRegistrantFile, RegistrantFileError } from './registrant-file.ts';

const argsSchema = z.object({
  file: z.string().min(1),
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .default(Number(koreaDate(new Date()).slice(0, 4))),
  type: z.enum(REGISTRATION_TYPE_KEYS).default('yearly'),
  as: z.string().min(1).optional(),
  api: z.url().optional(),
});
const usage =
  'usage: npm run property-campaign -- --file registrants.csv [--year 2027] [--type yearly|initial|retirement] [--as 이름] [--api http://localhost:4000]';

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    year: { type: 'string' },
    type: { type: 'string' },
    as: { type: 'string' },
    api: { type: 'string' },
  },
});
const parsed = argsSchema.safeParse(values);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.') || 'args'}: ${issue.message}`);
  console.error(usage);
  process.exit(2);
}
const args = parsed.data;
if (!existsSync(args.file)) {
  console.error(`의무자 파일(${args.file})이 없습니다.`);
  process.exit(2);
}
const text = readFileSync(args.file, 'utf8');
let registrants: ReturnType<typeof readRegistrantFile>;
try {
  registrants = readRegistrantFile(text, extname(args.file).toLowerCase() === '.json' ? 'json' : 'csv', {
    year: args.year,
    registrationType: args.type,
  });
} catch (error) {
  if (!(error instanceof RegistrantFileError)) throw error;
  console.error(`의무자 파일에 문제가 있어 시작하지 않았습니다 (${error.problems.length}건):`);
  for (const p of error.problems.slice(0, 50)) console.error(`  ${p}`);
  process.exit(2);
}

const lead = DEMO_STAFF.find((m) =>
  args.as ? m.name === args.as || m.sub === args.as : m.team === 'investigation' && m.roles.includes('team-lead'),
);
if (!lead?.active) {
  console.error(`캠페인을 시작할 직원(${args.as ?? '조사팀장'})을 찾을 수 없습니다.`);
  process.exit(2);
}

const { apiUrl, issuer } = await connectToLocalSystem(args.api);
const token = await issuer.mint({ sub: lead.sub, email: lead.email, name: lead.name, roles: lead.roles });

const call: Call = async (_as, method, path, body, headers) => {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Answer };
};

const digest = createHash('sha256').update(text).digest('hex').slice(0, 24);
const label = `${args.year}년 ${REGISTRATION_TYPES[args.type].labelKo} 심사`;
console.log(`${label} (${lead.name}) — 의무자 ${registrants.length}명`);
const bar = new cliProgress.SingleBar(
  {
    format: '  의무자 등록 [{bar}] {value}/{total} ({percentage}%) · 추가 {added} · 이미 있음 {skipped}',
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 2000,
  },
  cliProgress.Presets.shades_classic,
);
bar.start(registrants.length, 0, { added: 0, skipped: 0 });
const started = await startPropertyCampaign(
  call,
  lead,
  {
    year: args.year,
    registrationType: args.type,
    title: label,
    registrants,
    idempotencyKey: `property-campaign-${args.year}-${args.type}-${digest}`,
  },
  (done, _total, added, skipped) => bar.update(done, { added, skipped }),
).catch((error: unknown) => {
  bar.stop();
  console.error(`API가 거부했습니다: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
bar.stop();
const t = started.tally;
console.log(
  `${started.caseNumber}: 의무자 ${t.total}명 — 신고 대기 ${t['awaiting-filing']}, 접수 ${t.received}, 심사 중 ${t['under-review']}, 보완명령 중 ${t['supplement-ordered']}, 완료 ${t.done} (이번에 추가 ${started.added}, 이미 있음 ${started.skipped})`,
);
console.log(`의무자 목록: GET ${apiUrl}/cases/${started.caseId}/registrants`);
process.exit(0);
