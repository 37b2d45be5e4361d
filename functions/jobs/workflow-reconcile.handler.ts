/**
 * Scheduled job (every 10 minutes, Asia/Seoul): the reconciler (shared/usecases/workflow-reconciler.ts)
 * delivers outbox intents the relay has not, and repairs or reports every open case whose stage,
 * open task and execution disagree. A case it could not repair fails the run, so the schedule's
 * retries and its dead-letter queue (and the alarm on it) make a person look.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { workflowReconcileJob } from '../../shared/schedules/scheduled-jobs.ts';
import type { ReconcileReport, WorkflowReconciler } from '../../shared/usecases/workflow-reconciler.ts';
import { JobInputError } from './deadline-reminders.handler.ts';
import { workflowMaintenanceDeps } from './workflow-maintenance-deps.ts';

export class CasesNeedAttentionError extends Error {
  override name = 'CasesNeedAttentionError';
}

export async function runWorkflowReconcile(event: unknown, reconciler: WorkflowReconciler): Promise<ReconcileReport> {
  const parsed = workflowReconcileJob.payloadSchema.safeParse(event);
  if (!parsed.success) {
    throw new JobInputError(
      `Invalid ${workflowReconcileJob.name} event: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ')}`,
    );
  }
  const report = await reconciler.run();
  const unrepaired = report.findings.filter((f) => !f.repaired);
  if (unrepaired.length > 0) {
    throw new CasesNeedAttentionError(
      `${unrepaired.length} case(s) could not be reconciled: ${unrepaired.map((f) => `${f.caseNumber} (${f.problem})`).join('; ')}`,
    );
  }
  return report;
}

export const handler = middy<unknown, ReconcileReport, Error, Context>().handler(async (event) =>
  runWorkflowReconcile(event, workflowMaintenanceDeps().reconciler),
);
