/** POST /cases/{caseId}/extensions — a grievance complaint's period extension (민원처리법 시행령 제21조①); see grievance-usecases.ts. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { replayHeaders, writeResponse, viewerOf } from './case-view.ts';
import { caseIdParams, grievanceExtensionBody } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: caseIdParams, body: grievanceExtensionBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { grievance, baseUrl } = handlerDeps();
    const { result, replayed } = await grievance.extend(
      actor,
      params.caseId,
      body,
      idempotencyKey
        ? { key: idempotencyKey, request: { op: 'grievance-extension', caseId: params.caseId, body } }
        : undefined,
    );
    return {
      statusCode: replayed ? 200 : 201,
      body: writeResponse(result, replayed, baseUrl, await viewerOf(actor, handlerDeps().staff)),
      headers: replayHeaders(replayed),
    };
  },
);
