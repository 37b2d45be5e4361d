/** GET /cases/{caseId} — one case, if the caller may read it. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { caseView } from './case-view.ts';
import { handlerDeps } from '../deps.ts';
import { caseIdParams } from './schemas.ts';

export const handler = apiHandler({ auth: true, params: caseIdParams }, async ({ actor, params }) => {
  const { cases, baseUrl } = handlerDeps();
  const found = await cases.getCase(actor, params.caseId);
  return { statusCode: 200, body: caseView(found, baseUrl) };
});
