/**
 * The one way an HTTP handler is made (STYLE habits 1, 2, 5): middy first, our middlewares, the
 * handler last. It parses the API Gateway v2 event with zod (path, query, body, Idempotency-Key),
 * builds the Actor from the authorizer's claims, and maps every error to JSON once, here. The
 * handler names the route it serves, which gives it its auth rule and its idempotency `op`, and
 * brands it so the route → module map (functions/api/handler-modules.ts) cannot point a route at
 * another route's handler.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { actorFromClaims } from '../auth/claims.ts';
import { AppError, InternalError, ValidationError } from '../domain/errors.ts';
import type { Actor } from '../domain/roles.ts';
import { logger, metrics, redact, tracer } from '../observability/powertools.ts';
import type { IdempotencyRequest } from '../usecases/idempotent.ts';
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

/** What a handler needs to know of its route declaration (functions/api/routes.ts). */
export interface RouteRef<N extends string = string, A extends boolean = boolean> {
  readonly name: N;
  readonly auth: A;
}

interface Spec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  params?: P;
  query?: Q;
  body?: B;
  /** The handler counts business metrics (flushed by Powertools' logMetrics after each request). */
  metrics?: boolean;
}

/** A Lambda handler for the route named N. */
export type ApiLambda<N extends string = string> = middy.MiddyfiedHandler<
  ApiEvent,
  APIGatewayProxyResultV2,
  Error,
  Context
> & { readonly route: N };

export interface ApiRequest<P, Q, B, A extends boolean> {
  actor: A extends true ? Actor : undefined;
  params: P;
  query: Q;
  body: B;
  idempotencyKey?: string;
  /**
   * The Idempotency-Key with what this request asks for, under the route's name as `op`, or
   * undefined when the client sent no key.
   */
  idempotent(request: Record<string, unknown>): IdempotencyRequest | undefined;
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
      logger.error('request failed', {
        error: redact(String(original)),
        stack: original instanceof Error ? original.stack : undefined,
        requestId: request.context.awsRequestId,
      });
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
  N extends string,
  A extends boolean,
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
>(
  route: RouteRef<N, A>,
  spec: Spec<P, Q, B>,
  run: (request: ApiRequest<z.infer<P>, z.infer<Q>, z.infer<B>, A>) => Promise<ApiResult>,
): ApiLambda<N> {
  const handler = middy<ApiEvent, APIGatewayProxyResultV2, Error, Context>()
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(jsonErrors());
  if (spec.metrics) handler.use(logMetrics(metrics));
  const wrapped = handler.handler(async (event) => {
    logger.appendKeys({ route: route.name });
    const actor = route.auth ? actorFromClaims(event.requestContext?.authorizer?.jwt?.claims) : undefined;
    const headers = event.headers ?? {};
    const idempotencyKey = parse(idempotencyKeySchema, headers['idempotency-key'], 'header');
    const params = parse(spec.params, event.pathParameters ?? {}, 'path');
    const query = parse(spec.query, event.queryStringParameters ?? {}, 'query');
    // A route that takes no body ignores whatever is sent (a mail client's one-click unsubscribe posts a form).
    const body = spec.body ? parse(spec.body, readBody(event), 'body') : (undefined as z.infer<B>);
    const result = await run({
      actor: actor as A extends true ? Actor : undefined,
      params,
      query,
      body,
      ...(idempotencyKey !== undefined && { idempotencyKey }),
      idempotent: (request) =>
        idempotencyKey === undefined ? undefined : { key: idempotencyKey, request: { op: route.name, ...request } },
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
  return Object.assign(wrapped, { route: route.name });
}
