/**
 * Operator command: move every open case of a kind onto the current version of its workflow,
 * restarting each at the stage it stands, and record the move in each case's history.
 *
 *   npm run workflows -- move --kind external-referral --reason "절차 개정 v2 적용"
 *
 * Against the local system (default when TABLE_NAME is not set) it finds DynamoDB Local and the
 * local Step Functions service from the local settings; on AWS set TABLE_NAME, WORKFLOW_ARNS and
 * credentials as for the Lambda functions.
 */
import { parseArgs } from 'node:util';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { caseKindSchema } from '../../shared/kinds/registry.ts';
import { CaseRepository } from '../../shared/store/case-repository.ts';
import { createDocumentClient } from '../../shared/store/dynamo-client.ts';
import { TaskRepository } from '../../shared/store/task-repository.ts';
import { workflowOperations } from '../../shared/usecases/workflow-operations.ts';
import { stepFunctionsStarter } from '../../shared/workflow/case-workflows.ts';
import { WORKFLOWS, workflowForKind } from '../../workflows/registry.ts';
import { localSettings } from '../local/local-settings.ts';

const argsSchema = z.object({
  command: z.literal('move', {
    error: '명령은 move 입니다 (usage: npm run workflows -- move --kind <kind> --reason "...")',
  }),
  kind: caseKindSchema,
  reason: z.string().trim().min(1, '--reason: 이동 사유를 적으세요'),
  operator: z.string().default('operator:cli'),
});

const { values, positionals } = parseArgs({
  options: { kind: { type: 'string' }, reason: { type: 'string' }, operator: { type: 'string' } },
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
const operations = workflowOperations({
  cases: new CaseRepository(doc, tableName),
  tasks: new TaskRepository(doc, tableName),
  workflows: stepFunctionsStarter((c) => arns[workflowForKind(c.kind)]),
  tableName,
  progress: (done, caseNumber) => process.stderr.write(`\r  ${done}건 처리 (${caseNumber})   `),
});
console.log(`${args.kind} 사건을 워크플로 ${workflowForKind(args.kind)}(으)로 이동합니다…`);
const report = await operations.moveKind(args.kind, args.reason, args.operator);
console.log(
  `\n완료: 이동 ${report.moved}건, 이어서 완료 ${report.resumed}건, 종결되어 건너뜀 ${report.skippedClosed}건`,
);
