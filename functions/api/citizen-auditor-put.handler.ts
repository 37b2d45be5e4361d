/** PUT /citizen-auditors/{sub} — appoints a 구민감사관 or changes their field or term (the audit team's lead, head, admin). */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { citizenAuditorBody, citizenAuditorParams } from './citizen-check-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCitizenAuditorRoster } from '../wiring/citizen-auditor-roster.ts';

const roster = once(() => composeCitizenAuditorRoster());

export const handler = apiHandler(
  apiRoute('citizen-auditor-put'),
  { params: citizenAuditorParams, body: citizenAuditorBody },
  async ({ actor, params, body }) => {
    const { auditor, created } = await roster().put(actor, params.sub, body);
    return { statusCode: created ? 201 : 200, body: { auditor, created } };
  },
);
