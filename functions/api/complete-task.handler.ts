/**
 * POST /cases/{caseId}/tasks/{taskId}/complete — a person's decision on their task. The form is
 * checked per decision (a return needs reasons, an assignment a person), committed with the case
 * history, then handed to the workflow.
 */
import { decisionFormSchema } from '#shared/kinds/registry.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { BUSINESS_METRICS, countBusinessMetric } from '#shared/observability/powertools.ts';
import { apiRoute } from './routes.ts';
import { caseView, replayHeaders, taskView } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { taskParams } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeTaskUseCases } from '../wiring/task-usecases.ts';
import { taskSignaller } from '../wiring/workflows.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ tasks: composeTaskUseCases(taskSignaller()), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('complete-task'),
  { params: taskParams, body: decisionFormSchema, metrics: true },
  async ({ actor, params, body, idempotent }) => {
    const { tasks, baseUrl } = deps();
    const outcome = await tasks.completeTask(
      actor,
      params.caseId,
      params.taskId,
      body,
      idempotent({ ...params, body }),
    );
    const { result } = outcome;
    if (!outcome.replayed) countBusinessMetric(BUSINESS_METRICS.taskCompleted);
    return {
      statusCode: 200,
      body: {
        case: caseView(result.case, baseUrl, await viewerFor(actor)),
        events: result.events,
        task: taskView(result.task, baseUrl),
        replayed: outcome.replayed,
        workflowNotified: outcome.workflowNotified,
      },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
