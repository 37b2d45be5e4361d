/** POST /cases/{caseId}/reassign — hands the case to another investigator, with the reason; open tasks follow. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders, writeResponse } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { caseIdParams, reassignBody } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeMisconductUseCases } from '../wiring/misconduct-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ misconduct: composeMisconductUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('reassign-case'),
  { params: caseIdParams, body: reassignBody },
  async ({ actor, params, body, idempotent }) => {
    const { misconduct, baseUrl } = deps();
    const { result, replayed } = await misconduct.reassign(
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
