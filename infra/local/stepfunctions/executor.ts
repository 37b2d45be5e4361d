/**
 * Drives executions from one stored cursor to the next, one top-level state per step. A step that
 * calls a handler or parks is committed before the next one starts; pure steps (Choice, Pass, a
 * stored callback answer) are committed with the next write, before any handler sees them. Parks (stores the cursor and returns, holding no memory) at
 * callback tasks and at waits or retry back-offs longer than `inlineDelayThresholdMs`; the wake-up is
 * a stored time found by `tick()`, or a SendTask* call.
 *
 * Delivery: Lambda steps are at-least-once, as on AWS. A handler that finished but whose step was
 * not yet committed when the process died runs again on recovery, so handlers must be idempotent
 * (key side effects by execution and state). A step whose commit landed never runs again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ArnScope } from './arn.ts';
import type { Clock } from './clock.ts';
import {
  bindingNameOf,
  isCallbackTask,
  prepareDefinition,
  taskInvocation,
  type AslDefinition,
  type AslState,
  type Json,
  type PreparedDefinition,
} from './definition.ts';
import { ConcurrentUpdateError } from './errors.ts';
import type { ExecutionStore, TokenWrite } from './execution-store.ts';
import { historyEvents, type NewHistoryEvent, type TaskResource } from './history.ts';
import { TaskFailedError, invokeHandler, lambdaInvokeResult, type LocalLambdaHandler } from './lambda-bindings.ts';
import type { Logger } from './logger.ts';
import type { Cursor, ExecutionRecord, TokenStatus } from './records.ts';
import { evaluateReferencePath } from './reference-path.ts';
import { decideRetry, findCatcher, type Catcher, type Retrier } from './retry-policy.ts';
import {
  TASK_TOKEN_PLACEHOLDER,
  applyResultPath,
  runSingleState,
  withTaskToken,
  type ContextObject,
  type SingleStateResult,
  type StateFailure,
  type TaskHandler,
} from './single-state.ts';
import { newTaskToken } from './tokens.ts';

export interface ExecutorOptions {
  store: ExecutionStore;
  clock: Clock;
  scope: ArnScope;
  logger: Logger;
  definitions: DefinitionCache;
  handlerFor: (stateMachineName: string, bindingName: string) => LocalLambdaHandler | undefined;
  /** Waits and retry back-offs up to this long are slept in process; longer ones park. */
  inlineDelayThresholdMs: number;
  /** A handler call longer than this (real time) fails with Sandbox.Timedout, as a Lambda would. */
  functionTimeoutSeconds: number;
  random?: () => number;
}

const SYNC_RESOURCE: TaskResource = { resourceType: 'lambda', resource: 'invoke' };
const CALLBACK_RESOURCE: TaskResource = { resourceType: 'lambda', resource: 'invoke.waitForTaskToken' };
/** Step Functions' limit on a state's input or output (256 KiB). */
const MAX_PAYLOAD_BYTES = 262_144;
/** Conflicting writers can only be a handful (API calls, another recovering process); more means a bug. */
const MAX_CONFLICTS_PER_DRIVE = 50;

/** Thrown by a callback task's handler wrapper once the task is handed out: the execution parks. */
class ParkSignal extends Error {
  override readonly name = 'ParkSignal';
  readonly submitted: Json;
  constructor(submitted: Json) {
    super('parked');
    this.submitted = submitted;
  }
}

/** States.Runtime from our own evaluation (bad TimeoutSecondsPath etc.): never retried or caught. */
class StatesRuntimeFailure extends Error {
  override readonly name = 'States.Runtime';
  readonly isRetryable = false;
  readonly isCatchable = false;
}

/** Refuses work after an abrupt close, so an in-process "crash" commits nothing more. */
class HaltedError extends Error {
  override readonly name = 'HaltedError';
}

/** Parsed definitions by revision hash; one entry per definition, never per execution. */
export class DefinitionCache {
  readonly #store: ExecutionStore;
  readonly #scope: ArnScope;
  readonly #byHash = new Map<string, PreparedDefinition>();

  constructor(store: ExecutionStore, scope: ArnScope) {
    this.#store = store;
    this.#scope = scope;
  }

  remember(prepared: PreparedDefinition): void {
    this.#byHash.set(prepared.hash, prepared);
  }

  async load(stateMachineArn: string, hash: string): Promise<PreparedDefinition> {
    const cached = this.#byHash.get(hash);
    if (cached) return cached;
    const text = await this.#store.getDefinitionText(stateMachineArn, hash);
    if (text === undefined)
      throw new Error(`Definition revision ${hash} of ${stateMachineArn} is missing from the table`);
    const prepared = prepareDefinition(text, this.#scope);
    this.#byHash.set(hash, prepared);
    return prepared;
  }

  get size(): number {
    return this.#byHash.size;
  }
}

/**
 * One drive's view of its execution between steps. `record` is the latest record: the one just
 * committed (so the next step needs no read), or — after pure steps — ahead of the store by
 * `pending`, which the next write commits in the same transaction.
 */
interface Drive {
  record: ExecutionRecord | undefined;
  pending: PendingSteps | undefined;
  /** A new execution not yet in the table: its first write creates it and settles `created`. */
  created?: PromiseWithResolvers<void>;
  /** A callback answer not yet in the table (pending): settled when the first write has stored it. */
  answered?: PromiseWithResolvers<void>;
}

/**
 * Steps without side effects (Choice, Pass, applying a callback's answer) are not committed on their
 * own: their events ride with the next write, which always comes before any handler sees their
 * output. A crash before that write re-runs them from the last commit, and nothing outside saw them.
 */
interface PendingSteps {
  events: NewHistoryEvent[];
  tokens: TokenWrite[];
  steps: number;
  bytes: number;
}

/** A chain of pure steps is committed at least this often (a Pass/Choice loop, big payloads). */
const MAX_PENDING_STEPS = 16;
const MAX_PENDING_BYTES = 512 * 1024;

/** Everything one step needs, read from the stored record. */
interface Frame {
  drive: Drive;
  record: ExecutionRecord;
  cursor: Cursor;
  definition: AslDefinition;
  state: AslState;
  input: Json;
  now: Date;
}

type StepResult = 'continue' | 'stop';

export class Executor {
  readonly #options: ExecutorOptions;
  /** Executions being driven right now (between parking points). Empty when all are parked. */
  readonly #active = new Map<string, { again: boolean; done: Promise<void> }>();
  #closed = false;
  #halted = false;

  constructor(options: ExecutorOptions) {
    this.#options = options;
  }

  get activeCount(): number {
    return this.#active.size;
  }

  /**
   * Runs the execution until it parks or ends. Concurrent calls for the same execution share one
   * driver; a call that arrives while it runs makes it look once more before it stops.
   */
  drive(arn: string, justWritten?: ExecutionRecord): Promise<void> {
    return this.#drive(arn, { record: justWritten, pending: undefined });
  }

  /**
   * Starts a new execution without writing it first: its pure first states (a routing Choice) run
   * in memory and the execution is created by its first write — usually together with its first
   * task's token. Resolves once that write has landed (the execution is durable), while the drive
   * goes on to call the handler; rejects with ConcurrentUpdateError when the name is taken.
   * Undefined when the execution is already being driven here (the caller then creates it itself).
   */
  start(record: ExecutionRecord, events: NewHistoryEvent[]): Promise<void> | undefined {
    if (this.#closed || this.#active.has(record.arn)) return undefined;
    const created = Promise.withResolvers<void>();
    const bytes = record.input.length;
    void this.#drive(record.arn, {
      record,
      pending: { events: [...events], tokens: [], steps: 0, bytes },
      created,
    });
    return created.promise;
  }

  /**
   * Moves a parked execution on with a callback's answer without writing the answer first: `answered`
   * is the stored record with the outcome on its cursor (same version), `changes` the answer's event
   * and token close. They ride with the drive's first write — usually together with the next task's
   * token — so an answer followed by pure steps and the next callback task is one transaction.
   * Resolves once that write has landed (the answer is durable); rejects with ConcurrentUpdateError
   * when the execution changed since it was read. Undefined when the execution is being driven here
   * (the caller then stores the answer itself).
   */
  answer(
    answered: ExecutionRecord,
    changes: { events: NewHistoryEvent[]; tokens: TokenWrite[] },
  ): Promise<void> | undefined {
    if (this.#closed || this.#active.has(answered.arn)) return undefined;
    const landed = Promise.withResolvers<void>();
    void this.#drive(answered.arn, {
      record: answered,
      pending: { events: [...changes.events], tokens: [...changes.tokens], steps: 0, bytes: 0 },
      answered: landed,
    });
    return landed.promise;
  }

  #drive(arn: string, first: Drive): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const running = this.#active.get(arn);
    if (running) {
      running.again = true;
      return running.done;
    }
    const entry = { again: false, done: Promise.resolve() };
    this.#active.set(arn, entry);
    entry.done = (async () => {
      try {
        let known: Drive | undefined = first;
        do {
          entry.again = false;
          await this.#run(arn, known);
          known = undefined;
        } while (entry.again && !this.#closed);
      } catch (error) {
        first.created?.reject(error);
        first.answered?.reject(error);
        if (!(error instanceof HaltedError)) {
          this.#options.logger.error('local-sfn: driving the execution failed; it stays resumable by recover()', {
            executionArn: arn,
            error,
          });
        }
      } finally {
        this.#active.delete(arn);
        first.created?.reject(new HaltedError('The service closed before the execution was stored'));
        first.answered?.reject(new HaltedError('The service closed before the task answer was stored'));
      }
    })();
    return entry.done;
  }

  /** Resolves when no execution is being driven (every one is parked or finished). */
  async settle(): Promise<void> {
    while (this.#active.size > 0) {
      await Promise.all([...this.#active.values()].map((entry) => entry.done));
    }
  }

  /** Stops taking work. `halt` also refuses any further commit, as if the process had died. */
  close(options: { halt: boolean }): void {
    this.#closed = true;
    if (options.halt) this.#halted = true;
  }

  /** `known` is a record this process has just written, which saves the first read. */
  async #run(arn: string, known: Drive | undefined): Promise<void> {
    const { store } = this.#options;
    let conflicts = 0;
    const drive: Drive = known ?? { record: undefined, pending: undefined };
    while (!this.#closed) {
      const record = drive.record ?? (await store.getExecution(arn));
      drive.record = undefined;
      if (!record || record.status !== 'RUNNING' || !record.cursor) return;
      try {
        if ((await this.#step(drive, record, record.cursor)) === 'stop') return;
      } catch (error) {
        drive.created?.reject(error);
        drive.created = undefined;
        drive.answered?.reject(error);
        drive.answered = undefined;
        drive.record = undefined;
        drive.pending = undefined;
        if (!(error instanceof ConcurrentUpdateError)) throw error;
        if (++conflicts > MAX_CONFLICTS_PER_DRIVE)
          throw new Error(`Gave up after ${conflicts} conflicting writes`, { cause: error });
      }
    }
    // A graceful close keeps the pure steps already taken (an abrupt one refuses the write).
    if (drive.pending && drive.record) await this.#commit(drive, drive.record, drive.record);
  }

  async #step(drive: Drive, record: ExecutionRecord, cursor: Cursor): Promise<StepResult> {
    const { definition } = await this.#options.definitions.load(record.stateMachineArn, record.definitionHash);
    const now = this.#options.clock.now();
    if (record.executionDeadline && now.toISOString() >= record.executionDeadline)
      return this.#timeOutExecution(drive, record, now);
    const state = definition.States[cursor.state];
    const frame: Frame = {
      drive,
      record,
      cursor,
      definition,
      state: state ?? { Type: 'Fail' },
      input: JSON.parse(cursor.input) as Json,
      now,
    };
    if (!state) return this.#fail(frame, runtimeFailure(`State '${cursor.state}' is not in the definition`), []);

    switch (cursor.phase) {
      case 'ready':
        return state.Type === 'Wait' ? this.#beginWait(frame) : this.#execute(frame);
      case 'task-open':
        return cursor.outcome ? this.#applyOutcome(frame) : this.#openCallbackTask(frame);
      case 'task-waiting': {
        if (cursor.outcome) return this.#applyOutcome(frame);
        const expired = expiredDeadline(cursor, now);
        return expired ? this.#expireTask(frame, expired) : 'stop';
      }
      case 'timer':
        if (!cursor.wakeAt || cursor.wakeAt > now.toISOString()) return 'stop';
        return cursor.timerKind === 'wait' ? this.#finishWait(frame) : this.#execute(frame);
    }
  }

  // ── Wait ──────────────────────────────────────────────────────────────────────────────────────

  async #beginWait(frame: Frame): Promise<StepResult> {
    const dueMs = waitDueMs(frame.state, frame.input, this.#context(frame), frame.now);
    if (dueMs !== undefined) {
      const delayMs = dueMs - frame.now.getTime();
      if (delayMs > this.#options.inlineDelayThresholdMs) {
        await this.#commit(frame.drive, frame.record, {
          ...frame.record,
          cursor: { ...frame.cursor, phase: 'timer', timerKind: 'wait', wakeAt: new Date(dueMs).toISOString() },
        });
        return 'stop';
      }
      if (delayMs > 0) {
        if (frame.drive.pending) {
          frame.record = await this.#commit(frame.drive, frame.record, frame.record);
          frame.cursor = frame.record.cursor!;
        }
        await sleep(delayMs);
      }
    }
    // An unreadable SecondsPath/TimestampPath is left to the interpreter, which fails the state properly.
    return this.#finishWait(frame);
  }

  async #finishWait(frame: Frame): Promise<StepResult> {
    const result = await this.#runState(frame, 'execute');
    return this.#settle(frame, result, []);
  }

  // ── Task and other states ─────────────────────────────────────────────────────────────────────

  async #execute(frame: Frame): Promise<StepResult> {
    if (isCallbackTask(frame.state)) return this.#openCallbackTask(frame);
    // Handlers only ever see input that is committed: pure steps before this one land first.
    if (callsHandlers(frame.state) && frame.drive.pending) {
      frame.record = await this.#commit(frame.drive, frame.record, frame.record);
      frame.cursor = frame.record.cursor!;
    }
    const events: NewHistoryEvent[] = [];
    const timeoutSeconds =
      frame.state.Type === 'Task'
        ? secondsField(frame.state, 'TimeoutSeconds', frame.input, this.#context(frame))
        : undefined;
    const result = await this.#runState(frame, 'execute', {
      task: frame.state.Type === 'Task' ? this.#syncTask(frame, events, timeoutSeconds) : undefined,
      taskTimeoutSeconds: timeoutSeconds,
    });
    if (
      result.kind === 'failed' &&
      result.failure.error === 'States.Timeout' &&
      events.at(-1)?.type === 'TaskStarted'
    ) {
      events.push(
        historyEvents.taskTimedOut(this.#options.clock.now(), SYNC_RESOURCE, 'States.Timeout', result.failure.cause),
      );
    }
    return this.#settle(frame, result, events);
  }

  #syncTask(frame: Frame, events: NewHistoryEvent[], timeoutSeconds: number | undefined): TaskHandler {
    return async (effectiveInput) => {
      const invocation = taskInvocation(frame.state);
      const functionRef =
        invocation?.style === 'lambda-resource' ? invocation.functionRef : objectField(effectiveInput, 'FunctionName');
      const at = this.#options.clock.now();
      events.push(
        historyEvents.taskScheduled(
          at,
          SYNC_RESOURCE,
          this.#options.scope.region,
          JSON.stringify(effectiveInput),
          timeoutSeconds,
        ),
        historyEvents.taskStarted(at, SYNC_RESOURCE),
      );
      try {
        const output = await this.#invoke(
          frame.record,
          functionRef,
          invocation?.style === 'lambda-resource' ? effectiveInput : payloadOf(effectiveInput),
          timeoutSeconds,
        );
        const result = invocation?.style === 'lambda-invoke' ? lambdaInvokeResult(output) : output;
        events.push(historyEvents.taskSucceeded(this.#options.clock.now(), SYNC_RESOURCE, JSON.stringify(result)));
        return result;
      } catch (error) {
        if (error instanceof TaskFailedError) {
          events.push(historyEvents.taskFailed(this.#options.clock.now(), SYNC_RESOURCE, error.name, error.causeText));
        }
        throw error;
      }
    };
  }

  /** Task states inside Parallel branches and Map iterators: in memory, no history of their own. */
  #nestedTask(record: ExecutionRecord): (stateName: string, state: AslState) => TaskHandler {
    return (_stateName, state) => async (effectiveInput) => {
      const invocation = taskInvocation(state);
      if (invocation?.style === 'lambda-resource')
        return this.#invoke(record, invocation.functionRef, effectiveInput, undefined);
      return lambdaInvokeResult(
        await this.#invoke(record, objectField(effectiveInput, 'FunctionName'), payloadOf(effectiveInput), undefined),
      );
    };
  }

  async #invoke(
    record: ExecutionRecord,
    functionRef: unknown,
    event: Json,
    timeoutSeconds: number | undefined,
  ): Promise<Json> {
    const bindingName = bindingNameOf(functionRef) ?? String(functionRef);
    return invokeHandler({
      bindingName,
      handler: this.#options.handlerFor(record.stateMachineName, bindingName),
      event,
      scope: this.#options.scope,
      functionTimeoutSeconds: this.#options.functionTimeoutSeconds,
      stateTimeoutSeconds: timeoutSeconds,
    });
  }

  /**
   * A `.waitForTaskToken` task. The token is stored (task-open) before the handler sees it, so a
   * token handed out is always one the store knows; after a crash in task-open the handler is called
   * again with the same token. Once the handler returns, the execution parks (task-waiting).
   */
  async #openCallbackTask(frame: Frame): Promise<StepResult> {
    const { record, cursor, state } = frame;
    const reopening = cursor.phase === 'task-open' && cursor.taskToken !== undefined;
    const token = reopening ? cursor.taskToken! : newTaskToken();
    let current = record;
    let opened = reopening;
    /** A failed write is the store's problem, not the task's: it must not reach Retry/Catch. */
    let storeError: unknown;
    const context = this.#context(frame);

    const task: TaskHandler = async (effectiveInput) => {
      const parameters = withTaskToken(effectiveInput, token);
      if (!opened) {
        const at = this.#options.clock.now();
        const timeoutSeconds = secondsField(state, 'TimeoutSeconds', frame.input, context);
        const heartbeatSeconds = secondsField(state, 'HeartbeatSeconds', frame.input, context);
        current = await this.#commit(
          frame.drive,
          current,
          {
            ...current,
            cursor: {
              ...cursor,
              phase: 'task-open',
              taskToken: token,
              taskOpenedAt: at.toISOString(),
              taskDeadline: timeoutSeconds === undefined ? undefined : addSeconds(at, timeoutSeconds),
              heartbeatSeconds,
              heartbeatDeadline: heartbeatSeconds === undefined ? undefined : addSeconds(at, heartbeatSeconds),
              outcome: undefined,
            },
          },
          {
            events: [
              historyEvents.taskScheduled(
                at,
                CALLBACK_RESOURCE,
                this.#options.scope.region,
                JSON.stringify(parameters),
                timeoutSeconds,
                heartbeatSeconds,
              ),
              historyEvents.taskStarted(at, CALLBACK_RESOURCE),
            ],
            tokens: [{ kind: 'open', token, executionArn: record.arn, stateName: cursor.state, at }],
          },
        ).catch((error: unknown) => {
          storeError = error;
          throw error;
        });
        opened = true;
      }
      const submitted = await this.#invoke(
        record,
        objectField(parameters, 'FunctionName'),
        payloadOf(parameters),
        undefined,
      );
      throw new ParkSignal(lambdaInvokeResult(submitted));
    };

    const result = await this.#runState(frame, 'execute', { task, withTaskToken: true });
    if (storeError !== undefined) throw storeError;
    if (result.kind === 'failed' && result.thrown instanceof ParkSignal) {
      return this.#park(frame.drive, current, token, result.thrown.submitted);
    }
    const failure: StateFailure =
      result.kind === 'failed'
        ? result.failure
        : runtimeFailure(`Callback task '${cursor.state}' finished without a task token answer`);
    const events = opened
      ? [historyEvents.taskFailed(this.#options.clock.now(), CALLBACK_RESOURCE, failure.error, failure.cause)]
      : [];
    return this.#handleFailure({ ...frame, record: current, cursor: current.cursor! }, failure, events, 'FAILED');
  }

  /**
   * task-open → task-waiting. Writes that do not touch the task (a heartbeat) are absorbed by
   * re-reading; an answer that arrived meanwhile (outcome) or a stop hands back to the main loop.
   */
  async #park(drive: Drive, opened: ExecutionRecord, token: string, submitted: Json): Promise<StepResult> {
    let current = opened;
    for (;;) {
      try {
        await this.#commit(
          drive,
          current,
          { ...current, cursor: { ...current.cursor!, phase: 'task-waiting' } },
          {
            events: [
              historyEvents.taskSubmitted(this.#options.clock.now(), CALLBACK_RESOURCE, JSON.stringify(submitted)),
            ],
          },
        );
        return 'stop';
      } catch (error) {
        if (!(error instanceof ConcurrentUpdateError)) throw error;
        const fresh = await this.#options.store.getExecution(current.arn);
        const stillOpen =
          fresh?.status === 'RUNNING' && fresh.cursor?.phase === 'task-open' && fresh.cursor.taskToken === token;
        if (!stillOpen || fresh.cursor?.outcome) {
          drive.record = fresh;
          return 'continue';
        }
        current = fresh;
      }
    }
  }

  /** A callback's answer (stored by SendTaskSuccess/Failure) moves the execution on. */
  async #applyOutcome(frame: Frame): Promise<StepResult> {
    const outcome = frame.cursor.outcome!;
    if (outcome.kind === 'failure') {
      return this.#handleFailure(
        frame,
        { error: outcome.error, cause: outcome.cause, retryable: true, catchable: true },
        [],
        'CLOSED',
      );
    }
    const output = JSON.parse(outcome.output) as Json;
    const result = await this.#runState(frame, 'resume', { task: async () => output });
    return this.#settle(frame, result, []);
  }

  async #expireTask(frame: Frame, error: 'States.Timeout' | 'States.HeartbeatTimeout'): Promise<StepResult> {
    const cause =
      error === 'States.Timeout'
        ? 'The task did not complete within its TimeoutSeconds'
        : 'No heartbeat arrived within HeartbeatSeconds';
    const events = [historyEvents.taskTimedOut(frame.now, CALLBACK_RESOURCE, error, cause)];
    return this.#handleFailure(frame, { error, cause, retryable: true, catchable: true }, events, 'TIMED_OUT');
  }

  // ── results: transition, retry, catch, end ────────────────────────────────────────────────────

  async #settle(frame: Frame, result: SingleStateResult, events: NewHistoryEvent[]): Promise<StepResult> {
    switch (result.kind) {
      case 'next':
        return this.#transition(frame, result.next, result.output, events, 'CLOSED');
      case 'end':
        return this.#succeed(frame, result.output, events);
      case 'failed':
        return this.#handleFailure(frame, result.failure, events, 'FAILED');
    }
  }

  async #handleFailure(
    frame: Frame,
    failure: StateFailure,
    events: NewHistoryEvent[],
    tokenStatus: Exclude<TokenStatus, 'OPEN'>,
  ): Promise<StepResult> {
    const { record, cursor, state } = frame;
    const isTask = state.Type === 'Task';
    if (failure.retryable) {
      const decision = decideRetry(
        state.Retry as Retrier[] | undefined,
        cursor.attempts,
        failure.error,
        isTask,
        this.#options.random,
      );
      if (decision.retry) {
        const now = this.#options.clock.now();
        const inline = decision.delayMs <= this.#options.inlineDelayThresholdMs;
        const retryCursor: Cursor = {
          state: cursor.state,
          input: cursor.input,
          enteredAt: cursor.enteredAt,
          attempts: decision.attempts,
          ...(inline
            ? { phase: 'ready' }
            : { phase: 'timer', timerKind: 'retry', wakeAt: new Date(now.getTime() + decision.delayMs).toISOString() }),
        };
        await this.#commit(
          frame.drive,
          record,
          { ...record, cursor: retryCursor },
          { events, tokens: closeOpenToken(record, tokenStatus, now) },
        );
        if (inline && decision.delayMs > 0) await sleep(decision.delayMs);
        return inline ? 'continue' : 'stop';
      }
    }
    if (failure.catchable) {
      const catcher = findCatcher(state.Catch as Catcher[] | undefined, failure.error, isTask);
      if (catcher) {
        const caught = await applyResultPath(
          frame.input,
          { Error: failure.error, Cause: failure.cause },
          catcher.ResultPath,
        );
        if (caught.ok) return this.#transition(frame, catcher.Next, caught.output, events, tokenStatus);
        return this.#fail(frame, caught.failure, events, tokenStatus);
      }
    }
    return this.#fail(frame, failure, events, tokenStatus);
  }

  async #transition(
    frame: Frame,
    next: string,
    output: Json,
    events: NewHistoryEvent[],
    tokenStatus: Exclude<TokenStatus, 'OPEN'>,
  ): Promise<StepResult> {
    const { record, cursor, state, definition } = frame;
    const nextState = definition.States[next];
    if (!nextState)
      return this.#fail(frame, runtimeFailure(`Next state '${next}' is not in the definition`), events, tokenStatus);
    const at = this.#options.clock.now();
    const text = JSON.stringify(output);
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES)
      return this.#fail(frame, dataLimitExceeded(cursor.state), events, tokenStatus);
    const nextCursor: Cursor = {
      state: next,
      input: text,
      enteredAt: at.toISOString(),
      phase: 'ready',
      attempts: ((nextState.Retry as Retrier[] | undefined) ?? []).map(() => 0),
    };
    const changes = {
      events: [
        ...events,
        historyEvents.stateExited(at, state.Type, cursor.state, text),
        historyEvents.stateEntered(at, nextState.Type, next, text),
      ],
      tokens: closeOpenToken(record, tokenStatus, at),
    };
    if (isPureStep(frame) && this.#defer(frame.drive, { ...record, cursor: nextCursor }, changes, text.length))
      return 'continue';
    await this.#commit(frame.drive, record, { ...record, cursor: nextCursor }, changes);
    return 'continue';
  }

  async #succeed(frame: Frame, output: Json, events: NewHistoryEvent[]): Promise<StepResult> {
    const { record, cursor, state } = frame;
    const at = this.#options.clock.now();
    const text = JSON.stringify(output);
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) return this.#fail(frame, dataLimitExceeded(cursor.state), events);
    await this.#commit(
      frame.drive,
      record,
      { ...record, status: 'SUCCEEDED', output: text, stopDate: at.toISOString(), cursor: undefined },
      {
        events: [
          ...events,
          historyEvents.stateExited(at, state.Type, cursor.state, text),
          historyEvents.executionSucceeded(at, text),
        ],
        tokens: closeOpenToken(record, 'CLOSED', at),
      },
    );
    return 'stop';
  }

  async #fail(
    frame: Frame,
    failure: StateFailure,
    events: NewHistoryEvent[],
    tokenStatus: Exclude<TokenStatus, 'OPEN'> = 'CLOSED',
  ): Promise<StepResult> {
    const { record } = frame;
    const at = this.#options.clock.now();
    await this.#commit(
      frame.drive,
      record,
      {
        ...record,
        status: 'FAILED',
        error: failure.error,
        cause: failure.cause,
        stopDate: at.toISOString(),
        cursor: undefined,
      },
      {
        events: [...events, historyEvents.executionFailed(at, failure.error, failure.cause)],
        tokens: closeOpenToken(record, tokenStatus, at),
      },
    );
    return 'stop';
  }

  async #timeOutExecution(drive: Drive, record: ExecutionRecord, now: Date): Promise<StepResult> {
    const error = 'States.Timeout';
    const cause = 'The execution did not finish within the state machine TimeoutSeconds';
    await this.#commit(
      drive,
      record,
      { ...record, status: 'TIMED_OUT', error, cause, stopDate: now.toISOString(), cursor: undefined },
      { events: [historyEvents.executionTimedOut(now, error, cause)], tokens: closeOpenToken(record, 'CLOSED', now) },
    );
    return 'stop';
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────────────

  /**
   * Writes `next` over `previous` (conditional on its version) with the drive's pending steps in the
   * same transaction; the written record becomes the drive's next starting point.
   */
  async #commit(
    drive: Drive,
    previous: ExecutionRecord,
    next: ExecutionRecord,
    changes: { events?: NewHistoryEvent[]; tokens?: TokenWrite[] } = {},
  ): Promise<ExecutionRecord> {
    if (this.#halted) throw new HaltedError('The service was closed abruptly; nothing more is written');
    const pending = drive.pending;
    drive.pending = undefined;
    const all = pending
      ? {
          events: [...pending.events, ...(changes.events ?? [])],
          tokens: [...pending.tokens, ...(changes.tokens ?? [])],
        }
      : changes;
    if (drive.created) {
      const created = drive.created;
      const written = await this.#options.store.createExecution(next, all.events ?? [], all.tokens ?? []);
      drive.created = undefined;
      created.resolve();
      drive.record = written;
      return written;
    }
    const written = await this.#options.store.commit(previous, next, all);
    drive.answered?.resolve();
    drive.answered = undefined;
    drive.record = written;
    return written;
  }

  /**
   * Keeps a pure step in memory: `next` (same version as the record it came from) is where the drive
   * goes on. False when the chain is long or large enough to be committed now.
   */
  #defer(
    drive: Drive,
    next: ExecutionRecord,
    changes: { events: NewHistoryEvent[]; tokens: TokenWrite[] },
    bytes: number,
  ): boolean {
    const pending = drive.pending ?? { events: [], tokens: [], steps: 0, bytes: 0 };
    if (pending.steps + 1 > MAX_PENDING_STEPS || pending.bytes + bytes > MAX_PENDING_BYTES) return false;
    pending.events.push(...changes.events);
    pending.tokens.push(...changes.tokens);
    pending.steps += 1;
    pending.bytes += bytes;
    drive.pending = pending;
    drive.record = next;
    return true;
  }

  #runState(
    frame: Frame,
    mode: 'execute' | 'resume',
    extra: { task?: TaskHandler; taskTimeoutSeconds?: number; withTaskToken?: boolean } = {},
  ): Promise<SingleStateResult> {
    return runSingleState({
      definition: frame.definition,
      stateName: frame.cursor.state,
      input: frame.input,
      context: this.#context(frame, extra.withTaskToken),
      mode,
      task: extra.task,
      nestedTask: this.#nestedTask(frame.record),
      taskTimeoutSeconds: extra.taskTimeoutSeconds,
    });
  }

  #context(frame: Frame, withToken = false): ContextObject {
    const { record, cursor } = frame;
    return {
      Execution: {
        Id: record.arn,
        Input: JSON.parse(record.input) as Json,
        Name: record.name,
        RoleArn: record.roleArn,
        StartTime: record.startDate,
        RedriveCount: 0,
      },
      State: {
        EnteredTime: cursor.enteredAt,
        Name: cursor.state,
        RetryCount: cursor.attempts.reduce((sum, n) => sum + n, 0),
      },
      StateMachine: { Id: record.stateMachineArn, Name: record.stateMachineName },
      ...(withToken ? { Task: { Token: TASK_TOKEN_PLACEHOLDER } } : {}),
    };
  }
}

/**
 * A step with no effect outside its execution record: a Choice or Pass, or a callback task whose
 * answer is already stored (only ResultSelector/ResultPath/OutputPath or Catch are left to apply).
 */
function isPureStep(frame: Frame): boolean {
  if (frame.cursor.outcome !== undefined) return true;
  return frame.cursor.phase === 'ready' && (frame.state.Type === 'Choice' || frame.state.Type === 'Pass');
}

/** States whose evaluation calls handlers: Tasks, and Parallel/Map (their nested tasks). */
function callsHandlers(state: AslState): boolean {
  return state.Type === 'Task' || state.Type === 'Parallel' || state.Type === 'Map';
}

/** Closing the open token of a callback task the execution is leaving (unless an answer closed it). */
export function closeOpenToken(record: ExecutionRecord, status: Exclude<TokenStatus, 'OPEN'>, at: Date): TokenWrite[] {
  const cursor = record.cursor;
  if (!cursor?.taskToken || cursor.outcome) return [];
  if (cursor.phase !== 'task-open' && cursor.phase !== 'task-waiting') return [];
  return [{ kind: 'close', token: cursor.taskToken, status, at }];
}

export function expiredDeadline(cursor: Cursor, now: Date): 'States.Timeout' | 'States.HeartbeatTimeout' | undefined {
  const at = now.toISOString();
  if (cursor.taskDeadline && cursor.taskDeadline <= at) return 'States.Timeout';
  if (cursor.heartbeatDeadline && cursor.heartbeatDeadline <= at) return 'States.HeartbeatTimeout';
  return undefined;
}

function dataLimitExceeded(stateName: string): StateFailure {
  return {
    error: 'States.DataLimitExceeded',
    cause: `The output of state '${stateName}' exceeds ${MAX_PAYLOAD_BYTES} bytes`,
    retryable: false,
    catchable: false,
  };
}

function runtimeFailure(cause: string): StateFailure {
  return { error: 'States.Runtime', cause, retryable: false, catchable: false };
}

function addSeconds(at: Date, seconds: number): string {
  return new Date(at.getTime() + seconds * 1000).toISOString();
}

function objectField(value: Json, field: string): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value[field] : undefined;
}

/** lambda:invoke sends Parameters.Payload; without one the function gets an empty object. */
function payloadOf(parameters: Json): Json {
  return objectField(parameters, 'Payload') ?? {};
}

function effectiveInput(state: AslState, input: Json, context: ContextObject): unknown {
  if (state.InputPath === undefined) return input;
  if (state.InputPath === null) return {};
  return evaluateReferencePath(String(state.InputPath), input, context);
}

/** TimeoutSeconds / HeartbeatSeconds, or their *Path forms read from the effective input. */
function secondsField(
  state: AslState,
  field: 'TimeoutSeconds' | 'HeartbeatSeconds',
  input: Json,
  context: ContextObject,
): number | undefined {
  if (typeof state[field] === 'number') return state[field] as number;
  const path = state[`${field}Path`];
  if (typeof path !== 'string') return undefined;
  const value = evaluateReferencePath(path, effectiveInput(state, input, context), context);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new StatesRuntimeFailure(
      `${field}Path '${path}' must point to a positive integer, found ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** When a Wait state is due, on the service's clock; undefined when its path cannot be read. */
function waitDueMs(state: AslState, input: Json, context: ContextObject, now: Date): number | undefined {
  let effective: unknown;
  try {
    effective = effectiveInput(state, input, context);
  } catch {
    return undefined;
  }
  const seconds =
    typeof state.Seconds === 'number'
      ? state.Seconds
      : typeof state.SecondsPath === 'string'
        ? evaluateSafely(state.SecondsPath, effective, context)
        : undefined;
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) return now.getTime() + seconds * 1000;
  const timestamp =
    typeof state.Timestamp === 'string'
      ? state.Timestamp
      : typeof state.TimestampPath === 'string'
        ? evaluateSafely(state.TimestampPath, effective, context)
        : undefined;
  if (typeof timestamp === 'string') {
    const ms = Date.parse(timestamp);
    if (!Number.isNaN(ms)) return ms;
  }
  return undefined;
}

function evaluateSafely(path: string, input: unknown, context: ContextObject): unknown {
  try {
    return evaluateReferencePath(path, input, context);
  } catch {
    return undefined;
  }
}
