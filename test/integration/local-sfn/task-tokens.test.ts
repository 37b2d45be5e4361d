import {
  GetExecutionHistoryCommand,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Calls, describeExecution, history, startHarness, statesEntered, type Harness } from './support/harness.ts';
import { humanTaskWithCatch } from './support/machines.ts';

const opened = new Calls<{ caseId: string; taskToken: string }>();

let h: Harness;
const arns: Record<string, string> = {};

async function openTask(machine: string, caseId: string): Promise<{ executionArn: string; taskToken: string }> {
  const { executionArn } = await h.client.send(
    new StartExecutionCommand({ stateMachineArn: arns[machine], input: JSON.stringify({ caseId }) }),
  );
  await h.sfn.settle();
  const task = opened.events.findLast((event) => event.caseId === caseId);
  if (!task) throw new Error(`no human task opened for ${caseId}`);
  return { executionArn: executionArn!, taskToken: task.taskToken };
}

beforeAll(async () => {
  h = await startHarness({
    bindings: {
      OpenHumanTaskFunctionArn: async (event: { caseId: string; taskToken: string }) => {
        opened.record(event);
        return {};
      },
    },
  });
  arns.approval = (await h.sfn.registerStateMachine('Approval', humanTaskWithCatch())).stateMachineArn;
  arns.heartbeat = (
    await h.sfn.registerStateMachine('ApprovalWithHeartbeat', humanTaskWithCatch({ heartbeatSeconds: 3600 }))
  ).stateMachineArn;
  arns.postponable = (
    await h.sfn.registerStateMachine('PostponableApproval', humanTaskWithCatch({ retryOnRejection: true }))
  ).stateMachineArn;
});

afterAll(async () => {
  await h.stop();
});

describe('local Step Functions: task tokens', () => {
  it('routes SendTaskFailure to the Catch that names its error, with the error at ResultPath', async () => {
    const { executionArn, taskToken } = await openTask('approval', 'reject-1');

    await h.client.send(
      new SendTaskFailureCommand({ taskToken, error: 'DispositionRejected', cause: '징계 수위 재검토 필요' }),
    );
    await h.sfn.settle();

    const done = await describeExecution(h.client, executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({
      caseId: 'reject-1',
      rejection: { Error: 'DispositionRejected', Cause: '징계 수위 재검토 필요' },
      outcome: 'returned',
    });
    const types = (await history(h.client, executionArn)).map((event) => event.type);
    expect(types).toContain('TaskFailed');
  });

  it('fails the execution when no Catch matches the reported error', async () => {
    const { executionArn, taskToken } = await openTask('approval', 'unexpected-1');

    await h.client.send(new SendTaskFailureCommand({ taskToken, error: 'SomethingElse', cause: 'not handled' }));
    await h.sfn.settle();

    const done = await describeExecution(h.client, executionArn);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('SomethingElse');
    expect(done.cause).toBe('not handled');
  });

  it('answers TaskTimedOut for a token whose task was already answered (as AWS does)', async () => {
    const { executionArn, taskToken } = await openTask('approval', 'twice-1');
    await h.client.send(new SendTaskSuccessCommand({ taskToken, output: '{"approved":true}' }));
    await h.sfn.settle();

    const second = h.client.send(new SendTaskSuccessCommand({ taskToken, output: '{"approved":false}' }));
    await expect(second).rejects.toBeInstanceOf(TaskTimedOut);
    await expect(h.client.send(new SendTaskFailureCommand({ taskToken, error: 'Late' }))).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    await expect(h.client.send(new SendTaskHeartbeatCommand({ taskToken }))).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    expect(JSON.parse((await describeExecution(h.client, executionArn)).output!).approval).toEqual({ approved: true });
  });

  it('answers InvalidToken for a token it never issued, well-formed or not', async () => {
    const forged = randomBytes(64).toString('base64url');
    await expect(h.client.send(new SendTaskSuccessCommand({ taskToken: forged, output: '{}' }))).rejects.toBeInstanceOf(
      InvalidToken,
    );
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })),
    ).rejects.toMatchObject({
      name: 'InvalidToken',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers TaskTimedOut for the token of a stopped execution', async () => {
    const { executionArn, taskToken } = await openTask('approval', 'stopped-1');

    await h.client.send(new StopExecutionCommand({ executionArn, error: 'Withdrawn', cause: '민원 취하' }));

    await expect(h.client.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }))).rejects.toBeInstanceOf(
      TaskTimedOut,
    );
    const stopped = await describeExecution(h.client, executionArn);
    expect(stopped.status).toBe('ABORTED');
    expect(stopped.error).toBe('Withdrawn');
    const last = (
      await h.client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }))
    ).events![0]!;
    expect(last.type).toBe('ExecutionAborted');
  });

  it('rejects output that is not JSON with InvalidOutput and keeps the task open', async () => {
    const { executionArn, taskToken } = await openTask('approval', 'bad-output-1');
    await expect(h.client.send(new SendTaskSuccessCommand({ taskToken, output: '{not json' }))).rejects.toMatchObject({
      name: 'InvalidOutput',
    });

    await h.client.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));
    await h.sfn.settle();
    expect((await describeExecution(h.client, executionArn)).status).toBe('SUCCEEDED');
  });

  it('keeps a task with HeartbeatSeconds open while heartbeats arrive and fails it with States.HeartbeatTimeout when they stop', async () => {
    const { executionArn, taskToken } = await openTask('heartbeat', 'heartbeat-1');

    h.clock.advance({ minutes: 50 });
    await h.client.send(new SendTaskHeartbeatCommand({ taskToken }));
    h.clock.advance({ minutes: 50 });
    await h.sfn.tick();
    await h.sfn.settle();
    expect((await describeExecution(h.client, executionArn)).status).toBe('RUNNING');

    h.clock.advance({ minutes: 11 });
    await h.sfn.tick();
    await h.sfn.settle();

    const done = await describeExecution(h.client, executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({
      timeout: { Error: 'States.HeartbeatTimeout' },
      outcome: 'escalated',
    });
    await expect(h.client.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }))).rejects.toBeInstanceOf(
      TaskTimedOut,
    );
  });

  it('retries a failed human task with a new token and answers TaskTimedOut to the old one', async () => {
    const { executionArn, taskToken: first } = await openTask('postponable', 'postpone-1');
    await h.client.send(
      new SendTaskFailureCommand({ taskToken: first, error: 'ApprovalPostponed', cause: '회의 연기' }),
    );
    await h.sfn.settle();
    expect(opened.events.filter((event) => event.caseId === 'postpone-1')).toHaveLength(1);

    h.clock.advance({ seconds: 60 });
    await h.sfn.tick();
    await h.sfn.settle();

    const reopened = opened.events.filter((event) => event.caseId === 'postpone-1');
    expect(reopened).toHaveLength(2);
    const second = reopened[1]!.taskToken;
    expect(second).not.toBe(first);
    await expect(h.client.send(new SendTaskSuccessCommand({ taskToken: first, output: '{}' }))).rejects.toBeInstanceOf(
      TaskTimedOut,
    );
    await h.client.send(new SendTaskSuccessCommand({ taskToken: second, output: '{"approved":true}' }));
    await h.sfn.settle();

    const done = await describeExecution(h.client, executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(statesEntered(await history(h.client, executionArn))).toEqual([
      'Wait for the head of office to approve',
      'Close the case',
    ]);
  });
});
