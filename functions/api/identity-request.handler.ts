/** POST /cases/{caseId}/identity/requests — the case's handler asks the custodian to see the sealed reporter identity. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { once } from '../wiring/once.ts';
import { composeIdentityUseCases } from '../wiring/identity.ts';
import { accessRequestBody, identityCaseParams } from './identity-schemas.ts';
import { accessRequestView } from './identity-view.ts';

const identity = once(() => composeIdentityUseCases());

export const handler = apiHandler(
  apiRoute('identity-request'),
  { params: identityCaseParams, body: accessRequestBody },
  async ({ actor, params, body }) => {
    const request = await identity().requestAccess(actor, params.caseId, body.reason);
    return { statusCode: 201, body: accessRequestView(request) };
  },
);
