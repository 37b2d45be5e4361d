/** POST /cases/{caseId}/links — a grievance complaint's links to identical earlier complaints (민원처리법 제23조); see grievance-usecases.ts. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { replayHeaders, writeResponse, viewerOf } from './case-view.ts';
import { caseIdParams, grievanceLinkBody } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: caseIdParams, body: grievanceLinkBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { grievance, baseUrl } = handlerDeps();
    const { result, replayed } = await grievance.link(
      actor,
      params.caseId,
      body,
      idempotencyKey
        ? { key: idempotencyKey, request: { op: 'grievance-links', caseId: params.caseId, body } }
        : undefined,
    );
    return {
      statusCode: replayed ? 200 : 201,
      body: writeResponse(result, replayed, baseUrl, await viewerOf(actor, handlerDeps().staff)),
      headers: replayHeaders(replayed),
    };
  },
);
