/** POST /cases — intake: registers a case with its number, first stage and first history event. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { BUSINESS_METRICS, countBusinessMetric } from '#shared/observability/powertools.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders, writeResponse } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { createCaseBody } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCaseUseCases } from '../wiring/case-usecases.ts';
import { workflowStarter } from '../wiring/workflows.ts';
import { baseUrl } from '../wiring/table.ts';
import { identitySealing } from '../wiring/identity.ts';

const withoutReporter = ({ reporter: _sealed, ...rest }: { reporter?: unknown }) => rest;

const deps = once(() => ({
  cases: composeCaseUseCases({ workflows: workflowStarter(), identity: identitySealing() }),
  baseUrl: baseUrl(),
}));

export const handler = apiHandler(
  apiRoute('create-case'),
  { body: createCaseBody, metrics: true },
  async ({ actor, body, idempotent }) => {
    const { cases, baseUrl } = deps();
    const { result, replayed, workflowStarted } = await cases.createCase(
      actor,
      body,
      // The fingerprint leaves the reporter out: a hash of a name and phone number can be guessed back.
      idempotent({ body: withoutReporter(body) }),
    );
    if (!replayed) countBusinessMetric(BUSINESS_METRICS.caseOpened);
    return {
      statusCode: replayed ? 200 : 201,
      body: { ...writeResponse(result, replayed, baseUrl, await viewerFor(actor)), workflowStarted },
      headers: { location: `${baseUrl}/cases/${result.case.caseId}`, ...replayHeaders(replayed) },
    };
  },
);
