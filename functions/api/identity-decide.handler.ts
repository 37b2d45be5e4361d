/** POST /cases/{caseId}/identity/requests/{requestId}/decision — the identity custodian grants or refuses, with a reason. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { accessDecisionBody, identityRequestParams } from './identity-schemas.ts';
import { accessRequestView } from './identity-view.ts';

export const handler = apiHandler(
  { auth: true, params: identityRequestParams, body: accessDecisionBody },
  async ({ actor, params, body }) => {
    const decided = await handlerDeps().identity.decide(actor, params.caseId, params.requestId, {
      grant: body.decision === 'grant',
      reason: body.reason,
      ...(body.days !== undefined && { days: body.days }),
    });
    return { statusCode: 200, body: accessRequestView(decided) };
  },
);
