/** POST /meetings/{meetingId}/attendance — the secretary records who is present; the first record opens the meeting. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { replayHeaders } from './case-view.ts';
import { committeeDeps, meetingRecordView } from './committee-deps.ts';
import { attendanceBody, meetingParams } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: meetingParams, body: attendanceBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { committees, baseUrl } = committeeDeps();
    const outcome = await committees.recordAttendance(
      actor,
      params.meetingId,
      body,
      idempotencyKey ? { key: idempotencyKey, request: { op: 'meeting-attendance', ...params, body } } : undefined,
    );
    return {
      statusCode: 200,
      body: { meeting: meetingRecordView(outcome.result, baseUrl), replayed: outcome.replayed },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
