/** GET /committees — the office's committees with their members, secretary, quorum rule and cadence. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { committeeDeps, committeeView } from './committee-deps.ts';

export const handler = apiHandler({ auth: true }, async ({ actor }) => {
  const { committees } = committeeDeps();
  const items = await committees.listCommittees();
  return { statusCode: 200, body: { items: items.map((c) => committeeView(c, actor)) } };
});
