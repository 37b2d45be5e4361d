/**
 * The mail SES took, as its `Send` events report it (functions/jobs/mail-events.handler.ts), by our
 * Message-ID: `MAIL_SENT#<Message-ID>` / `SENT`, kept 30 days. This is the question a recovery asks on
 * AWS before it resends a digest whose process died between SES's answer and our record
 * (shared/mail/delivery-lookup.ts): SES cannot be asked by Message-ID, but it tells us what it sent.
 * An event that has not arrived yet (EventBridge delivers within seconds; a recovery runs a lease later)
 * still reads as "not found", and the digest is resent and marked `deliveryUncertain`.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeliveryLookup, DeliveryLookupResult } from '../mail/delivery-lookup.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

const KEEP_SECONDS = 30 * 24 * 60 * 60;
const keyOf = (messageId: string) => ({ pk: `MAIL_SENT#${messageId}`, sk: 'SENT' });

export class MailSendLog implements DeliveryLookup {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records that SES took this message; a redelivered event writes the same item again. */
  async recordSent(sent: { messageId: string; providerMessageId: string; at: string }): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keyOf(sent.messageId),
          entity: 'MailSent',
          messageId: sent.messageId,
          providerMessageId: sent.providerMessageId,
          sentAt: sent.at,
          [TTL_ATTRIBUTE]: Math.floor(Date.parse(sent.at) / 1000) + KEEP_SECONDS,
        },
      }),
    );
  }

  async find(messageId: string): Promise<DeliveryLookupResult> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keyOf(messageId), ConsistentRead: true }),
    );
    const id = out.Item?.providerMessageId;
    return typeof id === 'string' ? { found: true, providerMessageId: id } : { found: false };
  }
}
