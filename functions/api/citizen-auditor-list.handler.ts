/** GET /citizen-auditors — the 구민감사관 roster (the audit team), optionally only those in their term on a day. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { citizenAuditorsQuery } from './citizen-check-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCitizenAuditorRoster } from '../wiring/citizen-auditor-roster.ts';

const roster = once(() => composeCitizenAuditorRoster());

export const handler = apiHandler(
  apiRoute('citizen-auditor-list'),
  { query: citizenAuditorsQuery },
  async ({ actor, query }) => ({ statusCode: 200, body: await roster().list(actor, query) }),
);
