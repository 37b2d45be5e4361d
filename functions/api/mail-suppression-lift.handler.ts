/**
 * POST /mail/suppressions/lift {email} — an admin checked the address: its suppression is lifted and
 * the next reminder run sends what was held back. 404 (field `email`, rule `not_suppressed`) when the
 * address is not suppressed; with an Idempotency-Key a retry answers the same (replayed: true).
 */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { replayHeaders } from './case-view.ts';
import { mailFailureDeps } from './mail-failure-deps.ts';
import { liftSuppressionBody } from './mail-failure-schemas.ts';

export const handler = apiHandler(
  { auth: true, body: liftSuppressionBody },
  async ({ actor, body, idempotencyKey }) => {
    const { mailFailures } = mailFailureDeps();
    const email = body.email.toLowerCase();
    const outcome = await mailFailures.lift(
      actor,
      email,
      idempotencyKey ? { key: idempotencyKey, request: { op: 'lift-mail-suppression', email } } : undefined,
    );
    return {
      statusCode: 200,
      body: { ...outcome.result, replayed: outcome.replayed },
      headers: replayHeaders(outcome.replayed),
    };
  },
);
