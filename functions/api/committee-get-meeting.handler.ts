/**
 * GET /meetings/{meetingId} — a meeting with its agenda (the cases waiting for the committee, frozen
 * once the meeting opens), attendance and quorum, recusals and each item's decision.
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { meetingRecordView } from './committee-view.ts';
import { meetingParams } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCommitteeUseCases, noCompletion } from '../wiring/committee-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ committees: composeCommitteeUseCases(noCompletion), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('committee-get-meeting'),
  { params: meetingParams },
  async ({ actor, params }) => {
    const { committees, baseUrl } = deps();
    const view = await committees.getMeeting(actor, params.meetingId);
    return { statusCode: 200, body: { ...view, meeting: meetingRecordView(view.meeting, baseUrl) } };
  },
);
