/** GET /committees/{committee}/meetings?from&to — a committee's meetings in a period, earliest first. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { meetingRecordView } from './committee-view.ts';
import { committeeParams, meetingsQuery } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCommitteeUseCases, noCompletion } from '../wiring/committee-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ committees: composeCommitteeUseCases(noCompletion), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('committee-list-meetings'),
  { params: committeeParams, query: meetingsQuery },
  async ({ actor, params, query }) => {
    const { committees, baseUrl } = deps();
    const items = await committees.listMeetings(actor, params.committee, query.from, query.to);
    return { statusCode: 200, body: { items: items.map((m) => meetingRecordView(m, baseUrl)) } };
  },
);
