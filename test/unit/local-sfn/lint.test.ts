import { describe, expect, it } from 'vitest';
import { lintDefinition, validateDefinition } from '../../../infra/local/stepfunctions/lint.ts';
import { DEFAULT_SCOPE } from '../../../infra/local/stepfunctions/arn.ts';

const lambdaTask = { Type: 'Task', Resource: '${StepFunctionArn}', End: true };

function messages(asl: unknown): string[] {
  return lintDefinition(asl).map((problem) => `${problem.path}: ${problem.message}`);
}

describe('lintDefinition', () => {
  it('accepts JSONPath Lambda workflows with callback tasks, Choice and Map', () => {
    const asl = {
      StartAt: 'Decide',
      States: {
        Decide: {
          Type: 'Choice',
          Choices: [{ Not: { Variable: '$.assignee', IsPresent: true }, Next: 'Assign' }],
          Default: 'Wait for the investigator',
        },
        Assign: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:ap-northeast-2:000000000000:function:Assign',
          Next: 'Wait for the investigator',
        },
        'Wait for the investigator': {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: '${OpenTaskFunctionArn}', Payload: { 'token.$': '$$.Task.Token' } },
          Next: 'Notify each party',
        },
        'Notify each party': {
          Type: 'Map',
          ItemsPath: '$.parties',
          ItemProcessor: {
            StartAt: 'Notify',
            States: {
              Notify: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: { FunctionName: '${NotifyFunctionArn}', 'Payload.$': '$' },
                End: true,
              },
            },
          },
          End: true,
        },
      },
    };
    expect(lintDefinition(asl)).toEqual([]);
  });

  it('rejects JSONata at the top level and per state', () => {
    expect(messages({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', End: true } } })).toEqual([
      expect.stringMatching(/^QueryLanguage: JSONata is not supported/),
    ]);
    expect(
      messages({
        StartAt: 'A',
        States: { A: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% 1 %}', End: true } },
      }),
    ).toEqual([
      expect.stringContaining('States.A.QueryLanguage'),
      expect.stringContaining("States.A.Output: 'Output' is a JSONata field"),
    ]);
  });

  it('rejects variables (Assign) in states, Catch and Choice rules', () => {
    const asl = {
      StartAt: 'A',
      States: {
        A: {
          ...lambdaTask,
          Assign: { x: 1 },
          Catch: [{ ErrorEquals: ['States.ALL'], Assign: { y: 2 }, Next: 'B' }],
          End: undefined,
          Next: 'B',
        },
        B: { Type: 'Choice', Choices: [{ Variable: '$.x', IsNull: true, Assign: { z: 3 }, Next: 'C' }], Default: 'C' },
        C: { Type: 'Succeed' },
      },
    };
    expect(messages(asl)).toEqual([
      expect.stringContaining('States.A.Assign'),
      expect.stringContaining('States.A.Catch[0].Assign'),
      expect.stringContaining('States.B.Choices[0].Assign'),
    ]);
  });

  it('rejects type tests written with false and suggests Not, also inside And/Or/Not', () => {
    const asl = {
      StartAt: 'Decide',
      States: {
        Decide: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.deadline', IsPresent: false, Next: 'Done' },
            {
              And: [
                { Variable: '$.amount', IsNumeric: false },
                { Variable: '$.x', IsString: true },
              ],
              Next: 'Done',
            },
          ],
          Default: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    };
    const found = messages(asl);
    expect(found).toHaveLength(2);
    expect(found[0]).toContain('States.Decide.Choices[0].IsPresent');
    expect(found[0]).toContain('{ "Not": { "Variable": "$.deadline", "IsPresent": true } }');
    expect(found[1]).toContain('States.Decide.Choices[1].And[0].IsNumeric');
  });

  it('rejects non-Lambda resources, human tasks inside Map/Parallel and long nested Waits', () => {
    const asl = {
      StartAt: 'Save',
      States: {
        Save: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Next: 'Fan out' },
        'Fan out': {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Ask',
              States: {
                Ask: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
                  Parameters: { FunctionName: 'F', Payload: { 't.$': '$$.Task.Token' } },
                  Next: 'Pause',
                },
                Pause: { Type: 'Wait', Seconds: 3600, End: true },
              },
            },
          ],
          End: true,
        },
      },
    };
    const found = messages(asl);
    expect(found).toEqual([
      expect.stringContaining('States.Save.Resource'),
      expect.stringContaining(
        "States.Fan out.Branches[0].States.Ask: Task 'Ask' waits for a task token inside a Parallel/Map",
      ),
      expect.stringContaining('States.Fan out.Branches[0].States.Pause'),
    ]);
  });

  it('rejects a callback task that never hands out its token', () => {
    const asl = {
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'F', Payload: {} },
          End: true,
        },
      },
    };
    expect(messages(asl)).toEqual([expect.stringContaining('never passes $$.Task.Token')]);
  });
});

describe('validateDefinition', () => {
  it('substitutes ${Placeholder} resources as Lambda ARNs before asl-validator sees them', () => {
    const prepared = validateDefinition(JSON.stringify({ StartAt: 'A', States: { A: lambdaTask } }), {
      scope: DEFAULT_SCOPE,
      isBound: () => true,
    });
    expect(prepared.definition.States.A!.Resource).toBe(
      'arn:aws:lambda:ap-northeast-2:000000000000:function:StepFunctionArn',
    );
    expect(JSON.parse(prepared.text).States.A.Resource).toBe('${StepFunctionArn}');
  });

  it('throws InvalidDefinition listing every problem, including unbound handlers', () => {
    const text = JSON.stringify({ StartAt: 'A', States: { A: { ...lambdaTask, Assign: { x: 1 } } } });
    expect(() => validateDefinition(text, { scope: DEFAULT_SCOPE, isBound: () => false })).toThrow(
      expect.objectContaining({
        name: 'InvalidDefinition',
        message: expect.stringMatching(/Assign.*no local handler is bound to 'StepFunctionArn'/),
      }),
    );
  });

  it('throws InvalidDefinition for text that is not JSON', () => {
    expect(() => validateDefinition('{', { scope: DEFAULT_SCOPE })).toThrow(
      expect.objectContaining({ name: 'InvalidDefinition' }),
    );
  });
});
