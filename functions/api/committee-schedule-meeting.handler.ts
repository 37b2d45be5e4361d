/** POST /committees/{committee}/meetings — schedules a meeting on a business day (secretary, head of office). */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders } from './case-view.ts';
import { meetingRecordView } from './committee-view.ts';
import { committeeParams, scheduleMeetingBody } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCommitteeUseCases, noCompletion } from '../wiring/committee-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ committees: composeCommitteeUseCases(noCompletion), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('committee-schedule-meeting'),
  { params: committeeParams, body: scheduleMeetingBody },
  async ({ actor, params, body, idempotent }) => {
    const { committees, baseUrl } = deps();
    const outcome = await committees.scheduleMeeting(actor, params.committee, body, idempotent({ ...params, body }));
    return {
      statusCode: 201,
      body: { meeting: meetingRecordView(outcome.result, baseUrl), replayed: outcome.replayed },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
