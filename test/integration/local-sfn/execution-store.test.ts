/**
 * The execution store's group commit against DynamoDB Local: writes that wait behind one in flight
 * go out together as one transaction, each with its own condition — a write whose condition fails
 * is refused alone and the others of its group land.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrentUpdateError } from '../../../infra/local/stepfunctions/errors.ts';
import { ExecutionStore } from '../../../infra/local/stepfunctions/execution-store.ts';
import { historyEvents } from '../../../infra/local/stepfunctions/history.ts';
import type { ExecutionRecord } from '../../../infra/local/stepfunctions/records.ts';
import { uniqueTableName } from './support/harness.ts';

const client = new DynamoDBClient({});
/** One write in flight: everything sent while it is out waits and is grouped. */
const store = new ExecutionStore(uniqueTableName('store'), client, { writesInFlight: 1 });
const at = new Date('2026-03-02T00:00:00.000Z');

const transactions = { count: 0 };
// Every request of the store's document client passes the client's middleware stack.
client.middlewareStack.add(
  (next, context) => async (args) => {
    if (context.commandName === 'TransactWriteItemsCommand') transactions.count += 1;
    return next(args);
  },
  { step: 'initialize', name: 'countTransactions' },
);

function record(name: string): ExecutionRecord {
  return {
    arn: `arn:aws:states:ap-northeast-2:000000000000:execution:Grouped:${name}`,
    name,
    stateMachineArn: 'arn:aws:states:ap-northeast-2:000000000000:stateMachine:Grouped',
    stateMachineName: 'Grouped',
    definitionHash: 'h',
    roleArn: 'arn:aws:iam::000000000000:role/r',
    status: 'RUNNING',
    input: '{}',
    startDate: at.toISOString(),
    version: 0,
    nextEventId: 1,
    cursor: { state: 'A', input: '{}', enteredAt: at.toISOString(), phase: 'ready', attempts: [] },
  };
}

beforeAll(async () => store.ensureTable());
afterAll(() => client.destroy());

describe('execution store: group commit', () => {
  it('lands the writes of a group whose conditions hold and refuses only the one whose condition failed', async () => {
    const created = await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) =>
        store.createExecution(record(name), [historyEvents.executionStarted(at, '{}', 'r')]),
      ),
    );
    const [a, b, c, d] = created as [ExecutionRecord, ExecutionRecord, ExecutionRecord, ExecutionRecord];
    const moved = (r: ExecutionRecord): ExecutionRecord => ({ ...r, cursor: { ...r.cursor!, state: 'B' } });
    const stale: ExecutionRecord = { ...c, version: c.version + 7 };

    transactions.count = 0;
    // `a` goes out at once; b, c (stale) and d wait behind it and go out as one transaction.
    const outcomes = await Promise.allSettled([
      store.commit(a, moved(a), { events: [historyEvents.stateEntered(at, 'Pass', 'B', '{}')] }),
      store.commit(b, moved(b), { events: [historyEvents.stateEntered(at, 'Pass', 'B', '{}')] }),
      store.commit(stale, moved(stale), { events: [historyEvents.stateEntered(at, 'Pass', 'B', '{}')] }),
      store.commit(d, moved(d), { events: [historyEvents.stateEntered(at, 'Pass', 'B', '{}')] }),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrentUpdateError);
    for (const r of [a, b, d]) {
      const stored = await store.getExecution(r.arn);
      expect(stored).toMatchObject({ version: 2, nextEventId: 3, cursor: { state: 'B' } });
    }
    expect(await store.getExecution(c.arn)).toMatchObject({ version: 1, cursor: { state: 'A' } });
    // a alone; b+c+d grouped and refused for c; b+d again together.
    expect(transactions.count).toBe(3);
  });

  it('sends each write alone when the group is refused for another reason (two writes of one execution)', async () => {
    const e = await store.createExecution(record('e'), [historyEvents.executionStarted(at, '{}', 'r')]);
    const f = await store.createExecution(record('f'), [historyEvents.executionStarted(at, '{}', 'r')]);
    const blocker = store.createExecution(record('g'), []);
    const outcomes = await Promise.allSettled([
      blocker,
      store.commit(e, { ...e, cursor: { ...e.cursor!, state: 'B' } }),
      store.commit(e, { ...e, cursor: { ...e.cursor!, state: 'C' } }),
      store.commit(f, { ...f, cursor: { ...f.cursor!, state: 'B' } }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrentUpdateError);
    expect((await store.getExecution(e.arn))?.cursor?.state).toBe('B');
    expect((await store.getExecution(f.arn))?.cursor?.state).toBe('B');
  });
});
