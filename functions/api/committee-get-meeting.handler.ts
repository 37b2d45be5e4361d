/**
 * GET /meetings/{meetingId} — a meeting with its agenda (the cases waiting for the committee, frozen
 * once the meeting opens), attendance and quorum, recusals and each item's decision.
 */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { committeeDeps, meetingRecordView } from './committee-deps.ts';
import { meetingParams } from './schemas.ts';

export const handler = apiHandler({ auth: true, params: meetingParams }, async ({ actor, params }) => {
  const { committees, baseUrl } = committeeDeps();
  const view = await committees.getMeeting(actor, params.meetingId);
  return { statusCode: 200, body: { ...view, meeting: meetingRecordView(view.meeting, baseUrl) } };
});
