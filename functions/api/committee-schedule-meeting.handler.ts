/** POST /committees/{committee}/meetings — schedules a meeting on a business day (secretary, head of office). */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { replayHeaders } from './case-view.ts';
import { committeeDeps, meetingRecordView } from './committee-deps.ts';
import { committeeParams, scheduleMeetingBody } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: committeeParams, body: scheduleMeetingBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { committees, baseUrl } = committeeDeps();
    const outcome = await committees.scheduleMeeting(
      actor,
      params.committee,
      body,
      idempotencyKey ? { key: idempotencyKey, request: { op: 'schedule-meeting', ...params, body } } : undefined,
    );
    return {
      statusCode: 201,
      body: { meeting: meetingRecordView(outcome.result, baseUrl), replayed: outcome.replayed },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
