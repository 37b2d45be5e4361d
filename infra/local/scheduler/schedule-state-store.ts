/**
 * Where the local scheduler keeps what it has fired, in the project's one table, so a restart
 * neither refires a finished run nor forgets one that was due.
 *
 * | item                 | pk                | sk       | gsi2 (due list, sparse)                          |
 * |----------------------|-------------------|----------|--------------------------------------------------|
 * | recurring job state  | SCHEDULE#<name>   | SCHEDULE |                                                  |
 * | one-time schedule    | SCHEDULE#<name>   | SCHEDULE | SCHEDULES#DUE / <next attention ISO>#<name>       |
 *
 * Recurring jobs are read by key (the declarations name them). A one-time schedule sits in the gsi2
 * partition until it is done, keyed by when it next needs attention (due time, lease end after a
 * claim, retry time after a failure), so each tick queries only what is due — never a scan.
 *
 * Every change is conditional on `version` (claims) or `executionId` (completions), so two
 * scheduler processes on one table, or a late completion after a lease ran out, cannot fire a run
 * twice or overwrite a newer claim.
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { TTL_ATTRIBUTE } from '#shared/store/table-definition.ts';

export const DUE_INDEX = 'gsi2';
export const DUE_PARTITION = 'SCHEDULES#DUE';
const SORT_KEY = 'SCHEDULE';

/** never fired · being run · last run finished · last run failed, will retry · retries used up */
export type RunStatus = 'idle' | 'firing' | 'succeeded' | 'failed' | 'gave-up';

export interface ScheduleState {
  name: string;
  kind: 'recurring' | 'one-time';
  version: number;
  status: RunStatus;
  /** Recurring: runs at or before this instant are taken care of (fired or deliberately passed). */
  watermark?: string;
  /** When the scheduler first saw the job; rate() intervals count from here. */
  anchor: string;
  /** The run being fired or last fired. */
  scheduledFor?: string;
  attempt: number;
  executionId?: string;
  leaseUntil?: string;
  retryAt?: string;
  lastError?: string;
  finishedAt?: string;
  /** One-time schedules carry their own definition. */
  expression?: string;
  timezone?: string;
  handler?: string;
  /** Target input, the payload JSON with context attribute keywords unfilled (as EventBridge stores it). */
  input?: string;
}

export interface ClaimRequest {
  scheduledFor: Date;
  attempt: number;
  executionId: string;
  leaseUntil: Date;
  /** Recurring: move the watermark to the claimed run. */
  watermark?: Date;
}

export type RunOutcome =
  | { status: 'succeeded'; finishedAt: Date }
  | { status: 'failed'; finishedAt: Date; error: string; retryAt: Date }
  | { status: 'gave-up'; finishedAt: Date; error: string };

const keyOf = (name: string) => ({ pk: `SCHEDULE#${name}`, sk: SORT_KEY });
const dueSortKey = (at: Date, name: string) => `${at.toISOString()}#${name}`;

/** Completed one-time schedules stay a week (so re-registering the same one stays a no-op), then expire. */
const DONE_RETENTION_SECONDS = 7 * 24 * 3600;

function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error as { name?: unknown } | null)?.name === 'ConditionalCheckFailedException'
  );
}

export interface ScheduleStateStore {
  get(name: string): Promise<ScheduleState | undefined>;
  /** Creates a recurring job's state; false when it already exists. */
  createRecurring(name: string, firstSeen: Date): Promise<boolean>;
  /** Creates a one-time schedule; false when the name is taken. */
  createOneTime(state: {
    name: string;
    expression: string;
    timezone: string;
    handler: string;
    input: string;
    dueAt: Date;
    registeredAt: Date;
  }): Promise<boolean>;
  /** Takes a run for this process; false when another process changed the state first. */
  claim(state: ScheduleState, request: ClaimRequest): Promise<boolean>;
  /** Records how a claimed run ended; false when the claim was taken over meanwhile. */
  complete(state: Pick<ScheduleState, 'name' | 'kind'>, executionId: string, outcome: RunOutcome): Promise<boolean>;
  /** Names of one-time schedules that need attention at or before `now`, earliest first. */
  dueOneTimeNames(now: Date): Promise<string[]>;
  deleteOneTime(name: string): Promise<boolean>;
}

export function createScheduleStateStore(client: DynamoDBClient, tableName: string): ScheduleStateStore {
  const documents = createDocumentClient(client);

  return {
    async get(name) {
      const out = await documents.send(
        new GetCommand({ TableName: tableName, Key: keyOf(name), ConsistentRead: true }),
      );
      return out.Item as ScheduleState | undefined;
    },

    async createRecurring(name, firstSeen) {
      const state: ScheduleState = {
        name,
        kind: 'recurring',
        version: 1,
        status: 'idle',
        watermark: firstSeen.toISOString(),
        anchor: firstSeen.toISOString(),
        attempt: 0,
      };
      return putIfAbsent({ ...keyOf(name), ...state });
    },

    async createOneTime(definition) {
      const state: ScheduleState = {
        name: definition.name,
        kind: 'one-time',
        version: 1,
        status: 'idle',
        anchor: definition.registeredAt.toISOString(),
        scheduledFor: definition.dueAt.toISOString(),
        attempt: 0,
        expression: definition.expression,
        timezone: definition.timezone,
        handler: definition.handler,
        input: definition.input,
      };
      return putIfAbsent({
        ...keyOf(definition.name),
        ...state,
        gsi2pk: DUE_PARTITION,
        gsi2sk: dueSortKey(definition.dueAt, definition.name),
      });
    },

    async claim(state, request) {
      const values: Record<string, unknown> = {
        ':expected': state.version,
        ':next': state.version + 1,
        ':firing': 'firing',
        ':scheduledFor': request.scheduledFor.toISOString(),
        ':attempt': request.attempt,
        ':executionId': request.executionId,
        ':leaseUntil': request.leaseUntil.toISOString(),
      };
      const sets = [
        '#version = :next',
        '#status = :firing',
        'scheduledFor = :scheduledFor',
        'attempt = :attempt',
        'executionId = :executionId',
        'leaseUntil = :leaseUntil',
      ];
      if (request.watermark) {
        sets.push('watermark = :watermark');
        values[':watermark'] = request.watermark.toISOString();
      }
      if (state.kind === 'one-time') {
        // If this process dies mid-run, the schedule comes due again when the lease ends.
        sets.push('gsi2sk = :attention');
        values[':attention'] = dueSortKey(request.leaseUntil, state.name);
      }
      return updateIf({
        Key: keyOf(state.name),
        UpdateExpression: `SET ${sets.join(', ')} REMOVE retryAt, lastError, finishedAt`,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: values,
      });
    },

    async complete(state, executionId, outcome) {
      const values: Record<string, unknown> = {
        ':executionId': executionId,
        ':one': 1,
        ':status': outcome.status,
        ':finishedAt': outcome.finishedAt.toISOString(),
      };
      const sets = ['#version = #version + :one', '#status = :status', 'finishedAt = :finishedAt'];
      const removes = ['leaseUntil'];
      if (outcome.status === 'succeeded') {
        removes.push('lastError');
      } else {
        sets.push('lastError = :error');
        values[':error'] = outcome.error.slice(0, 2_000);
      }
      if (outcome.status === 'failed') {
        sets.push('retryAt = :retryAt');
        values[':retryAt'] = outcome.retryAt.toISOString();
      }
      if (state.kind === 'one-time') {
        if (outcome.status === 'failed') {
          sets.push('gsi2sk = :attention');
          values[':attention'] = dueSortKey(outcome.retryAt, state.name);
        } else {
          // Done either way: leave the due list; keep the item a while so re-registration stays idempotent.
          removes.push('gsi2pk', 'gsi2sk');
          sets.push(`${TTL_ATTRIBUTE} = :expiresAt`);
          values[':expiresAt'] = Math.floor(outcome.finishedAt.getTime() / 1000) + DONE_RETENTION_SECONDS;
        }
      }
      return updateIf({
        Key: keyOf(state.name),
        UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
        ConditionExpression: 'executionId = :executionId',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: values,
      });
    },

    async dueOneTimeNames(now) {
      const names: string[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: DUE_INDEX,
            KeyConditionExpression: 'gsi2pk = :due AND gsi2sk <= :upTo',
            ExpressionAttributeValues: { ':due': DUE_PARTITION, ':upTo': `${now.toISOString()}#\uffff` },
            ProjectionExpression: '#name',
            ExpressionAttributeNames: { '#name': 'name' },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) names.push(String(item.name));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return names;
    },

    async deleteOneTime(name) {
      try {
        await documents.send(
          new DeleteCommand({
            TableName: tableName,
            Key: keyOf(name),
            ConditionExpression: 'kind = :oneTime',
            ExpressionAttributeValues: { ':oneTime': 'one-time' },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };

  async function putIfAbsent(item: Record<string, unknown>): Promise<boolean> {
    try {
      await documents.send(
        new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async function updateIf(input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>): Promise<boolean> {
    try {
      await documents.send(new UpdateCommand({ TableName: tableName, ...input }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
