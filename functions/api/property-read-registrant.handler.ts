/** GET /cases/{caseId}/registrants/{registrantNo}?reason= — one registrant's record, for a permitted reason; the read is recorded. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { registrantParams, registrantReadQuery } from './property-campaign-schemas.ts';
import { apiRoute } from './routes.ts';
import { once } from '../wiring/once.ts';
import { composePropertyCampaignUseCases } from '../wiring/property-campaign-usecases.ts';

const deps = once(() => ({ campaign: composePropertyCampaignUseCases() }));

export const handler = apiHandler(
  apiRoute('property-read-registrant'),
  { params: registrantParams, query: registrantReadQuery },
  async ({ actor, params, query }) => ({
    statusCode: 200,
    body: await deps().campaign.read(actor, params.caseId, params.registrantNo, query.reason),
  }),
);
