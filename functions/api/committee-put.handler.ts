/** PUT /committees/{committee} — registers or updates a committee (head of office, administrator). */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { committeeView } from './committee-view.ts';
import { committeeBody, committeeParams } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCommitteeUseCases, noCompletion } from '../wiring/committee-usecases.ts';

const deps = once(() => ({ committees: composeCommitteeUseCases(noCompletion) }));

export const handler = apiHandler(
  apiRoute('committee-put'),
  { params: committeeParams, body: committeeBody },
  async ({ actor, params, body }) => {
    const { committees } = deps();
    const { committee, created } = await committees.putCommittee(actor, params.committee, body);
    return { statusCode: created ? 201 : 200, body: { committee: committeeView(committee), created } };
  },
);
