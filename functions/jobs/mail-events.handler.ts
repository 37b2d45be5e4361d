/**
 * SES mail events (AWS): the configuration set publishes bounces, complaints, rejections and
 * delivery delays to EventBridge, and a rule invokes this function with each event
 * (infra/constructs/mail-events.ts). The event is zod-parsed (shared/mail/mail-events.ts); each
 * recipient's failure is recorded, a bounced reminder digest is released for the next run, and a
 * permanently bad address is suppressed with a notice to the administrators
 * (shared/usecases/mail-failures.ts). Handling is idempotent per mail × recipient, so EventBridge's
 * retries and redeliveries change nothing twice; an event that cannot be parsed fails the
 * invocation and lands in the dead-letter queue instead of vanishing.
 */
import type { MailFailureOutcome, MailFailures } from '#shared/usecases/mail-failures.ts';
import { once } from '../wiring/once.ts';
import { composeMailFailures, composeReminderParts } from '../wiring/reminder-jobs.ts';
import { lambdaHandler } from './job-handler.ts';

const failures = once(() => composeMailFailures(composeReminderParts()));

export async function handleMailEvent(
  event: unknown,
  job: Pick<MailFailures, 'onSesEvent'>,
): Promise<{ outcomes: MailFailureOutcome[] }> {
  return { outcomes: await job.onSesEvent(event) };
}

export const handler = lambdaHandler('mail-events', async (event) => handleMailEvent(event, failures()));
