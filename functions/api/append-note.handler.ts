/** POST /cases/{caseId}/notes — adds a note to the case's history. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders, writeResponse } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { caseIdParams, noteBody } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCaseUseCases } from '../wiring/case-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ cases: composeCaseUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('append-note'),
  { params: caseIdParams, body: noteBody },
  async ({ actor, params, body, idempotent }) => {
    const { cases, baseUrl } = deps();
    const { result, replayed } = await cases.appendNote(
      actor,
      params.caseId,
      body.text,
      body.expectedVersion,
      idempotent({ caseId: params.caseId, body }),
    );
    return {
      statusCode: replayed ? 200 : 201,
      body: writeResponse(result, replayed, baseUrl, await viewerFor(actor)),
      headers: replayHeaders(replayed),
    };
  },
);
