/** GET /cases/{caseId}/identity/requests — who asked, who decided, how often it was read (never the identity). */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { identityCaseParams } from './identity-schemas.ts';
import { accessRequestView } from './identity-view.ts';

export const handler = apiHandler({ auth: true, params: identityCaseParams }, async ({ actor, params }) => {
  const items = await handlerDeps().identity.requestsOfCase(actor, params.caseId);
  return { statusCode: 200, body: { items: items.map(accessRequestView) } };
});
