/** POST /cases/{caseId}/extensions — a grievance complaint's period extension (민원처리법 시행령 제21조①); see grievance-usecases.ts. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders, writeResponse } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { caseIdParams, grievanceExtensionBody } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeGrievanceUseCases } from '../wiring/grievance-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ grievance: composeGrievanceUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('grievance-extension'),
  { params: caseIdParams, body: grievanceExtensionBody },
  async ({ actor, params, body, idempotent }) => {
    const { grievance, baseUrl } = deps();
    const { result, replayed } = await grievance.extend(
      actor,
      params.caseId,
      body,
      idempotent({ caseId: params.caseId, body }),
    );
    return {
      statusCode: replayed ? 200 : 201,
      body: writeResponse(result, replayed, baseUrl, await viewerFor(actor)),
      headers: replayHeaders(replayed),
    };
  },
);
