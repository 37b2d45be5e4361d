/**
 * Cases and their history in the one table. Every change is one TransactWriteItems: the case item
 * (conditioned on the version the change started from), its new history events (each conditioned
 * on not existing), and, when the request carried one, the idempotency record. So a change and its
 * history land together or not at all, a lost update is impossible, and a retried request has one effect.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { CaseChange, CaseRecord } from '../domain/case.ts';
import type { KindRegistry } from '../domain/kind-registry.ts';
import { KINDS } from '../kinds/registry.ts';
import { NotFoundError, VersionConflictError } from '../domain/errors.ts';
import { appendToChain, GENESIS_HASH, type EventDraft, type HistoryEvent } from '../domain/history.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { IdempotencyRaceError, idempotencyPut } from './idempotency-store.ts';
import { atomic, opened, type TransactItem } from './atomic-write.ts';
import {
  RelatedItemConflictError,
  type AtomicWrite,
  type CaseRepository as CaseRepositoryPort,
  type ClaimFor,
  type Page,
} from '../usecases/ports.ts';

import { keys, withoutStorageKeys } from './keys.ts';
import { searchIndexAttributes, searchKeys } from './case-search-index.ts';
import { queryAll, queryCount, queryItems } from './paged-query.ts';

export { RelatedItemConflictError, type ClaimFor, type Page };

/** How often a write is re-linked onto a chain tip that moved under it before giving up. */
const MAX_REBASES = 20;
/** How often an intake retries when another process's intake of its team took the number it read. */
const MAX_COUNTER_RACES = 50;

const jitter = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt, 5)));

/** Full jitter, doubling up to 250 ms: racers from other processes spread out instead of colliding again. */
const counterBackoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(250, 5 * 2 ** Math.min(attempt, 6))));

/**
 * Intakes of one counter (table, year, team) in this process take their turn: 16 intakes at once no
 * longer race each other on the counter's condition (each round let one win and sent fifteen back,
 * and a loser could lose fifty rounds: the API's 409). Only intakes of other processes (other Lambda
 * containers on AWS) still race, and they retry. The serial this process last wrote is remembered, so
 * an intake reads the counter only when another process moved it (its condition failed).
 */
const counterTurns = new Map<string, Promise<unknown>>();
const lastSerials = new Map<string, number>();

async function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = counterTurns.get(key) ?? Promise.resolve();
  const mine = before.then(work, work);
  const settled = mine.catch(() => undefined);
  counterTurns.set(key, settled);
  try {
    return await mine;
  } finally {
    if (counterTurns.get(key) === settled) counterTurns.delete(key);
  }
}

export type { TransactItem } from './atomic-write.ts';

export class CaseRepository implements CaseRepositoryPort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** The kinds whose details a stored case may hold (default: the office's). */
    private readonly kinds: KindRegistry = KINDS,
  ) {}

  private toCase(item: Record<string, unknown>): CaseRecord {
    return this.kinds.caseRecordSchema.parse(withoutStorageKeys(item)) as unknown as CaseRecord;
  }

  async get(caseId: string): Promise<CaseRecord | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.case(caseId), ConsistentRead: true }),
    );
    return out.Item ? this.toCase(out.Item) : undefined;
  }

  async getMany(caseIds: readonly string[]): Promise<Map<string, CaseRecord>> {
    const found = new Map<string, CaseRecord>();
    const ids = [...new Set(caseIds)];
    // BatchGetItem takes 100 keys a call and may hand some back unprocessed under load.
    for (let i = 0; i < ids.length; i += 100) {
      let requested: Record<string, unknown>[] | undefined = ids.slice(i, i + 100).map((id) => keys.case(id));
      while (requested && requested.length > 0) {
        const out: BatchGetCommandOutput = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: requested, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) {
          const c = this.toCase(item);
          found.set(c.caseId, c);
        }
        requested = out.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  /**
   * Creates a case under the next 접수번호 of its year and team. The counter moves in the same
   * transaction that writes the case (conditioned on the serial it was read at), so a refused or
   * failed intake takes no number and the register has no gaps. Intakes of one team in this process
   * take turns (`inTurn`); intakes of other processes retry on the counter, never on each other's cases.
   */
  async createNumbered(
    year: number,
    team: string,
    build: (serial: number) => CaseChange,
    claimFor?: ClaimFor,
    also: (c: CaseRecord) => AtomicWrite[] = () => [],
  ): Promise<{ case: CaseRecord; events: HistoryEvent[] }> {
    const counterKey = keys.caseNumberCounter(year, team);
    const turnKey = `${this.tableName}\u0000${counterKey.pk}`;
    return inTurn(turnKey, async () => {
      for (let attempt = 1; ; attempt++) {
        let previous = attempt === 1 ? lastSerials.get(turnKey) : undefined;
        if (previous === undefined) {
          const counter = await this.doc.send(
            new GetCommand({ TableName: this.tableName, Key: counterKey, ConsistentRead: true }),
          );
          previous = Number(counter.Item?.serial ?? 0);
        }
        const claim: TransactItem = {
          Update: {
            TableName: this.tableName,
            Key: counterKey,
            UpdateExpression: 'SET serial = :next',
            ConditionExpression: previous === 0 ? 'attribute_not_exists(serial)' : 'serial = :previous',
            ExpressionAttributeValues: { ':next': previous + 1, ...(previous !== 0 && { ':previous': previous }) },
          },
        };
        const change = build(previous + 1);
        try {
          const created = await this.create(change, claimFor, [atomic(claim), ...also(change.next)]);
          lastSerials.set(turnKey, previous + 1);
          return created;
        } catch (error) {
          lastSerials.delete(turnKey);
          if (
            error instanceof RelatedItemConflictError &&
            error.failedItems.includes(0) &&
            attempt < MAX_COUNTER_RACES
          ) {
            // The first attempt may have used a remembered serial another process has since moved.
            if (attempt > 1) await counterBackoff(attempt);
            continue;
          }
          throw error;
        }
      }
    });
  }

  /** Writes a new case with its first events and `also` (other items, with their own conditions). */
  async create(
    change: CaseChange,
    claimFor?: ClaimFor,
    also: AtomicWrite[] = [],
  ): Promise<{ case: CaseRecord; events: HistoryEvent[] }> {
    const { events, head } = appendToChain(
      change.next.caseId,
      { historySeq: 0, historyHead: GENESIS_HASH },
      change.drafts,
    );
    const next: CaseRecord = { ...change.next, ...head };
    const idempotency = claimFor?.({ case: next, events });
    const items: TransactItem[] = [
      { Put: { TableName: this.tableName, Item: caseItem(next), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...events.map((e) => eventPut(this.tableName, e)),
      ...opened(also),
    ];
    const alsoStart = 1 + events.length;
    const idemIndex = idempotency ? items.push(idempotencyPut(this.tableName, idempotency)) - 1 : -1;
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons && idemIndex >= 0 && reasons[idemIndex] === 'ConditionalCheckFailed')
        throw new IdempotencyRaceError();
      const failedItems = also.flatMap((_, i) => (reasons?.[alsoStart + i] === 'ConditionalCheckFailed' ? [i] : []));
      if (failedItems.length > 0)
        throw Object.assign(new RelatedItemConflictError('a related item changed concurrently', { cause: error }), {
          failedItems,
        });
      throw error;
    }
    return { case: next, events };
  }

  /**
   * Commits a change to an existing case if, and only if, the stored version is still `change.next.version - 1`.
   * Otherwise nothing is written and VersionConflictError carries the current version.
   */
  async commit(
    current: CaseRecord,
    change: CaseChange,
    claimFor?: ClaimFor,
    /** Other items that must change with the case (e.g. the task a decision completes), with their own conditions. */
    also: AtomicWrite[] = [],
  ): Promise<{ case: CaseRecord; events: HistoryEvent[] }> {
    let base = current;
    for (let attempt = 1; ; attempt++) {
      const { events, head } = appendToChain(base.caseId, base, change.drafts);
      const next: CaseRecord = { ...change.next, ...head, version: base.version + 1 };
      const idempotency = claimFor?.({ case: next, events });
      const items: TransactItem[] = [
        {
          Put: {
            TableName: this.tableName,
            Item: caseItem(next),
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': base.version },
          },
        },
        ...events.map((e) => eventPut(this.tableName, e)),
        ...opened(also),
      ];
      const alsoStart = 1 + events.length;
      const idemIndex = idempotency ? items.push(idempotencyPut(this.tableName, idempotency)) - 1 : -1;
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
        return { case: next, events };
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        if (idemIndex >= 0 && reasons[idemIndex] === 'ConditionalCheckFailed') throw new IdempotencyRaceError();
        const failedAlso = reasons
          .slice(alsoStart, alsoStart + also.length)
          .some((r) => r === 'ConditionalCheckFailed');
        if (failedAlso && reasons[0] !== 'ConditionalCheckFailed')
          throw new RelatedItemConflictError('a related item changed concurrently', { cause: error });
        const latest = await this.get(current.caseId);
        // Recorded reads (appendWithoutVersion) extend the chain without changing the case: the change
        // still applies to the same version, so it is linked onto the new tip instead of failing.
        if (latest && latest.version === base.version && attempt < MAX_REBASES) {
          base = { ...base, historySeq: latest.historySeq, historyHead: latest.historyHead };
          await jitter(attempt);
          continue;
        }
        throw new VersionConflictError(
          `Case ${current.caseNumber} was changed by someone else (your version ${current.version}, current ${latest?.version ?? 'unknown'})`,
          `다른 사용자가 먼저 사건(${current.caseNumber})을 변경했습니다. 최신 내용을 확인한 뒤 다시 시도하세요 (현재 버전 ${latest?.version ?? '알 수 없음'})`,
          { field: 'expectedVersion', rule: 'stale_version', meta: { currentVersion: latest?.version }, cause: error },
        );
      }
    }
  }

  /**
   * Appends events that record something without changing the case (a read of a sealed case) to the
   * same hash chain: only the chain tip on the case item moves (conditioned on the tip it extends),
   * never the version, so nobody's edit based on that version fails because someone looked.
   */
  async appendWithoutVersion(
    caseId: string,
    drafts: readonly EventDraft[],
    /**
     * Other items that must change with the events (e.g. reminder markers), with their own conditions;
     * a function when an item names the events it goes with (their sequence numbers and hashes).
     */
    alsoGiven: AtomicWrite[] | ((events: readonly HistoryEvent[]) => AtomicWrite[]) = [],
  ): Promise<HistoryEvent[]> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(caseId);
      if (!current) throw new NotFoundError(`case ${caseId} does not exist`, `사건(${caseId})이 없습니다`);
      const { events, head } = appendToChain(caseId, current, drafts);
      const also = opened(typeof alsoGiven === 'function' ? alsoGiven(events) : alsoGiven);
      try {
        await this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.tableName,
                  Key: keys.case(caseId),
                  UpdateExpression: 'SET historySeq = :seq, historyHead = :head',
                  ConditionExpression: 'historySeq = :tipSeq AND historyHead = :tipHead',
                  ExpressionAttributeValues: {
                    ':seq': head.historySeq,
                    ':head': head.historyHead,
                    ':tipSeq': current.historySeq,
                    ':tipHead': current.historyHead,
                  },
                },
              },
              ...events.map((e) => eventPut(this.tableName, e)),
              ...also,
            ],
          }),
        );
        return events;
      } catch (error) {
        const reasons = cancellationReasons(error);
        const failedItems = also.flatMap((_, i) =>
          reasons?.[1 + events.length + i] === 'ConditionalCheckFailed' ? [i] : [],
        );
        if (failedItems.length > 0)
          throw Object.assign(new RelatedItemConflictError('a related item changed concurrently', { cause: error }), {
            failedItems,
          });
        if (!reasons || attempt >= MAX_REBASES) throw error;
        await jitter(attempt);
      }
    }
  }

  async listByAssignee(assigneeSub: string, options: { limit: number; cursor?: string }): Promise<Page<CaseRecord>> {
    return this.pageOfIndex('gsi1', keys.byAssignee(assigneeSub), options, false);
  }

  /** Cases of one kind, oldest receipt first, one page at a time (operator commands, reports). */
  async listByKind(kind: string, options: { limit: number; cursor?: string }): Promise<Page<CaseRecord>> {
    return this.pageOfIndex('gsi2', keys.byKind(kind), options, true);
  }

  /** How many cases of one kind exist (an index count query, for progress bars). */
  async countByKind(kind: string): Promise<number> {
    return queryCount(this.doc, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.byKind(kind) },
    });
  }

  private async pageOfIndex(
    index: 'gsi1' | 'gsi2',
    partition: string,
    options: { limit: number; cursor?: string },
    forward: boolean,
  ): Promise<Page<CaseRecord>> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: forward,
        Limit: options.limit,
        ExclusiveStartKey: decodeCursor(options.cursor),
      }),
    );
    return { items: (out.Items ?? []).map((item) => this.toCase(item)), cursor: encodeCursor(out.LastEvaluatedKey) };
  }

  /**
   * Cases of one kind received between two Korean dates (inclusive), for reports: a range query on
   * the kind index, whose sort key starts with the receipt time (`<receivedAt>#<caseId>`).
   */
  async *receivedBetween(kind: string, from: string, to: string): AsyncGenerator<CaseRecord> {
    const items = queryItems(this.doc, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
      // '~' sorts after every character of a receipt time, so the whole last day is included.
      ExpressionAttributeValues: { ':pk': keys.byKind(kind), ':from': from, ':to': `${to}~` },
    });
    for await (const item of items) yield this.toCase(item);
  }

  async findByCaseNumber(caseNumber: string): Promise<CaseRecord | undefined> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.byCaseNumber(caseNumber) },
        Limit: 1,
      }),
    );
    const item = out.Items?.[0];
    return item ? this.toCase(item) : undefined;
  }

  /** The whole history of one case in sequence order (one partition, paged through). */
  async history(caseId: string): Promise<HistoryEvent[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.case(caseId).pk, ':prefix': keys.eventPrefix },
      ConsistentRead: true,
    });
    return items.map(toEvent);
  }
}

/** The stored item of a case: the record plus its keys and index attributes (exported for the search bench's bulk seeding). */
export function caseItem(c: CaseRecord): Record<string, unknown> {
  return {
    ...keys.case(c.caseId),
    entity: 'case',
    ...c,
    ...(c.assigneeSub !== undefined && {
      gsi1pk: keys.byAssignee(c.assigneeSub),
      gsi1sk: `${c.updatedAt}#${c.caseId}`,
    }),
    gsi2pk: keys.byKind(c.kind),
    // Korea time, like the search indexes, so receipt times written with another offset still sort right.
    gsi2sk: searchKeys.received(c),
    gsi3pk: keys.byCaseNumber(c.caseNumber),
    gsi3sk: 'CASE',
    ...searchIndexAttributes(c),
  };
}

function eventPut(tableName: string, e: HistoryEvent): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: { ...keys.event(e.caseId, e.seq), entity: 'event', ...e },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

function toEvent(item: Record<string, unknown>): HistoryEvent {
  return withoutStorageKeys(item) as unknown as HistoryEvent;
}

/** The per-item reasons of a cancelled transaction, or undefined for any other error. */
export function cancellationReasons(error: unknown): (string | undefined)[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((r) => (r.Code === 'None' ? undefined : r.Code));
}
