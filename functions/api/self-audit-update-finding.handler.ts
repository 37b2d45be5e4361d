/** PATCH /cases/{caseId}/findings/{findingId} — changes a finding, or records its follow-up (조치계획, 이행결과). */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders, writeResponse } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { findingParams, updateFindingBody } from './self-audit-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeSelfAuditFindingUseCases } from '../wiring/self-audit-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ findings: composeSelfAuditFindingUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('self-audit-update-finding'),
  { params: findingParams, body: updateFindingBody },
  async ({ actor, params, body, idempotent }) => {
    const { findings, baseUrl } = deps();
    const { result, replayed } = await findings.update(
      actor,
      params.caseId,
      params.findingId,
      body,
      idempotent({ caseId: params.caseId, findingId: params.findingId, body }),
    );
    return {
      statusCode: 200,
      body: writeResponse(result, replayed, baseUrl, await viewerFor(actor)),
      headers: replayHeaders(replayed),
    };
  },
);
