/**
 * Mail that did not reach its recipient (issue 6: bounces and complaints are not silently lost):
 *
 * - a failure record per mail × recipient × kind (`MAIL_FAILED#<mail ref>` / `RCPT#<email>#<kind>`),
 *   written once however often SES or SNS delivers the same event, and listed newest first in gsi2
 *   (`MAIL_FAILURES`) for the administrator;
 * - a suppression per address after a permanent bounce or a complaint (`MAIL_SUPPRESSED#<email>`):
 *   the reminder jobs skip a suppressed address (its reminders stay unsent) until an administrator
 *   fixes the staff member's address or lifts the suppression. While the administrator has not been
 *   told yet, the suppression sits in gsi2 under `MAIL_NOTICES#PENDING`, so a later run retries the
 *   notice.
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type {
  MailFailureStore as MailFailureStorePort,
  MailSuppression,
  StoredMailFailure,
} from '../usecases/ports.ts';
import { cancellationReasons } from './case-repository.ts';
import { IdempotencyRaceError, idempotencyPut, type IdempotencyClaim } from './idempotency-store.ts';
import { isConditionFailure } from './condition-failure.ts';

const FAILURES_INDEX = 'MAIL_FAILURES';
const PENDING_NOTICES = 'MAIL_NOTICES#PENDING';
/** Every suppression, listed in gsi3 for the administrator (the pending-notice entry in gsi2 goes once told). */
const SUPPRESSIONS_INDEX = 'MAIL_SUPPRESSIONS';

const failureKey = (mailRef: string, email: string, kind: string) => ({
  pk: `MAIL_FAILED#${mailRef}`,
  sk: `RCPT#${email.toLowerCase()}#${kind}`,
});
const suppressionKey = (email: string) => ({ pk: `MAIL_SUPPRESSED#${email.toLowerCase()}`, sk: 'SUPPRESSION' });

export type { MailSuppression, StoredMailFailure } from '../usecases/ports.ts';

const STORAGE = new Set(['pk', 'sk', 'entity', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk']);
const strip = <T>(item: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !STORAGE.has(k))) as T;

export class MailFailureStore implements MailFailureStorePort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records one failure; false when this mail × recipient × kind was recorded before (a redelivered event). */
  async record(failure: Omit<StoredMailFailure, 'recordedAt'>, now: Date): Promise<boolean> {
    const recordedAt = now.toISOString();
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...failureKey(failure.mailRef, failure.email, failure.kind),
            entity: 'mail-failure',
            ...stripUndefined(failure),
            recordedAt,
            gsi2pk: FAILURES_INDEX,
            gsi2sk: `${recordedAt}#${failure.mailRef}#${failure.email}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** The most recent failures, newest first. */
  async recent(limit: number): Promise<StoredMailFailure[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': FAILURES_INDEX },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => strip<StoredMailFailure>(item));
  }

  /** Suppresses an address; true when it was not suppressed before (the administrator is then to be told). */
  async suppress(suppression: Omit<MailSuppression, 'noticeSentAt'>): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...suppressionKey(suppression.email),
            entity: 'mail-suppression',
            ...stripUndefined(suppression),
            email: suppression.email.toLowerCase(),
            gsi2pk: PENDING_NOTICES,
            gsi2sk: `${suppression.since}#${suppression.email.toLowerCase()}`,
            gsi3pk: SUPPRESSIONS_INDEX,
            gsi3sk: suppression.email.toLowerCase(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Which of these addresses are suppressed. */
  async suppressedAmong(emails: readonly string[]): Promise<Map<string, MailSuppression>> {
    const found = new Map<string, MailSuppression>();
    const unique = [...new Set(emails.map((e) => e.toLowerCase()))];
    for (let i = 0; i < unique.length; i += 100) {
      let requested: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map(suppressionKey);
      while (requested && requested.length > 0) {
        const out: BatchGetCommandOutput = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: requested, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) {
          const suppression = strip<MailSuppression>(item);
          found.set(suppression.email, suppression);
        }
        requested = out.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  /** Lifts a suppression (an administrator checked the address); the next run mails it again. */
  async lift(email: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: suppressionKey(email) }));
  }

  /**
   * Lifts a suppression if there is one, with an idempotency claim in the same transaction; false
   * when the address is not suppressed. A claim another request committed first: IdempotencyRaceError.
   */
  async liftIfSuppressed(email: string, claim?: IdempotencyClaim): Promise<boolean> {
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
      {
        Delete: { TableName: this.tableName, Key: suppressionKey(email), ConditionExpression: 'attribute_exists(pk)' },
      },
    ];
    if (claim) items.push(idempotencyPut(this.tableName, claim));
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons && claim && reasons[1] === 'ConditionalCheckFailed') throw new IdempotencyRaceError();
      if (reasons && reasons[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  /** Suppressed addresses, by address (gsi3, written with each suppression). */
  async suppressions(limit: number): Promise<MailSuppression[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': SUPPRESSIONS_INDEX },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => strip<MailSuppression>(item));
  }

  /** Suppressions the administrator has not been told about yet, oldest first. */
  async pendingNotices(): Promise<MailSuppression[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': PENDING_NOTICES },
        Limit: 100,
      }),
    );
    return (out.Items ?? []).map((item) => strip<MailSuppression>(item));
  }

  /** The administrator was told: the suppression leaves the pending-notice index. */
  async noticeSent(email: string, at: Date): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: suppressionKey(email),
          UpdateExpression: 'SET noticeSentAt = :at REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at.toISOString() },
        }),
      );
    } catch (error) {
      // Lifted meanwhile: nothing left to mark.
      if (!isConditionFailure(error)) throw error;
    }
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
