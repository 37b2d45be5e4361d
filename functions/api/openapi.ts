/**
 * The OpenAPI 3.1 document, generated from the route list and the zod schemas (JSON Schema 2020-12).
 * Request bodies, responses and the records they share (a case, a task, a committee, the error) are
 * components, referenced with `$ref`; each route has its area's tag, a stable operationId (clients
 * generate code from it), an example for each body it accepts, and the media types it really answers
 * with. Only writes other than GET take an Idempotency-Key and may answer 409.
 */
import { citizenCheckRecordSchema } from '#shared/kinds/citizen-check/citizen-check.ts';
import { humanRightsCheckSchema } from '#shared/kinds/human-rights-assessment/human-rights.ts';
import { dispositionSchema } from '#shared/kinds/misconduct/misconduct.ts';
import { requesterSchema } from '#shared/kinds/daily-audit/requester.ts';
import * as z from 'zod';
import { requestExamples } from './openapi-examples.ts';
import { routeSchemas, type RouteSchemas } from './route-schemas.ts';
import { API_TAGS, type ApiRoute, apiRoutes } from './routes.ts';
import { isoDateSchema, isoDateTimeSchema } from '#shared/domain/case.ts';
import { caseKindSchema, KINDS } from '#shared/kinds/registry.ts';
import {
  caseView,
  caseWriteResponse,
  committeeView,
  errorResponse,
  historyEventView,
  meetingRecordView,
  taskView,
} from './schemas.ts';

import { registrantSchema } from '#shared/kinds/property-review/registrants.ts';
import { findingSchema } from '#shared/kinds/self-audit/findings.ts';
import { citizenAuditorSchema } from '#shared/domain/citizen-auditors.ts';

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
  PropertyRegistrant: registrantSchema,
  CitizenCheck: citizenCheckRecordSchema,
  CitizenAuditor: citizenAuditorSchema,
};

/**
 * Small schemas hundreds of fields share, whichever zod instance declared them (every module writes its
 * own `z.iso.date()`): a schema that has all of one's keywords becomes a `$ref` to it, keeping its own
 * description and limits beside the `$ref` (JSON Schema 2020-12 applies both). A date's pattern alone
 * would otherwise be some 60 KB of the document.
 */
const SHARED_LEAVES: Readonly<Record<string, z.ZodType>> = {
  IsoDate: isoDateSchema,
  IsoDateTime: isoDateTimeSchema,
  Email: z.email(),
  CaseKind: caseKindSchema,
  // Kind-level shapes written many times over (a criterion answered in the self-check and the assessment,
  // as a form and as a record; a disposition proposed, approved and stored).
  HumanRightsCheck: humanRightsCheckSchema,
  Disposition: dispositionSchema,
  // A ULID (a case's, a file's, a request's id).
  Ulid: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/),
  // A requesting department's person, as stored (department required) and as typed at intake (all optional);
  // the stored one first, as the typed one's keywords are a part of it.
  Requester: requesterSchema,
  RequesterInput: requesterSchema.partial(),
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
type Operation = { parameters: JsonSchema[]; [field: string]: unknown };

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

/** Keywords whose value is data (an example, a constant), never a schema to rewrite. */
const VALUE_KEYWORDS: ReadonlySet<string> = new Set(['example', 'examples', 'default', 'const', 'enum']);

const typeOf = (value: unknown) =>
  typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : value === null ? 'null' : typeof value;

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Replaces, in place, every schema under `node` that carries all of a shared leaf's keywords by a `$ref`
 * to it, and drops the integer bounds that only restate JavaScript's safe range.
 */
function referToSharedLeaves(node: unknown, leaves: readonly (readonly [string, JsonSchema])[]): void {
  if (Array.isArray(node)) {
    for (const item of node) referToSharedLeaves(item, leaves);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as JsonSchema;
  for (const [key, value] of Object.entries(schema)) if (!VALUE_KEYWORDS.has(key)) referToSharedLeaves(value, leaves);
  // A constant says its own type: zod's `type` beside it is dropped.
  if (
    'const' in schema &&
    (schema.type === typeOf(schema.const) || (schema.type === 'number' && typeof schema.const === 'number'))
  )
    delete schema.type;
  // A map's keys are strings in JSON whatever zod says (`z.record(z.string(), …)`).
  if (sameJson(schema.propertyNames, { type: 'string' })) delete schema.propertyNames;
  // zod writes the safe-integer range on every integer; JSON Schema's "integer" says as much.
  if (schema.type === 'integer') {
    if (schema.minimum === Number.MIN_SAFE_INTEGER) delete schema.minimum;
    if (schema.maximum === Number.MAX_SAFE_INTEGER) delete schema.maximum;
  }
  const leaf = leaves.find(([, keywords]) =>
    Object.entries(keywords).every(([key, value]) => key in schema && sameJson(schema[key], value)),
  );
  if (!leaf) return;
  for (const key of Object.keys(leaf[1])) delete schema[key];
  // The reference first: a reader (and the console's form) sees what the field is before its own limits.
  const own = { ...schema };
  for (const key of Object.keys(schema)) delete schema[key];
  Object.assign(schema, { $ref: SCHEMA_REF(leaf[0]) }, own);
}

/**
 * Parameters that several operations take alike (a case's id on 35 routes) become components, named
 * after the parameter (`CaseId`; a query parameter `CommitteeQuery` when a path one has the name).
 */
function shareParameters(paths: Record<string, Record<string, Operation>>) {
  const operations = Object.values(paths).flatMap((byMethod) => Object.values(byMethod));
  const uses = new Map<string, number>();
  for (const { parameters } of operations)
    for (const p of parameters) uses.set(JSON.stringify(p), (uses.get(JSON.stringify(p)) ?? 0) + 1);
  const shared: Record<string, JsonSchema> = {};
  const keyOf = new Map<string, string>();
  for (const [text, count] of uses) {
    const parameter = JSON.parse(text) as JsonSchema;
    if (count < 2 || typeof parameter.name !== 'string') continue;
    const base = parameter.name.charAt(0).toUpperCase() + parameter.name.slice(1);
    const key = base in shared ? `${base}${parameter.in === 'query' ? 'Query' : 'Path'}` : base;
    if (key in shared) continue;
    shared[key] = parameter;
    keyOf.set(text, key);
  }
  for (const operation of operations)
    operation.parameters = operation.parameters.map((p) => {
      const key = keyOf.get(JSON.stringify(p));
      return key ? { $ref: `#/components/parameters/${key}` } : p;
    });
  return shared;
}

/**
 * Success answers that several operations give alike (a case written, on ten routes) become components
 * of their own, named after the schema they carry (`CaseWriteResultCreated` for a 201).
 */
function shareSuccessResponses(paths: Record<string, Record<string, Operation>>) {
  const operations = Object.values(paths).flatMap((byMethod) => Object.values(byMethod));
  const responsesOf = (o: Operation) => o.responses as Record<string, JsonSchema>;
  const uses = new Map<string, number>();
  for (const operation of operations)
    for (const [status, response] of Object.entries(responsesOf(operation)))
      if (status.startsWith('2') && !('$ref' in response)) {
        const key = `${status} ${JSON.stringify(response)}`;
        uses.set(key, (uses.get(key) ?? 0) + 1);
      }
  const shared: Record<string, JsonSchema> = {};
  const nameOf = new Map<string, string>();
  for (const [key, count] of uses) {
    const status = key.slice(0, 3);
    const response = JSON.parse(key.slice(4)) as { content?: Record<string, { schema?: { $ref?: string } }> };
    const ref =
      Object.keys(response.content ?? {}).length === 1
        ? response.content?.['application/json']?.schema?.$ref
        : undefined;
    if (count < 2 || !ref) continue;
    const name = `${ref.split('/').pop()}${status === '201' ? 'Created' : status === '200' ? '' : status}`;
    if (name in shared) continue;
    shared[name] = response as JsonSchema;
    nameOf.set(key, name);
  }
  for (const operation of operations)
    for (const [status, response] of Object.entries(responsesOf(operation))) {
      const name = nameOf.get(`${status} ${JSON.stringify(response)}`);
      if (name) responsesOf(operation)[status] = { $ref: `#/components/responses/${name}` };
    }
  return shared;
}

/** Keywords a shared sub-schema leaves to each place that uses it: what the field means there. */
const OWN_KEYWORDS: ReadonlySet<string> = new Set(['description']);

/**
 * Names of shared sub-schemas where the name the place gives them (the property's key, an array's item
 * in the singular) says too little; a key `Component.Name` holds for the one first met in that component.
 */
const SHARED_SCHEMA_NAMES: Readonly<Record<string, string>> = {
  Type: 'HistoryEventType',
  Decision: 'MeetingItemDecision',
  'PropertyRegistrant.Decision': 'RefusalDecisionOutcome',
  Method: 'NoticeMethod',
  Schema: 'CaseOutcome',
  Name: 'PersonName',
  Item: 'CitizenCheckItem',
  Tests: 'DependentTests',
  State: 'RegistrantState',
  Agency: 'ReferralAgency',
  StaffSub: 'OfficialStaffSub',
  Ground: 'DeclineGround',
  Attendance: 'AttendanceQuorum',
  'ListExportsResponse.Actor': 'ActorSummary',
  'AddSelfAuditFindingRequest.Disposition': 'FindingDisposition',
  'DailyAuditIntake.Requester': 'TypedRequester',
  Test: 'DependentTest',
  Application: 'RefusalApplication',
  Subject: 'FileSubject',
  Actor: 'EventActor',
  Project: 'CitizenCheckProject',
  Links: 'CaseLinks',
  Id: 'OfficeReportTableId',
  Tally: 'RegistrantTally',
  Kind: 'MailFailureKind',
  'SendProtectionNoticeDecision.Method': 'ProtectionNoticeMethod',
  Field: 'CitizenAuditorField',
  Committee: 'CommitteeId',
  Category: 'MisconductCategory',
  Criteria: 'HumanRightsCriteria',
  Results: 'CitizenCheckResults',
  Events: 'HistoryEvents',
};

/** Keywords whose values are maps of name to schema (the map itself is no schema). */
const SCHEMA_MAPS: ReadonlySet<string> = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

/** Keywords whose value is data, never a schema: not searched for repeats. */
const DATA_KEYWORDS: ReadonlySet<string> = new Set([...VALUE_KEYWORDS, 'x-labels', 'x-kinds', 'required']);

/** The longest text a plain `{ type: string, minLength: 1, maxLength }` schema allows, else undefined. */
function textLength(schema: JsonSchema): number | undefined {
  const keys = Object.keys(schema)
    .filter((k) => !OWN_KEYWORDS.has(k))
    .sort();
  return keys.join() === 'maxLength,minLength,type' && schema.type === 'string' && schema.minLength === 1
    ? (schema.maxLength as number)
    : undefined;
}

/** How much a shared sub-schema must save (bytes) to be worth a name a reader has to look up. */
const MIN_SHARED_SAVING = 60;

/**
 * Sub-schemas written out alike in several places (an official in three forms, a case's stage in nine
 * schemas, a disclosure-refusal's dependent test in four) become components, referenced with `$ref`; each
 * place keeps its own description beside the reference, as with the shared leaves. A sub-schema equal to a
 * component already there refers to that one. Discriminator constants (`const`) stay written out: a form
 * picks its variant by them. Repeats the largest saving first until none saves `MIN_SHARED_SAVING` bytes.
 */
function shareRepeatedSchemas(
  schemas: Record<string, JsonSchema>,
  paths: Record<string, Record<string, Operation>>,
): Record<string, JsonSchema> {
  const added: Record<string, JsonSchema> = {};
  // Two ways a sub-schema repeats: its shape alone (each place keeps its own description beside the
  // `$ref`), or whole, description and all (a field many forms take alike: `expectedVersion`).
  type Mode = 'shape' | 'whole';
  const MODES = ['shape', 'whole'] as const;
  const SCHEMA_KEYWORDS = ['type', '$ref', 'enum', 'anyOf', 'oneOf', 'properties', 'items'];
  // A shape is shared only if it is an object, a list, a union, a list of values or a plain text length
  // (named `Text200`): a pattern or a number range alone is better named by a leaf than after the first
  // field that has it. A whole field is shared when it has its own description, and so its own meaning.
  const isCandidate = (node: JsonSchema, mode: Mode) => {
    if ('const' in node || !SCHEMA_KEYWORDS.some((k) => k in node)) return false;
    if (mode === 'whole') return 'description' in node && Object.keys(node).length > 1;
    if ('$ref' in node) return false;
    if ('properties' in node || 'items' in node || 'anyOf' in node || 'oneOf' in node || 'enum' in node) return true;
    return textLength(node) !== undefined;
  };
  // Each node's JSON text, kept between rounds: a round changes only the nodes it replaces and their
  // ancestors, whose texts it forgets.
  const texts = new WeakMap<object, string>();
  const parents = new WeakMap<object, object>();
  const textOf = (value: unknown, skipOwn = false): string => {
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    if (!skipOwn) {
      const known = texts.get(value);
      if (known !== undefined) return known;
    }
    const text = Array.isArray(value)
      ? `[${value.map((item) => textOf(item)).join(',')}]`
      : `{${Object.entries(value)
          .filter(([k]) => !(skipOwn && OWN_KEYWORDS.has(k)))
          .map(([k, v]) => `${JSON.stringify(k)}:${textOf(v)}`)
          .join(',')}}`;
    if (!skipOwn) texts.set(value, text);
    return text;
  };
  const shapeTexts = new WeakMap<object, string>();
  const keyOf = (schema: JsonSchema, mode: Mode) => {
    if (mode === 'whole') return wholeKeyOf(schema);
    let key = shapeTexts.get(schema);
    if (key === undefined) {
      key = `shape ${textOf(schema, true)}`;
      shapeTexts.set(schema, key);
    }
    return key;
  };
  const wholeKeys = new WeakMap<object, string>();
  const wholeKeyOf = (schema: JsonSchema) => {
    let key = wholeKeys.get(schema);
    if (key === undefined) {
      key = `whole ${textOf(schema)}`;
      wholeKeys.set(schema, key);
    }
    return key;
  };
  const existing = new Map<string, string>();
  for (const [id, schema] of Object.entries(schemas))
    for (const mode of MODES) if (isCandidate(schema, mode)) existing.set(keyOf(schema, mode), id);
  const nameFrom = (trail: readonly string[], schema: JsonSchema, mode: Mode) => {
    const text = mode === 'shape' ? textLength(schema) : undefined;
    if (text !== undefined) return `Text${text}`;
    const keys = trail.filter((k) => !/^(properties|anyOf|oneOf|\d+)$/.test(k));
    const last = keys.at(-1) === 'items' ? (keys.at(-2) ?? 'item').replace(/ies$/, 'y').replace(/s$/, '') : keys.at(-1);
    const base = (last ?? 'Shared').replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
    return SHARED_SCHEMA_NAMES[`${trail[0]}.${base}`] ?? SHARED_SCHEMA_NAMES[base] ?? base;
  };
  // Where a schema was met: the keys down to it, as a list linked upwards (made into an array only for a name).
  type Trail = { key: string; up?: Trail } | undefined;
  const trailKeys = (trail: Trail): string[] => (trail ? [...trailKeys(trail.up), trail.key] : []);
  /** Calls `visit` on every schema under `node` (not `node` itself when `top`) until it returns true. */
  const eachSchema = (
    node: unknown,
    top: boolean,
    trail: Trail,
    visit: (schema: JsonSchema, trail: Trail) => boolean,
  ) => {
    const walk = (value: unknown, parent: object | undefined, at: Trail, isTop: boolean): void => {
      if (value === null || typeof value !== 'object') return;
      if (parent) parents.set(value, parent);
      if (Array.isArray(value)) {
        for (const [i, item] of value.entries()) walk(item, value, { key: String(i), up: at }, false);
        return;
      }
      if (!isTop && visit(value as JsonSchema, at)) return;
      for (const [k, child] of Object.entries(value))
        if (SCHEMA_MAPS.has(k) && child !== null && typeof child === 'object') {
          parents.set(child, value);
          for (const [name, property] of Object.entries(child))
            walk(property, child, { key: name, up: { key: k, up: at } }, false);
        } else if (!DATA_KEYWORDS.has(k)) walk(child, value, { key: k, up: at }, false);
    };
    walk(node, undefined, trail, top);
  };
  const sizes = new Map<string, number>();
  // Each round shares every repeat that saves enough, largest saving first, leaving for the next round
  // those whose places lie inside or around one already shared this round (their counts have changed).
  for (;;) {
    const uses = new Map<string, { nodes: JsonSchema[]; trail: Trail }>();
    const count = (schema: JsonSchema, trail: Trail) => {
      for (const mode of MODES)
        if (isCandidate(schema, mode)) {
          const key = keyOf(schema, mode);
          const use = uses.get(key) ?? { nodes: [], trail };
          use.nodes.push(schema);
          uses.set(key, use);
        }
      return false;
    };
    for (const [id, schema] of Object.entries({ ...schemas, ...added })) eachSchema(schema, true, { key: id }, count);
    eachSchema(paths, false, { key: 'paths' }, count);
    const worth: { key: string; saving: number; name: string; trail: string[]; nodes: JsonSchema[] }[] = [];
    for (const [key, { nodes, trail: at }] of uses) {
      if (nodes.length < 2 && !existing.has(key)) continue;
      // An upper bound first (a name of no length), so that most keys are never named.
      let size = sizes.get(key);
      if (size === undefined) {
        size = Buffer.byteLength(key) - 6;
        sizes.set(key, size);
      }
      if ((size - 30) * nodes.length - size < MIN_SHARED_SAVING) continue;
      const id = existing.get(key);
      const trail = trailKeys(at);
      const name = id ?? nameFrom(trail, JSON.parse(key.slice(6)) as JsonSchema, key.slice(0, 5) as Mode);
      const saving = (size - 30 - name.length) * nodes.length - (id ? 0 : size + name.length + 3);
      if (saving >= MIN_SHARED_SAVING) worth.push({ key, saving, name, trail, nodes });
    }
    if (worth.length === 0) break;
    worth.sort((a, b) => b.saving - a.saving || (a.key < b.key ? -1 : 1));
    const taken = new Set<object>();
    const around = new Set<object>();
    const ancestors = (node: object) => {
      const found: object[] = [];
      for (let up = parents.get(node); up; up = parents.get(up)) found.push(up);
      return found;
    };
    for (const { key, name: base, trail, nodes } of worth) {
      if (nodes.some((node) => taken.has(node) || around.has(node) || ancestors(node).some((up) => taken.has(up))))
        continue;
      let id = existing.get(key);
      if (id === undefined) {
        id = base in schemas || base in added ? (/^[A-Z]/.test(trail[0] ?? '') ? `${trail[0]}${base}` : base) : base;
        for (let n = 2; id in schemas || id in added; n += 1) id = `${base}${n}`;
        added[id] = JSON.parse(key.slice(6)) as JsonSchema;
        existing.set(key, id);
      }
      const own = key.startsWith('shape') ? OWN_KEYWORDS : new Set<string>();
      for (const node of nodes) {
        taken.add(node);
        for (const up of ancestors(node)) {
          around.add(up);
          texts.delete(up);
          shapeTexts.delete(up);
          wholeKeys.delete(up);
        }
        const kept = Object.entries(node).filter(([k]) => own.has(k));
        for (const k of Object.keys(node)) delete node[k];
        Object.assign(node, { $ref: SCHEMA_REF(id) }, Object.fromEntries(kept));
        texts.delete(node);
        shapeTexts.delete(node);
        wholeKeys.delete(node);
      }
    }
  }
  return added;
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
    // `required: false` is the default; only the parameters a request must carry say so.
    ...((location === 'path' || (json.required ?? []).includes(name)) && { required: true }),
    ...(typeof description === 'string' && { description }),
    schema: schemaOnly,
  }));
}

/**
 * Each kind's own schemas, one component each, named after what they are: its details on a case
 * (`MisconductDetails`), its intake section (`MisconductIntake`) and every decision form
 * (`RecordFieldworkDecision`); the case, the intake and the decision bodies refer to them.
 */
function registerKindSchemas(
  inputs: z.core.$ZodRegistry<{ id?: string }>,
  outputs: z.core.$ZodRegistry<{ id?: string }>,
) {
  const name = (key: string) => key.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
  for (const { section } of KINDS.sections) {
    if (!outputs.has(section.record)) outputs.add(section.record, { id: `${name(section.key)}Details` });
    if (section.intake && !inputs.has(section.intake)) inputs.add(section.intake, { id: `${name(section.key)}Intake` });
  }
  for (const form of KINDS.decisionForms)
    if (!inputs.has(form)) inputs.add(form, { id: `${name(form.shape.decision.value)}Decision` });
}

export function buildOpenApiDocument(serverUrl: string) {
  const inputs = z.registry<{ id?: string }>();
  const outputs = z.registry<{ id?: string }>();
  for (const [id, schema] of Object.entries(SHARED_OUTPUTS)) outputs.add(schema, { id });
  registerKindSchemas(inputs, outputs);

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
  const leaves: (readonly [string, JsonSchema])[] = [];
  for (const [id, schema] of Object.entries(SHARED_LEAVES)) {
    const { $schema: _s, ...keywords } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' });
    // A leaf is compared with schemas whose own parts were already shared (a disposition's dates), so its
    // parts are shared the same way, by the leaves listed before it.
    for (const value of Object.values(keywords)) referToSharedLeaves(value, leaves);
    leaves.push([id, keywords as JsonSchema]);
  }

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
  const paths: Record<string, Record<string, Operation>> = {};
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
      // The document's `security` (a Cognito token) holds unless the route says it needs none.
      ...(!route.auth && { security: [] }),
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
  referToSharedLeaves(components, leaves);
  referToSharedLeaves(paths, leaves);
  const sharedSchemas = shareRepeatedSchemas({ ...components, ...Object.fromEntries(leaves) }, paths);
  const sharedParameters = shareParameters(paths);
  const pathItems = withPathParametersOnce(paths, sharedParameters);
  const sharedResponses = shareSuccessResponses(paths);
  return {
    openapi: '3.1.0',
    info: {
      title: '감사담당관 사건 관리 API',
      version: '0.1.0',
      description: 'Case tracking for the audit & inspection office. 날짜·시각은 한국 시간(+09:00).',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ cognito: [] }],
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
          description: '같은 키로 다시 보내면 처음 결과를 돌려줍니다 (replayed: true); 다른 요청에 쓰면 409',
          schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' },
        },
        ...sharedParameters,
      },
      schemas: { ...components, ...Object.fromEntries(leaves), ...sharedSchemas },
      responses: { ...errorResponses, ...sharedResponses },
    },
    paths: pathItems,
  };
}

/**
 * A path's own parameters (`caseId` of `/cases/{caseId}`) written once on the path, not on each of its
 * operations, where all of them take it alike.
 */
function withPathParametersOnce(
  paths: Record<string, Record<string, Operation>>,
  shared: Record<string, JsonSchema>,
): Record<string, Record<string, unknown>> {
  const inPath = (p: JsonSchema) =>
    (typeof p.$ref === 'string' ? shared[p.$ref.replace('#/components/parameters/', '')] : p)?.in === 'path';
  return Object.fromEntries(
    Object.entries(paths).map(([path, byMethod]) => {
      const operations = Object.values(byMethod);
      if (operations.length < 2) return [path, byMethod];
      const common = operations[0]!.parameters.filter(
        (p) => inPath(p) && operations.every((o) => o.parameters.some((q) => sameJson(p, q))),
      );
      if (common.length === 0) return [path, byMethod];
      for (const operation of operations)
        operation.parameters = operation.parameters.filter((p) => !common.some((c) => sameJson(p, c)));
      return [path, { parameters: common, ...byMethod }];
    }),
  );
}
