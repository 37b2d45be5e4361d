/** POST /cases/{caseId}/notes — adds a note to the case's history. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { replayHeaders, writeResponse, viewerOf } from './case-view.ts';
import { handlerDeps } from '../deps.ts';
import { caseIdParams, noteBody } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: caseIdParams, body: noteBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { cases, baseUrl } = handlerDeps();
    const { result, replayed } = await cases.appendNote(
      actor,
      params.caseId,
      body.text,
      body.expectedVersion,
      idempotencyKey ? { key: idempotencyKey, request: { op: 'append-note', caseId: params.caseId, body } } : undefined,
    );
    return {
      statusCode: replayed ? 200 : 201,
      body: writeResponse(result, replayed, baseUrl, await viewerOf(actor, handlerDeps().staff)),
      headers: replayHeaders(replayed),
    };
  },
);
