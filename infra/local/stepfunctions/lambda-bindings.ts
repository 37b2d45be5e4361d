/**
 * Lambda task resources bound to in-process handlers. A binding name is the substitution placeholder
 * (`${OpenHumanTaskFunctionArn}` → `OpenHumanTaskFunctionArn`); the handler is called like Lambda calls
 * it: a JSON copy of the event and a Lambda-shaped context. Errors come back as Step Functions sees
 * Lambda errors: Error = the error's name (errorType), Cause = Lambda's JSON error document.
 */
import { randomUUID } from 'node:crypto';
import type { ArnScope } from './arn.ts';
import { placeholderFunctionArn, type Json } from './definition.ts';

export interface LocalLambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  getRemainingTimeInMillis(): number;
  done(error?: Error, result?: unknown): void;
  fail(error: Error | string): void;
  succeed(messageOrObject: unknown): void;
}

/**
 * `event: never` lets any handler signature be bound (a handler's own event type is its business;
 * the service hands it the JSON the state machine produced).
 */
export type LocalLambdaHandler = (event: never, context: LocalLambdaContext) => unknown;

export type TaskBindings = Readonly<Record<string, LocalLambdaHandler>>;

/** Lambda's ceiling for a function's timeout; the service's default function timeout. */
export const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 900;

/** A task failure as Step Functions reports it: `name` is matched by Retry/Catch ErrorEquals. */
export class TaskFailedError extends Error {
  override readonly name: string;
  /** Step Functions' Cause string. */
  readonly causeText: string;

  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
    this.causeText = cause;
  }
}

export function lambdaErrorCause(error: unknown): { error: string; cause: string } {
  if (error instanceof Error) {
    const errorType = error.name || 'Error';
    return {
      error: errorType,
      cause: JSON.stringify({ errorType, errorMessage: error.message, trace: (error.stack ?? '').split('\n') }),
    };
  }
  return { error: 'Error', cause: JSON.stringify({ errorType: 'Error', errorMessage: String(error), trace: [] }) };
}

export interface InvokeRequest {
  bindingName: string;
  handler: LocalLambdaHandler | undefined;
  event: Json;
  scope: ArnScope;
  /** The function's own timeout (real time, as a handler runs in real time). */
  functionTimeoutSeconds: number;
  /** The Task state's TimeoutSeconds, when shorter; only reported through getRemainingTimeInMillis. */
  stateTimeoutSeconds?: number;
}

/** Calls a bound handler; resolves with its JSON result or rejects with a TaskFailedError. */
export async function invokeHandler(request: InvokeRequest): Promise<Json> {
  const { bindingName, handler } = request;
  if (!handler) {
    throw new TaskFailedError(
      'Lambda.ResourceNotFoundException',
      `Function not found: ${placeholderFunctionArn(request.scope, bindingName)} (no local handler is bound to '${bindingName}')`,
    );
  }
  const timeoutMs = request.functionTimeoutSeconds * 1000;
  const deadline = Date.now() + Math.min(timeoutMs, (request.stateTimeoutSeconds ?? Infinity) * 1000);
  const context: LocalLambdaContext = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: bindingName,
    functionVersion: '$LATEST',
    invokedFunctionArn: placeholderFunctionArn(request.scope, bindingName),
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${bindingName}`,
    logStreamName: `local/${bindingName}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  // Like Lambda, a handler that never returns is cut off; unref'd so it keeps no process alive.
  const timedOut = Promise.withResolvers<never>();
  const timer = setTimeout(() => {
    const message = `Task timed out after ${request.functionTimeoutSeconds} seconds`;
    timedOut.reject(
      new TaskFailedError('Sandbox.Timedout', JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage: message })),
    );
  }, timeoutMs);
  timer.unref();
  let result: unknown;
  try {
    // The event is serialised as Lambda would, so a handler cannot mutate the execution's data.
    const call = Promise.resolve().then(() => handler(toJson(request.event) as never, context));
    result = await Promise.race([call, timedOut.promise]);
  } catch (error) {
    if (error instanceof TaskFailedError) throw error;
    const { error: name, cause } = lambdaErrorCause(error);
    throw new TaskFailedError(name, cause);
  } finally {
    clearTimeout(timer);
  }
  return toJson(result);
}

/** What `arn:aws:states:::lambda:invoke` returns around the function's result. */
export function lambdaInvokeResult(payload: Json, requestId: string = randomUUID()): Json {
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: { HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

/** JSON round trip: `undefined` becomes null, class instances become plain data — as over the wire. */
export function toJson(value: unknown): Json {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as Json;
}
