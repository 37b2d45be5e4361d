/**
 * One error style (STYLE habit 5): typed errors with a stable `code`, an HTTP `statusCode`, whether
 * the message may be shown (`expose`), messages in Korean and English, and the offending field.
 * They are mapped to HTTP once, in the API middleware; the `name` is what a workflow Catch matches.
 */
export interface ErrorDetail {
  field?: string;
  rule?: string;
  message: string;
}

export interface AppErrorOptions {
  field?: string;
  rule?: string;
  details?: ErrorDetail[];
  /** Extra machine-readable facts for the client (e.g. the current version on a conflict). */
  meta?: Record<string, unknown>;
  cause?: unknown;
}

export abstract class AppError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;
  readonly expose: boolean = true;
  readonly messageKo: string;
  readonly field?: string;
  readonly rule?: string;
  readonly details?: ErrorDetail[];
  readonly meta?: Record<string, unknown>;

  constructor(message: string, messageKo: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.messageKo = messageKo;
    this.field = options.field;
    this.rule = options.rule;
    this.details = options.details;
    this.meta = options.meta;
  }
}

export class ValidationError extends AppError {
  override name = 'ValidationError';
  readonly statusCode = 400;
  readonly code = 'VALIDATION_FAILED';
}

export class UnauthenticatedError extends AppError {
  override name = 'UnauthenticatedError';
  readonly statusCode = 401;
  readonly code = 'UNAUTHENTICATED';
}

export class ForbiddenError extends AppError {
  override name = 'ForbiddenError';
  readonly statusCode = 403;
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  readonly statusCode = 404;
  readonly code = 'NOT_FOUND';
}

export class VersionConflictError extends AppError {
  override name = 'VersionConflictError';
  readonly statusCode = 409;
  readonly code = 'VERSION_CONFLICT';
}

export class IllegalTransitionError extends AppError {
  override name = 'IllegalTransitionError';
  readonly statusCode = 409;
  readonly code = 'ILLEGAL_TRANSITION';
}

export class IdempotencyKeyReusedError extends AppError {
  override name = 'IdempotencyKeyReusedError';
  readonly statusCode = 422;
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
}

/** Well-formed, but the law forbids it (e.g. an unsealed whistleblower report): the message names the article. */
export class UnprocessableError extends AppError {
  override name = 'UnprocessableError';
  readonly statusCode = 422;
  readonly code = 'UNPROCESSABLE';
}

/** Anything unexpected: never shown to the client beyond a generic message. */
export class InternalError extends AppError {
  override name = 'InternalError';
  readonly statusCode = 500;
  readonly code = 'INTERNAL';
  override readonly expose = false;
}

/** Refuses a date after today (Korea time): what is being recorded has happened already. */
export function assertNotFuture(on: string, today: string, field: string): void {
  if (on > today)
    throw new ValidationError(`${field} (${on}) is in the future`, `${field}(${on})은(는) 오늘 이후일 수 없습니다`, {
      field,
      rule: 'not_in_future',
    });
}

/**
 * A date of a form that must not come before another (a notice before the decision it notifies):
 * 400 naming the field, rule `date_order`. Dates are `YYYY-MM-DD`, so text order is date order.
 */
export function assertNotBefore(later: string, earlier: string, field: string, earlierKo: string): void {
  if (later < earlier)
    throw new ValidationError(
      `${field} (${later}) is before ${earlierKo} (${earlier})`,
      `${field}(${later})은(는) ${earlierKo}(${earlier})보다 앞설 수 없습니다`,
      { field, rule: 'date_order' },
    );
}
