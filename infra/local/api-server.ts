/**
 * The local HTTP API: what API Gateway (HTTP API, payload 2.0) + the Cognito JWT authorizer do on AWS.
 * It matches the request to a route from functions/api/routes.ts, verifies the bearer token for
 * `auth` routes, builds the same v2 event (claims in requestContext.authorizer.jwt.claims) and calls
 * the very handler module Lambda runs, in process.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyResultV2, Context } from 'aws-lambda';
import {
  JwtExpiredError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtParseError,
  KidNotFoundInJwksError,
} from 'aws-jwt-verify/error';
import { apiHandlerModules } from '../../functions/api/handler-modules.ts';
import { apiRoutes, type ApiRoute } from '../../functions/api/routes.ts';
import type { ApiEvent } from '#shared/http/api-handler.ts';
import { claimsAsApiGatewayPassesThem, TokenWithoutExpiryError, type LocalIssuer } from './auth/local-issuer.ts';

type LambdaHandler = (event: ApiEvent, context: Context) => Promise<APIGatewayProxyResultV2>;

interface CompiledRoute {
  route: ApiRoute;
  method: string;
  pattern: RegExp;
  paramNames: string[];
}

const MAX_BODY_BYTES = 1024 * 1024;

function compile(route: ApiRoute): CompiledRoute {
  const [method, path] = route.routeKey.split(' ') as [string, string];
  const paramNames: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const m = /^\{(\w+)\}$/.exec(segment);
      if (!m?.[1]) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      paramNames.push(m[1]);
      return '([^/]+)';
    })
    .join('/');
  return { route, method, pattern: new RegExp(`^${source}$`), paramNames };
}

export function lambdaContext(functionName: string, timeoutMs = 29_000): Context {
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:ap-northeast-2:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export interface LocalApiOptions {
  port: number;
  issuer: LocalIssuer;
  /** Extra local-only routes (e.g. token minting for demo users) handled before the API routes. */
  localRoutes?: (
    req: IncomingMessage,
    url: URL,
    body: string,
  ) => Promise<{ statusCode: number; body: unknown } | undefined>;
  /** Adds the state of local components to GET /health. */
  componentChecks?: () => Promise<Record<string, string>>;
  host?: string;
  /**
   * Browser origins allowed to call the API (the console when served apart, and the Vite dev server).
   * On AWS the HTTP API's CORS is limited to the console's origin the same way.
   */
  corsOrigins?: readonly string[];
}

export interface LocalApi {
  url: string;
  server: Server;
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  statusCode: number,
  body: string,
  headers: Record<string, string | number | boolean> = {},
) {
  res.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(body);
}

const CORS_ALLOWED_HEADERS = 'authorization, content-type, idempotency-key';
const CORS_EXPOSED_HEADERS = 'idempotent-replayed, content-disposition';

/** CORS headers for an allowed origin; none (so the browser refuses) for any other. */
function corsHeaders(origin: string | undefined, allowed: readonly string[]): Record<string, string> {
  if (!origin || !allowed.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': CORS_EXPOSED_HEADERS,
    vary: 'Origin',
  };
}

function unauthorized(res: ServerResponse, message: string, messageKo: string, rule: string) {
  send(res, 401, JSON.stringify({ error: { code: 'UNAUTHENTICATED', message, messageKo, rule } }), {
    'www-authenticate': 'Bearer',
  });
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function verificationMessage(error: unknown): { message: string; messageKo: string; rule: string } {
  if (error instanceof TokenWithoutExpiryError)
    return {
      message: 'The token has no expiry (exp); it is refused',
      messageKo: '만료 시각(exp)이 없는 토큰은 받지 않습니다. 다시 로그인하세요',
      rule: 'token_without_expiry',
    };
  if (error instanceof JwtExpiredError)
    return {
      message: 'The token has expired',
      messageKo: '토큰이 만료되었습니다. 다시 로그인하세요',
      rule: 'token_expired',
    };
  if (
    error instanceof JwtInvalidSignatureError ||
    error instanceof JwtInvalidSignatureAlgorithmError ||
    error instanceof JwtParseError ||
    error instanceof KidNotFoundInJwksError
  )
    return {
      message: 'The token is not valid (signature or format)',
      messageKo: '토큰이 유효하지 않습니다 (서명 또는 형식 오류)',
      rule: 'token_invalid',
    };
  return {
    message: `The token was rejected: ${error instanceof Error ? error.message : 'invalid'}`,
    messageKo: '토큰이 거부되었습니다 (발급자·대상·용도 불일치)',
    rule: 'token_rejected',
  };
}

export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const routes = apiRoutes.map(compile);
  const handlers = new Map<string, Promise<LambdaHandler>>();
  const loadHandler = (route: ApiRoute) => {
    let loaded = handlers.get(route.name);
    if (!loaded) {
      loaded = apiHandlerModules[route.name]().then((m) => m.handler as unknown as LambdaHandler);
      handlers.set(route.name, loaded);
    }
    return loaded;
  };

  const server = createServer(async (req, res) => {
    try {
      const cors = corsHeaders(req.headers.origin, options.corsOrigins ?? []);
      for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        res.writeHead(cors['access-control-allow-origin'] ? 204 : 403, {
          ...(cors['access-control-allow-origin'] && {
            'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
            'access-control-allow-headers': CORS_ALLOWED_HEADERS,
            'access-control-max-age': '600',
          }),
        });
        return res.end();
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = await readBody(req);
      if (body === null)
        return send(
          res,
          413,
          JSON.stringify({
            error: { code: 'PAYLOAD_TOO_LARGE', message: 'Body over 1 MiB', messageKo: '요청 본문이 1MiB를 넘습니다' },
          }),
        );
      const local = await options.localRoutes?.(req, url, body);
      if (local) return send(res, local.statusCode, JSON.stringify(local.body));

      const method = (req.method ?? 'GET').toUpperCase();
      const matches = routes.filter((r) => r.pattern.test(url.pathname));
      const match = matches.find((r) => r.method === method);
      if (!match) {
        const status = matches.length > 0 ? 405 : 404;
        return send(
          res,
          status,
          JSON.stringify({
            error: {
              code: status === 405 ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND',
              message: `No route for ${method} ${url.pathname}`,
              messageKo: '해당 경로가 없습니다',
            },
          }),
        );
      }
      const groups = match.pattern.exec(url.pathname)?.slice(1) ?? [];
      const decoded = match.paramNames.map((n, i) => [n, safeDecode(groups[i] ?? '')] as const);
      const malformed = decoded.find(([, value]) => value === undefined);
      if (malformed)
        return send(
          res,
          400,
          JSON.stringify({
            error: {
              code: 'VALIDATION_FAILED',
              field: malformed[0],
              rule: 'malformed_percent_encoding',
              message: `Path parameter ${malformed[0]} has malformed percent-encoding`,
              messageKo: `경로의 ${malformed[0]} 값에 잘못된 퍼센트 인코딩(%)이 있습니다`,
            },
          }),
        );
      const pathParameters = Object.fromEntries(decoded);

      let claims: Record<string, string> | undefined;
      if (match.route.auth) {
        const header = req.headers.authorization ?? '';
        const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
        if (!token)
          return unauthorized(
            res,
            'Sign-in required: send Authorization: Bearer <token>',
            '로그인이 필요합니다 (Authorization: Bearer 토큰)',
            'missing_token',
          );
        try {
          claims = claimsAsApiGatewayPassesThem(await options.issuer.verify(token));
        } catch (error) {
          const m = verificationMessage(error);
          return unauthorized(res, m.message, m.messageKo, m.rule);
        }
      }

      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : (v ?? '')]),
      );
      const query = Object.fromEntries(url.searchParams.entries());
      const now = new Date();
      const event = {
        version: '2.0',
        routeKey: match.route.routeKey,
        rawPath: url.pathname,
        rawQueryString: url.search.replace(/^\?/, ''),
        headers,
        ...(Object.keys(query).length > 0 && { queryStringParameters: query }),
        ...(match.paramNames.length > 0 && { pathParameters }),
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          domainName: req.headers.host ?? 'localhost',
          domainPrefix: 'localhost',
          http: {
            method,
            path: url.pathname,
            protocol: 'HTTP/1.1',
            sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
            userAgent: req.headers['user-agent'] ?? '',
          },
          requestId: randomUUID(),
          routeKey: match.route.routeKey,
          stage: '$default',
          time: now.toUTCString(),
          timeEpoch: now.getTime(),
          authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: null } },
        },
        ...(body !== '' && { body }),
        isBase64Encoded: false,
      } as unknown as ApiEvent;

      const handler = await loadHandler(match.route);
      const result = await handler(event, lambdaContext(`gamsa-${match.route.name}`));
      const structured = typeof result === 'string' ? { statusCode: 200, body: result, headers: {} } : result;
      let responseBody = structured.body ?? '';
      let statusCode = structured.statusCode ?? 200;
      if (match.route.name === 'health' && options.componentChecks) {
        const health = JSON.parse(responseBody) as { status: string; checks: Record<string, string> };
        Object.assign(health.checks, await options.componentChecks());
        const ok = Object.values(health.checks).every((v) => v === 'ok');
        health.status = ok ? 'ok' : 'degraded';
        statusCode = ok ? 200 : 503;
        responseBody = JSON.stringify(health);
      }
      send(res, statusCode, responseBody, structured.headers ?? {});
    } catch (error) {
      console.error(
        JSON.stringify({
          level: 'error',
          message: 'local API failure',
          error: String(error),
          stack: error instanceof Error ? error.stack : undefined,
        }),
      );
      if (!res.headersSent)
        send(
          res,
          500,
          JSON.stringify({
            error: { code: 'INTERNAL', message: 'Internal error', messageKo: '내부 오류가 발생했습니다' },
          }),
        );
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}`,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A path segment decoded, or undefined when its percent-encoding is malformed (`%zz`, a cut-off `%E2%82`). */
function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
