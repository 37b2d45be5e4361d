/**
 * The worker of a 응답소 import started through the API (POST /field-complaints/imports), invoked
 * asynchronously with {importId, attempt}: it claims the attempt, reads the uploaded export and imports
 * it, saving the job's status as it goes (shared/usecases/field-complaint-import-jobs.ts). A second
 * delivery of the same event finds the attempt claimed and does nothing. Not a scheduled job.
 */
import * as z from 'zod';
import { openExport } from '#shared/kinds/field-complaint/export-file.ts';
import { logger } from '#shared/observability/powertools.ts';
import { once } from '../wiring/once.ts';
import { composeFieldImports } from '../wiring/field-imports.ts';
import { lambdaHandler } from './job-handler.ts';

export const fieldImportRunSchema = z.strictObject({
  importId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'importId: a 26-character ULID'),
  attempt: z.number().int().min(1),
});

const imports = once(() => composeFieldImports({ openExport }));

export const handler = lambdaHandler('field-import-worker', async (event) => {
  const run = fieldImportRunSchema.parse(event);
  const job = await imports().run(run);
  logger.info('field import run', {
    importId: run.importId,
    attempt: run.attempt,
    status: job?.status ?? 'not-this-attempt',
    counts: job?.counts,
  });
  return { importId: run.importId, attempt: run.attempt, status: job?.status ?? 'skipped' };
});
