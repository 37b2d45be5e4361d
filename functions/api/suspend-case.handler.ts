/**
 * POST /cases/{caseId}/suspend — stops the discipline procedure (지방공무원법 제73조: must stop while
 * the Board of Audit investigates, may stop during a criminal investigation). Open tasks are
 * cancelled and the case's execution is stopped until the end-of-investigation notice resumes it.
 */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { replayHeaders, writeResponse, viewerOf } from './case-view.ts';
import { caseIdParams, suspendBody } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: caseIdParams, body: suspendBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { misconduct, baseUrl } = handlerDeps();
    const outcome = await misconduct.suspend(
      actor,
      params.caseId,
      body,
      idempotencyKey
        ? { key: idempotencyKey, request: { op: 'suspend-case', caseId: params.caseId, body } }
        : undefined,
    );
    return {
      statusCode: 200,
      body: {
        ...writeResponse(outcome.result, outcome.replayed, baseUrl, await viewerOf(actor, handlerDeps().staff)),
        workflowStopped: outcome.workflowStopped,
      },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
