/**
 * POST /cases/{caseId}/files/{fileId}/download — a short-lived download URL, after the download is in
 * the case's history (a POST: it writes; a sealed case's download is a SENSITIVE_READ).
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { fileParams } from './case-file-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCaseFileUseCases } from '../wiring/case-files.ts';

const deps = once(() => ({ files: composeCaseFileUseCases() }));

export const handler = apiHandler(apiRoute('file-download'), { params: fileParams }, async ({ actor, params }) => ({
  statusCode: 200,
  body: await deps().files.download(actor, params.caseId, params.fileId),
  headers: { 'cache-control': 'no-store' },
}));
