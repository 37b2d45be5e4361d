/** GET /cases/{caseId}/tasks — every task of a case, open and done, for people who may read it. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { taskView } from './case-view.ts';
import { caseIdParams } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCaseUseCases } from '../wiring/case-usecases.ts';
import { composeTaskUseCases, noTaskSignals } from '../wiring/task-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({
  cases: composeCaseUseCases(),
  tasks: composeTaskUseCases(noTaskSignals),
  baseUrl: baseUrl(),
}));

export const handler = apiHandler(apiRoute('list-case-tasks'), { params: caseIdParams }, async ({ actor, params }) => {
  const { cases, tasks, baseUrl } = deps();
  await cases.getCase(actor, params.caseId, 'tasks');
  const items = await tasks.tasksOfCase(params.caseId);
  return { statusCode: 200, body: { items: items.map((t) => taskView(t, baseUrl)) } };
});
