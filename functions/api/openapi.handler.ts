/** GET /openapi.json — the API's OpenAPI 3.1 document. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { handlerDeps } from '../deps.ts';
import { buildOpenApiDocument } from './openapi.ts';

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = apiHandler({ auth: false }, async () => {
  document ??= buildOpenApiDocument(handlerDeps().baseUrl);
  return { statusCode: 200, body: document };
});
