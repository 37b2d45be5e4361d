/** POST /meetings/{meetingId}/attendance — the secretary records who is present; the first record opens the meeting. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders } from './case-view.ts';
import { meetingRecordView } from './committee-view.ts';
import { attendanceBody, meetingParams } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCommitteeUseCases, noCompletion } from '../wiring/committee-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ committees: composeCommitteeUseCases(noCompletion), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('committee-record-attendance'),
  { params: meetingParams, body: attendanceBody },
  async ({ actor, params, body, idempotent }) => {
    const { committees, baseUrl } = deps();
    const outcome = await committees.recordAttendance(actor, params.meetingId, body, idempotent({ ...params, body }));
    return {
      statusCode: 200,
      body: { meeting: meetingRecordView(outcome.result, baseUrl), replayed: outcome.replayed },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
