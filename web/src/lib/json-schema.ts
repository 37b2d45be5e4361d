/**
 * The API's JSON Schemas as the console reads them from its OpenAPI document: a `$ref` resolved with the
 * referring schema's own keywords kept, and a route's request body. Pure functions (no React), so unit
 * tests can check the console's forms against the document.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  /** A request section only some kinds of case take (e.g. `dailyAudit`): which ones. */
  'x-kinds'?: string[];
  /** Korean names of an enum's values (the kinds of case). */
  'x-labels'?: Record<string, string>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/**
 * The schema a `$ref` points to, with the referring schema's own keywords over it: a field that is a
 * shared date (`{ $ref: IsoDate, description }`) keeps its own label and limits.
 */
export function deref(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  let own: JsonSchema = {};
  for (let hops = 0; current.$ref && hops < 10; hops += 1) {
    const { $ref, ...siblings } = current;
    own = { ...siblings, ...own };
    current = document.components?.schemas?.[$ref.replace('#/components/schemas/', '')] ?? {};
  }
  return current === schema ? schema : { ...current, ...own };
}

export function requestBodySchema(document: OpenApiDocument, path: string, method: string): JsonSchema | undefined {
  const schema = document.paths[path]?.[method]?.requestBody?.content['application/json']?.schema;
  return schema && deref(document, schema);
}
