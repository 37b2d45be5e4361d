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
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { MailFailureOutcome, MailFailures } from '../../shared/usecases/mail-failures.ts';
import { jobDeps } from './job-deps.ts';

export async function handleMailEvent(
  event: unknown,
  failures: Pick<MailFailures, 'onSesEvent'>,
): Promise<{ outcomes: MailFailureOutcome[] }> {
  return { outcomes: await failures.onSesEvent(event) };
}

export const handler = middy<unknown, { outcomes: MailFailureOutcome[] }, Error, Context>().handler(async (event) =>
  handleMailEvent(event, jobDeps().mailFailures),
);
