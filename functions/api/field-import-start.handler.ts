/**
 * POST /field-complaints/imports — checks the uploaded export's SHA-256, queues the import and hands it
 * to the worker: 202 with the job at once. For a job that exists: 200 with it as it stands (done, or
 * running), or 202 with its next attempt when it failed or its worker stopped saving (stale).
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders } from './case-view.ts';
import { startImportBody } from './field-import-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeFieldImports } from '../wiring/field-imports.ts';

const imports = once(composeFieldImports);

export const handler = apiHandler(
  apiRoute('field-import-start'),
  { body: startImportBody },
  async ({ actor, body, idempotent }) => {
    const { job, dispatched, replayed } = await imports().start(actor, body.fileId, idempotent({ body }));
    return {
      statusCode: dispatched && !replayed ? 202 : 200,
      body: { ...job, restartable: false },
      headers: replayHeaders(replayed),
    };
  },
);
