/**
 * POST /cases/{caseId}/reconsideration — a 재심의 that reaches a closed self-audit or audit received:
 * inside its period the audit is reopened at its follow-up (a new execution opens the task again);
 * after it, refused with the period's end and the article.
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { workflowStartAnswer } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { caseIdParams } from './schemas.ts';
import { reopenAuditBody } from './self-audit-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeSelfAuditFindingUseCases } from '../wiring/self-audit-usecases.ts';
import { workflowStarter } from '../wiring/workflows.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({
  findings: composeSelfAuditFindingUseCases(undefined, workflowStarter()),
  baseUrl: baseUrl(),
}));

export const handler = apiHandler(
  apiRoute('audit-reopen'),
  { params: caseIdParams, body: reopenAuditBody },
  async ({ actor, params, body, idempotent }) => {
    const { findings, baseUrl } = deps();
    const outcome = await findings.reopen(actor, params.caseId, body, idempotent({ caseId: params.caseId, body }));
    return workflowStartAnswer(outcome, baseUrl, await viewerFor(actor));
  },
);
