/** POST /cases/{caseId}/progress-notices — a grievance complaint's notice to the complainant (시행령 제21조②, 제23조); see grievance-usecases.ts. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { replayHeaders, writeResponse, viewerOf } from './case-view.ts';
import { caseIdParams, grievanceProgressNoticeBody } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: caseIdParams, body: grievanceProgressNoticeBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { grievance, baseUrl } = handlerDeps();
    const { result, replayed } = await grievance.progressNotice(
      actor,
      params.caseId,
      body,
      idempotencyKey
        ? { key: idempotencyKey, request: { op: 'grievance-progress-notice', caseId: params.caseId, body } }
        : undefined,
    );
    return {
      statusCode: replayed ? 200 : 201,
      body: writeResponse(result, replayed, baseUrl, await viewerOf(actor, handlerDeps().staff)),
      headers: replayHeaders(replayed),
    };
  },
);
