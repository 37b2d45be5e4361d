/**
 * POST /cases/{caseId}/resume — resumes a suspended case at the stage it stood, under a new
 * execution. On the end-of-investigation notice the 징계시효 moves as 지방공무원법 제73조의2② says.
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { workflowStartAnswer } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { caseIdParams, resumeBody } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeMisconductUseCases } from '../wiring/misconduct-usecases.ts';
import { workflowStarter } from '../wiring/workflows.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({
  misconduct: composeMisconductUseCases({ workflows: workflowStarter() }),
  baseUrl: baseUrl(),
}));

export const handler = apiHandler(
  apiRoute('resume-case'),
  { params: caseIdParams, body: resumeBody },
  async ({ actor, params, body, idempotent }) => {
    const { misconduct, baseUrl } = deps();
    const outcome = await misconduct.resume(actor, params.caseId, body, idempotent({ caseId: params.caseId, body }));
    return workflowStartAnswer(outcome, baseUrl, await viewerFor(actor));
  },
);
