/**
 * Operator / auditor command: verify the hash chain of one case or of every case, and report the
 * first broken link of each broken case. Exit code 1 when anything is broken, 2 on bad arguments.
 *
 *   npm run verify -- --case 2026-조사-0042        (a case number or a case id)
 *   npm run verify -- --all [--concurrency 16] [--json]
 *
 * Against the local system (default when TABLE_NAME is not set) it finds DynamoDB Local from the
 * local settings; on AWS set TABLE_NAME and credentials as for the Lambda functions.
 *
 * Each chain is also compared with the latest anchor kept outside the table (the local anchor file,
 * or ANCHOR_BUCKET on AWS): a history rewritten with every later hash and the case's tip recomputed
 * is consistent in itself and is reported as `anchor-mismatch`, with the anchor's time.
 */
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { CASE_KINDS } from '#shared/kinds/registry.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { anchorStoreFromEnv } from '#shared/anchor/anchor-store.ts';
import { latestAnchorForVerification } from '#shared/anchor/chain-anchor.ts';
import { formatKoreanDateTime } from '#shared/domain/korea-time.ts';
import { verifyAllCases, verifyCaseChain, type CaseVerification } from '#shared/usecases/chain-verification.ts';
import { commandTable } from './command-table.ts';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

const argsSchema = z
  .object({
    case: z.string().trim().min(1).optional(),
    all: z.boolean().default(false),
    concurrency: z.coerce.number().int().min(1).max(64).default(16),
    json: z.boolean().default(false),
  })
  .refine((a) => (a.case !== undefined) !== a.all, {
    message: '--case <사건번호|caseId> 또는 --all 중 하나를 주세요',
    path: ['case'],
  });

const { values } = parseArgs({
  options: {
    case: { type: 'string' },
    all: { type: 'boolean' },
    concurrency: { type: 'string' },
    json: { type: 'boolean' },
  },
});
const parsed = argsSchema.safeParse(values);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.') || 'args'}: ${issue.message}`);
  console.error('usage: npm run verify -- --case <사건번호|caseId> | --all [--concurrency 16] [--json]');
  process.exit(2);
}
const args = parsed.data;

const { tableName } = commandTable();
const cases = new CaseRepository(createDocumentClient(), tableName);
const anchors = anchorStoreFromEnv();
const anchor = anchors === undefined ? undefined : await latestAnchorForVerification(anchors);
if (!args.json) {
  console.error(
    anchors === undefined || anchor === undefined
      ? '앵커 저장소가 설정되지 않아 체인 자체만 검증합니다 (ANCHOR_BUCKET 또는 ANCHOR_FILE).'
      : anchor === null
        ? `앵커가 아직 없습니다 (${anchors.location}); 체인 자체만 검증합니다.`
        : 'untrusted' in anchor
          ? `앵커를 신뢰할 수 없습니다: ${anchor.untrusted} — 모든 사건이 손상으로 보고됩니다.`
          : `앵커: ${formatKoreanDateTime(new Date(anchor.takenAt))} (사건 ${anchor.caseCount.toLocaleString()}건, 루트 ${anchor.merkleRoot.slice(0, 12)}…, 서명 ${anchor.signature ? anchor.signature.keyId : '없음'}, ${anchors.location})`,
  );
}

const line = (r: CaseVerification) =>
  r.ok
    ? `  정상  ${r.caseNumber}  이벤트 ${r.checked}건`
    : `  손상  ${r.caseNumber} (${r.caseId})  ${r.messageKo ?? ''}`;

if (args.case !== undefined) {
  const found = ULID.test(args.case) ? await cases.get(args.case) : await cases.findByCaseNumber(args.case);
  if (!found) {
    console.error(`사건을 찾을 수 없습니다: ${args.case}`);
    process.exit(2);
  }
  const result = await verifyCaseChain(cases, found, anchor);
  console.log(args.json ? JSON.stringify(result, null, 2) : line(result));
  process.exit(result.ok ? 0 : 1);
}

const total = (await Promise.all(CASE_KINDS.map((k) => cases.countByKind(k)))).reduce((a, b) => a + b, 0);
const bar = progressBar(total);
const summary = await verifyAllCases(cases, { concurrency: args.concurrency, onCase: (_r, done) => bar(done), anchor });
bar(summary.checkedCases, true);
if (args.json) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  console.log(
    `검증 완료: 사건 ${summary.checkedCases.toLocaleString()}건, 이벤트 ${summary.checkedEvents.toLocaleString()}건, 손상 ${summary.broken.length}건 (${(summary.millis / 1000).toFixed(1)}초)`,
  );
  for (const broken of summary.broken) console.log(line(broken));
}
process.exit(summary.broken.length === 0 ? 0 : 1);

/** `[████████░░░░] 1,234/2,000 (61%, 812건/s)` on stderr, redrawn in place on a terminal. */
function progressBar(of: number): (done: number, final?: boolean) => void {
  const started = performance.now();
  let lastPct = -1;
  return (done, final = false) => {
    const pct = of === 0 ? 100 : Math.min(100, Math.floor((done / of) * 100));
    if (!final && (pct === lastPct || (!process.stderr.isTTY && pct < lastPct + 10))) return;
    lastPct = pct;
    const filled = Math.round(pct / 5);
    const rate = done / Math.max(0.001, (performance.now() - started) / 1000);
    const text = `  [${'█'.repeat(filled)}${'░'.repeat(20 - filled)}] ${done.toLocaleString()}/${of.toLocaleString()} (${pct}%, ${rate.toFixed(0)}건/s)`;
    process.stderr.write(process.stderr.isTTY ? `\r${text}${final ? '\n' : ''}` : `${text}\n`);
  };
}
