/**
 * The Mailer port and its two adapters. Both use nodemailer, so the MIME message (Korean subject
 * encoding, multipart text + HTML, headers) is produced by the same code whether it goes to the
 * local catcher over SMTP or to SES v2 as a raw message. A transport failure becomes one typed
 * MailSendError with the original as `cause`; deciding whether and when to retry is the caller's.
 */
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { AppError } from '../domain/errors.ts';
import type { MailConfig, SmtpSettings } from './mail-config.ts';
import type { BuiltMail, MailAddress } from './mail-content.ts';

export type MailTransportName = 'smtp' | 'ses';

export interface SentMail {
  messageId: string;
}

export interface Mailer {
  readonly transport: MailTransportName;
  send(mail: BuiltMail): Promise<SentMail>;
  /** Releases connections; the mailer cannot send afterwards. */
  close(): void;
}

/** The mail server refused or could not be reached. Not shown to clients: it names servers and addresses. */
export class MailSendError extends AppError {
  override name = 'MailSendError';
  readonly statusCode = 502;
  readonly code = 'MAIL_SEND_FAILED';
  override readonly expose = false;
  readonly transport: MailTransportName;
  /** nodemailer's error code (ECONNECTION, EENVELOPE, ...) or the AWS SDK error name. */
  readonly transportCode: string | undefined;
  /** Whether the same mail may go through later (connection trouble, 4xx, throttling, SES 5xx). */
  readonly retryable: boolean;

  constructor(
    message: string,
    details: { transport: MailTransportName; transportCode: string | undefined; retryable: boolean; cause: unknown },
  ) {
    super(message, '메일을 보내지 못했습니다', { cause: details.cause });
    this.transport = details.transport;
    this.transportCode = details.transportCode;
    this.retryable = details.retryable;
  }
}

interface TransportErrorShape {
  message?: unknown;
  name?: unknown;
  code?: unknown;
  responseCode?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: unknown;
}

const asShape = (error: unknown): TransportErrorShape =>
  typeof error === 'object' && error !== null ? (error as TransportErrorShape) : {};

const TRANSIENT_SMTP_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS']);
const RETRYABLE_SES_NAMES = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'InternalFailure',
  'ServiceUnavailable',
]);

/** RFC 5321: 4yz replies are transient; connection-level failures are worth another try too. */
function isRetryableSmtp(error: TransportErrorShape): boolean {
  if (typeof error.responseCode === 'number') return error.responseCode >= 400 && error.responseCode < 500;
  return typeof error.code === 'string' && TRANSIENT_SMTP_CODES.has(error.code);
}

/** SDK errors say it themselves ($retryable, server fault); an error with no $metadata never reached SES. */
function isRetryableSes(error: TransportErrorShape): boolean {
  if (error.$retryable !== undefined || error.$fault === 'server') return true;
  if (typeof error.name === 'string' && RETRYABLE_SES_NAMES.has(error.name)) return true;
  return error.$metadata === undefined;
}

function toSendError(transport: MailTransportName, mail: BuiltMail, error: unknown): MailSendError {
  const shape = asShape(error);
  // nodemailer tags SDK errors that lack a code with the generic ESES; the SDK name says more.
  const transportCode =
    transport === 'ses' && typeof shape.name === 'string' && shape.name !== 'Error'
      ? shape.name
      : typeof shape.code === 'string'
        ? shape.code
        : undefined;
  const reason = typeof shape.message === 'string' ? shape.message : String(error);
  return new MailSendError(
    `"${mail.template}" mail was not sent through ${transport}${transportCode ? ` (${transportCode})` : ''}: ${reason}`,
    {
      transport,
      transportCode,
      retryable: transport === 'smtp' ? isRetryableSmtp(shape) : isRetryableSes(shape),
      cause: error,
    },
  );
}

function mailOptions(mail: BuiltMail, from: MailAddress, extra: Partial<SendMailOptions> = {}): SendMailOptions {
  return {
    from: { name: from.name, address: from.address },
    to: mail.to.map((address) => ({ name: address.name, address: address.address })),
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: { ...mail.headers },
    ...extra,
  };
}

function nodemailerMailer(
  transport: MailTransportName,
  transporter: Transporter,
  from: MailAddress,
  extra: Partial<SendMailOptions> = {},
): Mailer {
  return {
    transport,
    async send(mail) {
      try {
        const info = await transporter.sendMail(mailOptions(mail, from, extra));
        return { messageId: info.messageId };
      } catch (error) {
        throw toSendError(transport, mail, error);
      }
    },
    close() {
      transporter.close();
    },
  };
}

export interface SmtpMailerOptions extends SmtpSettings {
  from: MailAddress;
  /** Connection and greeting timeout; SMTP to a dead host should fail fast, not hold a job for minutes. */
  timeoutMs?: number;
}

export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const timeout = options.timeoutMs ?? 10_000;
  const transporter = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure,
    ...(options.auth ? { auth: { user: options.auth.user, pass: options.auth.pass } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 3,
  });
  return nodemailerMailer('smtp', transporter, options.from);
}

/** The part of SESv2Client nodemailer uses, so tests can hand in a recording fake. */
export type SesSendingClient = Pick<SESv2Client, 'send' | 'config'>;

export interface SesMailerOptions {
  sesClient: SesSendingClient;
  from: MailAddress;
  configurationSetName?: string;
}

export function createSesMailer(options: SesMailerOptions): Mailer {
  const transporter = nodemailer.createTransport({ SES: { sesClient: options.sesClient, SendEmailCommand } });
  const ses =
    options.configurationSetName === undefined ? {} : { ses: { ConfigurationSetName: options.configurationSetName } };
  return nodemailerMailer('ses', transporter, options.from, ses);
}

export interface MailerDependencies {
  /** Display name of the sender, the office name (runtime config OFFICE_NAME). */
  fromName: string;
  /** Reuse one SES client per process; a default one is made when absent. */
  sesClient?: SesSendingClient;
}

/** The configured mailer. Call once per process (module scope of a handler), not per invocation. */
export function createMailer(config: MailConfig, dependencies: MailerDependencies): Mailer {
  const from = { name: dependencies.fromName, address: config.fromAddress };
  if (config.transport === 'ses') {
    return createSesMailer({
      sesClient: dependencies.sesClient ?? new SESv2Client({}),
      from,
      ...(config.configurationSetName === undefined ? {} : { configurationSetName: config.configurationSetName }),
    });
  }
  return createSmtpMailer({ ...config.smtp, from });
}
