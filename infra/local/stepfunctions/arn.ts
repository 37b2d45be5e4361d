/**
 * ARNs in AWS's shape, so application code that parses or logs them behaves as on AWS:
 *   arn:aws:states:ap-northeast-2:000000000000:stateMachine:Name
 *   arn:aws:states:ap-northeast-2:000000000000:execution:Name:executionName
 */
import { StepFunctionsApiError } from './errors.ts';

export interface ArnScope {
  region: string;
  accountId: string;
}

export const DEFAULT_SCOPE: ArnScope = { region: 'ap-northeast-2', accountId: '000000000000' };

/** AWS: 1–80 characters; no whitespace, brackets, wildcards, control characters or " # % \ ^ | ~ ` $ & , ; : / */
// biome-ignore lint/suspicious/noControlCharactersInRegex: AWS refuses control characters in names, so the pattern names them
const NAME_PATTERN = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/u;

export function assertValidName(kind: 'state machine' | 'execution', name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new StepFunctionsApiError(
      'InvalidName',
      `Invalid ${kind} name: '${name}' (1–80 characters, no whitespace or special characters)`,
    );
  }
}

export function stateMachineArn(scope: ArnScope, name: string): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:stateMachine:${name}`;
}

export function executionArn(scope: ArnScope, stateMachineName: string, executionName: string): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:execution:${stateMachineName}:${executionName}`;
}

const STATE_MACHINE_ARN = /^arn:aws:states:([a-z0-9-]+):(\d{12}):stateMachine:([^:]+)$/;
const EXECUTION_ARN = /^arn:aws:states:([a-z0-9-]+):(\d{12}):execution:([^:]+):([^:]+)$/;

export function parseStateMachineArn(arn: string): { stateMachineName: string } {
  const match = STATE_MACHINE_ARN.exec(arn);
  if (!match)
    throw new StepFunctionsApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${arn}'`);
  return { stateMachineName: match[3]! };
}

export function parseExecutionArn(arn: string): { stateMachineName: string; executionName: string } {
  const match = EXECUTION_ARN.exec(arn);
  if (!match)
    throw new StepFunctionsApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${arn}'`);
  return { stateMachineName: match[3]!, executionName: match[4]! };
}
