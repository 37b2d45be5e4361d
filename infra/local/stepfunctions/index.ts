/**
 * The local Step Functions service: the Step Functions API on localhost (point
 * `AWS_ENDPOINT_URL_SFN` at `endpoint` and use `@aws-sdk/client-sfn` unchanged), executing the same
 * ASL with aws-local-stepfunctions one state at a time, with every execution stored in DynamoDB so
 * it survives SIGKILL. See README.md in this folder for the semantics.
 *
 *   const sfn = await startLocalStepFunctions({ tableName: 'local-sfn', bindings: { OpenHumanTaskFunctionArn: handler } });
 *   await sfn.registerStateMachine('ExternalReferral', definitionJson);
 *   await sfn.recover();            // after a restart: continue what was running
 *   await sfn.tick();               // from the local scheduler: wake due timers and deadlines
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEFAULT_SCOPE, type ArnScope } from './arn.ts';
import { BindingRegistry } from './binding-registry.ts';
import { systemClock, type Clock } from './clock.ts';
import { ExecutionStore } from './execution-store.ts';
import { DefinitionCache, Executor } from './executor.ts';
import { DEFAULT_FUNCTION_TIMEOUT_SECONDS, type TaskBindings } from './lambda-bindings.ts';
import { defaultLogger, type Logger } from './logger.ts';
import { StepFunctionsOperations } from './operations.ts';
import { startProtocolServer } from './protocol.server.ts';

export { ManualClock, systemClock, type Clock, type Duration } from './clock.ts';
export { lintDefinition, validateDefinition, type LintProblem } from './lint.ts';
export { StepFunctionsApiError, type StepFunctionsErrorName } from './errors.ts';
export type { LocalLambdaContext, LocalLambdaHandler, TaskBindings } from './lambda-bindings.ts';
export type { Logger } from './logger.ts';

export interface LocalStepFunctionsOptions {
  /** DynamoDB table for state machines, executions, history and tokens; created when absent. */
  tableName: string;
  /** Port to listen on (127.0.0.1); a free one when omitted. */
  port?: number;
  host?: string;
  clock?: Clock;
  /** Placeholder name (`${Name}` in the definition) → in-process Lambda handler. */
  bindings?: TaskBindings;
  logger?: Logger;
  /** Defaults to AWS_ENDPOINT_URL_DYNAMODB / region / credentials from the environment. */
  dynamoDbClient?: DynamoDBClient;
  /** ARN region and account; ap-northeast-2 / 000000000000 by default. */
  scope?: Partial<ArnScope>;
  /** Waits and retry back-offs up to this many ms are slept in process; longer ones park. Default 1000. */
  inlineDelayThresholdMs?: number;
  /** When set, a real-time poller calls tick() this often (for `npm start`; tests call tick()). */
  pollIntervalMs?: number;
  /** A handler running longer than this (real time) fails with Sandbox.Timedout. Default 900 (Lambda's maximum). */
  functionTimeoutSeconds?: number;
}

export interface LocalStepFunctions {
  readonly endpoint: string;
  readonly port: number;
  readonly tableName: string;
  /** Creates or updates a state machine (a new definition becomes a new revision; running executions keep theirs). */
  registerStateMachine(
    name: string,
    definition: string | object,
    bindings?: TaskBindings,
  ): Promise<{ stateMachineArn: string }>;
  /** Creates the table when absent (also done at start). */
  ensureTables(): Promise<void>;
  /** Wakes every parked execution whose timer, task deadline, heartbeat or execution timeout is due, and drives it to its next parking point. */
  tick(): Promise<{ woken: number }>;
  /** Continues every execution that was between states when a previous process stopped, then ticks. */
  recover(): Promise<{ resumed: number; woken: number }>;
  /** Resolves when no execution is being driven in this process (all parked or finished). */
  settle(): Promise<void>;
  /** Sizes of the in-process maps: executions hold memory only while being driven. */
  inMemoryState(): { drivingExecutions: number; cachedDefinitions: number; stateMachinesWithBindings: number };
  /**
   * Stops the server and the poller. Graceful by default (lets running steps commit); `abrupt`
   * behaves like a crash: nothing more is committed and running handlers are abandoned.
   */
  close(options?: { abrupt?: boolean }): Promise<void>;
}

const DEFAULT_INLINE_DELAY_THRESHOLD_MS = 1_000;
const WAKE_CONCURRENCY = 16;

export async function startLocalStepFunctions(options: LocalStepFunctionsOptions): Promise<LocalStepFunctions> {
  const scope: ArnScope = { ...DEFAULT_SCOPE, ...options.scope };
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? defaultLogger;
  const ownsClient = options.dynamoDbClient === undefined;
  const dynamoDbClient = options.dynamoDbClient ?? new DynamoDBClient({});
  const store = new ExecutionStore(options.tableName, dynamoDbClient);
  await store.ensureTable();

  const bindings = new BindingRegistry(options.bindings);
  const definitions = new DefinitionCache(store, scope);
  const executor = new Executor({
    store,
    clock,
    scope,
    logger,
    definitions,
    handlerFor: (stateMachineName, bindingName) => bindings.resolve(stateMachineName, bindingName),
    inlineDelayThresholdMs: options.inlineDelayThresholdMs ?? DEFAULT_INLINE_DELAY_THRESHOLD_MS,
    functionTimeoutSeconds: options.functionTimeoutSeconds ?? DEFAULT_FUNCTION_TIMEOUT_SECONDS,
  });
  const operations = new StepFunctionsOperations({ store, executor, definitions, bindings, clock, scope });
  const server = await startProtocolServer({ operations, logger, host: options.host, port: options.port });

  const driveAll = async (arns: AsyncIterable<string>): Promise<number> => {
    const batch: string[] = [];
    for await (const arn of arns) batch.push(arn);
    for (let i = 0; i < batch.length; i += WAKE_CONCURRENCY) {
      await Promise.all(batch.slice(i, i + WAKE_CONCURRENCY).map((arn) => executor.drive(arn)));
    }
    return batch.length;
  };
  const tick = async () => ({ woken: await driveAll(store.dueExecutions(clock.now())) });

  let ticking = false;
  let closed = false;
  const poller =
    options.pollIntervalMs === undefined
      ? undefined
      : setInterval(() => {
          if (ticking) return;
          ticking = true;
          tick()
            .catch((error: unknown) => logger.error('local-sfn: scheduled tick failed', { error }))
            .finally(() => (ticking = false));
        }, options.pollIntervalMs);
  poller?.unref();

  return {
    endpoint: server.endpoint,
    port: server.port,
    tableName: options.tableName,
    registerStateMachine: (name, definition, machineBindings) =>
      operations.registerStateMachine(name, definition, machineBindings),
    ensureTables: () => store.ensureTable(),
    tick,
    recover: async () => {
      const resumed = await driveAll(store.executionsToResume());
      const { woken } = await tick();
      return { resumed, woken };
    },
    settle: () => executor.settle(),
    inMemoryState: () => ({
      drivingExecutions: executor.activeCount,
      cachedDefinitions: definitions.size,
      stateMachinesWithBindings: bindings.stateMachineCount,
    }),
    close: async (closeOptions = {}) => {
      if (closed) return;
      closed = true;
      if (poller) clearInterval(poller);
      executor.close({ halt: closeOptions.abrupt === true });
      await server.close();
      // After a crash-like close, handlers still in flight are abandoned, not awaited.
      if (closeOptions.abrupt) return;
      await executor.settle();
      if (ownsClient) dynamoDbClient.destroy();
    },
  };
}

/** For bootstraps that create tables up front (the service also does it at start). */
export async function ensureStepFunctionsTable(
  tableName: string,
  dynamoDbClient: DynamoDBClient = new DynamoDBClient({}),
): Promise<void> {
  await new ExecutionStore(tableName, dynamoDbClient).ensureTable();
}
