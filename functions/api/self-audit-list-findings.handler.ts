/** GET /cases/{caseId}/findings — a self-audit's findings with their follow-up state, by disposition or state. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { caseIdParams } from './schemas.ts';
import { findingsQuery } from './self-audit-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeSelfAuditFindingUseCases } from '../wiring/self-audit-usecases.ts';

const deps = once(() => ({ findings: composeSelfAuditFindingUseCases() }));

export const handler = apiHandler(
  apiRoute('self-audit-list-findings'),
  { params: caseIdParams, query: findingsQuery },
  async ({ actor, params, query }) => ({
    statusCode: 200,
    body: await deps().findings.list(actor, params.caseId, query),
  }),
);
