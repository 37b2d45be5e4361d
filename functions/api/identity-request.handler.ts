/** POST /cases/{caseId}/identity/requests — the case's handler asks the custodian to see the sealed reporter identity. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { accessRequestBody, identityCaseParams } from './identity-schemas.ts';
import { accessRequestView } from './identity-view.ts';

export const handler = apiHandler(
  { auth: true, params: identityCaseParams, body: accessRequestBody },
  async ({ actor, params, body }) => {
    const request = await handlerDeps().identity.requestAccess(actor, params.caseId, body.reason);
    return { statusCode: 201, body: accessRequestView(request) };
  },
);
