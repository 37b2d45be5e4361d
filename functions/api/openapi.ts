/**
 * The OpenAPI 3.1 document, generated from the route list and the zod schemas (JSON Schema 2020-12).
 * Request bodies, responses and the records they share (a case, a task, a committee, the error) are
 * components, referenced with `$ref`; each route has its area's tag, a stable operationId (clients
 * generate code from it), an example for each body it accepts, and the media types it really answers
 * with. Only writes other than GET take an Idempotency-Key and may answer 409.
 */
import { citizenCheckRecordSchema } from '../../shared/kinds/citizen-check/citizen-check.ts';
import * as z from 'zod';
import { requestExamples } from './openapi-examples.ts';
import { routeSchemas, type RouteSchemas } from './route-schemas.ts';
import { API_TAGS, type ApiRoute, apiRoutes } from './routes.ts';
import {
  caseView,
  caseWriteResponse,
  committeeView,
  errorResponse,
  historyEventView,
  meetingRecordView,
  taskView,
} from './schemas.ts';

import { findingSchema } from '../../shared/kinds/self-audit/findings.ts';

const SCHEMA_REF = (id: string) => `#/components/schemas/${id}`;

/** Records many responses share: one component each. */
const SHARED_OUTPUTS: Readonly<Record<string, z.ZodType>> = {
  Error: errorResponse,
  Case: caseView,
  CaseWriteResult: caseWriteResponse,
  Task: taskView,
  HistoryEvent: historyEventView,
  Committee: committeeView,
  Meeting: meetingRecordView,
  SelfAuditFinding: findingSchema,
  CitizenCheck: citizenCheckRecordSchema,
};

/**
 * Responses that are files or documents besides (or instead of) JSON, chosen by the `format` query
 * parameter; the JSON schema stays the `application/json` entry.
 */
const OTHER_MEDIA_TYPES: Partial<Record<ApiRoute['name'], readonly { type: string; description: string }[]>> = {
  'export-cases': [{ type: 'text/csv', description: 'format=csv: UTF-8 (BOM), 한 행에 사건 하나' }],
  'export-case-history': [{ type: 'text/csv', description: 'format=csv: UTF-8 (BOM), 한 행에 이력 하나' }],
  'office-report': [
    { type: 'text/markdown', description: 'format=md' },
    { type: 'text/html', description: 'format=html: 인쇄용' },
  ],
  'office-report-get': [
    { type: 'text/markdown', description: 'format=md' },
    { type: 'text/html', description: 'format=html: 인쇄용' },
  ],
};

/** Routes whose JSON answer is itself a file (the export's JSON form), not a described object. */
const JSON_FILE_ROUTES: ReadonlySet<string> = new Set(['export-cases', 'export-case-history']);

const pascal = (operationId: string) => operationId.charAt(0).toUpperCase() + operationId.slice(1);

function isRead(route: ApiRoute): boolean {
  return route.routeKey.startsWith('GET ');
}

type JsonSchema = Record<string, unknown>;

/** Every registered schema as a component; references between them become `$ref`s. */
function componentsOf(registry: z.core.$ZodRegistry<{ id?: string }>, io: 'input' | 'output') {
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    uri: SCHEMA_REF,
  }) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _s, $id: _i, id: _id, ...schema }]) => [id, schema]),
  );
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, { description, ...schemaOnly }]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    ...(typeof description === 'string' && { description }),
    schema: schemaOnly,
  }));
}

export function buildOpenApiDocument(serverUrl: string) {
  const inputs = z.registry<{ id?: string }>();
  const outputs = z.registry<{ id?: string }>();
  for (const [id, schema] of Object.entries(SHARED_OUTPUTS)) outputs.add(schema, { id });

  const operations: { route: ApiRoute; schemas: RouteSchemas; requestRef?: string; responseRef: string }[] = [];
  for (const route of apiRoutes) {
    const schemas: RouteSchemas = routeSchemas[route.name];
    let requestRef: string | undefined;
    if (schemas.body) {
      if (!inputs.has(schemas.body)) inputs.add(schemas.body, { id: `${pascal(route.operationId)}Request` });
      requestRef = inputs.get(schemas.body)?.id;
    }
    if (!outputs.has(schemas.response)) outputs.add(schemas.response, { id: `${pascal(route.operationId)}Response` });
    const responseRef = outputs.get(schemas.response)?.id ?? `${pascal(route.operationId)}Response`;
    operations.push({ route, schemas, ...(requestRef !== undefined && { requestRef }), responseRef });
  }
  const components = { ...componentsOf(outputs, 'output'), ...componentsOf(inputs, 'input') };

  const errorContent = { 'application/json': { schema: { $ref: SCHEMA_REF('Error') } } };
  // The error answers are the same for every route: one component each, referenced (the document
  // would otherwise repeat them some 300 times).
  const errorResponses = {
    BadRequest: { description: '입력값 오류 (validation)', content: errorContent },
    Unauthenticated: { description: '인증 필요 (unauthenticated)', content: errorContent },
    Forbidden: { description: '권한 없음 (forbidden)', content: errorContent },
    NotFound: { description: '없음 (not found)', content: errorContent },
    Conflict: { description: '충돌 (version conflict, Idempotency-Key reused)', content: errorContent },
  };
  const errorRef = (name: keyof typeof errorResponses) => ({ $ref: `#/components/responses/${name}` });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { route, schemas, requestRef, responseRef } of operations) {
    const [method, path] = route.routeKey.split(' ') as [string, string];
    const write = route.writes && !isRead(route);
    const example = requestExamples[route.name];
    const json = JSON_FILE_ROUTES.has(route.name)
      ? { schema: { type: 'string', description: 'format=json: { exportId, rows, rowCount, nextCursor? }' } }
      : { schema: { $ref: SCHEMA_REF(responseRef) } };
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      ...(route.auth ? { security: [{ cognito: [] }] } : { security: [] }),
      parameters: [
        ...parametersOf(schemas.params, 'path'),
        ...parametersOf(schemas.query, 'query'),
        ...(write ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
      ],
      ...(requestRef !== undefined && {
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: SCHEMA_REF(requestRef) },
              ...(example !== undefined && { example }),
            },
          },
        },
      }),
      responses: {
        [String(schemas.success)]: {
          description: 'OK',
          content: {
            'application/json': json,
            ...Object.fromEntries(
              (OTHER_MEDIA_TYPES[route.name] ?? []).map((m) => [
                m.type,
                { schema: { type: 'string', description: m.description } },
              ]),
            ),
          },
        },
        '400': errorRef('BadRequest'),
        ...(route.auth && { '401': errorRef('Unauthenticated'), '403': errorRef('Forbidden') }),
        ...(schemas.params && { '404': errorRef('NotFound') }),
        ...(write && { '409': errorRef('Conflict') }),
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
    tags: Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
    components: {
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Cognito ID token (cognito:groups = roles)',
        },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: '같은 키로 다시 보내면 처음 결과를 돌려줍니다 (replayed: true); 다른 요청에 쓰면 409',
          schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' },
        },
      },
      schemas: components,
      responses: errorResponses,
    },
    paths,
  };
}
