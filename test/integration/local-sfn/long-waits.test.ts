import { SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Calls, describeExecution, history, startHarness, type Harness } from './support/harness.ts';
import { humanTaskWithCatch, waitThenRemind } from './support/machines.ts';

const DAY = 86_400;

const opened = new Calls<{ caseId: string; taskToken: string }>();
const reminders = new Calls<{ caseId: string }>();

let h: Harness;
const arns: Record<string, string> = {};

async function start(machine: string, input: Record<string, unknown>): Promise<string> {
  const { executionArn } = await h.client.send(
    new StartExecutionCommand({ stateMachineArn: arns[machine], input: JSON.stringify(input) }),
  );
  await h.sfn.settle();
  return executionArn!;
}

async function tickAndSettle(): Promise<void> {
  await h.sfn.tick();
  await h.sfn.settle();
}

beforeAll(async () => {
  h = await startHarness({
    bindings: {
      OpenHumanTaskFunctionArn: async (event: { caseId: string; taskToken: string }) => {
        opened.record(event);
        return {};
      },
      SendReminderFunctionArn: async (event: { caseId: string }) => {
        reminders.record(event);
        return { sent: true };
      },
    },
  });
  arns.sixtyDays = (
    await h.sfn.registerStateMachine('SixtyDayApproval', humanTaskWithCatch({ timeoutSeconds: 60 * DAY }))
  ).stateMachineArn;
  arns.noTimeout = (await h.sfn.registerStateMachine('OpenEndedApproval', humanTaskWithCatch())).stateMachineArn;
  arns.thirtyDayWait = (
    await h.sfn.registerStateMachine('ThirtyDayWait', waitThenRemind({ Seconds: 30 * DAY }))
  ).stateMachineArn;
  arns.waitUntil = (
    await h.sfn.registerStateMachine('WaitUntilDeadline', waitThenRemind({ TimestampPath: '$.deadline' }))
  ).stateMachineArn;
  arns.executionTimeout = (
    await h.sfn.registerStateMachine('ApprovalWithinAWeek', { ...humanTaskWithCatch(), TimeoutSeconds: 7 * DAY })
  ).stateMachineArn;
});

afterAll(async () => {
  await h.stop();
});

describe('local Step Functions: time on the injected clock', () => {
  it('fails a task with TimeoutSeconds of 60 days with States.Timeout only once the clock passes it', async () => {
    const executionArn = await start('sixtyDays', { caseId: 'timeout-60d' });

    h.clock.advance({ days: 59, hours: 23 });
    await tickAndSettle();
    expect((await describeExecution(h.client, executionArn)).status).toBe('RUNNING');

    h.clock.advance({ hours: 1 });
    await tickAndSettle();

    const done = await describeExecution(h.client, executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({ timeout: { Error: 'States.Timeout' }, outcome: 'escalated' });
    expect((await history(h.client, executionArn)).map((event) => event.type)).toContain('TaskTimedOut');
    const token = opened.events.find((event) => event.caseId === 'timeout-60d')!.taskToken;
    await expect(h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });

  it('keeps a task without TimeoutSeconds waiting after a year, and completes it then', async () => {
    const executionArn = await start('noTimeout', { caseId: 'open-ended' });

    h.clock.advance({ days: 366 });
    await tickAndSettle();
    expect((await describeExecution(h.client, executionArn)).status).toBe('RUNNING');

    const token = opened.events.find((event) => event.caseId === 'open-ended')!.taskToken;
    await h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    await h.sfn.settle();
    const done = await describeExecution(h.client, executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({ approval: { approved: true }, outcome: 'closed' });
  });

  it('waits 30 days of the service clock in a Wait state, holding nothing in memory meanwhile', async () => {
    const executionArn = await start('thirtyDayWait', { caseId: 'wait-30d' });
    expect(h.sfn.inMemoryState().drivingExecutions).toBe(0);

    h.clock.advance({ days: 29, hours: 23, minutes: 59 });
    await tickAndSettle();
    expect((await describeExecution(h.client, executionArn)).status).toBe('RUNNING');
    expect(reminders.events.filter((event) => event.caseId === 'wait-30d')).toHaveLength(0);

    h.clock.advance({ minutes: 1 });
    await tickAndSettle();

    expect((await describeExecution(h.client, executionArn)).status).toBe('SUCCEEDED');
    expect(reminders.events.filter((event) => event.caseId === 'wait-30d')).toHaveLength(1);
  });

  it('waits until a timestamp read from the input (TimestampPath)', async () => {
    const deadline = new Date(h.clock.now().getTime() + 45 * DAY * 1000).toISOString();
    const executionArn = await start('waitUntil', { caseId: 'wait-until', deadline });

    h.clock.advance({ days: 44 });
    await tickAndSettle();
    expect((await describeExecution(h.client, executionArn)).status).toBe('RUNNING');

    h.clock.set(deadline);
    await tickAndSettle();
    expect((await describeExecution(h.client, executionArn)).status).toBe('SUCCEEDED');
  });

  it('times out a whole execution at the state machine TimeoutSeconds and closes its open task', async () => {
    const executionArn = await start('executionTimeout', { caseId: 'week-limit' });

    h.clock.advance({ days: 7 });
    await tickAndSettle();

    const done = await describeExecution(h.client, executionArn);
    expect(done.status).toBe('TIMED_OUT');
    const token = opened.events.find((event) => event.caseId === 'week-limit')!.taskToken;
    await expect(h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });
});
