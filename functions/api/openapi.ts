/** The OpenAPI 3.1 document, generated from the route list and the zod schemas (JSON Schema 2020-12). */
import * as z from 'zod';
import { apiRoutes } from './routes.ts';
import { routeSchemas, type RouteSchemas } from './route-schemas.ts';
import { errorResponse } from './schemas.ts';

const toSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

export function buildOpenApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of apiRoutes) {
    const [method, path] = route.routeKey.split(' ') as [string, string];
    const schemas: RouteSchemas = routeSchemas[route.name];
    if (!schemas) throw new Error(`route ${route.name} has no schemas in schemas.ts`);
    const errorContent = { 'application/json': { schema: toSchema(errorResponse, 'output') } };
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      operationId: route.name,
      summary: route.summary,
      ...(route.auth && { security: [{ cognito: [] }] }),
      parameters: [
        ...parametersOf(schemas.params, 'path'),
        ...parametersOf(schemas.query, 'query'),
        ...(route.writes
          ? [
              {
                name: 'Idempotency-Key',
                in: 'header',
                required: false,
                schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' },
              },
            ]
          : []),
      ],
      ...(schemas.body && {
        requestBody: { required: true, content: { 'application/json': { schema: toSchema(schemas.body, 'input') } } },
      }),
      responses: {
        [String(schemas.success)]: {
          description: 'OK',
          content: { 'application/json': { schema: toSchema(schemas.response, 'output') } },
        },
        '400': { description: '입력값 오류 (validation)', content: errorContent },
        ...(route.auth && {
          '401': { description: '인증 필요 (unauthenticated)', content: errorContent },
          '403': { description: '권한 없음 (forbidden)', content: errorContent },
        }),
        ...(schemas.params && { '404': { description: '없음 (not found)', content: errorContent } }),
        ...(route.writes && { '409': { description: '충돌 (version conflict)', content: errorContent } }),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '감사담당관 사건 관리 API',
      version: '0.1.0',
      description: 'Case tracking for the audit & inspection office. 날짜·시각은 한국 시간(+09:00).',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Cognito ID token (cognito:groups = roles)',
        },
      },
    },
    paths,
  };
}
