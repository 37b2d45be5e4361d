/** PATCH /cases/{caseId} — edits details if the case is still at `expectedVersion` (else 409 with the current version). */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { replayHeaders, writeResponse, viewerOf } from './case-view.ts';
import { handlerDeps } from '../deps.ts';
import { caseIdParams, updateCaseBody } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: caseIdParams, body: updateCaseBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { cases, baseUrl } = handlerDeps();
    const { expectedVersion, ...patch } = body;
    const { result, replayed } = await cases.updateCase(
      actor,
      params.caseId,
      expectedVersion,
      patch,
      idempotencyKey ? { key: idempotencyKey, request: { op: 'update-case', caseId: params.caseId, body } } : undefined,
    );
    return {
      statusCode: 200,
      body: writeResponse(result, replayed, baseUrl, await viewerOf(actor, handlerDeps().staff)),
      headers: replayHeaders(replayed),
    };
  },
);
