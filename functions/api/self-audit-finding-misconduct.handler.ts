/**
 * POST /cases/{caseId}/findings/{findingId}/misconduct — opens the internal investigation a
 * discipline finding calls for, linked to it; the misconduct lifecycle takes over.
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { caseView } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { findingMisconductBody, findingParams } from './self-audit-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCaseUseCases } from '../wiring/case-usecases.ts';
import { composeSelfAuditFindingUseCases } from '../wiring/self-audit-usecases.ts';
import { workflowStarter } from '../wiring/workflows.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => {
  const cases = composeCaseUseCases({ workflows: workflowStarter() });
  return {
    findings: composeSelfAuditFindingUseCases((actor, input, idempotency) =>
      cases.createCase(actor, input, idempotency),
    ),
    baseUrl: baseUrl(),
  };
});

export const handler = apiHandler(
  apiRoute('self-audit-finding-misconduct'),
  { params: findingParams, body: findingMisconductBody },
  async ({ actor, params, body }) => {
    const { findings, baseUrl } = deps();
    const opened = await findings.openMisconduct(actor, params.caseId, params.findingId, body);
    const viewer = await viewerFor(actor);
    return {
      statusCode: 201,
      body: {
        audit: caseView(opened.audit, baseUrl, viewer),
        events: opened.events,
        misconductCase: caseView(opened.misconductCase, baseUrl, viewer),
      },
      headers: { location: `${baseUrl}/cases/${opened.misconductCase.caseId}` },
    };
  },
);
