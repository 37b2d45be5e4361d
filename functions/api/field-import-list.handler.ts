/** GET /field-complaints/imports — the most recent imports, newest first (an index query, never a scan). */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { importsQuery } from './field-import-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeFieldImports } from '../wiring/field-imports.ts';

const imports = once(composeFieldImports);

export const handler = apiHandler(apiRoute('field-import-list'), { query: importsQuery }, async ({ actor, query }) => ({
  statusCode: 200,
  body: { items: await imports().list(actor, query.limit) },
}));
