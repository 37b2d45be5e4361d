/**
 * Scheduled job (every 10 minutes, Asia/Seoul): the reconciler (shared/usecases/workflow-reconciler.ts)
 * delivers outbox intents the relay has not, and repairs or reports every open case whose stage,
 * open task and execution disagree. A case it could not repair fails the run, so the schedule's
 * retries and its dead-letter queue (and the alarm on it) make a person look.
 */
import { workflowReconcileJob } from '#shared/schedules/scheduled-jobs.ts';
import type { ReconcileReport, WorkflowReconciler } from '#shared/usecases/workflow-reconciler.ts';
import { jobHandler } from './job-handler.ts';
import { workflowMaintenanceDeps } from './workflow-maintenance-deps.ts';

export class CasesNeedAttentionError extends Error {
  override name = 'CasesNeedAttentionError';
}

export async function runWorkflowReconcile(reconciler: WorkflowReconciler): Promise<ReconcileReport> {
  const report = await reconciler.run();
  const unrepaired = report.findings.filter((f) => !f.repaired);
  if (unrepaired.length > 0) {
    throw new CasesNeedAttentionError(
      `${unrepaired.length} case(s) could not be reconciled: ${unrepaired.map((f) => `${f.caseNumber} (${f.problem})`).join('; ')}`,
    );
  }
  return report;
}

export const handler = jobHandler(workflowReconcileJob, async () =>
  runWorkflowReconcile(workflowMaintenanceDeps().reconciler),
);
