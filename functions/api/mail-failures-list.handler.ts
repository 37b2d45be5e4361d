/** GET /mail/failures — recent undelivered mail (recipient, kind, permanence, case numbers) and the suppressed addresses; head of office and admins. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { mailFailureDeps } from './mail-failure-deps.ts';
import { mailFailuresQuery } from './mail-failure-schemas.ts';

export const handler = apiHandler({ auth: true, query: mailFailuresQuery }, async ({ actor, query }) => {
  const { mailFailures } = mailFailureDeps();
  return { statusCode: 200, body: await mailFailures.list(actor, query.limit) };
});
