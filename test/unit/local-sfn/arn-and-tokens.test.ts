import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCOPE,
  assertValidName,
  executionArn,
  parseExecutionArn,
  parseStateMachineArn,
  stateMachineArn,
} from '../../../infra/local/stepfunctions/arn.ts';
import { isWellFormedTaskToken, newTaskToken, taskTokenKey } from '../../../infra/local/stepfunctions/tokens.ts';
import { bindingNameOf } from '../../../infra/local/stepfunctions/definition.ts';

describe('ARNs', () => {
  it('builds and parses state machine and execution ARNs in AWS shape', () => {
    expect(stateMachineArn(DEFAULT_SCOPE, 'Petition')).toBe(
      'arn:aws:states:ap-northeast-2:000000000000:stateMachine:Petition',
    );
    const arn = executionArn(DEFAULT_SCOPE, 'Petition', '2026-청원-001');
    expect(arn).toBe('arn:aws:states:ap-northeast-2:000000000000:execution:Petition:2026-청원-001');
    expect(parseExecutionArn(arn)).toEqual({ stateMachineName: 'Petition', executionName: '2026-청원-001' });
    expect(parseStateMachineArn('arn:aws:states:ap-northeast-2:000000000000:stateMachine:Petition')).toEqual({
      stateMachineName: 'Petition',
    });
  });

  it('rejects ARNs of another resource type with InvalidArn', () => {
    expect(() => parseExecutionArn('arn:aws:states:ap-northeast-2:000000000000:stateMachine:Petition')).toThrow(
      expect.objectContaining({ name: 'InvalidArn' }),
    );
    expect(() => parseStateMachineArn('Petition')).toThrow(expect.objectContaining({ name: 'InvalidArn' }));
  });

  it('rejects names AWS rejects with InvalidName', () => {
    expect(() => assertValidName('execution', 'has space')).toThrow(expect.objectContaining({ name: 'InvalidName' }));
    expect(() => assertValidName('execution', 'a:b')).toThrow(expect.objectContaining({ name: 'InvalidName' }));
    expect(() => assertValidName('execution', 'x'.repeat(81))).toThrow(
      expect.objectContaining({ name: 'InvalidName' }),
    );
    expect(() => assertValidName('execution', 'case-2026_001.v2')).not.toThrow();
  });
});

describe('task tokens', () => {
  it('are unique, well-formed and keyed by a hash rather than themselves', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newTaskToken()));
    expect(tokens.size).toBe(1000);
    const [token] = tokens;
    expect(isWellFormedTaskToken(token!)).toBe(true);
    expect(taskTokenKey(token!)).toMatch(/^[0-9a-f]{64}$/);
    expect(taskTokenKey(token!)).not.toContain(token!);
    expect(isWellFormedTaskToken('AAAA')).toBe(false);
  });
});

describe('binding names', () => {
  it('come from ${Placeholder}, a Lambda ARN (qualified or not) or a bare function name', () => {
    expect(bindingNameOf('${OpenHumanTaskFunctionArn}')).toBe('OpenHumanTaskFunctionArn');
    expect(bindingNameOf('arn:aws:lambda:ap-northeast-2:123456789012:function:OpenHumanTask:live')).toBe(
      'OpenHumanTask',
    );
    expect(bindingNameOf('OpenHumanTask')).toBe('OpenHumanTask');
    expect(bindingNameOf('arn:aws:states:::dynamodb:putItem')).toBeUndefined();
    expect(bindingNameOf(undefined)).toBeUndefined();
  });
});
