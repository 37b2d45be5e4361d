/** POST /cases/{caseId}/files/{fileId}/complete — reads the upload back, checks its SHA-256 and records it on the case. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders, writeResponse } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { completeUploadBody, fileParams } from './case-file-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCaseFileUseCases } from '../wiring/case-files.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ files: composeCaseFileUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('file-upload-complete'),
  { params: fileParams, body: completeUploadBody },
  async ({ actor, params, body, idempotent }) => {
    const { files, baseUrl } = deps();
    const { result, replayed } = await files.completeUpload(
      actor,
      params.caseId,
      params.fileId,
      body,
      idempotent({ caseId: params.caseId, fileId: params.fileId, body }),
    );
    return {
      statusCode: replayed ? 200 : 201,
      body: writeResponse(result, replayed, baseUrl, await viewerFor(actor)),
      headers: replayHeaders(replayed),
    };
  },
);
