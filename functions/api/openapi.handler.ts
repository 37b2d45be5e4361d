/** GET /openapi.json — the API's OpenAPI 3.1 document. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { runtimeConfig } from '#shared/config/runtime-config.ts';
import { buildOpenApiDocument } from './openapi.ts';

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = apiHandler(apiRoute('openapi'), {}, async () => {
  document ??= buildOpenApiDocument(runtimeConfig().APP_BASE_URL);
  return { statusCode: 200, body: document };
});
