/** POST /cases/{caseId}/evidence — records an evidence reference (document number, where it is kept). */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { replayHeaders, writeResponse, viewerOf } from './case-view.ts';
import { caseIdParams, evidenceBody } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: caseIdParams, body: evidenceBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { misconduct, baseUrl } = handlerDeps();
    const { expectedVersion, ...evidence } = body;
    const { result, replayed } = await misconduct.addEvidence(
      actor,
      params.caseId,
      evidence,
      expectedVersion,
      idempotencyKey
        ? { key: idempotencyKey, request: { op: 'add-evidence', caseId: params.caseId, body } }
        : undefined,
    );
    return {
      statusCode: replayed ? 200 : 201,
      body: writeResponse(result, replayed, baseUrl, await viewerOf(actor, handlerDeps().staff)),
      headers: replayHeaders(replayed),
    };
  },
);
