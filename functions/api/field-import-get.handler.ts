/** GET /field-complaints/imports/{importId} — an import's status: counts, the reported rows, when and by whom. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { importParams } from './field-import-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeFieldImports } from '../wiring/field-imports.ts';

const imports = once(composeFieldImports);

export const handler = apiHandler(
  apiRoute('field-import-get'),
  { params: importParams },
  async ({ actor, params }) => ({
    statusCode: 200,
    body: await imports().get(actor, params.importId),
  }),
);
