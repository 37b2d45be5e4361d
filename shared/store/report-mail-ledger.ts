/**
 * Exactly-once mailing of periodic reports (one item per report × recipient, layout in
 * table-definition.ts): claim (conditional put, with a lease) → send with a Message-ID fixed by the
 * report → mark sent. A run that died after claiming leaves the claim; once its lease ends the next
 * run takes it over and sends the same message again (same Message-ID, so mail stores keep one).
 */
import { createHash, randomUUID } from 'node:crypto';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.ts';

import type { ReportMailClaim, ReportMailLedger as ReportMailLedgerPort } from '../usecases/ports.ts';
import { isConditionFailure } from './condition-failure.ts';

export type { ReportMailClaim } from '../usecases/ports.ts';

export class ReportMailLedger implements ReportMailLedgerPort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Claims the mailing, or undefined when it was sent already or another live run holds it. */
  async claim(
    reportId: string,
    messageIdDomain: string,
    now: Date,
    leaseMs: number,
  ): Promise<ReportMailClaim | undefined> {
    const holder = randomUUID();
    const messageId = `<report.${createHash('sha256').update(reportId).digest('hex').slice(0, 32)}@${messageIdDomain}>`;
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.reportMail(reportId),
            entity: 'report-mail',
            reportId,
            status: 'sending',
            holder,
            messageId,
            leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :sending AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending', ':now': now.toISOString() },
        }),
      );
      return { reportId, holder, messageId };
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /** Records the mail as sent; false when another run took the claim over meanwhile (it sends the same message). */
  async markSent(claim: ReportMailClaim, now: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.reportMail(claim.reportId),
          UpdateExpression: 'SET #status = :sent, sentAt = :at REMOVE leaseUntil',
          ConditionExpression: 'holder = :holder',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'sent', ':at': now.toISOString(), ':holder': claim.holder },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Gives the claim up after the mail server refused the mail, so the next run tries again. */
  async release(claim: ReportMailClaim): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.reportMail(claim.reportId),
          UpdateExpression: 'SET leaseUntil = :past',
          ConditionExpression: 'holder = :holder AND #status = :sending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':past': new Date(0).toISOString(),
            ':holder': claim.holder,
            ':sending': 'sending',
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
