/**
 * Errors the local service answers with, named exactly as the Step Functions API names them so
 * `@aws-sdk/client-sfn` raises its own exception classes (`TaskTimedOut`, `InvalidToken`, ...).
 * The SDK reads the name from the body's `__type` and the text from `message`.
 */

export type StepFunctionsErrorName =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'InvalidArn'
  | 'InvalidDefinition'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'StateMachineAlreadyExists'
  | 'StateMachineDoesNotExist'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'ValidationException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'InternalFailure';

export class StepFunctionsApiError extends Error {
  override readonly name: StepFunctionsErrorName;
  readonly statusCode: number;
  /** Client errors are safe to show; internal failures are not. */
  readonly expose: boolean;

  constructor(name: StepFunctionsErrorName, message: string, options: { cause?: unknown; statusCode?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = name;
    this.statusCode = options.statusCode ?? (name === 'InternalFailure' ? 500 : 400);
    this.expose = this.statusCode < 500;
  }
}

/** Raised inside the store when a conditional write loses a race; callers re-read and decide again. */
export class ConcurrentUpdateError extends Error {
  override readonly name = 'ConcurrentUpdateError';
}

/** AWS's wording for a token whose task is already closed (answered, timed out, or its execution ended). */
export const TASK_CLOSED_MESSAGE = "Task Timed Out: 'Provided task does not exist anymore'";
