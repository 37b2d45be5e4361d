/** GET /identity-requests — the identity custodian's in-tray: requests waiting for a decision. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { once } from '../wiring/once.ts';
import { composeIdentityUseCases } from '../wiring/identity.ts';
import { accessRequestView } from './identity-view.ts';

const identity = once(() => composeIdentityUseCases());

export const handler = apiHandler(apiRoute('identity-pending'), {}, async ({ actor }) => {
  const items = await identity().pendingRequests(actor);
  return { statusCode: 200, body: { items: items.map(accessRequestView) } };
});
