/** POST /meetings/{meetingId}/recusals — a member steps aside from an agenda item (declared by the member or the secretary). */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { replayHeaders } from './case-view.ts';
import { committeeDeps, meetingRecordView } from './committee-deps.ts';
import { meetingParams, recusalBody } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: meetingParams, body: recusalBody },
  async ({ actor, params, body, idempotencyKey }) => {
    const { committees, baseUrl } = committeeDeps();
    const outcome = await committees.recordRecusal(
      actor,
      params.meetingId,
      body,
      idempotencyKey ? { key: idempotencyKey, request: { op: 'meeting-recusal', ...params, body } } : undefined,
    );
    return {
      statusCode: 201,
      body: { meeting: meetingRecordView(outcome.result, baseUrl), replayed: outcome.replayed },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
