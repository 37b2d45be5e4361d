/**
 * Which transport sends mail, from configuration — never from "am I local?". `npm start` sets
 * MAIL_TRANSPORT=smtp and points SMTP_* at the local catcher; the CDK function construct sets
 * MAIL_TRANSPORT=ses. Both must be explicit: a Lambda that silently fell back to SMTP on 127.0.0.1
 * would lose every mail at 08:30 instead of failing at deploy.
 * The SES client takes region and endpoint from the SDK's own settings (AWS_REGION,
 * AWS_ENDPOINT_URL_SESV2), like every other service client here.
 */
import * as z from 'zod';
import { ConfigError } from '../config/runtime-config.ts';

const smtpEnvSchema = z
  .object({
    MAIL_TRANSPORT: z.literal('smtp'),
    /** Envelope and header sender address; the display name is the office name. */
    MAIL_FROM: z.email(),
    SMTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
    SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(1025),
    /** true = TLS from the first byte (port 465); false = plain, upgraded by STARTTLS when offered. */
    SMTP_SECURE: z.stringbool().default(false),
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASS: z.string().min(1).optional(),
    /**
     * Where the receiving side can be asked whether a Message-ID arrived (the local catcher's web
     * address); a crashed run's recovery asks before resending (delivery-lookup.ts). No lookup when absent.
     */
    SMTP_DELIVERY_LOOKUP_URL: z.url({ protocol: /^https?$/ }).optional(),
  })
  .refine((env) => (env.SMTP_USER === undefined) === (env.SMTP_PASS === undefined), {
    message: 'set both SMTP_USER and SMTP_PASS, or neither',
    path: ['SMTP_PASS'],
  });

const sesEnvSchema = z.object({
  MAIL_TRANSPORT: z.literal('ses'),
  /** Must be a verified SES identity. */
  MAIL_FROM: z.email(),
  /** Optional SES configuration set (bounce/complaint events). */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
});

export const mailEnvSchema = z.discriminatedUnion('MAIL_TRANSPORT', [smtpEnvSchema, sesEnvSchema]);

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
}

export type MailConfig =
  | { transport: 'smtp'; fromAddress: string; smtp: SmtpSettings; deliveryLookupUrl?: string }
  | { transport: 'ses'; fromAddress: string; configurationSetName?: string };

export function parseMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const result = mailEnvSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || 'MAIL_TRANSPORT'}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid mail configuration — ${problems}`, { cause: result.error });
  }
  const parsed = result.data;
  if (parsed.MAIL_TRANSPORT === 'ses') {
    return {
      transport: 'ses',
      fromAddress: parsed.MAIL_FROM,
      ...(parsed.SES_CONFIGURATION_SET === undefined ? {} : { configurationSetName: parsed.SES_CONFIGURATION_SET }),
    };
  }
  const auth =
    parsed.SMTP_USER !== undefined && parsed.SMTP_PASS !== undefined
      ? { user: parsed.SMTP_USER, pass: parsed.SMTP_PASS }
      : undefined;
  return {
    transport: 'smtp',
    fromAddress: parsed.MAIL_FROM,
    smtp: { host: parsed.SMTP_HOST, port: parsed.SMTP_PORT, secure: parsed.SMTP_SECURE, ...(auth ? { auth } : {}) },
    ...(parsed.SMTP_DELIVERY_LOOKUP_URL !== undefined && { deliveryLookupUrl: parsed.SMTP_DELIVERY_LOOKUP_URL }),
  };
}
