/** GET /cases/{caseId}/history — every event of the case and whether its hash chain verifies. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { caseView } from './case-view.ts';
import { handlerDeps } from '../deps.ts';
import { caseIdParams } from './schemas.ts';

export const handler = apiHandler({ auth: true, params: caseIdParams }, async ({ actor, params }) => {
  const { cases, baseUrl } = handlerDeps();
  const history = await cases.caseHistory(actor, params.caseId);
  return { statusCode: 200, body: { case: caseView(history.case, baseUrl), events: history.events, verification: history.verification } };
});
