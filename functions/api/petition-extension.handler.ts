/**
 * POST /cases/{caseId}/petition/extension — extends the petition's processing period once, by up to
 * 60 days, with the reason and the date the petitioner was told (청원법 제21조③). A second extension
 * is refused (422, rule extension_limit) and changes nothing. Open tasks timed by the period move.
 */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { replayHeaders, writeResponse, viewerOf } from './case-view.ts';
import { caseIdParams, petitionExtensionBody } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: caseIdParams, body: petitionExtensionBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { petition, baseUrl } = handlerDeps();
    const outcome = await petition.extend(
      actor,
      params.caseId,
      body,
      idempotencyKey
        ? { key: idempotencyKey, request: { op: 'petition-extension', caseId: params.caseId, body } }
        : undefined,
    );
    return {
      statusCode: 200,
      body: writeResponse(outcome.result, outcome.replayed, baseUrl, await viewerOf(actor, handlerDeps().staff)),
      headers: replayHeaders(outcome.replayed),
    };
  },
);
