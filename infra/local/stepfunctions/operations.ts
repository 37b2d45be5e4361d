/**
 * The Step Functions operations, with AWS's semantics and error names, over the execution store.
 * The HTTP layer (protocol.server.ts) only decodes requests and encodes answers.
 *
 * Task tokens: stored rows that survive restarts. A token is valid while its task is open; once the
 * task is answered, times out, or its execution ends, the token answers TaskTimedOut (AWS: "the task
 * token has either expired or the task associated with the token has already been closed"). A token
 * the service never issued answers InvalidToken.
 */
import { randomUUID } from 'node:crypto';
import {
  assertValidName,
  executionArn,
  parseExecutionArn,
  parseStateMachineArn,
  stateMachineArn,
  type ArnScope,
} from './arn.ts';
import { apiSchemas, isOperationName, type OperationInput, type OperationName } from './api-schemas.ts';
import type { BindingRegistry } from './binding-registry.ts';
import type { Clock } from './clock.ts';
import { ConcurrentUpdateError, StepFunctionsApiError, TASK_CLOSED_MESSAGE } from './errors.ts';
import type { ExecutionStore } from './execution-store.ts';
import { closeOpenToken, expiredDeadline, type DefinitionCache, type Executor } from './executor.ts';
import { historyEvents, toApiHistoryEvent, type TaskResource } from './history.ts';
import type { TaskBindings } from './lambda-bindings.ts';
import { validateDefinition } from './lint.ts';
import type { Cursor, ExecutionRecord, StateMachineRecord, TaskOutcome, TokenStatus } from './records.ts';
import { isWellFormedTaskToken } from './tokens.ts';

export const DEFAULT_ROLE_ARN = 'arn:aws:iam::000000000000:role/local-step-functions';
const DEFAULT_PAGE_SIZE = 100;
const MAX_ANSWER_ATTEMPTS = 20;
const CALLBACK_RESOURCE: TaskResource = { resourceType: 'lambda', resource: 'invoke.waitForTaskToken' };

export interface OperationsOptions {
  store: ExecutionStore;
  executor: Executor;
  definitions: DefinitionCache;
  bindings: BindingRegistry;
  clock: Clock;
  scope: ArnScope;
}

type Handlers = { [Name in OperationName]: (input: OperationInput<Name>) => Promise<unknown> };

export class StepFunctionsOperations {
  readonly #o: OperationsOptions;
  readonly #handlers: Handlers;
  /**
   * State machines this process started executions of (or wrote), so a start needs no read. Kept
   * current by this process's own writes; a second live process on the same table is a known gap.
   */
  readonly #started = new Map<string, StateMachineRecord>();

  constructor(options: OperationsOptions) {
    this.#o = options;
    this.#handlers = {
      CreateStateMachine: (input) => this.createStateMachine(input),
      DescribeStateMachine: (input) => this.describeStateMachine(input),
      ListStateMachines: (input) => this.listStateMachines(input),
      StartExecution: (input) => this.startExecution(input),
      DescribeExecution: (input) => this.describeExecution(input),
      StopExecution: (input) => this.stopExecution(input),
      ListExecutions: (input) => this.listExecutions(input),
      GetExecutionHistory: (input) => this.getExecutionHistory(input),
      SendTaskSuccess: (input) => this.sendTaskSuccess(input),
      SendTaskFailure: (input) => this.sendTaskFailure(input),
      SendTaskHeartbeat: (input) => this.sendTaskHeartbeat(input),
    };
  }

  /** Parses the body for the named operation (zod) and runs it. */
  async handle(operation: string, body: unknown): Promise<unknown> {
    if (!isOperationName(operation)) {
      throw new StepFunctionsApiError(
        'UnknownOperationException',
        `Operation ${operation} is not supported by the local Step Functions service`,
      );
    }
    const parsed = apiSchemas[operation].safeParse(body);
    if (!parsed.success) {
      const details = parsed.error.issues.map(
        (issue) => `Value at '${issue.path.join('.') || '(body)'}' failed to satisfy constraint: ${issue.message}`,
      );
      throw new StepFunctionsApiError(
        'ValidationException',
        `${details.length} validation error(s) detected: ${details.join('; ')}`,
      );
    }
    const handler = this.#handlers[operation] as (input: unknown) => Promise<unknown>;
    return handler(parsed.data);
  }

  // ── state machines ────────────────────────────────────────────────────────────────────────────

  /** Programmatic registration for the local bootstrap: creates or updates (new revision). */
  async registerStateMachine(
    name: string,
    definition: string | object,
    bindings?: TaskBindings,
  ): Promise<{ stateMachineArn: string }> {
    assertValidName('state machine', name);
    if (bindings) this.#o.bindings.bind(name, bindings);
    const text = typeof definition === 'string' ? definition : JSON.stringify(definition);
    const prepared = validateDefinition(text, {
      scope: this.#o.scope,
      isBound: (binding) => this.#o.bindings.has(name, binding),
    });
    const arn = stateMachineArn(this.#o.scope, name);
    const existing = await this.#o.store.getStateMachine(arn);
    this.#started.delete(arn);
    if (existing?.definitionHash !== prepared.hash) {
      await this.#o.store.saveStateMachine(
        {
          arn,
          name,
          definition: text,
          definitionHash: prepared.hash,
          roleArn: existing?.roleArn ?? DEFAULT_ROLE_ARN,
          type: 'STANDARD',
          creationDate: existing?.creationDate ?? this.#o.clock.now().toISOString(),
        },
        { ifAbsent: false },
      );
    }
    this.#o.definitions.remember(prepared);
    return { stateMachineArn: arn };
  }

  async createStateMachine(input: OperationInput<'CreateStateMachine'>) {
    assertValidName('state machine', input.name);
    if (input.type === 'EXPRESS')
      throw new StepFunctionsApiError(
        'ValidationException',
        'The local Step Functions service runs STANDARD state machines only',
      );
    const prepared = validateDefinition(input.definition, {
      scope: this.#o.scope,
      isBound: (binding) => this.#o.bindings.has(input.name, binding),
    });
    const arn = stateMachineArn(this.#o.scope, input.name);
    const record: StateMachineRecord = {
      arn,
      name: input.name,
      definition: input.definition,
      definitionHash: prepared.hash,
      roleArn: input.roleArn ?? DEFAULT_ROLE_ARN,
      type: 'STANDARD',
      creationDate: this.#o.clock.now().toISOString(),
    };
    try {
      await this.#o.store.saveStateMachine(record, { ifAbsent: true });
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError)) throw error;
      // AWS: creating the same state machine again is idempotent; a different one is a conflict.
      const existing = await this.#o.store.getStateMachine(arn);
      if (!existing || existing.definition !== input.definition || existing.roleArn !== record.roleArn) {
        throw new StepFunctionsApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
      }
      return { stateMachineArn: arn, creationDate: new Date(existing.creationDate) };
    }
    this.#o.definitions.remember(prepared);
    return { stateMachineArn: arn, creationDate: new Date(record.creationDate) };
  }

  async describeStateMachine(input: OperationInput<'DescribeStateMachine'>) {
    const machine = await this.#stateMachine(input.stateMachineArn);
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: 'ACTIVE',
      definition: machine.definition,
      roleArn: machine.roleArn,
      type: machine.type,
      creationDate: new Date(machine.creationDate),
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    };
  }

  async listStateMachines(input: OperationInput<'ListStateMachines'>) {
    const page = await this.#o.store.listStateMachines(pageSize(input.maxResults), input.nextToken);
    return {
      stateMachines: page.items.map((item) => ({
        stateMachineArn: item.arn,
        name: item.name,
        type: item.type,
        creationDate: new Date(item.creationDate),
      })),
      nextToken: page.nextToken,
    };
  }

  // ── executions ────────────────────────────────────────────────────────────────────────────────

  async startExecution(input: OperationInput<'StartExecution'>) {
    const machine = this.#started.get(input.stateMachineArn) ?? (await this.#stateMachine(input.stateMachineArn));
    this.#started.set(machine.arn, machine);
    const name = input.name ?? randomUUID();
    assertValidName('execution', name);
    const executionInput = input.input ?? '{}';
    try {
      JSON.parse(executionInput);
    } catch {
      throw new StepFunctionsApiError(
        'InvalidExecutionInput',
        'Invalid State Machine Execution Input: the input is not valid JSON',
      );
    }
    const arn = executionArn(this.#o.scope, machine.name, name);
    const sameStart = (existing: ExecutionRecord) => {
      // AWS: same name and input while still running → the same execution; otherwise a conflict.
      if (existing.status === 'RUNNING' && existing.input === executionInput)
        return { executionArn: arn, startDate: new Date(existing.startDate) };
      throw new StepFunctionsApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    };
    const { definition } = await this.#o.definitions.load(machine.arn, machine.definitionHash);
    const startState = definition.States[definition.StartAt]!;
    const now = this.#o.clock.now();
    const record: ExecutionRecord = {
      arn,
      name,
      stateMachineArn: machine.arn,
      stateMachineName: machine.name,
      definitionHash: machine.definitionHash,
      roleArn: machine.roleArn,
      status: 'RUNNING',
      input: executionInput,
      startDate: now.toISOString(),
      executionDeadline:
        typeof definition.TimeoutSeconds === 'number'
          ? new Date(now.getTime() + definition.TimeoutSeconds * 1000).toISOString()
          : undefined,
      version: 0,
      nextEventId: 1,
      cursor: {
        state: definition.StartAt,
        input: executionInput,
        enteredAt: now.toISOString(),
        phase: 'ready',
        attempts: (Array.isArray(startState.Retry) ? startState.Retry : []).map(() => 0),
      },
    };
    const events = [
      historyEvents.executionStarted(now, executionInput, machine.roleArn),
      historyEvents.stateEntered(now, startState.Type, definition.StartAt, executionInput),
    ];
    try {
      // Usually the execution is created by its first step's write (with its first task's token).
      const started = this.#o.executor.start(record, events);
      if (started) await started;
      else void this.#o.executor.drive(arn, await this.#o.store.createExecution(record, events));
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError)) throw error;
      const raced = await this.#o.store.getExecution(arn);
      if (raced) return sameStart(raced);
      throw error;
    }
    return { executionArn: arn, startDate: now };
  }

  async describeExecution(input: OperationInput<'DescribeExecution'>) {
    const record = await this.#execution(input.executionArn);
    return {
      executionArn: record.arn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: new Date(record.startDate),
      stopDate: record.stopDate ? new Date(record.stopDate) : undefined,
      input: record.input,
      inputDetails: { included: true },
      output: record.output,
      outputDetails: record.output === undefined ? undefined : { included: true },
      error: record.error,
      cause: record.cause,
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
    };
  }

  async stopExecution(input: OperationInput<'StopExecution'>) {
    for (let attempt = 0; attempt < MAX_ANSWER_ATTEMPTS; attempt++) {
      // The stop's write is conditional on the version: this process's last write of it will do.
      const record = await this.#execution(input.executionArn, { recent: true });
      if (record.status !== 'RUNNING') return { stopDate: new Date(record.stopDate ?? record.startDate) };
      const now = this.#o.clock.now();
      try {
        await this.#o.store.commit(
          record,
          {
            ...record,
            status: 'ABORTED',
            error: input.error,
            cause: input.cause,
            stopDate: now.toISOString(),
            cursor: undefined,
          },
          {
            events: [historyEvents.executionAborted(now, input.error, input.cause)],
            tokens: closeOpenToken(record, 'CLOSED', now),
          },
        );
        return { stopDate: now };
      } catch (error) {
        if (!(error instanceof ConcurrentUpdateError)) throw error;
      }
    }
    throw new StepFunctionsApiError('InternalFailure', 'The execution kept changing while it was being stopped');
  }

  async listExecutions(input: OperationInput<'ListExecutions'>) {
    await this.#stateMachine(input.stateMachineArn);
    const status = input.statusFilter === 'PENDING_REDRIVE' ? undefined : input.statusFilter;
    if (input.statusFilter === 'PENDING_REDRIVE') return { executions: [] };
    const page = await this.#o.store.listExecutions(
      input.stateMachineArn,
      status,
      pageSize(input.maxResults),
      input.nextToken,
    );
    return {
      executions: page.items.map((item) => ({
        executionArn: item.arn,
        stateMachineArn: item.stateMachineArn,
        name: item.name,
        status: item.status,
        startDate: new Date(item.startDate),
        stopDate: item.stopDate ? new Date(item.stopDate) : undefined,
      })),
      nextToken: page.nextToken,
    };
  }

  async getExecutionHistory(input: OperationInput<'GetExecutionHistory'>) {
    await this.#execution(input.executionArn);
    const page = await this.#o.store.getHistory(input.executionArn, {
      limit: pageSize(input.maxResults),
      reverse: input.reverseOrder ?? false,
      nextToken: input.nextToken,
    });
    return {
      events: page.items.map((event) => toApiHistoryEvent(event, input.includeExecutionData ?? true)),
      nextToken: page.nextToken,
    };
  }

  // ── task tokens ───────────────────────────────────────────────────────────────────────────────

  async sendTaskSuccess(input: OperationInput<'SendTaskSuccess'>) {
    try {
      JSON.parse(input.output);
    } catch {
      throw new StepFunctionsApiError('InvalidOutput', 'Invalid Output: the task output is not valid JSON');
    }
    await this.#answer(input.taskToken, { kind: 'success', output: input.output }, 'SUCCEEDED');
    return {};
  }

  async sendTaskFailure(input: OperationInput<'SendTaskFailure'>) {
    await this.#answer(
      input.taskToken,
      { kind: 'failure', error: input.error ?? '', cause: input.cause ?? '' },
      'FAILED',
    );
    return {};
  }

  async sendTaskHeartbeat(input: OperationInput<'SendTaskHeartbeat'>) {
    for (let attempt = 0; attempt < MAX_ANSWER_ATTEMPTS; attempt++) {
      const { record, cursor } = await this.#openTask(input.taskToken);
      if (cursor.heartbeatSeconds === undefined) return {};
      const now = this.#o.clock.now();
      const heartbeatDeadline = new Date(now.getTime() + cursor.heartbeatSeconds * 1000).toISOString();
      try {
        await this.#o.store.commit(record, { ...record, cursor: { ...cursor, heartbeatDeadline } });
        return {};
      } catch (error) {
        if (!(error instanceof ConcurrentUpdateError)) throw error;
      }
    }
    throw new StepFunctionsApiError('InternalFailure', 'The execution kept changing while the heartbeat was recorded');
  }

  /**
   * Stores the answer on the execution and closes the token in one transaction, then lets the
   * executor move the execution on (the caller does not wait for that, as on AWS).
   */
  async #answer(token: string, outcome: TaskOutcome, tokenStatus: Exclude<TokenStatus, 'OPEN'>): Promise<void> {
    for (let attempt = 0; attempt < MAX_ANSWER_ATTEMPTS; attempt++) {
      const { record, cursor } = await this.#openTask(token);
      const now = this.#o.clock.now();
      const event =
        outcome.kind === 'success'
          ? historyEvents.taskSucceeded(now, CALLBACK_RESOURCE, outcome.output)
          : historyEvents.taskFailed(now, CALLBACK_RESOURCE, outcome.error, outcome.cause);
      const answered: ExecutionRecord = { ...record, cursor: { ...cursor, outcome } };
      const changes = { events: [event], tokens: [{ kind: 'close' as const, token, status: tokenStatus, at: now }] };
      try {
        // Usually the answer is stored by the next step's write (with the next task's token).
        const landed = this.#o.executor.answer(answered, changes);
        if (landed) {
          await landed;
          return;
        }
        const written = await this.#o.store.commit(record, answered, changes);
        void this.#o.executor.drive(record.arn, written);
        return;
      } catch (error) {
        if (!(error instanceof ConcurrentUpdateError)) throw error;
      }
    }
    throw new StepFunctionsApiError(
      'InternalFailure',
      'The execution kept changing while the task answer was recorded',
    );
  }

  /** The open task a token belongs to, or the error AWS gives for that token. */
  async #openTask(token: string): Promise<{ record: ExecutionRecord; cursor: Cursor }> {
    if (!isWellFormedTaskToken(token))
      throw new StepFunctionsApiError('InvalidToken', 'Invalid Token: the task token is malformed');
    // This process's own last writes answer both reads when it has them; the answer's write is
    // conditional on the execution's version, so a record changed elsewhere only costs a retry.
    const row = await this.#o.store.getToken(token, { recent: true });
    if (!row)
      throw new StepFunctionsApiError('InvalidToken', 'Invalid Token: this task token was not issued by this service');
    if (row.status !== 'OPEN') throw new StepFunctionsApiError('TaskTimedOut', TASK_CLOSED_MESSAGE);
    const record = await this.#o.store.getExecution(row.executionArn, { recent: true });
    if (!record)
      throw new StepFunctionsApiError(
        'TaskDoesNotExist',
        `Task Does Not Exist: the execution ${row.executionArn} of this token is gone`,
      );
    const cursor = record.cursor;
    const open =
      record.status === 'RUNNING' &&
      cursor?.taskToken === token &&
      !cursor.outcome &&
      (cursor.phase === 'task-open' || cursor.phase === 'task-waiting');
    if (!open || !cursor) throw new StepFunctionsApiError('TaskTimedOut', TASK_CLOSED_MESSAGE);
    if (expiredDeadline(cursor, this.#o.clock.now())) {
      // The deadline passed before the scheduler's tick noticed; the task is over either way.
      void this.#o.executor.drive(record.arn);
      throw new StepFunctionsApiError('TaskTimedOut', TASK_CLOSED_MESSAGE);
    }
    return { record, cursor };
  }

  async #stateMachine(arn: string): Promise<StateMachineRecord> {
    parseStateMachineArn(arn);
    const machine = await this.#o.store.getStateMachine(arn);
    if (!machine) throw new StepFunctionsApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  async #execution(arn: string, options: { recent?: boolean } = {}): Promise<ExecutionRecord> {
    parseExecutionArn(arn);
    const record = await this.#o.store.getExecution(arn, options);
    if (!record) throw new StepFunctionsApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return record;
  }
}

function pageSize(maxResults: number | undefined): number {
  return maxResults === undefined || maxResults === 0 ? DEFAULT_PAGE_SIZE : maxResults;
}
