/**
 * The one way an HTTP handler is made (STYLE habits 1, 2, 5): middy first, our middlewares, the
 * handler last. It parses the API Gateway v2 event with zod (path, query, body, Idempotency-Key),
 * builds the Actor from the authorizer's claims, and maps every error to JSON once, here.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { actorFromClaims } from '../auth/claims.ts';
import { AppError, InternalError, ValidationError } from '../domain/errors.ts';
import type { Actor } from '../domain/roles.ts';
import { validationErrorFrom } from './zod-errors.ts';
import { loneSurrogatePath } from '../domain/text.ts';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export interface ApiResult {
  statusCode: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A body sent as is (Markdown, HTML, CSV) instead of JSON; set its content-type in `headers`. */
  text?: string;
}

export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,128}$/, 'Idempotency-Key: 8–128 letters, digits, . _ : -')
  .optional();

interface Spec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  auth: boolean;
  params?: P;
  query?: Q;
  body?: B;
}

export interface ApiRequest<P, Q, B, A extends boolean> {
  actor: A extends true ? Actor : undefined;
  params: P;
  query: Q;
  body: B;
  idempotencyKey?: string;
  event: ApiEvent;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResultV2 {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export function errorBody(error: AppError, requestId?: string) {
  return {
    error: {
      code: error.code,
      message: error.expose ? error.message : 'Internal error',
      messageKo: error.expose ? error.messageKo : '내부 오류가 발생했습니다. 잠시 후 다시 시도하세요',
      ...(error.field !== undefined && { field: error.field }),
      ...(error.rule !== undefined && { rule: error.rule }),
      ...(error.details !== undefined && { details: error.details }),
      ...(error.meta !== undefined && error.expose && error.meta),
      ...(requestId !== undefined && { requestId }),
    },
  };
}

/** Maps any error to the JSON error shape; unknown errors are logged and never shown (no stack, no SDK error). */
export const jsonErrors = (): middy.MiddlewareObj<ApiEvent, APIGatewayProxyResultV2> => ({
  onError: (request) => {
    const original = request.error;
    const error =
      original instanceof AppError ? original : new InternalError('Internal error', '내부 오류', { cause: original });
    if (!(original instanceof AppError) || error.statusCode >= 500) {
      console.error(
        JSON.stringify({
          level: 'error',
          message: 'request failed',
          error: String(original),
          stack: original instanceof Error ? original.stack : undefined,
          requestId: request.context.awsRequestId,
        }),
      );
    }
    request.response = json(error.statusCode, errorBody(error, request.context.awsRequestId));
  },
});

function parse<T extends z.ZodType>(
  schema: T | undefined,
  value: unknown,
  location: 'body' | 'path' | 'query' | 'header',
): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const bad = loneSurrogatePath(value);
  if (bad) {
    const field = bad.length > 0 ? bad.map(String).join('.') : location;
    throw new ValidationError(
      `Invalid ${location}: ${field} contains a lone UTF-16 surrogate (not valid text)`,
      `입력값 오류 (${location}): ${field} — 올바른 문자가 아닌 값(짝 없는 서로게이트)이 들어 있습니다`,
      { field, rule: 'lone_surrogate' },
    );
  }
  const result = schema.safeParse(value);
  if (!result.success) throw validationErrorFrom(result.error, location);
  return result.data;
}

function readBody(event: ApiEvent): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ValidationError('The request body is not valid JSON', '요청 본문이 올바른 JSON이 아닙니다', {
      field: 'body',
      rule: 'invalid_json',
      cause,
    });
  }
}

export function apiHandler<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  A extends boolean = boolean,
>(
  spec: Spec<P, Q, B> & { auth: A },
  run: (request: ApiRequest<z.infer<P>, z.infer<Q>, z.infer<B>, A>) => Promise<ApiResult>,
) {
  return middy<ApiEvent, APIGatewayProxyResultV2, Error, Context>()
    .use(jsonErrors())
    .handler(async (event) => {
      const actor = spec.auth ? actorFromClaims(event.requestContext?.authorizer?.jwt?.claims) : undefined;
      const headers = event.headers ?? {};
      const idempotencyKey = parse(idempotencyKeySchema, headers['idempotency-key'], 'header');
      const params = parse(spec.params, event.pathParameters ?? {}, 'path');
      const query = parse(spec.query, event.queryStringParameters ?? {}, 'query');
      const body = parse(spec.body, readBody(event), 'body');
      const result = await run({
        actor: actor as A extends true ? Actor : undefined,
        params,
        query,
        body,
        ...(idempotencyKey !== undefined && { idempotencyKey }),
        event,
      });
      if (result.text !== undefined)
        return {
          statusCode: result.statusCode,
          headers: { 'cache-control': 'no-store', ...result.headers },
          body: result.text,
        };
      return json(result.statusCode, result.body ?? null, result.headers);
    });
}
