/**
 * POST /meetings/{meetingId}/items/{taskId}/decision — the secretary records an agenda item's votes
 * and decision: quorum and votes are checked, the case's task is completed with the decision form
 * it needs, the minutes join the case history, and the case's workflow moves on.
 */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { caseView, replayHeaders, taskView, viewerOf } from './case-view.ts';
import { committeeDeps, meetingRecordView } from './committee-deps.ts';
import { handlerDeps } from '../deps.ts';
import { itemDecisionBody, meetingItemParams } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: meetingItemParams, body: itemDecisionBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { committees, baseUrl } = committeeDeps();
    const outcome = await committees.recordDecision(
      actor,
      params.meetingId,
      params.taskId,
      body,
      idempotencyKey ? { key: idempotencyKey, request: { op: 'meeting-decision', ...params, body } } : undefined,
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
        meeting: meetingRecordView(outcome.meeting, baseUrl),
        ...(outcome.decision && { decision: outcome.decision }),
      },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
