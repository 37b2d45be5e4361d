/**
 * POST /cases/{caseId}/petition/objection — records an objection (청원법 제22조: against a
 * non-disclosure decision, or a petition not processed in time; within 30 days). The petition is
 * reopened (or interrupted) and a new execution has the objection decided within 15 days.
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { workflowStartAnswer } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { caseIdParams, petitionObjectionBody } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composePetitionUseCases } from '../wiring/petition-usecases.ts';
import { workflowStarter } from '../wiring/workflows.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ petition: composePetitionUseCases({ workflows: workflowStarter() }), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('petition-objection'),
  { params: caseIdParams, body: petitionObjectionBody },
  async ({ actor, params, body, idempotent }) => {
    const { petition, baseUrl } = deps();
    const outcome = await petition.fileObjection(
      actor,
      params.caseId,
      body,
      idempotent({ caseId: params.caseId, body }),
    );
    return workflowStartAnswer(outcome, baseUrl, await viewerFor(actor), outcome.replayed ? 200 : 201);
  },
);
