/**
 * What SES tells us after it accepted a mail (issue 6: "bounces and complaints are not silently
 * lost"). The configuration set publishes BOUNCE, COMPLAINT, REJECT and DELIVERY_DELAY events to
 * EventBridge (infra/constructs/mail-events.ts), and SEND (SES took the mail: recorded for the crash
 * recovery, shared/store/mail-send-log.ts); an SNS topic destination delivers the same event
 * record inside an SNS message, so both envelopes are read here. Everything is zod-parsed: an
 * event that does not parse is an error (the handler fails and the event goes to its dead-letter
 * queue), never silently dropped.
 *
 * Each event becomes one failure per recipient, classified by what should happen next:
 * - `suppress`: a permanent bounce (the address does not exist) or a complaint (the person marked
 *   our mail as spam). Mailing the address again harms the sender's reputation and reaches nobody:
 *   it is suppressed and the administrator told, so the staff record gets a working address.
 * - `retry`: a transient or undetermined bounce (mailbox full, server trouble), or SES rejecting
 *   the message: the reminders the mail carried are released and the next run sends them again.
 * - `watch`: a delivery delay — SES is still trying. Only recorded; if it gives up, a bounce follows.
 *
 * The same classification covers a failure the sending call itself reports (SMTP locally, the SES
 * API on AWS): see classifySendError.
 */
import * as z from 'zod';
import type { MailSendError } from './mailer.ts';

export const MAIL_FAILURE_KINDS = ['bounce', 'complaint', 'reject', 'delay', 'send-error'] as const;
export type MailFailureKind = (typeof MAIL_FAILURE_KINDS)[number];
export type MailFailureDisposition = 'suppress' | 'retry' | 'watch';

/** One recipient's failure, as recorded (MAIL_FAILED) and acted on. */
export interface MailFailure {
  kind: MailFailureKind;
  disposition: MailFailureDisposition;
  /** The recipient's address, lower-cased. */
  email: string;
  /** The Message-ID header we set (`<…@domain>`), which names our digest; undefined when SES lost the headers. */
  messageId: string | undefined;
  /** SES's own message id (EventBridge/SNS events) or the transport's; for correlation with SES logs. */
  providerMessageId: string | undefined;
  /** Our reference headers on the mail (X-Gamsa-Digest, X-Gamsa-Template), when the event carries them. */
  digestId: string | undefined;
  template: string | undefined;
  /** Bounce type/subtype, SMTP status and diagnostic, complaint type, reject reason — for people to read. */
  detail: string;
  /** When the failure happened (ISO). */
  at: string;
}

/** Headers our mail carries so a failure can be traced back to what was sent. */
export const DIGEST_HEADER = 'X-Gamsa-Digest';
export const TEMPLATE_HEADER = 'X-Gamsa-Template';

const recipientSchema = z.object({ emailAddress: z.string().min(3) }).loose();

const mailSchema = z
  .object({
    timestamp: z.string(),
    messageId: z.string().min(1),
    destination: z.array(z.string()).default([]),
    headers: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
    commonHeaders: z.object({ messageId: z.string().optional() }).loose().optional(),
  })
  .loose();

const bounceSchema = z
  .object({
    bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
    bounceSubType: z.string().default(''),
    bouncedRecipients: z
      .array(
        recipientSchema.extend({
          status: z.string().optional(),
          diagnosticCode: z.string().optional(),
          action: z.string().optional(),
        }),
      )
      .min(1),
    timestamp: z.string(),
  })
  .loose();

const complaintSchema = z
  .object({
    complainedRecipients: z.array(recipientSchema).min(1),
    timestamp: z.string(),
    complaintFeedbackType: z.string().optional(),
    complaintSubType: z.string().nullish(),
  })
  .loose();

const rejectSchema = z.object({ reason: z.string().default('') }).loose();

const deliveryDelaySchema = z
  .object({
    delayType: z.string().default(''),
    delayedRecipients: z
      .array(recipientSchema.extend({ status: z.string().optional(), diagnosticCode: z.string().optional() }))
      .min(1),
    timestamp: z.string(),
    expirationTime: z.string().optional(),
  })
  .loose();

/** The SES event publishing record (EventBridge `detail`, or the JSON of an SNS message). */
export const sesEventRecordSchema = z.discriminatedUnion('eventType', [
  z.object({ eventType: z.literal('Bounce'), mail: mailSchema, bounce: bounceSchema }).loose(),
  z.object({ eventType: z.literal('Complaint'), mail: mailSchema, complaint: complaintSchema }).loose(),
  z.object({ eventType: z.literal('Reject'), mail: mailSchema, reject: rejectSchema }).loose(),
  z.object({ eventType: z.literal('DeliveryDelay'), mail: mailSchema, deliveryDelay: deliveryDelaySchema }).loose(),
  // SES accepted the mail for sending: what a recovery asks before it resends (mail-send-log.ts).
  z.object({ eventType: z.literal('Send'), mail: mailSchema }).loose(),
]);
export type SesEventRecord = z.infer<typeof sesEventRecordSchema>;

/** The EventBridge detail types of those four events (the rule matches exactly these). */
export const SES_EVENT_DETAIL_TYPES = [
  'Email Bounced',
  'Email Complaint Received',
  'Email Rejected',
  'Email Delivery Delayed',
  'Email Sent',
] as const;

const eventBridgeSchema = z
  .object({ source: z.literal('aws.ses'), 'detail-type': z.enum(SES_EVENT_DETAIL_TYPES), detail: sesEventRecordSchema })
  .loose();

const snsSchema = z
  .object({
    Records: z
      .array(z.object({ EventSource: z.literal('aws:sns'), Sns: z.object({ Message: z.string() }).loose() }).loose())
      .min(1),
  })
  .loose();

export class MailEventInputError extends Error {
  override name = 'MailEventInputError';
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ');
}

/** The SES event records in a Lambda event (EventBridge or SNS), or MailEventInputError naming what is wrong. */
export function parseSesEvent(input: unknown): SesEventRecord[] {
  const fromBus = eventBridgeSchema.safeParse(input);
  if (fromBus.success) return [fromBus.data.detail];
  const fromSns = snsSchema.safeParse(input);
  if (fromSns.success) {
    return fromSns.data.Records.map((record, index) => {
      let message: unknown;
      try {
        message = JSON.parse(record.Sns.Message);
      } catch {
        throw new MailEventInputError(`Records.${index}.Sns.Message: not JSON`);
      }
      const parsed = sesEventRecordSchema.safeParse(message);
      if (!parsed.success) throw new MailEventInputError(`Records.${index}.Sns.Message — ${issuesOf(parsed.error)}`);
      return parsed.data;
    });
  }
  // Name the problem against the envelope we deploy (EventBridge).
  throw new MailEventInputError(`Not an SES event — ${issuesOf(fromBus.error)}`);
}

const headerOf = (record: SesEventRecord, name: string) =>
  record.mail.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

/** Our own copy of the Message-ID header, which SES keeps as we set it (it may replace `Message-ID`). */
export const MESSAGE_ID_HEADER = 'X-Gamsa-Message-ID';

/** A mail SES accepted (a `Send` event): our Message-ID and SES's own id; undefined for any other event. */
export function sentMessageOf(
  record: SesEventRecord,
): { messageId: string; providerMessageId: string; at: string } | undefined {
  if (record.eventType !== 'Send') return undefined;
  const messageId = headerOf(record, MESSAGE_ID_HEADER) ?? record.mail.commonHeaders?.messageId;
  return messageId === undefined
    ? undefined
    : { messageId, providerMessageId: record.mail.messageId, at: record.mail.timestamp };
}

/** One failure per recipient of an SES event record, classified (none for a `Send`). */
export function classifySesEvent(record: SesEventRecord): MailFailure[] {
  const base = {
    messageId: record.mail.commonHeaders?.messageId ?? headerOf(record, 'Message-ID'),
    providerMessageId: record.mail.messageId,
    digestId: headerOf(record, DIGEST_HEADER),
    template: headerOf(record, TEMPLATE_HEADER),
  };
  const each = (
    emails: readonly string[],
    failure: Omit<MailFailure, 'email' | keyof typeof base>,
    detailOf?: (email: string) => string,
  ) =>
    emails.map((email) => ({
      ...base,
      ...failure,
      email: email.toLowerCase(),
      detail: detailOf ? detailOf(email) : failure.detail,
    }));
  switch (record.eventType) {
    case 'Bounce': {
      const { bounce } = record;
      const disposition: MailFailureDisposition = bounce.bounceType === 'Permanent' ? 'suppress' : 'retry';
      return bounce.bouncedRecipients.map((r) => ({
        ...base,
        kind: 'bounce' as const,
        disposition,
        email: r.emailAddress.toLowerCase(),
        detail: [`${bounce.bounceType}/${bounce.bounceSubType}`, r.status, r.diagnosticCode]
          .filter(Boolean)
          .join(' — '),
        at: bounce.timestamp,
      }));
    }
    case 'Complaint': {
      const { complaint } = record;
      return each(
        complaint.complainedRecipients.map((r) => r.emailAddress),
        {
          kind: 'complaint',
          disposition: 'suppress',
          detail: ['complaint', complaint.complaintFeedbackType, complaint.complaintSubType]
            .filter(Boolean)
            .join(' — '),
          at: complaint.timestamp,
        },
      );
    }
    case 'Reject':
      return each(record.mail.destination, {
        kind: 'reject',
        disposition: 'retry',
        detail: `rejected by SES: ${record.reject.reason}`,
        at: record.mail.timestamp,
      });
    case 'Send':
      return [];
    case 'DeliveryDelay': {
      const delay = record.deliveryDelay;
      return delay.delayedRecipients.map((r) => ({
        ...base,
        kind: 'delay' as const,
        disposition: 'watch' as const,
        email: r.emailAddress.toLowerCase(),
        detail: [
          `delayed: ${delay.delayType}`,
          r.status,
          r.diagnosticCode,
          delay.expirationTime && `SES gives up at ${delay.expirationTime}`,
        ]
          .filter(Boolean)
          .join(' — '),
        at: delay.timestamp,
      }));
    }
  }
}

/** SMTP reply codes that say the recipient address itself is bad (RFC 5321: 550, 551, 553). */
const BAD_ADDRESS_CODES = new Set([550, 551, 553]);

/**
 * A failure the sending call reported (the mail was never accepted): a permanent refusal of the
 * recipient (SMTP 550/551/553 on RCPT TO) suppresses it like a permanent bounce; anything else is
 * retried — including the SES API's MessageRejected, which is about the sender or the content
 * (an unverified identity in the sandbox, say), not the recipient's address.
 */
export function classifySendError(error: MailSendError, recipients: readonly string[], at: Date): MailFailure[] {
  const cause = (error.cause ?? {}) as { responseCode?: unknown; code?: unknown; rejected?: unknown };
  const responseCode = typeof cause.responseCode === 'number' ? cause.responseCode : undefined;
  const rejected = Array.isArray(cause.rejected)
    ? cause.rejected.filter((r): r is string => typeof r === 'string').map((r) => r.toLowerCase())
    : [];
  const badAddress = cause.code === 'EENVELOPE' && responseCode !== undefined && BAD_ADDRESS_CODES.has(responseCode);
  return recipients.map((email) => ({
    kind: 'send-error' as const,
    // With several recipients only the ones the server named are suppressed.
    disposition:
      badAddress && !error.retryable && (rejected.length === 0 || rejected.includes(email.toLowerCase()))
        ? ('suppress' as const)
        : ('retry' as const),
    email: email.toLowerCase(),
    messageId: undefined,
    providerMessageId: undefined,
    digestId: undefined,
    template: undefined,
    detail: `${error.transportCode ?? 'error'}${responseCode ? ` ${responseCode}` : ''}: ${error.message}`.slice(
      0,
      1000,
    ),
    at: at.toISOString(),
  }));
}
