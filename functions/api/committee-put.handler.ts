/** PUT /committees/{committee} — registers or updates a committee (head of office, administrator). */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { committeeDeps, committeeView } from './committee-deps.ts';
import { committeeBody, committeeParams } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: committeeParams, body: committeeBody },
  async ({ actor, params, body }) => {
    const { committees } = committeeDeps();
    const { committee, created } = await committees.putCommittee(actor, params.committee, body);
    return { statusCode: created ? 201 : 200, body: { committee: committeeView(committee), created } };
  },
);
