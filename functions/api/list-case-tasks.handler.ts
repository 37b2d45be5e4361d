/** GET /cases/{caseId}/tasks — every task of a case, open and done, for people who may read it. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { taskView } from './case-view.ts';
import { caseIdParams } from './schemas.ts';

export const handler = apiHandler({ auth: true, params: caseIdParams }, async ({ actor, params }) => {
  const { cases, tasks, baseUrl } = handlerDeps();
  await cases.getCase(actor, params.caseId, 'tasks');
  const items = await tasks.tasksOfCase(params.caseId);
  return { statusCode: 200, body: { items: items.map((t) => taskView(t, baseUrl)) } };
});
