/**
 * Operator commands on the case workflows.
 *
 * move: move every open case of a kind onto the current version of its workflow, restarting each
 * at the stage it stands, and record the move in each case's history.
 *
 *   npm run workflows -- move --kind external-referral --reason "절차 개정 v2 적용"
 *
 * reconcile: deliver the outbox's pending intents and repair (or report) every open case whose
 * stage, open task and execution disagree — what the scheduled `workflow-reconcile` job does.
 * Exits with 1 when a case could not be repaired.
 *
 *   npm run workflows -- reconcile [--kind grievance] [--settle-seconds 120]
 *
 * Against the local system (default when TABLE_NAME is not set) it finds DynamoDB Local and the
 * local Step Functions service from the local settings; on AWS set TABLE_NAME, WORKFLOW_ARNS and
 * credentials as for the Lambda functions.
 */
import { parseArgs } from 'node:util';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { caseKindSchema } from '#shared/kinds/registry.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { workflowOperations } from '#shared/usecases/workflow-operations.ts';
import { stepFunctionsStarter } from '#shared/workflow/case-workflows.ts';
import { WORKFLOWS, workflowForKind } from '../../workflows/registry.ts';
import { localSettings } from '../local/local-settings.ts';
import { createWorkflowMaintenance } from '../../functions/jobs/workflow-maintenance-deps.ts';

const USAGE =
  '명령은 move 또는 reconcile 입니다 (usage: npm run workflows -- move --kind <kind> --reason "..." | reconcile [--kind <kind>] [--settle-seconds <n>])';
const argsSchema = z.discriminatedUnion(
  'command',
  [
    z.object({
      command: z.literal('move'),
      kind: caseKindSchema,
      reason: z.string().trim().min(1, '--reason: 이동 사유를 적으세요'),
      operator: z.string().default('operator:cli'),
    }),
    z.object({
      command: z.literal('reconcile'),
      kind: caseKindSchema.optional(),
      'settle-seconds': z.coerce.number().int().min(0, '--settle-seconds: 0 이상의 정수여야 합니다').default(120),
    }),
  ],
  { error: USAGE },
);

const { values, positionals } = parseArgs({
  options: {
    kind: { type: 'string' },
    reason: { type: 'string' },
    operator: { type: 'string' },
    'settle-seconds': { type: 'string' },
  },
  allowPositionals: true,
});
const parsed = argsSchema.safeParse({ command: positionals[0], ...values });
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.') || 'command'}: ${issue.message}`);
  process.exit(2);
}
const args = parsed.data;

if (!process.env.TABLE_NAME) {
  const local = localSettings();
  Object.assign(process.env, {
    TABLE_NAME: local.TABLE_NAME,
    AWS_ENDPOINT_URL_DYNAMODB: local.LOCAL_DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${local.LOCAL_DYNAMODB_PORT}`,
    AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${local.LOCAL_SFN_PORT}`,
    AWS_REGION: local.AWS_REGION,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
  });
  const listed = await new SFNClient({}).send(new ListStateMachinesCommand({}));
  const arns = Object.fromEntries(
    (listed.stateMachines ?? []).filter((m) => m.name && m.name in WORKFLOWS).map((m) => [m.name!, m.stateMachineArn!]),
  );
  process.env.WORKFLOW_ARNS = JSON.stringify(arns);
}
const tableName = process.env.TABLE_NAME!;
const arns = z.record(z.string(), z.string()).parse(JSON.parse(process.env.WORKFLOW_ARNS ?? '{}'));
const doc = createDocumentClient();
if (args.command === 'reconcile') {
  const { reconciler } = createWorkflowMaintenance({
    doc,
    tableName,
    workflowArns: arns,
    settleMs: args['settle-seconds'] * 1000,
    log: () => undefined,
    progress: (checked, caseNumber) => process.stderr.write(`\r  ${checked}건 점검 (${caseNumber})   `),
  });
  console.log(
    `업무흐름 정합성 점검 (${args.kind ?? '모든 유형'}, 최근 ${args['settle-seconds']}초 내 변경 건은 제외)…`,
  );
  const report = await reconciler.run(args.kind ? { kinds: [args.kind] } : {});
  const unrepaired = report.findings.filter((f) => !f.repaired);
  console.log(
    `\n점검 ${report.checked}건: 정상 ${report.consistent}건, 진행 중이라 건너뜀 ${report.settling}건, 조치 ${report.findings.length - unrepaired.length}건, 조치 못함 ${unrepaired.length}건`,
  );
  console.log(
    `outbox: 미전달 요청 ${report.outbox.tried}건 중 전달 ${report.outbox.delivered}건, 재시도 대기 ${report.outbox.retrying}건, 전달 실패 ${report.outbox.dead}건`,
  );
  for (const f of report.findings)
    console.log(`  ${f.repaired ? '조치' : '조치 못함'}  ${f.caseNumber}  [${f.stage}]  ${f.problem} → ${f.action}`);
  console.log(
    `RECONCILE ${JSON.stringify({ ...report, findings: report.findings.length, unrepaired: unrepaired.length })}`,
  );
  process.exit(unrepaired.length > 0 ? 1 : 0);
}
const operations = workflowOperations({
  cases: new CaseRepository(doc, tableName),
  tasks: new TaskRepository(doc, tableName),
  workflows: stepFunctionsStarter((c) => arns[workflowForKind(c.kind)]),
  progress: (done, caseNumber) => process.stderr.write(`\r  ${done}건 처리 (${caseNumber})   `),
});
console.log(`${args.kind} 사건을 워크플로 ${workflowForKind(args.kind)}(으)로 이동합니다…`);
const report = await operations.moveKind(args.kind, args.reason, args.operator);
console.log(
  `\n완료: 이동 ${report.moved}건, 이어서 완료 ${report.resumed}건, 종결되어 건너뜀 ${report.skippedClosed}건`,
);
