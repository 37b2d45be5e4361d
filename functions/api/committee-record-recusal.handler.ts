/** POST /meetings/{meetingId}/recusals — a member steps aside from an agenda item (declared by the member or the secretary). */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders } from './case-view.ts';
import { meetingRecordView } from './committee-view.ts';
import { meetingParams, recusalBody } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCommitteeUseCases, noCompletion } from '../wiring/committee-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ committees: composeCommitteeUseCases(noCompletion), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('committee-record-recusal'),
  { params: meetingParams, body: recusalBody },
  async ({ actor, params, body, idempotent }) => {
    const { committees, baseUrl } = deps();
    const outcome = await committees.recordRecusal(actor, params.meetingId, body, idempotent({ ...params, body }));
    return {
      statusCode: 201,
      body: { meeting: meetingRecordView(outcome.result, baseUrl), replayed: outcome.replayed },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
