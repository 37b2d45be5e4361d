/** POST /cases/{caseId}/registrants — adds registrants to a property-review campaign (shared/usecases/property-campaign.ts). */
import { apiHandler } from '#shared/http/api-handler.ts';
import { caseView } from './case-view.ts';
import { addRegistrantsBody } from './property-campaign-schemas.ts';
import { apiRoute } from './routes.ts';
import { caseIdParams } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composePropertyCampaignUseCases } from '../wiring/property-campaign-usecases.ts';
import { baseUrl } from '../wiring/table.ts';
import { viewerFor } from '../wiring/viewer.ts';

const deps = once(() => ({ campaign: composePropertyCampaignUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('property-add-registrants'),
  { params: caseIdParams, body: addRegistrantsBody },
  async ({ actor, params, body }) => {
    const { campaign, baseUrl } = deps();
    const out = await campaign.addRegistrants(actor, params.caseId, body.registrants);
    return {
      statusCode: 200,
      body: { ...out, case: caseView(out.case, baseUrl, await viewerFor(actor)) },
    };
  },
);
