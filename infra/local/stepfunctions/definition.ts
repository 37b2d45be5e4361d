/**
 * State machine definitions as the service keeps them: the text as registered (what DescribeStateMachine
 * returns) and a parsed copy in which `${Placeholder}` substitutions are replaced by Lambda ARNs named
 * after the placeholder, as CDK's DefinitionSubstitutions would replace them with real ARNs. A task's
 * handler is then found by function name, whichever way the definition named it.
 */
import { createHash } from 'node:crypto';
import type { ArnScope } from './arn.ts';
import { StepFunctionsApiError } from './errors.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** ASL is validated by asl-validator and the lint; in code we read it loosely and check what we use. */
export interface AslState {
  Type: string;
  [field: string]: unknown;
}

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  TimeoutSeconds?: number;
  [field: string]: unknown;
}

export interface PreparedDefinition {
  /** SHA-256 of the registered text; executions pin this revision. */
  hash: string;
  text: string;
  definition: AslDefinition;
}

export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
export const LAMBDA_INVOKE_CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

const PLACEHOLDER = /\$\{([A-Za-z0-9_-]{1,64})\}/g;
const LAMBDA_ARN = /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]{1,64})(?::[A-Za-z0-9$_-]+)?$/;
const PLAIN_FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const EXACT_PLACEHOLDER = /^\$\{([A-Za-z0-9_-]{1,64})\}$/;

export function definitionHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function placeholderFunctionArn(scope: ArnScope, name: string): string {
  return `arn:aws:lambda:${scope.region}:${scope.accountId}:function:${name}`;
}

export function substitutePlaceholders(text: string, scope: ArnScope): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => placeholderFunctionArn(scope, name));
}

/** `${Name}`, a Lambda function ARN (optionally qualified) or a bare function name → the binding name. */
export function bindingNameOf(functionRef: unknown): string | undefined {
  if (typeof functionRef !== 'string') return undefined;
  return (
    EXACT_PLACEHOLDER.exec(functionRef)?.[1] ??
    LAMBDA_ARN.exec(functionRef)?.[1] ??
    (PLAIN_FUNCTION_NAME.test(functionRef) ? functionRef : undefined)
  );
}

export function parseDefinitionText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new StepFunctionsApiError(
      'InvalidDefinition',
      `Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: definition is not valid JSON (${(error as Error).message})'`,
    );
  }
}

export function isAslDefinition(value: unknown): value is AslDefinition {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.StartAt === 'string' && typeof candidate.States === 'object' && candidate.States !== null;
}

export function prepareDefinition(text: string, scope: ArnScope): PreparedDefinition {
  const parsed = parseDefinitionText(substitutePlaceholders(text, scope));
  if (!isAslDefinition(parsed)) {
    throw new StepFunctionsApiError(
      'InvalidDefinition',
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: StartAt and States are required'",
    );
  }
  return { hash: definitionHash(text), text, definition: parsed };
}

/** How a Task state reaches its handler. */
export type TaskInvocation =
  /** `"Resource": "${Fn}"` or a Lambda ARN: the handler gets the effective input; its result is the task result. */
  | { style: 'lambda-resource'; functionRef: string; callback: false }
  /** `arn:aws:states:::lambda:invoke[.waitForTaskToken]`: FunctionName and Payload come from Parameters. */
  | { style: 'lambda-invoke'; callback: boolean };

export function taskInvocation(state: AslState): TaskInvocation | undefined {
  const resource = state.Resource;
  if (typeof resource !== 'string') return undefined;
  if (resource === LAMBDA_INVOKE) return { style: 'lambda-invoke', callback: false };
  if (resource === LAMBDA_INVOKE_CALLBACK) return { style: 'lambda-invoke', callback: true };
  if (EXACT_PLACEHOLDER.test(resource) || LAMBDA_ARN.test(resource))
    return { style: 'lambda-resource', functionRef: resource, callback: false };
  return undefined;
}

export function isCallbackTask(state: AslState): boolean {
  return state.Type === 'Task' && taskInvocation(state)?.callback === true;
}

/** The function a task names statically (`FunctionName` literal or Resource); undefined for `FunctionName.$`. */
export function staticFunctionRef(state: AslState): string | undefined {
  const invocation = taskInvocation(state);
  if (!invocation) return undefined;
  if (invocation.style === 'lambda-resource') return invocation.functionRef;
  const parameters = state.Parameters as Record<string, unknown> | undefined;
  return typeof parameters?.FunctionName === 'string' ? parameters.FunctionName : undefined;
}

export interface StateScope {
  name: string;
  state: AslState;
  /** Path inside the definition, for messages: States.A.Branches[0].States.B */
  path: string;
  /** True for states inside a Parallel branch or a Map iterator (run in memory, never parked). */
  nested: boolean;
}

/** Every state, depth first, including those inside Parallel branches and Map iterators. */
export function allStates(
  definition: { States: Record<string, AslState> },
  base = 'States',
  nested = false,
): StateScope[] {
  const found: StateScope[] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    if (state === null || typeof state !== 'object') continue;
    const path = `${base}.${name}`;
    found.push({ name, state, path, nested });
    for (const [index, child] of childMachines(state).entries()) {
      found.push(
        ...allStates(child.machine, `${path}.${child.field}${child.indexed ? `[${index}]` : ''}.States`, true),
      );
    }
  }
  return found;
}

export function childMachines(
  state: AslState,
): { field: string; indexed: boolean; machine: { StartAt: string; States: Record<string, AslState> } }[] {
  if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
    return (state.Branches as AslDefinition[]).map((machine) => ({ field: 'Branches', indexed: true, machine }));
  }
  if (state.Type === 'Map') {
    const processor = (state.ItemProcessor ?? state.Iterator) as AslDefinition | undefined;
    if (processor && typeof processor === 'object')
      return [{ field: state.ItemProcessor ? 'ItemProcessor' : 'Iterator', indexed: false, machine: processor }];
  }
  return [];
}
