/**
 * POST /cases/{caseId}/suspend — stops the discipline procedure (지방공무원법 제73조: must stop while
 * the Board of Audit investigates, may stop during a criminal investigation). Open tasks are
 * cancelled and the case's execution is stopped until the end-of-investigation notice resumes it.
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders, writeResponse } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { caseIdParams, suspendBody } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeMisconductUseCases } from '../wiring/misconduct-usecases.ts';
import { workflowStarter } from '../wiring/workflows.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({
  misconduct: composeMisconductUseCases({ workflows: workflowStarter() }),
  baseUrl: baseUrl(),
}));

export const handler = apiHandler(
  apiRoute('suspend-case'),
  { params: caseIdParams, body: suspendBody },
  async ({ actor, params, body, idempotent }) => {
    const { misconduct, baseUrl } = deps();
    const outcome = await misconduct.suspend(actor, params.caseId, body, idempotent({ caseId: params.caseId, body }));
    return {
      statusCode: 200,
      body: {
        ...writeResponse(outcome.result, outcome.replayed, baseUrl, await viewerFor(actor)),
        workflowStopped: outcome.workflowStopped,
      },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
