/**
 * POST /cases/{caseId}/petition/objection — records an objection (청원법 제22조: against a
 * non-disclosure decision, or a petition not processed in time; within 30 days). The petition is
 * reopened (or interrupted) and a new execution has the objection decided within 15 days.
 */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { replayHeaders, writeResponse, viewerOf } from './case-view.ts';
import { caseIdParams, petitionObjectionBody } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: caseIdParams, body: petitionObjectionBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { petition, baseUrl } = handlerDeps();
    const outcome = await petition.fileObjection(
      actor,
      params.caseId,
      body,
      idempotencyKey
        ? { key: idempotencyKey, request: { op: 'petition-objection', caseId: params.caseId, body } }
        : undefined,
    );
    return {
      statusCode: outcome.replayed ? 200 : 201,
      body: {
        ...writeResponse(outcome.result, outcome.replayed, baseUrl, await viewerOf(actor, handlerDeps().staff)),
        workflowStarted: outcome.workflowStarted,
      },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
