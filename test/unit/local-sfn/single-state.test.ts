import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { AslDefinition, Json } from '../../../infra/local/stepfunctions/definition.ts';
import { TaskFailedError } from '../../../infra/local/stepfunctions/lambda-bindings.ts';
import {
  MAX_INTERPRETER_TIMEOUT_SECONDS,
  TASK_TOKEN_PLACEHOLDER,
  applyResultPath,
  deriveSingleStateDefinition,
  runSingleState,
  withTaskToken,
  type ContextObject,
} from '../../../infra/local/stepfunctions/single-state.ts';

const FN = 'arn:aws:lambda:ap-northeast-2:000000000000:function:Step';

const context: ContextObject = {
  Execution: {
    Id: 'arn:aws:states:ap-northeast-2:000000000000:execution:M:e1',
    Input: { caseId: 'original' },
    Name: 'e1',
    RoleArn: 'arn:aws:iam::000000000000:role/r',
    StartTime: '2026-03-02T00:00:00.000Z',
    RedriveCount: 0,
  },
  State: { EnteredTime: '2026-03-02T00:00:01.000Z', Name: 'S', RetryCount: 0 },
  StateMachine: { Id: 'arn:aws:states:ap-northeast-2:000000000000:stateMachine:M', Name: 'M' },
};

function machine(states: AslDefinition['States'], startAt = Object.keys(states)[0]!): AslDefinition {
  return { StartAt: startAt, States: states };
}

describe('running one state with the interpreter', () => {
  it('applies Parameters, ResultSelector, ResultPath and OutputPath and reports the next state', async () => {
    const definition = machine({
      Register: {
        Type: 'Task',
        Resource: FN,
        Parameters: { 'id.$': '$.caseId', 'startedAt.$': '$$.Execution.StartTime' },
        ResultSelector: { 'number.$': '$.registered' },
        ResultPath: '$.registration',
        OutputPath: '$.registration',
        Next: 'Notify',
      },
      Notify: { Type: 'Succeed' },
    });
    const seen: Json[] = [];
    const result = await runSingleState({
      definition,
      stateName: 'Register',
      input: { caseId: 'C-1' },
      context,
      mode: 'execute',
      task: async (input) => {
        seen.push(input);
        return { registered: 42, noise: true };
      },
    });
    expect(seen).toEqual([{ id: 'C-1', startedAt: '2026-03-02T00:00:00.000Z' }]);
    expect(result).toEqual({ kind: 'next', next: 'Notify', output: { number: 42 } });
  });

  it('resolves $$.Execution.Input to the execution input, not the input of the step being run', async () => {
    const definition = machine({
      Echo: { Type: 'Pass', Parameters: { 'first.$': '$$.Execution.Input', 'now.$': '$' }, End: true },
    });
    const result = await runSingleState({
      definition,
      stateName: 'Echo',
      input: { step: 3 },
      context,
      mode: 'execute',
    });
    expect(result).toEqual({ kind: 'end', output: { first: { caseId: 'original' }, now: { step: 3 } } });
  });

  it('routes a Choice to the matching rule or the Default without entering the target', async () => {
    const definition = machine({
      Decide: {
        Type: 'Choice',
        Choices: [{ Variable: '$.amount', NumericGreaterThan: 1000, Next: 'Review' }],
        Default: 'Approve',
      },
      Review: { Type: 'Succeed' },
      Approve: { Type: 'Succeed' },
    });
    const run = (amount: number) =>
      runSingleState({ definition, stateName: 'Decide', input: { amount }, context, mode: 'execute' });
    expect(await run(5000)).toEqual({ kind: 'next', next: 'Review', output: { amount: 5000 } });
    expect(await run(10)).toEqual({ kind: 'next', next: 'Approve', output: { amount: 10 } });
  });

  it('reports Fail states and task errors as failures, leaving Retry and Catch to the service', async () => {
    const definition = machine({
      Reject: { Type: 'Fail', Error: 'CaseRejected', Cause: '요건 미비' },
      Call: {
        Type: 'Task',
        Resource: FN,
        Retry: [{ ErrorEquals: ['States.ALL'] }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Reject' }],
        End: true,
      },
    });
    expect(
      await runSingleState({ definition, stateName: 'Reject', input: {}, context, mode: 'execute' }),
    ).toMatchObject({
      kind: 'failed',
      failure: { error: 'CaseRejected', cause: '요건 미비' },
    });
    let calls = 0;
    const failed = await runSingleState({
      definition,
      stateName: 'Call',
      input: {},
      context,
      mode: 'execute',
      task: async () => {
        calls += 1;
        throw new TaskFailedError('Busy', '{"errorType":"Busy"}');
      },
    });
    expect(calls).toBe(1);
    expect(failed).toMatchObject({
      kind: 'failed',
      failure: { error: 'Busy', cause: '{"errorType":"Busy"}', retryable: true, catchable: true },
    });
  });

  it('marks path errors as States.Runtime, which no Retry or Catch may handle', async () => {
    const definition = machine({ Read: { Type: 'Pass', InputPath: '$.missing', End: true } });
    expect(await runSingleState({ definition, stateName: 'Read', input: {}, context, mode: 'execute' })).toMatchObject({
      kind: 'failed',
      failure: { error: 'States.Runtime', retryable: false, catchable: false },
    });
  });

  it('in resume mode applies only the result fields to a result that arrived later', async () => {
    const definition = machine({
      Ask: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: FN, Payload: { 'token.$': '$$.Task.Token', 'missing.$': '$.notThereAnymore' } },
        ResultSelector: { 'approved.$': '$.approved' },
        ResultPath: '$.decision',
        End: true,
      },
    });
    const result = await runSingleState({
      definition,
      stateName: 'Ask',
      input: { caseId: 'C-2' },
      context,
      mode: 'resume',
      task: async () => ({ approved: true, by: 'head' }),
    });
    expect(result).toEqual({ kind: 'end', output: { caseId: 'C-2', decision: { approved: true } } });
  });

  it('hands the task a placeholder for $$.Task.Token that withTaskToken replaces everywhere', async () => {
    const definition = machine({
      Ask: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: {
          FunctionName: FN,
          Payload: { 'token.$': '$$.Task.Token', 'link.$': "States.Format('https://cases/{}', $$.Task.Token)" },
        },
        End: true,
      },
    });
    let parameters: Json = null;
    await runSingleState({
      definition,
      stateName: 'Ask',
      input: {},
      context: { ...context, Task: { Token: TASK_TOKEN_PLACEHOLDER } },
      mode: 'execute',
      task: async (input) => {
        parameters = withTaskToken(input, 'REAL');
        return {};
      },
    });
    expect(parameters).toEqual({ FunctionName: FN, Payload: { token: 'REAL', link: 'https://cases/REAL' } });
  });

  it('does not time a long-TimeoutSeconds task out at once (the 2^31 ms timer overflow)', async () => {
    const definition = machine({ Slow: { Type: 'Task', Resource: FN, TimeoutSeconds: 60 * 86_400, End: true } });
    const result = await runSingleState({
      definition,
      stateName: 'Slow',
      input: {},
      context,
      mode: 'execute',
      taskTimeoutSeconds: 60 * 86_400,
      task: async () => {
        await sleep(20);
        return 'done';
      },
    });
    expect(result).toEqual({ kind: 'end', output: 'done' });
  });

  it('runs Task states inside a Map with the nested handlers', async () => {
    const definition = machine({
      'Notify each party': {
        Type: 'Map',
        ItemsPath: '$.parties',
        ItemProcessor: { StartAt: 'Notify', States: { Notify: { Type: 'Task', Resource: FN, End: true } } },
        ResultPath: '$.notified',
        End: true,
      },
    });
    const result = await runSingleState({
      definition,
      stateName: 'Notify each party',
      input: { parties: ['민원인', '피신고인'] },
      context,
      mode: 'execute',
      nestedTask: () => async (input) => `sent to ${String(input)}`,
    });
    expect(result).toEqual({
      kind: 'end',
      output: { parties: ['민원인', '피신고인'], notified: ['sent to 민원인', 'sent to 피신고인'] },
    });
  });
});

describe('the derived single-state definition', () => {
  it('keeps only the state, rewires every exit and takes Retry, Catch and heartbeat out', () => {
    const definition = machine({
      Ask: {
        Type: 'Task',
        Resource: FN,
        HeartbeatSeconds: 60,
        Retry: [{ ErrorEquals: ['States.ALL'] }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Other' }],
        Next: 'After',
      },
      After: { Type: 'Succeed' },
      Other: { Type: 'Succeed' },
    });
    const derived = deriveSingleStateDefinition(definition, 'Ask', { mode: 'execute' });
    expect(derived.definition.StartAt).toBe('Ask');
    expect(Object.keys(derived.definition.States)).toEqual(['Ask', '↪ After']);
    expect(derived.definition.States.Ask).toEqual({
      Type: 'Task',
      Resource: FN,
      TimeoutSeconds: MAX_INTERPRETER_TIMEOUT_SECONDS,
      Next: '↪ After',
    });
    expect([...derived.exits]).toEqual([['↪ After', 'After']]);
  });

  it('gives nested Task states an explicit timeout so the 60 s default never applies', () => {
    const definition = machine({
      Fan: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Task', Resource: FN, End: true } } }],
        End: true,
      },
    });
    const derived = deriveSingleStateDefinition(definition, 'Fan', { mode: 'execute' });
    const branch = (derived.definition.States.Fan!.Branches as AslDefinition[])[0]!;
    expect(branch.States.Inner!.TimeoutSeconds).toBe(MAX_INTERPRETER_TIMEOUT_SECONDS);
    expect(definition.States.Fan!.Branches).toEqual([
      { StartAt: 'Inner', States: { Inner: { Type: 'Task', Resource: FN, End: true } } },
    ]);
  });
});

describe('applying a Catch ResultPath', () => {
  it('places the error output where ResultPath says, or replaces the input without one', async () => {
    const error = { Error: 'Rejected', Cause: 'no' };
    expect(await applyResultPath({ caseId: 'C' }, error, '$.rejection')).toEqual({
      ok: true,
      output: { caseId: 'C', rejection: error },
    });
    expect(await applyResultPath({ caseId: 'C' }, error, undefined)).toEqual({ ok: true, output: error });
    expect(await applyResultPath('text', error, '$.rejection')).toMatchObject({
      ok: false,
      failure: { error: 'States.ResultPathMatchFailure' },
    });
  });
});
