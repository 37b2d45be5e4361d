/** GET /committees — the office's committees with their members, secretary, quorum rule and cadence. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { committeeView } from './committee-view.ts';
import { once } from '../wiring/once.ts';
import { composeCommitteeUseCases, noCompletion } from '../wiring/committee-usecases.ts';

const deps = once(() => ({ committees: composeCommitteeUseCases(noCompletion) }));

export const handler = apiHandler(apiRoute('committee-list'), {}, async ({ actor }) => {
  const { committees } = deps();
  const items = await committees.listCommittees();
  return { statusCode: 200, body: { items: items.map((c) => committeeView(c, actor)) } };
});
