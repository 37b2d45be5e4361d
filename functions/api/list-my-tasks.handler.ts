/**
 * GET /me/tasks — open tasks waiting for the caller (their own and their role's), soonest due first;
 * `scope=team`: the open tasks of a team, with who holds each (its team lead; the head, any team).
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { taskView } from './case-view.ts';
import { tasksQuery } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeTaskUseCases, noTaskSignals } from '../wiring/task-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ tasks: composeTaskUseCases(noTaskSignals), baseUrl: baseUrl() }));

export const handler = apiHandler(apiRoute('list-my-tasks'), { query: tasksQuery }, async ({ actor, query }) => {
  const { tasks, baseUrl } = deps();
  if (query.scope === 'team') {
    const { team, items, holders } = await tasks.listTeamTasks(actor, query.team, query.limit);
    return { statusCode: 200, body: { team, items: items.map((t) => taskView(t, baseUrl)), holders } };
  }
  const items = await tasks.listMyTasks(actor, query.limit);
  return { statusCode: 200, body: { items: items.map((t) => taskView(t, baseUrl)) } };
});
