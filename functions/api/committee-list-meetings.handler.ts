/** GET /committees/{committee}/meetings?from&to — a committee's meetings in a period, earliest first. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { committeeDeps, meetingRecordView } from './committee-deps.ts';
import { committeeParams, meetingsQuery } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: committeeParams, query: meetingsQuery },
  async ({ actor, params, query }) => {
    const { committees, baseUrl } = committeeDeps();
    const items = await committees.listMeetings(actor, params.committee, query.from, query.to);
    return { statusCode: 200, body: { items: items.map((m) => meetingRecordView(m, baseUrl)) } };
  },
);
