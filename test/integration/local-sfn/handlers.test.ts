import {
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalLambdaContext } from '../../../infra/local/stepfunctions/index.ts';
import { describeExecution, startHarness, type Harness } from './support/harness.ts';
import { waitThenRemind } from './support/machines.ts';

const contexts: { functionName: string; awsRequestId: string; invokedFunctionArn: string; remainingMs: number }[] = [];
const reminded = Promise.withResolvers<{ caseId: string }>();

let h: Harness;
const arns: Record<string, string> = {};

async function run(machine: string, input: unknown): Promise<string> {
  const { executionArn } = await h.client.send(
    new StartExecutionCommand({ stateMachineArn: arns[machine], input: JSON.stringify(input) }),
  );
  await h.sfn.settle();
  return executionArn!;
}

beforeAll(async () => {
  h = await startHarness({
    functionTimeoutSeconds: 0.05,
    // A real-time poller, as `npm start` runs it: ticks on its own, tests never call tick() here.
    pollIntervalMs: 50,
    bindings: {
      InspectFunctionArn: async (event: { items: string[] }, context: LocalLambdaContext) => {
        contexts.push({
          functionName: context.functionName,
          awsRequestId: context.awsRequestId,
          invokedFunctionArn: context.invokedFunctionArn,
          remainingMs: context.getRemainingTimeInMillis(),
        });
        event.items.push('mutated by the handler');
        return { inspected: event.items.length };
      },
      NotifyPartyFunctionArn: async (event: { party: string }) => `통지: ${event.party}`,
      HangFunctionArn: () => new Promise<never>(() => undefined),
      BigFunctionArn: async () => 'x'.repeat(300_000),
      SendReminderFunctionArn: async (event: { caseId: string }) => {
        reminded.resolve(event);
        return {};
      },
    },
  });
  const register = async (name: string, definition: object) => {
    arns[name] = (await h.sfn.registerStateMachine(name, definition)).stateMachineArn;
  };
  await register('Inspect', {
    StartAt: 'Inspect the documents',
    States: {
      'Inspect the documents': {
        Type: 'Task',
        Resource: '${InspectFunctionArn}',
        ResultPath: '$.inspection',
        End: true,
      },
    },
  });
  await register('NotifyParties', {
    StartAt: 'Notify each party',
    States: {
      'Notify each party': {
        Type: 'Map',
        ItemsPath: '$.parties',
        ItemSelector: { 'party.$': '$$.Map.Item.Value' },
        ItemProcessor: {
          StartAt: 'Notify the party',
          States: {
            'Notify the party': {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { FunctionName: '${NotifyPartyFunctionArn}', 'Payload.$': '$' },
              OutputPath: '$.Payload',
              End: true,
            },
          },
        },
        ResultPath: '$.notices',
        End: true,
      },
    },
  });
  await register('Hang', {
    StartAt: 'Call a handler that never returns',
    States: {
      'Call a handler that never returns': {
        Type: 'Task',
        Resource: '${HangFunctionArn}',
        Catch: [{ ErrorEquals: ['Sandbox.Timedout'], ResultPath: '$.error', Next: 'Report the timeout' }],
        End: true,
      },
      'Report the timeout': { Type: 'Pass', End: true },
    },
  });
  await register('Big', {
    StartAt: 'Produce too much',
    States: { 'Produce too much': { Type: 'Task', Resource: '${BigFunctionArn}', End: true } },
  });
  await register('Reminder', waitThenRemind({ Seconds: 30 * 86_400 }));
});

afterAll(async () => {
  await h.stop();
});

describe('local Step Functions: handlers and the scheduler', () => {
  it('calls a handler with a Lambda-shaped context and a copy of the data it cannot change', async () => {
    const executionArn = await run('Inspect', { items: ['진정서'] });

    const done = await describeExecution(h.client, executionArn);
    expect(JSON.parse(done.output!)).toEqual({ items: ['진정서'], inspection: { inspected: 2 } });
    expect(contexts[0]).toMatchObject({
      functionName: 'InspectFunctionArn',
      invokedFunctionArn: 'arn:aws:lambda:ap-northeast-2:000000000000:function:InspectFunctionArn',
    });
    expect(contexts[0]!.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(contexts[0]!.remainingMs).toBeGreaterThan(0);
  });

  it('runs Lambda tasks inside a Map state', async () => {
    const executionArn = await run('NotifyParties', { parties: ['민원인', '피신고인'] });

    expect(JSON.parse((await describeExecution(h.client, executionArn)).output!).notices).toEqual([
      '통지: 민원인',
      '통지: 피신고인',
    ]);
  });

  it('cuts off a handler that outlives its function timeout with Sandbox.Timedout, which Catch can route', async () => {
    const executionArn = await run('Hang', {});

    const done = await describeExecution(h.client, executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).error.Error).toBe('Sandbox.Timedout');
    expect(h.sfn.inMemoryState().drivingExecutions).toBe(0);
  });

  it('fails an execution whose state output exceeds 256 KiB with States.DataLimitExceeded', async () => {
    const executionArn = await run('Big', {});

    expect(await describeExecution(h.client, executionArn)).toMatchObject({
      status: 'FAILED',
      error: 'States.DataLimitExceeded',
    });
  });

  it('wakes a 30-day Wait from its own real-time poller once the clock has passed it', async () => {
    const executionArn = await run('Reminder', { caseId: 'polled' });
    h.clock.advance({ days: 30 });

    expect(await reminded.promise).toEqual({ caseId: 'polled' });
    await h.sfn.settle();
    expect((await describeExecution(h.client, executionArn)).status).toBe('SUCCEEDED');
  });

  it('lists state machines and refuses a nextToken from another listing', async () => {
    const machines = await h.client.send(new ListStateMachinesCommand({}));
    expect(machines.stateMachines!.map((machine) => machine.name).sort()).toEqual([
      'Big',
      'Hang',
      'Inspect',
      'NotifyParties',
      'Reminder',
    ]);

    const firstPage = await h.client.send(new ListExecutionsCommand({ stateMachineArn: arns.Inspect, maxResults: 1 }));
    expect(firstPage.executions).toHaveLength(1);
    const [hung] = (await h.client.send(new ListExecutionsCommand({ stateMachineArn: arns.Hang }))).executions!;
    const historyPage = await h.client.send(
      new GetExecutionHistoryCommand({ executionArn: hung!.executionArn, maxResults: 1 }),
    );
    expect(historyPage.nextToken).toBeDefined();
    await expect(
      h.client.send(new ListExecutionsCommand({ stateMachineArn: arns.Inspect, nextToken: historyPage.nextToken })),
    ).rejects.toMatchObject({
      name: 'InvalidToken',
    });
  });
});
