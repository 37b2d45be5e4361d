/**
 * Wiring of the outbox relay and the reconciler: the stream-fed relay function, the scheduled
 * reconcile job, the local system's relay loop and `npm run workflows -- reconcile` all build them here.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { runtimeConfig } from '#shared/config/runtime-config.ts';
import type { CaseRecord } from '#shared/domain/case.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { documentClient } from '#shared/store/dynamo-client.ts';
import { OutboxStore } from '#shared/store/outbox-store.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { outboxRelay, type OutboxRelay } from '#shared/usecases/outbox-relay.ts';
import { workflowReconciler, type WorkflowReconciler } from '#shared/usecases/workflow-reconciler.ts';
import {
  stepFunctionsInspector,
  stepFunctionsSignaller,
  stepFunctionsStarter,
} from '#shared/workflow/case-workflows.ts';
import { workflowForKind } from '../../workflows/registry.ts';

export interface WorkflowMaintenance {
  outbox: OutboxStore;
  relay: OutboxRelay;
  reconciler: WorkflowReconciler;
}

export function createWorkflowMaintenance(options: {
  doc: DynamoDBDocumentClient;
  tableName: string;
  workflowArns: Record<string, string>;
  settleMs?: number;
  log?: (entry: Record<string, unknown>) => void;
  progress?: (checked: number, caseNumber: string) => void;
}): WorkflowMaintenance {
  const arnFor = (c: CaseRecord) => options.workflowArns[workflowForKind(c.kind)];
  const cases = new CaseRepository(options.doc, options.tableName);
  const tasks = new TaskRepository(options.doc, options.tableName);
  const outbox = new OutboxStore(options.doc, options.tableName);
  const workflows = stepFunctionsStarter(arnFor);
  const relay = outboxRelay({
    outbox,
    cases,
    tasks,
    workflows,
    signaller: stepFunctionsSignaller(),
    ...(options.log && { log: options.log }),
  });
  const reconciler = workflowReconciler({
    cases,
    tasks,
    outbox,
    relay,
    workflows,
    executions: stepFunctionsInspector(arnFor),
    ...(options.settleMs !== undefined && { settleMs: options.settleMs }),
    ...(options.log && { log: options.log }),
    ...(options.progress && { progress: options.progress }),
  });
  return { outbox, relay, reconciler };
}

let cached: WorkflowMaintenance | undefined;

export function workflowMaintenanceDeps(): WorkflowMaintenance {
  if (!cached) {
    const config = runtimeConfig();
    cached = createWorkflowMaintenance({
      doc: documentClient(),
      tableName: config.TABLE_NAME,
      workflowArns: config.WORKFLOW_ARNS,
    });
  }
  return cached;
}
