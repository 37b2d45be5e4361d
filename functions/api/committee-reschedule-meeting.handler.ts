/** POST /meetings/{meetingId}/reschedule — moves a meeting not yet held to another business day (secretary, head of office). */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { replayHeaders } from './case-view.ts';
import { committeeDeps, meetingRecordView } from './committee-deps.ts';
import { meetingParams, rescheduleMeetingBody } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: meetingParams, body: rescheduleMeetingBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { committees, baseUrl } = committeeDeps();
    const outcome = await committees.rescheduleMeeting(
      actor,
      params.meetingId,
      body,
      idempotencyKey ? { key: idempotencyKey, request: { op: 'meeting-reschedule', ...params, body } } : undefined,
    );
    return {
      statusCode: 200,
      body: { meeting: meetingRecordView(outcome.result, baseUrl), replayed: outcome.replayed },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
