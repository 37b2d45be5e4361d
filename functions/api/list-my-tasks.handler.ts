/** GET /me/tasks — open tasks waiting for the caller (their own and their role's), soonest due first. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { taskView } from './case-view.ts';
import { tasksQuery } from './schemas.ts';

export const handler = apiHandler({ auth: true, query: tasksQuery }, async ({ actor, query }) => {
  const { tasks, baseUrl } = handlerDeps();
  const items = await tasks.listMyTasks(actor, query.limit);
  return { statusCode: 200, body: { items: items.map((t) => taskView(t, baseUrl)) } };
});
