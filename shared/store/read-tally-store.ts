/**
 * Reads of a sealed case, counted per reader and Korea-time hour (docs/design.md#sensitive-reads).
 * The first read of an hour appends one SENSITIVE_READ event to the case's chain and puts this
 * tally in the same transaction, naming that event (seq and hash); every later read of the hour
 * is one conditional increment here. So a client polling a sealed case's tasks every second adds
 * one chain event an hour, not 3,600, and every read is still counted.
 */
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HistoryEvent } from '../domain/history.ts';
import { READ_KINDS, type ReadKind, type ReadTally } from '../domain/read-tally.ts';
import { atomics } from './atomic-write.ts';
import type { AtomicWrite, ReadTallyStore as ReadTallyStorePort } from '../usecases/ports.ts';
import { keys } from './keys.ts';

export { koreaHourOf, READ_KINDS, type ReadKind, type ReadTally } from '../domain/read-tally.ts';

export class ReadTallyStore implements ReadTallyStorePort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Counts a read into the reader's tally for that hour; false when there is none yet (the first read appends the event). */
  async count(caseId: string, hour: string, readerSub: string, what: ReadKind, at: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.readTally(caseId, hour, readerSub),
          UpdateExpression: 'ADD #reads :one, #what :one SET lastAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#reads': 'reads', '#what': `reads_${what}` },
          ExpressionAttributeValues: { ':one': 1, ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /** The tally's first write, in the transaction that appends its SENSITIVE_READ event; fails if another read made it first. */
  firstPut(
    caseId: string,
    hour: string,
    readerSub: string,
    what: ReadKind,
    at: string,
  ): (events: readonly HistoryEvent[]) => AtomicWrite[] {
    return (events) => {
      const event = events[0];
      if (!event) throw new Error('a read tally goes with its SENSITIVE_READ event');
      return atomics([
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...keys.readTally(caseId, hour, readerSub),
              entity: 'read-tally',
              caseId,
              hour,
              readerSub,
              reads: 1,
              [`reads_${what}`]: 1,
              firstAt: at,
              lastAt: at,
              eventSeq: event.seq,
              eventHash: event.hash,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
    };
  }

  /** Every tally of a case, oldest hour first. */
  async ofCase(caseId: string): Promise<ReadTally[]> {
    const tallies: ReadTally[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.case(caseId).pk, ':prefix': keys.readTallyPrefix },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) tallies.push(toTally(item));
      start = out.LastEvaluatedKey;
    } while (start);
    return tallies;
  }
}

function toTally(item: Record<string, unknown>): ReadTally {
  const byWhat: Partial<Record<ReadKind, number>> = {};
  for (const what of READ_KINDS) {
    const n = item[`reads_${what}`];
    if (typeof n === 'number') byWhat[what] = n;
  }
  return {
    caseId: String(item.caseId),
    hour: String(item.hour),
    readerSub: String(item.readerSub),
    reads: Number(item.reads),
    byWhat,
    firstAt: String(item.firstAt),
    lastAt: String(item.lastAt),
    eventSeq: Number(item.eventSeq),
    eventHash: String(item.eventHash),
  };
}
