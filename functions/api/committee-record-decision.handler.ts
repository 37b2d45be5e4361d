/**
 * POST /meetings/{meetingId}/items/{taskId}/decision — the secretary records an agenda item's votes
 * and decision: quorum and votes are checked, the case's task is completed with the decision form
 * it needs, the minutes join the case history, and the case's workflow moves on.
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { BUSINESS_METRICS, countBusinessMetric } from '#shared/observability/powertools.ts';
import { apiRoute } from './routes.ts';
import { caseView, replayHeaders, taskView } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { meetingRecordView } from './committee-view.ts';
import { itemDecisionBody, meetingItemParams } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCommitteeUseCases } from '../wiring/committee-usecases.ts';
import { composeTaskUseCases } from '../wiring/task-usecases.ts';
import { taskSignaller } from '../wiring/workflows.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({
  committees: composeCommitteeUseCases(composeTaskUseCases(taskSignaller())),
  baseUrl: baseUrl(),
}));

export const handler = apiHandler(
  apiRoute('committee-record-decision'),
  { params: meetingItemParams, body: itemDecisionBody, metrics: true },
  async ({ actor, params, body, idempotent }) => {
    const { committees, baseUrl } = deps();
    const outcome = await committees.recordDecision(
      actor,
      params.meetingId,
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
        meeting: meetingRecordView(outcome.meeting, baseUrl),
        ...(outcome.decision && { decision: outcome.decision }),
      },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
