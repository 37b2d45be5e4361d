/**
 * POST /cases/{caseId}/petition/extension — extends the petition's processing period once, by up to
 * 60 days, with the reason and the date the petitioner was told (청원법 제21조③). A second extension
 * is refused (422, rule extension_limit) and changes nothing. Open tasks timed by the period move.
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders, writeResponse } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { caseIdParams, petitionExtensionBody } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composePetitionUseCases } from '../wiring/petition-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ petition: composePetitionUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('petition-extension'),
  { params: caseIdParams, body: petitionExtensionBody },
  async ({ actor, params, body, idempotent }) => {
    const { petition, baseUrl } = deps();
    const outcome = await petition.extend(actor, params.caseId, body, idempotent({ caseId: params.caseId, body }));
    return {
      statusCode: 200,
      body: writeResponse(outcome.result, outcome.replayed, baseUrl, await viewerFor(actor)),
      headers: replayHeaders(outcome.replayed),
    };
  },
);
