import {
  CreateStateMachineCommand,
  DescribeStateMachineCommand,
  ListExecutionsCommand,
  SFNClient,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Calls, describeExecution, history, startHarness, statesEntered, type Harness } from './support/harness.ts';
import { referralIntake } from './support/machines.ts';

interface HumanTaskEvent {
  caseId: string;
  taskToken: string;
  executionId: string;
  startedWith: unknown;
}

const registered = new Calls<{ caseId: string }>();
const openedTasks = new Calls<HumanTaskEvent>();
const recorded = new Calls<Record<string, unknown>>();

let h: Harness;
let stateMachineArn: string;

beforeAll(async () => {
  h = await startHarness({
    bindings: {
      RegisterReferralFunctionArn: async (event: { caseId: string }) => {
        registered.record(event);
        return { registeredAs: `REF-${event.caseId}` };
      },
      OpenHumanTaskFunctionArn: async (event: HumanTaskEvent) => {
        openedTasks.record(event);
        return { opened: true };
      },
      RecordDecisionFunctionArn: async (event: Record<string, unknown>) => {
        recorded.record(event);
        return { recorded: 'yes' };
      },
    },
  });
  const created = await h.client.send(
    new CreateStateMachineCommand({
      name: 'ReferralIntake',
      definition: JSON.stringify(referralIntake),
      roleArn: 'arn:aws:iam::000000000000:role/sfn',
    }),
  );
  stateMachineArn = created.stateMachineArn!;
});

afterAll(async () => {
  await h.stop();
});

describe('local Step Functions: a Lambda step and a human task', () => {
  it('gives state machines AWS-shaped ARNs and describes them with the registered definition', async () => {
    expect(stateMachineArn).toBe('arn:aws:states:ap-northeast-2:000000000000:stateMachine:ReferralIntake');
    const described = await h.client.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(described.name).toBe('ReferralIntake');
    expect(JSON.parse(described.definition!)).toEqual(referralIntake);
    expect(described.creationDate).toBeInstanceOf(Date);
  });

  it('runs the Lambda step, parks at the human task with a real token, and finishes after SendTaskSuccess', async () => {
    const input = JSON.stringify({ caseId: '2026-001' });
    const { executionArn } = await h.client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'case-2026-001', input }),
    );
    await h.sfn.settle();

    expect(executionArn).toBe('arn:aws:states:ap-northeast-2:000000000000:execution:ReferralIntake:case-2026-001');
    expect(registered.last()).toEqual({ caseId: '2026-001' });
    const task = openedTasks.last();
    expect(task.caseId).toBe('2026-001');
    expect(task.executionId).toBe(executionArn);
    expect(task.startedWith).toEqual({ caseId: '2026-001' });
    expect(task.taskToken).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect((await describeExecution(h.client, executionArn!)).status).toBe('RUNNING');
    expect(h.sfn.inMemoryState().drivingExecutions).toBe(0);

    await h.client.send(
      new SendTaskSuccessCommand({ taskToken: task.taskToken, output: JSON.stringify({ disposition: 'warning' }) }),
    );
    await h.sfn.settle();

    const done = await describeExecution(h.client, executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({
      caseId: '2026-001',
      registration: { registeredAs: 'REF-2026-001' },
      decision: { disposition: 'warning' },
      result: { recorded: 'yes' },
    });
    expect(recorded.last()).toEqual({
      caseId: '2026-001',
      registration: { registeredAs: 'REF-2026-001' },
      decision: { disposition: 'warning' },
    });
  });

  it('records the execution history with AWS event types in order', async () => {
    const { executionArn } = await h.client.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ caseId: '2026-002' }) }),
    );
    await h.sfn.settle();
    await h.client.send(
      new SendTaskSuccessCommand({ taskToken: openedTasks.last().taskToken, output: '{"disposition":"closed"}' }),
    );
    await h.sfn.settle();

    const events = await history(h.client, executionArn!);
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
    expect(statesEntered(events)).toEqual([
      'Register the referral',
      "Wait for the investigator's decision",
      'Record the decision',
    ]);
    expect(events[0]!.timestamp).toBeInstanceOf(Date);
    expect(JSON.parse(events[0]!.executionStartedEventDetails!.input!)).toEqual({ caseId: '2026-002' });
  });

  it('lists executions of a state machine, filtered by status', async () => {
    const { executionArn } = await h.client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'still-open', input: '{"caseId":"2026-003"}' }),
    );
    await h.sfn.settle();

    const running = await h.client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING' }));
    const succeeded = await h.client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'SUCCEEDED' }));
    const all = await h.client.send(new ListExecutionsCommand({ stateMachineArn }));

    expect(running.executions!.map((execution) => execution.executionArn)).toEqual([executionArn]);
    expect(succeeded.executions!.every((execution) => execution.status === 'SUCCEEDED')).toBe(true);
    expect(succeeded.executions!.length).toBeGreaterThanOrEqual(2);
    expect(all.executions!.length).toBe(running.executions!.length + succeeded.executions!.length);
  });

  it('is reached through AWS_ENDPOINT_URL_SFN like any AWS endpoint override', async () => {
    const previous = process.env.AWS_ENDPOINT_URL_SFN;
    process.env.AWS_ENDPOINT_URL_SFN = h.sfn.endpoint;
    const client = new SFNClient({});
    try {
      const described = await client.send(new DescribeStateMachineCommand({ stateMachineArn }));
      expect(described.stateMachineArn).toBe(stateMachineArn);
    } finally {
      client.destroy();
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_SFN;
      else process.env.AWS_ENDPOINT_URL_SFN = previous;
    }
  });
});
