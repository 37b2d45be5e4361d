/** GET /cases/{caseId}/files — the case's files (name, type, size, SHA-256), optionally of one task, finding or meeting. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { caseIdParams } from './schemas.ts';
import { filesQuery } from './case-file-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCaseFileUseCases } from '../wiring/case-files.ts';

const deps = once(() => ({ files: composeCaseFileUseCases() }));

export const handler = apiHandler(
  apiRoute('file-list'),
  { params: caseIdParams, query: filesQuery },
  async ({ actor, params, query }) => ({
    statusCode: 200,
    body: await deps().files.list(actor, params.caseId, {
      ...(query.subjectType !== undefined && { type: query.subjectType }),
      ...(query.subjectId !== undefined && { id: query.subjectId }),
    }),
  }),
);
