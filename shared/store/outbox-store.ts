/**
 * The outbox (docs/design.md, "9. Commit, then deliver"): an intent to tell the workflow something — start a case's
 * execution, hand it a task's decision — written in the same transaction as the case change that
 * makes it necessary, and delivered afterwards by the relay (outbox-relay.ts). A crash between the
 * commit and the Step Functions call therefore leaves a pending intent, never a stranded case.
 *
 * Items live in their case's partition (`OUTBOX#<intent id>`); the id is derived from what the
 * intent is about (the execution name, the task), so the same intent can never be written twice.
 * Pending items are in gsi2 under `OUTBOX#PENDING` (sorted by the time they may next be tried),
 * dead ones under `OUTBOX#DEAD`; a delivered item leaves both and expires after a week.
 * On AWS the table's stream carries each new item to the relay function; locally the relay polls
 * the pending partition (infra/local/local-system.ts).
 */
import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  outboxIdOf,
  outboxIntentSchema,
  outboxItemSchema,
  type OutboxIntent,
  type OutboxItem,
} from '../domain/outbox.ts';
import type { AtomicWrite, OutboxStore as OutboxStorePort } from '../usecases/ports.ts';
import { atomic, type TransactItem } from './atomic-write.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';
import { withoutStorageKeys } from './keys.ts';
import { queryItems } from './paged-query.ts';

export const OUTBOX_ENTITY = 'outbox';
export const OUTBOX_PENDING = 'OUTBOX#PENDING';
export const OUTBOX_DEAD = 'OUTBOX#DEAD';
const DELIVERED_TTL_SECONDS = 7 * 24 * 60 * 60;

export { outboxIdOf, outboxIntentSchema, outboxItemSchema, type OutboxIntent, type OutboxItem };

export const outboxKey = (caseId: string, outboxId: string) => ({ pk: `CASE#${caseId}`, sk: `OUTBOX#${outboxId}` });

export class OutboxStore implements OutboxStorePort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  /** The item to put in the transaction of the change that needs the intent delivered. */
  put(intent: OutboxIntent, now: Date): AtomicWrite {
    return atomic(this.putItem(intent, now));
  }

  private putItem(intent: OutboxIntent, now: Date): TransactItem {
    const item: OutboxItem = {
      outboxId: outboxIdOf(intent),
      intent,
      status: 'pending',
      createdAt: now.toISOString(),
      attempts: 0,
      nextAttemptAt: now.toISOString(),
    };
    return {
      Put: {
        TableName: this.tableName,
        Item: storedItem(item),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** Writes an intent on its own (the reconciler, for cases written before the outbox existed). */
  async add(intent: OutboxIntent, now: Date): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand(this.putItem(intent, now).Put as ConstructorParameters<typeof PutCommand>[0]));
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** Pending intents that may be tried at `due` or before, oldest first. */
  async pending(due: Date, limit: number): Promise<OutboxItem[]> {
    return this.queryIndex(OUTBOX_PENDING, limit, due.toISOString());
  }

  /** Intents that exhausted their attempts (the dead-letter list an operator works through). */
  async dead(limit: number): Promise<OutboxItem[]> {
    return this.queryIndex(OUTBOX_DEAD, limit);
  }

  /** Every intent of one case (any status), oldest first. */
  async ofCase(caseId: string): Promise<OutboxItem[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':prefix': 'OUTBOX#' },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map(toItem).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Marks a pending intent delivered (once: a concurrent relay that also delivered changes nothing). */
  async markDelivered(item: OutboxItem, outcome: string, now: Date): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: outboxKey(item.intent.caseId, item.outboxId),
          UpdateExpression:
            'SET #status = :delivered, deliveredAt = :at, outcome = :outcome, #ttl = :ttl REMOVE gsi2pk, gsi2sk, nextAttemptAt',
          ConditionExpression: '#status <> :delivered',
          ExpressionAttributeNames: { '#status': 'status', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':delivered': 'delivered',
            ':at': now.toISOString(),
            ':outcome': outcome,
            ':ttl': Math.floor(now.getTime() / 1000) + DELIVERED_TTL_SECONDS,
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
    }
  }

  /**
   * Records a failed attempt: the intent is tried again after a backoff (doubling, up to ten
   * minutes), or, once `maxAttempts` are used, it moves to the dead-letter list.
   */
  async recordFailure(item: OutboxItem, error: string, now: Date, maxAttempts: number): Promise<'retry' | 'dead'> {
    const attempts = item.attempts + 1;
    const dead = attempts >= maxAttempts;
    const next = new Date(now.getTime() + Math.min(600_000, 1_000 * 2 ** attempts));
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: outboxKey(item.intent.caseId, item.outboxId),
        UpdateExpression:
          'SET attempts = :attempts, lastError = :error, #status = :status, gsi2pk = :pk, gsi2sk = :sk, nextAttemptAt = :next',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':attempts': attempts,
          ':error': error.slice(0, 1000),
          ':status': dead ? 'dead' : 'pending',
          ':pk': dead ? OUTBOX_DEAD : OUTBOX_PENDING,
          ':sk': `${dead ? now.toISOString() : next.toISOString()}#${item.outboxId}`,
          ':next': next.toISOString(),
          ':pending': 'pending',
        },
      }),
    );
    return dead ? 'dead' : 'retry';
  }

  /** Puts a dead intent back in the pending list with fresh attempts (an operator's retry). */
  async revive(item: OutboxItem, now: Date): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: outboxKey(item.intent.caseId, item.outboxId),
        UpdateExpression: 'SET attempts = :zero, #status = :pending, gsi2pk = :pk, gsi2sk = :sk, nextAttemptAt = :now',
        ConditionExpression: '#status = :dead',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':zero': 0,
          ':pending': 'pending',
          ':dead': 'dead',
          ':pk': OUTBOX_PENDING,
          ':sk': `${now.toISOString()}#${item.outboxId}`,
          ':now': now.toISOString(),
        },
      }),
    );
  }

  private async queryIndex(partition: string, limit: number, upTo?: string): Promise<OutboxItem[]> {
    const items: OutboxItem[] = [];
    const found = queryItems(
      this.doc,
      {
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: upTo ? 'gsi2pk = :pk AND gsi2sk <= :upTo' : 'gsi2pk = :pk',
        // '~' sorts after the '#<id>' that follows the time, so everything due at `upTo` is included.
        ExpressionAttributeValues: { ':pk': partition, ...(upTo && { ':upTo': `${upTo}~` }) },
      },
      { pageSize: limit },
    );
    for await (const item of found) {
      items.push(toItem(item));
      if (items.length >= limit) break;
    }
    return items;
  }
}

function storedItem(item: OutboxItem): Record<string, unknown> {
  return {
    ...outboxKey(item.intent.caseId, item.outboxId),
    entity: OUTBOX_ENTITY,
    ...item,
    gsi2pk: OUTBOX_PENDING,
    gsi2sk: `${item.nextAttemptAt ?? item.createdAt}#${item.outboxId}`,
  };
}

/** Reads an outbox item as stored (also from a DynamoDB stream image, already unmarshalled). */
export function toOutboxItem(item: Record<string, unknown>): OutboxItem {
  const { [TTL_ATTRIBUTE]: _ttl, ...rest } = withoutStorageKeys(item);
  return outboxItemSchema.parse(rest);
}
const toItem = toOutboxItem;
