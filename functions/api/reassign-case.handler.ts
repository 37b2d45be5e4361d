/** POST /cases/{caseId}/reassign — hands the case to another investigator, with the reason; open tasks follow. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { replayHeaders, writeResponse, viewerOf } from './case-view.ts';
import { caseIdParams, reassignBody } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: caseIdParams, body: reassignBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { misconduct, baseUrl } = handlerDeps();
    const { result, replayed } = await misconduct.reassign(
      actor,
      params.caseId,
      body,
      idempotencyKey
        ? { key: idempotencyKey, request: { op: 'reassign-case', caseId: params.caseId, body } }
        : undefined,
    );
    return {
      statusCode: 200,
      body: writeResponse(result, replayed, baseUrl, await viewerOf(actor, handlerDeps().staff)),
      headers: replayHeaders(replayed),
    };
  },
);
