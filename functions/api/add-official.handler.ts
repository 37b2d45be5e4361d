/**
 * POST /cases/{caseId}/officials — records another official concerned. One with a staff id can then
 * never be assigned to, or see, this case; open tasks are hidden from them in the same write.
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders, writeResponse } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { caseIdParams, officialBody } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeMisconductUseCases } from '../wiring/misconduct-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ misconduct: composeMisconductUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('add-official'),
  { params: caseIdParams, body: officialBody },
  async ({ actor, params, body, idempotent }) => {
    const { misconduct, baseUrl } = deps();
    const { expectedVersion, ...official } = body;
    const { result, replayed } = await misconduct.addOfficial(
      actor,
      params.caseId,
      official,
      expectedVersion,
      idempotent({ caseId: params.caseId, body }),
    );
    return {
      statusCode: replayed ? 200 : 201,
      body: writeResponse(result, replayed, baseUrl, await viewerFor(actor)),
      headers: replayHeaders(replayed),
    };
  },
);
