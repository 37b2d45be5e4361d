import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { GetExecutionHistoryCommand, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countingBindings, createCounterTable, readCounter } from './support/counting-bindings.ts';
import {
  describeExecution,
  dynamoDbClient,
  history,
  sfnClient,
  startHarness,
  statesEntered,
  uniqueTableName,
  type Harness,
} from './support/harness.ts';

const CHILD = fileURLToPath(new URL('./support/crash-child.ts', import.meta.url));

/** The service in a child process, and the lines it has printed so far. */
class ServiceProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly #lines: string[] = [];
  readonly #waiters: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  #stderr = '';

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, ...env },
      stdio: 'pipe',
    });
    this.child.stderr.on('data', (chunk: Buffer) => (this.#stderr += chunk.toString()));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      this.#lines.push(line);
      for (const waiter of [...this.#waiters]) {
        if (waiter.match(line)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    });
  }

  /** Resolves with the first printed line that matches; fails if the child exits first. */
  line(match: (line: string) => boolean): Promise<string> {
    const seen = this.#lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      this.#waiters.push({ match, resolve });
      this.child.once('exit', (code, signal) =>
        reject(new Error(`service process exited (${code ?? signal}) before printing the line:\n${this.#stderr}`)),
      );
    });
  }

  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    await exited;
  }
}

let dynamo: DynamoDBClient;
const children: ServiceProcess[] = [];
const harnesses: Harness[] = [];

beforeAll(() => {
  dynamo = dynamoDbClient();
});

afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.kill()));
  await Promise.all(harnesses.splice(0).map((h) => h.stop()));
});

afterAll(() => {
  dynamo.destroy();
});

async function startChild(env: Record<string, string>): Promise<{ child: ServiceProcess; endpoint: string }> {
  const child = new ServiceProcess(env);
  children.push(child);
  const ready = await child.line((line) => line.startsWith('READY '));
  return { child, endpoint: ready.slice('READY '.length) };
}

/** Polls (without any time limit of its own) until the execution's last event is the given type. */
async function untilLastEvent(endpoint: string, executionArn: string, type: string): Promise<void> {
  const client = sfnClient(endpoint);
  try {
    for (;;) {
      const page = await client.send(
        new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }),
      );
      if (page.events?.[0]?.type === type) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    client.destroy();
  }
}

describe('local Step Functions: SIGKILL and recover()', () => {
  it('continues every execution after SIGKILL with no step lost or run twice, and completes tasks with tokens issued before the kill', {
    timeout: 120_000,
  }, async () => {
    const sfnTable = uniqueTableName('sigkill');
    const counterTable = uniqueTableName('counters');
    await createCounterTable(dynamo, counterTable);
    const { child, endpoint } = await startChild({
      SFN_TABLE: sfnTable,
      COUNTER_TABLE: counterTable,
      CRASH_MODE: 'block-step',
      BLOCK_STEP: 'victim#B',
    });

    const client = sfnClient(endpoint);
    const stateMachineArn = 'arn:aws:states:ap-northeast-2:000000000000:stateMachine:Counting';
    const names = ['victim', 'steady-0', 'steady-1', 'steady-2', 'steady-3'];
    const arns = new Map<string, string>();
    for (const name of names) {
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, name, input: '{}' }));
      arns.set(name, executionArn!);
    }
    client.destroy();
    await child.line((line) => line === 'BLOCKED victim#B');
    for (const name of names.slice(1)) await untilLastEvent(endpoint, arns.get(name)!, 'TaskSubmitted');
    await child.kill();

    const h = await startHarness({
      tableName: sfnTable,
      bindings: countingBindings(dynamo, counterTable),
      clock: undefined,
    });
    harnesses.push(h);
    expect(await h.sfn.recover()).toEqual({ resumed: 1, woken: 0 });
    await h.sfn.settle();

    for (const name of names) {
      const { tokens } = await readCounter(dynamo, counterTable, `${name}#review`);
      expect(tokens).toHaveLength(1);
      await h.client.send(new SendTaskSuccessCommand({ taskToken: tokens[0], output: '{"reviewed":true}' }));
    }
    await h.sfn.settle();

    for (const name of names) {
      const executionArn = arns.get(name)!;
      expect((await describeExecution(h.client, executionArn)).status).toBe('SUCCEEDED');
      expect(statesEntered(await history(h.client, executionArn))).toEqual([
        'Count step A',
        'Count step B',
        'Wait for the reviewer',
        'Count step C',
      ]);
      for (const step of ['A', 'B', 'C', 'review']) {
        expect({ name, step, calls: (await readCounter(dynamo, counterTable, `${name}#${step}`)).calls }).toEqual({
          name,
          step,
          calls: 1,
        });
      }
    }
  });

  it('after SIGKILL at the worst moment (a step done, not committed) repeats at most that one step per execution and finishes all', {
    timeout: 120_000,
  }, async () => {
    const sfnTable = uniqueTableName('sigkill');
    const counterTable = uniqueTableName('counters');
    await createCounterTable(dynamo, counterTable);
    const { child, endpoint } = await startChild({
      SFN_TABLE: sfnTable,
      COUNTER_TABLE: counterTable,
      CRASH_MODE: 'freeze-after-arm',
      FREEZE_AFTER: '12',
    });

    const client = sfnClient(endpoint);
    const stateMachineArn = 'arn:aws:states:ap-northeast-2:000000000000:stateMachine:CountingSync';
    const names = Array.from({ length: 20 }, (_, i) => `run-${i}`);
    const arns = await Promise.all(
      names.map(
        async (name) =>
          (await client.send(new StartExecutionCommand({ stateMachineArn, name, input: '{}' }))).executionArn!,
      ),
    );
    client.destroy();
    child.send('ARM');
    await child.line((line) => line === 'FROZEN');
    await child.kill();

    const h = await startHarness({ tableName: sfnTable, bindings: countingBindings(dynamo, counterTable) });
    harnesses.push(h);
    const recovered = await h.sfn.recover();
    await h.sfn.settle();

    // 12 of the 60 steps after A had run when the process froze, so most executions were mid-way.
    expect(recovered.resumed).toBeGreaterThan(0);
    let repeated = 0;
    for (const [index, name] of names.entries()) {
      expect((await describeExecution(h.client, arns[index]!)).status).toBe('SUCCEEDED');
      expect(statesEntered(await history(h.client, arns[index]!))).toEqual([
        'Count step A',
        'Count step B',
        'Count step C',
        'Count step D',
      ]);
      const calls = await Promise.all(
        ['A', 'B', 'C', 'D'].map(async (step) => (await readCounter(dynamo, counterTable, `${name}#${step}`)).calls),
      );
      expect(calls.every((count) => count === 1 || count === 2)).toBe(true);
      const twice = calls.filter((count) => count === 2).length;
      expect(twice).toBeLessThanOrEqual(1);
      repeated += twice;
    }
    // The step frozen between its count and its commit ran again: Lambda steps are at-least-once.
    expect(repeated).toBeGreaterThanOrEqual(1);
  });
});
