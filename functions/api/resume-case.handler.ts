/**
 * POST /cases/{caseId}/resume — resumes a suspended case at the stage it stood, under a new
 * execution. On the end-of-investigation notice the 징계시효 moves as 지방공무원법 제73조의2② says.
 */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { replayHeaders, writeResponse, viewerOf } from './case-view.ts';
import { caseIdParams, resumeBody } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: caseIdParams, body: resumeBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { misconduct, baseUrl } = handlerDeps();
    const outcome = await misconduct.resume(
      actor,
      params.caseId,
      body,
      idempotencyKey ? { key: idempotencyKey, request: { op: 'resume-case', caseId: params.caseId, body } } : undefined,
    );
    return {
      statusCode: 200,
      body: {
        ...writeResponse(outcome.result, outcome.replayed, baseUrl, await viewerOf(actor, handlerDeps().staff)),
        workflowStarted: outcome.workflowStarted,
      },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
