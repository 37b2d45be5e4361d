/** POST /cases/{caseId}/registrants/{registrantNo}/actions — moves one registrant's review a step. */
import { apiHandler } from '#shared/http/api-handler.ts';
import type { RegistrantAction } from '#shared/usecases/property-campaign.ts';
import { caseView, replayHeaders } from './case-view.ts';
import { registrantActionBody, registrantParams } from './property-campaign-schemas.ts';
import { apiRoute } from './routes.ts';
import { once } from '../wiring/once.ts';
import { composePropertyCampaignUseCases } from '../wiring/property-campaign-usecases.ts';
import { baseUrl } from '../wiring/table.ts';
import { viewerFor } from '../wiring/viewer.ts';

const deps = once(() => ({ campaign: composePropertyCampaignUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('property-registrant-action'),
  { params: registrantParams, body: registrantActionBody },
  async ({ actor, params, body, idempotent }) => {
    const { campaign, baseUrl } = deps();
    const { result, replayed } = await campaign.act(
      actor,
      params.caseId,
      params.registrantNo,
      body as RegistrantAction & { expectedVersion?: number },
      idempotent({ caseId: params.caseId, registrantNo: params.registrantNo, body }),
    );
    return {
      statusCode: 200,
      body: { ...result, case: caseView(result.case, baseUrl, await viewerFor(actor)), replayed },
      headers: replayHeaders(replayed),
    };
  },
);
