/**
 * Runs exactly one top-level state with aws-local-stepfunctions and reports where the execution goes
 * next. This is how the service uses the interpreter as a step executor: the service owns the cursor
 * (state name + input, stored in DynamoDB) and asks the interpreter to evaluate one state at a time —
 * InputPath, Parameters, the task call, ResultSelector, ResultPath, OutputPath, Choice rules,
 * intrinsic functions, whole Parallel/Map states.
 *
 * Resume-at-a-state: the interpreter is given a derived definition whose StartAt is the state to run
 * and whose every exit (Next, End, Choice targets, Default) is rewired to an "exit" Task state that
 * records the target and the output. The derived definition is run with the interpreter's validation
 * off — the real definition was validated (asl-validator + lint) when it was registered, and the
 * derived one is unreachable-state-free by construction. (Rewriting StartAt of the full definition
 * fails validation; a routing Choice would work but costs a state per hop.)
 *
 * Also handled here, because the interpreter gets them wrong for a step executor:
 *  - Retry and Catch are removed from the state: the service applies them durably (retry-policy.ts).
 *  - Task timeouts: the interpreter's own timer defaults to 60 s and overflows at 2^31 ms, so every
 *    task gets an explicit TimeoutSeconds ≤ 2^31 ms; callback deadlines are stored rows instead.
 *  - `$$.Execution` is rewritten to a context field the interpreter does not overwrite (it replaces
 *    Execution.Input and Execution.StartTime with the *step's* input and the current time).
 *  - `$$.Task.Token` is a fixed placeholder the task handler swaps for a real per-task token.
 */
import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { allStates, childMachines, type AslDefinition, type AslState, type Json } from './definition.ts';
import { TaskFailedError } from './lambda-bindings.ts';

/** Static `$$.Task.Token` seen by the interpreter; replaced by the real token in the task handler. */
export const TASK_TOKEN_PLACEHOLDER = 'local-sfn:task-token-placeholder';

/** The largest timer Node keeps (2^31 − 1 ms); longer ones fire at once. */
export const MAX_INTERPRETER_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

const EXIT_RESOURCE = 'arn:aws:lambda:ap-northeast-2:000000000000:function:local-sfn-exit';

/** The context object (`$$`) as AWS shapes it. */
export interface ContextObject {
  Execution: { Id: string; Input: Json; Name: string; RoleArn: string; StartTime: string; RedriveCount: number };
  State: { EnteredTime: string; Name: string; RetryCount: number };
  StateMachine: { Id: string; Name: string };
  Task?: { Token: string };
}

export interface StateFailure {
  error: string;
  cause: string;
  retryable: boolean;
  catchable: boolean;
}

export type SingleStateResult =
  | { kind: 'next'; next: string; output: Json }
  | { kind: 'end'; output: Json }
  /** `thrown` is what the task handler (or the interpreter) threw, for signals such as parking. */
  | { kind: 'failed'; failure: StateFailure; thrown: unknown };

export type TaskHandler = (effectiveInput: Json) => Promise<Json>;

export interface SingleStateRun {
  definition: AslDefinition;
  stateName: string;
  input: Json;
  context: ContextObject;
  /**
   * `execute` runs the state. `resume` finishes a Task whose result arrived later (SendTaskSuccess):
   * InputPath/Parameters are skipped and `task` returns the stored result, so only ResultSelector,
   * ResultPath and OutputPath are applied to it.
   */
  mode: 'execute' | 'resume';
  /** Handler for the state itself when it is a Task. */
  task?: TaskHandler;
  /** Handlers for Task states inside Parallel branches / Map iterators (run in memory). */
  nestedTask?: (stateName: string, state: AslState) => TaskHandler;
  /** TimeoutSeconds enforced by the interpreter for a synchronous task (capped below 2^31 ms). */
  taskTimeoutSeconds?: number;
}

interface DerivedDefinition {
  definition: AslDefinition;
  /** exit state name → target state name, or null for the end of the execution */
  exits: Map<string, string | null>;
}

export function deriveSingleStateDefinition(
  definition: AslDefinition,
  stateName: string,
  options: { mode: 'execute' | 'resume'; taskTimeoutSeconds?: number },
): DerivedDefinition {
  const original = definition.States[stateName];
  if (!original) throw new Error(`State '${stateName}' is not in the definition`);
  const state = rewriteContextReferences(structuredClone(original)) as AslState;
  delete state.Retry;
  delete state.Catch;
  delete state.HeartbeatSeconds;
  delete state.HeartbeatSecondsPath;
  if (state.Type === 'Task') {
    delete state.TimeoutSecondsPath;
    state.TimeoutSeconds = Math.min(
      options.taskTimeoutSeconds ?? MAX_INTERPRETER_TIMEOUT_SECONDS,
      MAX_INTERPRETER_TIMEOUT_SECONDS,
    );
    if (options.mode === 'resume') {
      delete state.InputPath;
      delete state.Parameters;
    }
  }
  for (const child of childMachines(state)) capNestedTaskTimeouts(child.machine);

  const taken = new Set(Object.keys(definition.States));
  const exits = new Map<string, string | null>();
  const exitNames = new Map<string | null, string>();
  const exitFor = (target: string | null): string => {
    let name = exitNames.get(target);
    if (name === undefined) {
      const base = target === null ? '↪ end' : `↪ ${target}`;
      name = base;
      for (let i = 2; taken.has(name); i++) name = `${base} #${i}`;
      taken.add(name);
      exitNames.set(target, name);
      exits.set(name, target);
    }
    return name;
  };

  if (state.Type === 'Choice') {
    for (const rule of (state.Choices as { Next: string }[] | undefined) ?? []) rule.Next = exitFor(rule.Next);
    if (typeof state.Default === 'string') state.Default = exitFor(state.Default);
  } else if (state.Type !== 'Succeed' && state.Type !== 'Fail') {
    if (state.End === true) {
      delete state.End;
      state.Next = exitFor(null);
    } else if (typeof state.Next === 'string') {
      state.Next = exitFor(state.Next);
    }
  }

  const states: Record<string, AslState> = { [stateName]: state };
  for (const name of exits.keys()) {
    states[name] = {
      Type: 'Task',
      Resource: EXIT_RESOURCE,
      TimeoutSeconds: MAX_INTERPRETER_TIMEOUT_SECONDS,
      End: true,
    };
  }
  return { definition: { StartAt: stateName, States: states }, exits };
}

interface PreparedState {
  derived: DerivedDefinition;
  machine: StateMachine;
}

/**
 * Derived definitions (and the interpreter's machine over each) by definition, state, mode and task
 * timeout: they depend on nothing else, and the interpreter only reads them. A definition is one
 * object per revision (DefinitionCache), so this holds a handful of entries per state machine.
 */
const preparedStates = new WeakMap<AslDefinition, Map<string, PreparedState>>();
/** TimeoutSecondsPath makes the timeout part of the key input-dependent: keep such keys bounded. */
const MAX_PREPARED_PER_DEFINITION = 512;

function preparedState(run: SingleStateRun): PreparedState {
  let byKey = preparedStates.get(run.definition);
  if (!byKey) {
    byKey = new Map();
    preparedStates.set(run.definition, byKey);
  }
  const key = `${run.stateName}\u0000${run.mode}\u0000${run.taskTimeoutSeconds ?? ''}`;
  let prepared = byKey.get(key);
  if (!prepared) {
    const derived = deriveSingleStateDefinition(run.definition, run.stateName, {
      mode: run.mode,
      taskTimeoutSeconds: run.taskTimeoutSeconds,
    });
    const machine = new StateMachine(derived.definition as unknown as StateMachineDefinition, {
      validationOptions: { noValidate: true },
    });
    prepared = { derived, machine };
    if (byKey.size >= MAX_PREPARED_PER_DEFINITION) byKey.clear();
    byKey.set(key, prepared);
  }
  return prepared;
}

export async function runSingleState(run: SingleStateRun): Promise<SingleStateResult> {
  const { derived, machine } = preparedState(run);
  let exit: { target: string | null; output: Json } | undefined;
  const handlers: Record<string, (input: Json) => Promise<Json>> = {};
  for (const [name, target] of derived.exits) {
    handlers[name] = async (output) => {
      exit = { target, output };
      return output;
    };
  }
  const state = derived.definition.States[run.stateName]!;
  if (state.Type === 'Task') {
    handlers[run.stateName] = run.task ?? missingTaskHandler(run.stateName);
  }
  for (const child of childMachines(state)) {
    for (const nested of allStates(child.machine)) {
      if (nested.state.Type === 'Task') {
        handlers[nested.name] = run.nestedTask?.(nested.name, nested.state) ?? missingTaskHandler(nested.name);
      }
    }
  }

  const execution = machine.run(run.input as never, {
    context: {
      LocalExecution: run.context.Execution,
      State: run.context.State,
      StateMachine: run.context.StateMachine,
      ...(run.context.Task ? { Task: run.context.Task } : {}),
    },
    overrides: {
      taskResourceLocalHandlers: handlers as never,
      // The service has already waited (on its own clock) before it runs a Wait state.
      waitTimeOverrides: state.Type === 'Wait' ? { [run.stateName]: 0 } : {},
    },
  });
  try {
    const output = (await execution.result) as Json;
    if (state.Type === 'Succeed') return { kind: 'end', output };
    if (!exit) throw new Error(`State '${run.stateName}' finished without reaching an exit`);
    return exit.target === null
      ? { kind: 'end', output: exit.output }
      : { kind: 'next', next: exit.target, output: exit.output };
  } catch (error) {
    const thrown = error instanceof ExecutionError ? error.cause : error;
    return { kind: 'failed', failure: describeFailure(thrown), thrown };
  }
}

/**
 * Applies a Catch's ResultPath exactly as the interpreter would (it is the interpreter doing it: a
 * Pass state with the error output as Result).
 */
export async function applyResultPath(
  input: Json,
  result: Json,
  resultPath: string | null | undefined,
): Promise<{ ok: true; output: Json } | { ok: false; failure: StateFailure }> {
  const pass: AslState = { Type: 'Pass', Result: result, End: true };
  if (resultPath !== undefined) pass.ResultPath = resultPath;
  const machine = new StateMachine({ StartAt: 'Catch', States: { Catch: pass } } as unknown as StateMachineDefinition, {
    validationOptions: { noValidate: true },
  });
  try {
    return { ok: true, output: (await machine.run(input as never).result) as Json };
  } catch (error) {
    return { ok: false, failure: describeFailure(error instanceof ExecutionError ? error.cause : error) };
  }
}

export function describeFailure(thrown: unknown): StateFailure {
  if (thrown instanceof TaskFailedError) {
    return { error: thrown.name, cause: thrown.causeText, retryable: true, catchable: true };
  }
  if (thrown instanceof Error) {
    const flags = thrown as Error & { isRetryable?: unknown; isCatchable?: unknown };
    return {
      error: thrown.name,
      cause: thrown.message,
      retryable: typeof flags.isRetryable === 'boolean' ? flags.isRetryable : true,
      catchable: typeof flags.isCatchable === 'boolean' ? flags.isCatchable : true,
    };
  }
  return { error: 'States.Runtime', cause: String(thrown), retryable: false, catchable: false };
}

/** Deep-replaces the token placeholder in every string (it may sit inside States.Format output). */
export function withTaskToken(value: Json, token: string): Json {
  if (typeof value === 'string') return value.split(TASK_TOKEN_PLACEHOLDER).join(token);
  if (Array.isArray(value)) return value.map((item) => withTaskToken(item, token));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withTaskToken(item, token)]));
  }
  return value;
}

function missingTaskHandler(stateName: string): TaskHandler {
  return async () => {
    throw new TaskFailedError('States.Runtime', `No local handler for Task state '${stateName}'`);
  };
}

function capNestedTaskTimeouts(machine: { States: Record<string, AslState> }): void {
  for (const { state } of allStates(machine)) {
    if (state.Type !== 'Task') continue;
    delete state.HeartbeatSeconds;
    delete state.HeartbeatSecondsPath;
    if (typeof state.TimeoutSeconds !== 'number' && state.TimeoutSecondsPath === undefined) {
      state.TimeoutSeconds = MAX_INTERPRETER_TIMEOUT_SECONDS;
    } else if (typeof state.TimeoutSeconds === 'number') {
      state.TimeoutSeconds = Math.min(state.TimeoutSeconds, MAX_INTERPRETER_TIMEOUT_SECONDS);
    }
  }
}

const CONTEXT_EXECUTION = /\$\$\.Execution(?=$|[.[\s,)])/g;

/** `$$.Execution…` → `$$.LocalExecution…` in every path and payload-template expression. */
function rewriteContextReferences(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    const isExpression = key.endsWith('.$') || key.endsWith('Path') || key === 'Variable';
    return isExpression ? value.replace(CONTEXT_EXECUTION, '$$$$.LocalExecution') : value;
  }
  if (Array.isArray(value)) return value.map((item) => rewriteContextReferences(item, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, item]) => [k, rewriteContextReferences(item, k)]));
  }
  return value;
}
