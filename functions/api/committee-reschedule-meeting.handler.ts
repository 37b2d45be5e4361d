/** POST /meetings/{meetingId}/reschedule — moves a meeting not yet held to another business day (secretary, head of office). */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders } from './case-view.ts';
import { meetingRecordView } from './committee-view.ts';
import { meetingParams, rescheduleMeetingBody } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCommitteeUseCases, noCompletion } from '../wiring/committee-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ committees: composeCommitteeUseCases(noCompletion), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('committee-reschedule-meeting'),
  { params: meetingParams, body: rescheduleMeetingBody },
  async ({ actor, params, body, idempotent }) => {
    const { committees, baseUrl } = deps();
    const outcome = await committees.rescheduleMeeting(actor, params.meetingId, body, idempotent({ ...params, body }));
    return {
      statusCode: 200,
      body: { meeting: meetingRecordView(outcome.result, baseUrl), replayed: outcome.replayed },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
