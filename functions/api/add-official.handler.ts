/**
 * POST /cases/{caseId}/officials — records another official concerned. One with a staff id can then
 * never be assigned to, or see, this case; open tasks are hidden from them in the same write.
 */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { replayHeaders, writeResponse, viewerOf } from './case-view.ts';
import { caseIdParams, officialBody } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: caseIdParams, body: officialBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { misconduct, baseUrl } = handlerDeps();
    const { expectedVersion, ...official } = body;
    const { result, replayed } = await misconduct.addOfficial(
      actor,
      params.caseId,
      official,
      expectedVersion,
      idempotencyKey
        ? { key: idempotencyKey, request: { op: 'add-official', caseId: params.caseId, body } }
        : undefined,
    );
    return {
      statusCode: replayed ? 200 : 201,
      body: writeResponse(result, replayed, baseUrl, await viewerOf(actor, handlerDeps().staff)),
      headers: replayHeaders(replayed),
    };
  },
);
