/** POST /cases — intake: registers a case with its number, first stage and first history event. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { replayHeaders, writeResponse, viewerOf } from './case-view.ts';
import { handlerDeps } from '../deps.ts';
import { createCaseBody } from './schemas.ts';

const withoutReporter = ({ reporter: _sealed, ...rest }: { reporter?: unknown }) => rest;

export const handler = apiHandler({ auth: true, body: createCaseBody }, async ({ actor, body, idempotencyKey }) => {
  const { cases, baseUrl } = handlerDeps();
  const { result, replayed, workflowStarted } = await cases.createCase(
    actor,
    body,
    // The fingerprint leaves the reporter out: a hash of a name and phone number can be guessed back.
    idempotencyKey ? { key: idempotencyKey, request: { op: 'create-case', body: withoutReporter(body) } } : undefined,
  );
  return {
    statusCode: replayed ? 200 : 201,
    body: { ...writeResponse(result, replayed, baseUrl, await viewerOf(actor, handlerDeps().staff)), workflowStarted },
    headers: { location: `${baseUrl}/cases/${result.case.caseId}`, ...replayHeaders(replayed) },
  };
});
