/** PATCH /cases/{caseId} — edits details if the case is still at `expectedVersion` (else 409 with the current version). */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders, writeResponse } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { caseIdParams, updateCaseBody } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCaseUseCases } from '../wiring/case-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ cases: composeCaseUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('update-case'),
  { params: caseIdParams, body: updateCaseBody },
  async ({ actor, params, body, idempotent }) => {
    const { cases, baseUrl } = deps();
    const { expectedVersion, ...patch } = body;
    const { result, replayed } = await cases.updateCase(
      actor,
      params.caseId,
      expectedVersion,
      patch,
      idempotent({ caseId: params.caseId, body }),
    );
    return {
      statusCode: 200,
      body: writeResponse(result, replayed, baseUrl, await viewerFor(actor)),
      headers: replayHeaders(replayed),
    };
  },
);
