/** POST /field-complaints/imports/uploads — a presigned upload URL for a 응답소 export (type, size and declared SHA-256). */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { importUploadBody } from './field-import-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeFieldImports } from '../wiring/field-imports.ts';

const imports = once(composeFieldImports);

export const handler = apiHandler(
  apiRoute('field-import-upload'),
  { body: importUploadBody },
  async ({ actor, body }) => ({
    statusCode: 201,
    body: await imports().startUpload(actor, body),
  }),
);
