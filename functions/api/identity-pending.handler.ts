/** GET /identity-requests — the identity custodian's in-tray: requests waiting for a decision. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { accessRequestView } from './identity-view.ts';

export const handler = apiHandler({ auth: true }, async ({ actor }) => {
  const items = await handlerDeps().identity.pendingRequests(actor);
  return { statusCode: 200, body: { items: items.map(accessRequestView) } };
});
