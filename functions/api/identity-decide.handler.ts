/** POST /cases/{caseId}/identity/requests/{requestId}/decision — the identity custodian grants or refuses, with a reason. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { once } from '../wiring/once.ts';
import { composeIdentityUseCases } from '../wiring/identity.ts';
import { accessDecisionBody, identityRequestParams } from './identity-schemas.ts';
import { accessRequestView } from './identity-view.ts';

const identity = once(() => composeIdentityUseCases());

export const handler = apiHandler(
  apiRoute('identity-decide'),
  { params: identityRequestParams, body: accessDecisionBody },
  async ({ actor, params, body }) => {
    const decided = await identity().decide(actor, params.caseId, params.requestId, {
      grant: body.decision === 'grant',
      reason: body.reason,
      ...(body.days !== undefined && { days: body.days }),
    });
    return { statusCode: 200, body: accessRequestView(decided) };
  },
);
