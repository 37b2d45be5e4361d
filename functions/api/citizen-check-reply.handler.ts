/** POST /citizen-checks/{caseId}/reply — the office records the ordering department's reply to a check. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders, writeResponse } from './case-view.ts';
import { checkReplyBody } from './citizen-check-schemas.ts';
import { caseIdParams } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCitizenCheckUseCases } from '../wiring/citizen-check-usecases.ts';
import { baseUrl } from '../wiring/table.ts';
import { viewerFor } from '../wiring/viewer.ts';

const deps = once(() => ({ checks: composeCitizenCheckUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('citizen-check-reply'),
  { params: caseIdParams, body: checkReplyBody },
  async ({ actor, params, body, idempotent }) => {
    const { checks, baseUrl } = deps();
    const { result, replayed } = await checks.reply(
      actor,
      params.caseId,
      body,
      idempotent({ caseId: params.caseId, body }),
    );
    return {
      statusCode: 200,
      body: writeResponse(result, replayed, baseUrl, await viewerFor(actor)),
      headers: replayHeaders(replayed),
    };
  },
);
