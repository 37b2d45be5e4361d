/**
 * DynamoDB persistence for the local Step Functions service: state machines (and the definition
 * revision each execution pinned), executions, their history events, and task tokens — one table.
 *
 *   pk                    sk                    what
 *   SM#<arn>              STATE_MACHINE         state machine (current definition)
 *   SM#<arn>              DEFINITION#<sha256>   a definition revision (running executions keep theirs)
 *   EX#<arn>              EXECUTION             execution record, cursor, version
 *   EX#<arn>              EVENT#<id>            history event (append-only)
 *   TOKEN#<sha256(token)> TOKEN                 task token → execution, state, status
 *
 * Indexes (every list is a query, never a scan):
 *   byStateMachine        gsi1pk = SM#<arn>           gsi1sk = <startDate>#<name>   ListExecutions
 *                         gsi1pk = STATE_MACHINES     gsi1sk = <name>               ListStateMachines
 *   byStateMachineStatus  gsi2pk = SM#<arn>#<STATUS>  gsi2sk = <startDate>#<name>   ListExecutions(statusFilter)
 *   bySchedule (sparse)   gsi3pk = RUN                gsi3sk = <arn>                to resume after a crash
 *                         gsi3pk = WAKE               gsi3sk = <wakeAt>#<arn>        due timers and deadlines
 *
 * Every execution write is conditional on the version read (optimistic concurrency), and events and
 * token changes are written in the same transaction as the record they belong to.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError, StepFunctionsApiError } from './errors.ts';
import type { NewHistoryEvent, StoredHistoryEvent } from './history.ts';
import {
  executionRecordSchema,
  needsDriving,
  stateMachineRecordSchema,
  tokenRecordSchema,
  wakeTime,
  type ExecutionRecord,
  type ExecutionStatus,
  type StateMachineRecord,
  type TokenRecord,
  type TokenStatus,
} from './records.ts';
import { taskTokenKey } from './tokens.ts';

export const INDEXES = {
  byStateMachine: 'byStateMachine',
  byStateMachineStatus: 'byStateMachineStatus',
  bySchedule: 'bySchedule',
} as const;

const LISTED_ATTRIBUTES = ['arn', 'name', 'status', 'startDate', 'stopDate', 'stateMachineArn', 'creationDate', 'type'];

export type TokenWrite =
  | { kind: 'open'; token: string; executionArn: string; stateName: string; at: Date }
  | { kind: 'close'; token: string; status: Exclude<TokenStatus, 'OPEN'>; at: Date };

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface ExecutionSummary {
  arn: string;
  name: string;
  stateMachineArn: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
}

const keys = {
  stateMachine: (arn: string) => ({ pk: `SM#${arn}`, sk: 'STATE_MACHINE' }),
  definition: (arn: string, hash: string) => ({ pk: `SM#${arn}`, sk: `DEFINITION#${hash}` }),
  execution: (arn: string) => ({ pk: `EX#${arn}`, sk: 'EXECUTION' }),
  event: (arn: string, id: number) => ({ pk: `EX#${arn}`, sk: `EVENT#${String(id).padStart(10, '0')}` }),
  token: (token: string) => ({ pk: `TOKEN#${taskTokenKey(token)}`, sk: 'TOKEN' }),
};

/** A bounded map that forgets the least recently used entry first. */
class RecentEntries<V> {
  readonly #max: number;
  readonly #entries = new Map<string, V>();

  constructor(max: number) {
    this.#max = max;
  }

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

/** How many execution records and token rows this process remembers from its own writes (default). */
export const DEFAULT_RECENT_RECORDS = 1_000;

export class ExecutionStore {
  readonly tableName: string;
  readonly #client: DynamoDBClient;
  readonly #doc: DynamoDBDocumentClient;
  /**
   * Write-through memory of the execution records and token rows this process wrote last (bounded:
   * parked executions beyond it cost a read, not memory). Read only where the caller goes on to a
   * write conditional on the record's version (a task answer, a stop), so a record another process
   * changed since costs a failed condition and a fresh read, never a wrong outcome. A failed or
   * uncertain write forgets what it touched; a restarted process starts empty and reads the table.
   */
  readonly #recentExecutions: RecentEntries<ExecutionRecord>;
  readonly #recentTokens: RecentEntries<TokenRecord>;

  constructor(tableName: string, client: DynamoDBClient, options: { recentRecords?: number } = {}) {
    this.tableName = tableName;
    this.#recentExecutions = new RecentEntries(options.recentRecords ?? DEFAULT_RECENT_RECORDS);
    this.#recentTokens = new RecentEntries(options.recentRecords ?? DEFAULT_RECENT_RECORDS);
    this.#client = client;
    this.#doc = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }

  /** Creates the table and its indexes when absent; waits until it is active. */
  async ensureTable(): Promise<void> {
    if (await this.#tableStatus()) return this.#waitUntilActive();
    try {
      await this.#client.send(
        new CreateTableCommand({
          TableName: this.tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'].map(
            (name) => ({
              AttributeName: name,
              AttributeType: 'S',
            }),
          ),
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: INDEXES.byStateMachine,
              KeySchema: [
                { AttributeName: 'gsi1pk', KeyType: 'HASH' },
                { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: LISTED_ATTRIBUTES },
            },
            {
              IndexName: INDEXES.byStateMachineStatus,
              KeySchema: [
                { AttributeName: 'gsi2pk', KeyType: 'HASH' },
                { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: LISTED_ATTRIBUTES },
            },
            {
              IndexName: INDEXES.bySchedule,
              KeySchema: [
                { AttributeName: 'gsi3pk', KeyType: 'HASH' },
                { AttributeName: 'gsi3sk', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'KEYS_ONLY' },
            },
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    await this.#waitUntilActive();
  }

  async #tableStatus(): Promise<string | undefined> {
    try {
      const out = await this.#client.send(new DescribeTableCommand({ TableName: this.tableName }));
      return out.Table?.TableStatus;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }

  async #waitUntilActive(): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await this.#tableStatus()) === 'ACTIVE') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Table ${this.tableName} did not become ACTIVE`);
  }

  // ── state machines ────────────────────────────────────────────────────────────────────────────

  async getStateMachine(arn: string): Promise<StateMachineRecord | undefined> {
    const out = await this.#doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.stateMachine(arn), ConsistentRead: true }),
    );
    return out.Item ? stateMachineRecordSchema.parse(out.Item) : undefined;
  }

  /** Writes the state machine and its definition revision. `ifAbsent` makes it a create-only write. */
  async saveStateMachine(record: StateMachineRecord, options: { ifAbsent: boolean }): Promise<void> {
    try {
      await this.#doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.stateMachine(record.arn), ...record, gsi1pk: 'STATE_MACHINES', gsi1sk: record.name },
                ...(options.ifAbsent ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.definition(record.arn, record.definitionHash), definition: record.definition },
              },
            },
          ],
        }),
      );
    } catch (error) {
      throw asConcurrentUpdate(error);
    }
  }

  async getDefinitionText(stateMachineArn: string, hash: string): Promise<string | undefined> {
    const out = await this.#doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.definition(stateMachineArn, hash) }),
    );
    return typeof out.Item?.definition === 'string' ? out.Item.definition : undefined;
  }

  async listStateMachines(
    limit: number,
    nextToken?: string,
  ): Promise<Page<{ arn: string; name: string; type: string; creationDate: string }>> {
    const out = await this.#query(
      {
        IndexName: INDEXES.byStateMachine,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'STATE_MACHINES' },
      },
      limit,
      nextToken,
    );
    return {
      items: out.items.map((item) => ({
        arn: String(item.arn),
        name: String(item.name),
        type: String(item.type),
        creationDate: String(item.creationDate),
      })),
      nextToken: out.nextToken,
    };
  }

  // ── executions ────────────────────────────────────────────────────────────────────────────────

  /**
   * The execution record, read consistently; `recent` answers from this process's own last write
   * when it has one (only for callers whose next write is conditional on the record's version).
   */
  async getExecution(arn: string, options: { recent?: boolean } = {}): Promise<ExecutionRecord | undefined> {
    if (options.recent) {
      const remembered = this.#recentExecutions.get(arn);
      if (remembered) return remembered;
    }
    const out = await this.#doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.execution(arn), ConsistentRead: true }),
    );
    return out.Item ? executionRecordSchema.parse(out.Item) : undefined;
  }

  /** Sizes of the write-through memory (bounded by `recentRecords`). */
  recentRecordCounts(): { executions: number; tokens: number } {
    return { executions: this.#recentExecutions.size, tokens: this.#recentTokens.size };
  }

  /**
   * Creates the execution with its first events (and, when its first step opened a callback task,
   * that token); ConcurrentUpdateError when the name is taken.
   */
  async createExecution(
    record: ExecutionRecord,
    events: NewHistoryEvent[],
    tokens: TokenWrite[] = [],
  ): Promise<ExecutionRecord> {
    const written: ExecutionRecord = { ...record, version: 1, nextEventId: 1 + events.length };
    await this.#writeRecord(written, tokens, [
      {
        Put: {
          TableName: this.tableName,
          Item: executionItem(written),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...this.#eventPuts(record.arn, 1, events),
      ...tokens.map((change) => this.#tokenWrite(change)),
    ]);
    return written;
  }

  /**
   * Replaces `previous` by `next` if nobody wrote the execution since `previous` was read, appending
   * `events` and applying token changes in the same transaction. Throws ConcurrentUpdateError otherwise.
   */
  async commit(
    previous: ExecutionRecord,
    next: ExecutionRecord,
    changes: { events?: NewHistoryEvent[]; tokens?: TokenWrite[] } = {},
  ): Promise<ExecutionRecord> {
    const events = changes.events ?? [];
    const written: ExecutionRecord = {
      ...next,
      version: previous.version + 1,
      nextEventId: previous.nextEventId + events.length,
    };
    await this.#writeRecord(written, changes.tokens ?? [], [
      {
        Put: {
          TableName: this.tableName,
          Item: executionItem(written),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': previous.version },
        },
      },
      ...this.#eventPuts(previous.arn, previous.nextEventId, events),
      ...(changes.tokens ?? []).map((change) => this.#tokenWrite(change)),
    ]);
    return written;
  }

  async listExecutions(
    stateMachineArn: string,
    status: ExecutionStatus | undefined,
    limit: number,
    nextToken?: string,
  ): Promise<Page<ExecutionSummary>> {
    const query: Omit<QueryCommandInput, 'TableName'> = status
      ? {
          IndexName: INDEXES.byStateMachineStatus,
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': `SM#${stateMachineArn}#${status}` },
        }
      : {
          IndexName: INDEXES.byStateMachine,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': `SM#${stateMachineArn}` },
        };
    const out = await this.#query({ ...query, ScanIndexForward: false }, limit, nextToken);
    return {
      items: out.items.map((item) => ({
        arn: String(item.arn),
        name: String(item.name),
        stateMachineArn: String(item.stateMachineArn),
        status: item.status as ExecutionStatus,
        startDate: String(item.startDate),
        stopDate: typeof item.stopDate === 'string' ? item.stopDate : undefined,
      })),
      nextToken: out.nextToken,
    };
  }

  async getHistory(
    arn: string,
    options: { limit: number; reverse: boolean; nextToken?: string },
  ): Promise<Page<StoredHistoryEvent>> {
    const out = await this.#query(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
        ExpressionAttributeValues: { ':pk': keys.execution(arn).pk, ':events': 'EVENT#' },
        ScanIndexForward: !options.reverse,
        ConsistentRead: true,
      },
      options.limit,
      options.nextToken,
    );
    return { items: out.items.map((item) => item.event as StoredHistoryEvent), nextToken: out.nextToken };
  }

  /** Executions that were between states when the last process stopped. */
  async *executionsToResume(): AsyncGenerator<string> {
    yield* this.#scheduleQuery('gsi3pk = :pk', { ':pk': 'RUN' });
  }

  /** Parked executions whose timer, task deadline, heartbeat or execution timeout is due at `now`. */
  async *dueExecutions(now: Date): AsyncGenerator<string> {
    yield* this.#scheduleQuery('gsi3pk = :pk AND gsi3sk <= :upTo', {
      ':pk': 'WAKE',
      ':upTo': `${now.toISOString()}#\uffff`,
    });
  }

  // ── tokens ────────────────────────────────────────────────────────────────────────────────────

  /** The token row; `recent` as for getExecution (the caller's write is conditional on the execution). */
  async getToken(token: string, options: { recent?: boolean } = {}): Promise<TokenRecord | undefined> {
    if (options.recent) {
      const remembered = this.#recentTokens.get(token);
      if (remembered) return remembered;
    }
    const out = await this.#doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.token(token), ConsistentRead: true }),
    );
    return out.Item ? tokenRecordSchema.parse(out.Item) : undefined;
  }

  // ── internals ─────────────────────────────────────────────────────────────────────────────────

  async *#scheduleQuery(condition: string, values: Record<string, string>): AsyncGenerator<string> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.#doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INDEXES.bySchedule,
          KeyConditionExpression: condition,
          ExpressionAttributeValues: values,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of out.Items ?? []) yield String(item.pk).slice('EX#'.length);
      startKey = out.LastEvaluatedKey;
    } while (startKey);
  }

  /** One page of a query; a nextToken is only accepted for the same partition it was issued for. */
  async #query(
    input: Omit<QueryCommandInput, 'TableName'>,
    limit: number,
    nextToken?: string,
  ): Promise<Page<Record<string, unknown>>> {
    const startKey = decodePageToken(nextToken);
    const partition = input.ExpressionAttributeValues?.[':pk'];
    if (startKey && !Object.values(startKey).includes(partition)) {
      throw new StepFunctionsApiError('InvalidToken', 'Invalid Token: the nextToken belongs to another listing');
    }
    const out = await this.#doc.send(
      new QueryCommand({ ...input, TableName: this.tableName, Limit: limit, ExclusiveStartKey: startKey }),
    );
    // A page can hold fewer than `limit` items (DynamoDB stops at 1 MB) and still have more after it.
    return {
      items: out.Items ?? [],
      nextToken: out.LastEvaluatedKey ? encodePageToken(out.LastEvaluatedKey) : undefined,
    };
  }

  #eventPuts(arn: string, firstId: number, events: NewHistoryEvent[]) {
    return events.map((event, index) => {
      const id = firstId + index;
      const stored: StoredHistoryEvent = { ...event, id, previousEventId: id - 1 };
      return {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.event(arn, id), event: stored },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
    });
  }

  #tokenWrite(change: TokenWrite) {
    if (change.kind === 'open') {
      return {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.token(change.token),
            executionArn: change.executionArn,
            stateName: change.stateName,
            status: 'OPEN',
            openedAt: change.at.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
    }
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.token(change.token),
        UpdateExpression: 'SET #status = :status, closedAt = :at',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': change.status, ':at': change.at.toISOString(), ':open': 'OPEN' },
      },
    };
  }

  /** Writes an execution record (with its events and token changes) and remembers what landed. */
  async #writeRecord(written: ExecutionRecord, tokens: TokenWrite[], items: TransactItems): Promise<void> {
    try {
      await this.#write(items);
    } catch (error) {
      // Lost race or unknown outcome: the next read of these goes to the table.
      this.#recentExecutions.delete(written.arn);
      for (const change of tokens) this.#recentTokens.delete(change.token);
      throw error;
    }
    this.#recentExecutions.set(written.arn, written);
    for (const change of tokens) {
      if (change.kind === 'open') {
        this.#recentTokens.set(change.token, {
          executionArn: change.executionArn,
          stateName: change.stateName,
          status: 'OPEN',
          openedAt: change.at.toISOString(),
        });
      } else {
        const known = this.#recentTokens.get(change.token);
        if (known)
          this.#recentTokens.set(change.token, { ...known, status: change.status, closedAt: change.at.toISOString() });
      }
    }
  }

  async #write(items: TransactItems): Promise<void> {
    try {
      const [only] = items;
      if (items.length === 1 && only?.Put) {
        await this.#doc.send(new PutCommand(only.Put as ConstructorParameters<typeof PutCommand>[0]));
      } else {
        await this.#doc.send(new TransactWriteCommand({ TransactItems: items }));
      }
    } catch (error) {
      throw asConcurrentUpdate(error);
    }
  }
}

function executionItem(record: ExecutionRecord): Record<string, unknown> {
  const listed = `${record.startDate}#${record.name}`;
  const item: Record<string, unknown> = {
    ...keys.execution(record.arn),
    ...record,
    gsi1pk: `SM#${record.stateMachineArn}`,
    gsi1sk: listed,
    gsi2pk: `SM#${record.stateMachineArn}#${record.status}`,
    gsi2sk: listed,
  };
  const wake = wakeTime(record);
  if (needsDriving(record)) {
    item.gsi3pk = 'RUN';
    item.gsi3sk = record.arn;
  } else if (wake) {
    item.gsi3pk = 'WAKE';
    item.gsi3sk = `${wake}#${record.arn}`;
  }
  return item;
}

/** Lost races become ConcurrentUpdateError; anything else (item too large, bad request) stays itself. */
function asConcurrentUpdate(error: unknown): unknown {
  const failure = error as { name?: unknown; CancellationReasons?: { Code?: string }[] } | null;
  const lostRace =
    failure?.name === 'ConditionalCheckFailedException' ||
    (failure?.name === 'TransactionCanceledException' &&
      (failure.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed') &&
      (failure.CancellationReasons ?? []).every(
        (reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'None',
      ));
  return lostRace ? new ConcurrentUpdateError('The execution changed since it was read', { cause: error }) : error;
}

function encodePageToken(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodePageToken(token: string | undefined): Record<string, unknown> | undefined {
  if (token === undefined) return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (
      decoded &&
      typeof decoded === 'object' &&
      !Array.isArray(decoded) &&
      Object.values(decoded).every((v) => typeof v === 'string')
    ) {
      return decoded as Record<string, unknown>;
    }
  } catch {
    // fall through: any undecodable token is invalid
  }
  throw new StepFunctionsApiError('InvalidToken', 'Invalid Token: the nextToken was not issued by this service');
}
