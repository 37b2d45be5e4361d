/** GET /mail/failures — recent undelivered mail (recipient, kind, permanence, case numbers) and the suppressed addresses; head of office and admins. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { mailFailuresQuery } from './mail-failure-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeMailFailureAdmin } from '../wiring/mail-failure-admin.ts';

const deps = once(() => ({ mailFailures: composeMailFailureAdmin() }));

export const handler = apiHandler(apiRoute('mail-failures'), { query: mailFailuresQuery }, async ({ actor, query }) => {
  const { mailFailures } = deps();
  return { statusCode: 200, body: await mailFailures.list(actor, query.limit) };
});
