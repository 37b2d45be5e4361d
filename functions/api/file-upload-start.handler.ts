/** POST /cases/{caseId}/files — a presigned upload URL for one file (type, size and declared SHA-256 checked). */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { caseIdParams } from './schemas.ts';
import { startUploadBody } from './case-file-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCaseFileUseCases } from '../wiring/case-files.ts';

const deps = once(() => ({ files: composeCaseFileUseCases() }));

export const handler = apiHandler(
  apiRoute('file-upload-start'),
  { params: caseIdParams, body: startUploadBody },
  async ({ actor, params, body }) => ({
    statusCode: 201,
    body: await deps().files.startUpload(actor, params.caseId, body),
  }),
);
