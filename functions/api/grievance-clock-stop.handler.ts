/** POST /cases/{caseId}/clock-stops — a grievance complaint's field-investigation clock stop, start or end (시행령 제17조④⑤); see grievance-usecases.ts. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { replayHeaders, writeResponse, viewerOf } from './case-view.ts';
import { caseIdParams, grievanceClockStopBody } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: caseIdParams, body: grievanceClockStopBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { grievance, baseUrl } = handlerDeps();
    const { result, replayed } = await grievance.clockStop(
      actor,
      params.caseId,
      body,
      idempotencyKey
        ? { key: idempotencyKey, request: { op: 'grievance-clock-stop', caseId: params.caseId, body } }
        : undefined,
    );
    return {
      statusCode: replayed ? 200 : 201,
      body: writeResponse(result, replayed, baseUrl, await viewerOf(actor, handlerDeps().staff)),
      headers: replayHeaders(replayed),
    };
  },
);
