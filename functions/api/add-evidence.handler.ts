/** POST /cases/{caseId}/evidence — records an evidence reference (document number, where it is kept). */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders, writeResponse } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { caseIdParams, evidenceBody } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeMisconductUseCases } from '../wiring/misconduct-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ misconduct: composeMisconductUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('add-evidence'),
  { params: caseIdParams, body: evidenceBody },
  async ({ actor, params, body, idempotent }) => {
    const { misconduct, baseUrl } = deps();
    const { expectedVersion, ...evidence } = body;
    const { result, replayed } = await misconduct.addEvidence(
      actor,
      params.caseId,
      evidence,
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
