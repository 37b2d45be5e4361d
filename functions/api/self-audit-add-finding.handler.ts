/** POST /cases/{caseId}/findings — records a finding (지적사항) of a self-audit; see shared/usecases/self-audit-findings.ts. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders, writeResponse } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { caseIdParams } from './schemas.ts';
import { addFindingBody } from './self-audit-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeSelfAuditFindingUseCases } from '../wiring/self-audit-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ findings: composeSelfAuditFindingUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('self-audit-add-finding'),
  { params: caseIdParams, body: addFindingBody },
  async ({ actor, params, body, idempotent }) => {
    const { findings, baseUrl } = deps();
    const { result, replayed } = await findings.add(
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
