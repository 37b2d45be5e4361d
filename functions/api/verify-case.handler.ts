/** GET /cases/{caseId}/verify — recomputes the case's hash chain and names the first broken link. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { caseIdParams } from './schemas.ts';

export const handler = apiHandler({ auth: true, params: caseIdParams }, async ({ actor, params }) => {
  const { cases } = handlerDeps();
  return { statusCode: 200, body: await cases.verifyCase(actor, params.caseId) };
});
