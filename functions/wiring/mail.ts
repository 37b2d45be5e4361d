/**
 * The office's outgoing mail, for the jobs that send it (only they import this module, so only their
 * bundles carry the SES client): SES on AWS, SMTP to the local catcher on one machine.
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { parseMailConfig } from '#shared/mail/mail-config.ts';
import { catcherDeliveryLookup } from '#shared/mail/delivery-lookup.ts';
import { createMailer } from '#shared/mail/mailer.ts';
import { MailSendLog } from '#shared/store/mail-send-log.ts';
import { runtimeConfig } from '#shared/config/runtime-config.ts';
import { tracer } from '#shared/observability/powertools.ts';
import { doc, tableName } from './table.ts';

const ses = tracer.captureAWSv3Client(new SESv2Client({}));

export function composeMail() {
  const config = runtimeConfig();
  const mailConfig = parseMailConfig();
  return {
    mailer: createMailer(mailConfig, { fromName: config.OFFICE_NAME, sesClient: ses }),
    // Links in mail open the console, not the API.
    mail: { officeName: config.OFFICE_NAME, baseUrl: config.CONSOLE_URL ?? config.APP_BASE_URL },
    messageIdDomain: mailConfig.fromAddress.split('@')[1] ?? 'localhost',
    // Asked before a crashed run's digest is resent: the local catcher itself, or on AWS the Send events
    // SES published through the configuration set (delivery-lookup.ts, mail-send-log.ts).
    ...(mailConfig.transport === 'smtp' &&
      mailConfig.deliveryLookupUrl !== undefined && {
        deliveries: catcherDeliveryLookup(mailConfig.deliveryLookupUrl),
      }),
    ...(mailConfig.transport === 'ses' &&
      mailConfig.configurationSetName !== undefined && { deliveries: new MailSendLog(doc, tableName()) }),
  };
}
