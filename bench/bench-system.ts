/**
 * The local system a workflow bench drives: its own table on the shared DynamoDB Local, seeded with the demo
 * staff, and a starter that starts each kind's workflow on the local Step Functions service.
 */
import { randomUUID } from 'node:crypto';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { stepFunctionsStarter } from '#shared/workflow/case-workflows.ts';
import { freePort } from '../infra/local/dynamodb-local.ts';
import { startLocalSystem } from '../infra/local/local-system.ts';
import { workflowForKind } from '../workflows/registry.ts';

export async function startBenchSystem(name: string) {
  const tableName = `bench-${name}-${randomUUID()}`;
  const system = await startLocalSystem({
    tableName,
    apiPort: await freePort(),
    dynamoEndpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB!,
    seed: true,
  });
  const arns = JSON.parse(process.env.WORKFLOW_ARNS ?? '{}') as Record<string, string>;
  return {
    tableName,
    system,
    doc: createDocumentClient(),
    workflows: stepFunctionsStarter((c) => arns[workflowForKind(c.kind)]),
  };
}
