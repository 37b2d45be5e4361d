/** GET /cases/{caseId}/identity/requests — who asked, who decided, how often it was read (never the identity). */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { once } from '../wiring/once.ts';
import { composeIdentityUseCases } from '../wiring/identity.ts';
import { identityCaseParams } from './identity-schemas.ts';
import { accessRequestView } from './identity-view.ts';

const identity = once(() => composeIdentityUseCases());

export const handler = apiHandler(
  apiRoute('identity-requests'),
  { params: identityCaseParams },
  async ({ actor, params }) => {
    const items = await identity().requestsOfCase(actor, params.caseId);
    return { statusCode: 200, body: { items: items.map(accessRequestView) } };
  },
);
