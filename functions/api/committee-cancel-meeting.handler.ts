/** POST /meetings/{meetingId}/cancel — cancels a meeting not yet held (secretary, head of office); it leaves the notices and the office report. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { replayHeaders } from './case-view.ts';
import { committeeDeps, meetingRecordView } from './committee-deps.ts';
import { cancelMeetingBody, meetingParams } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: meetingParams, body: cancelMeetingBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { committees, baseUrl } = committeeDeps();
    const outcome = await committees.cancelMeeting(
      actor,
      params.meetingId,
      body,
      idempotencyKey ? { key: idempotencyKey, request: { op: 'meeting-cancel', ...params, body } } : undefined,
    );
    return {
      statusCode: 200,
      body: { meeting: meetingRecordView(outcome.result, baseUrl), replayed: outcome.replayed },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
