/** GET /cases/{caseId}/registrants — a campaign's docket and progress (no review content). */
import { apiHandler } from '#shared/http/api-handler.ts';
import { registrantsQuery } from './property-campaign-schemas.ts';
import { apiRoute } from './routes.ts';
import { caseIdParams } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composePropertyCampaignUseCases } from '../wiring/property-campaign-usecases.ts';

const deps = once(() => ({ campaign: composePropertyCampaignUseCases() }));

export const handler = apiHandler(
  apiRoute('property-list-registrants'),
  { params: caseIdParams, query: registrantsQuery },
  async ({ actor, params, query }) => ({
    statusCode: 200,
    body: await deps().campaign.list(actor, params.caseId, query),
  }),
);
