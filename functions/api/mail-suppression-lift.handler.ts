/**
 * POST /mail/suppressions/lift {email} — an admin checked the address: its suppression is lifted and
 * the next reminder run sends what was held back. 404 (field `email`, rule `not_suppressed`) when the
 * address is not suppressed; with an Idempotency-Key a retry answers the same (replayed: true).
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders } from './case-view.ts';
import { liftSuppressionBody } from './mail-failure-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeMailFailureAdmin } from '../wiring/mail-failure-admin.ts';

const deps = once(() => ({ mailFailures: composeMailFailureAdmin() }));

export const handler = apiHandler(
  apiRoute('mail-suppression-lift'),
  { body: liftSuppressionBody },
  async ({ actor, body, idempotent }) => {
    const { mailFailures } = deps();
    const email = body.email.toLowerCase();
    const outcome = await mailFailures.lift(actor, email, idempotent({ email }));
    return {
      statusCode: 200,
      body: { ...outcome.result, replayed: outcome.replayed },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
