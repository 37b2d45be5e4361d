/**
 * POST /cases/{caseId}/tasks/{taskId}/complete — a person's decision on their task. The form is
 * checked per decision (a return needs reasons, an assignment a person), committed with the case
 * history, then handed to the workflow.
 */
import { decisionFormSchema } from '../../shared/kinds/registry.ts';
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { caseView, replayHeaders, taskView, viewerOf } from './case-view.ts';
import { taskParams } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: taskParams, body: decisionFormSchema },
  async ({ actor, params, body, idempotencyKey }) => {
    const { tasks, baseUrl } = handlerDeps();
    const outcome = await tasks.completeTask(
      actor,
      params.caseId,
      params.taskId,
      body,
      idempotencyKey ? { key: idempotencyKey, request: { op: 'complete-task', ...params, body } } : undefined,
    );
    const { result } = outcome;
    return {
      statusCode: 200,
      body: {
        case: caseView(result.case, baseUrl, await viewerOf(actor, handlerDeps().staff)),
        events: result.events,
        task: taskView(result.task, baseUrl),
        replayed: outcome.replayed,
        workflowNotified: outcome.workflowNotified,
      },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
