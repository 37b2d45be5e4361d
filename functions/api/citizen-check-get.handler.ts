/** GET /citizen-checks/{caseId} — one check as its auditors see it; 404 for a check the caller is not on. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { caseIdParams } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCitizenCheckUseCases } from '../wiring/citizen-check-usecases.ts';

const checks = once(() => composeCitizenCheckUseCases());

export const handler = apiHandler(
  apiRoute('citizen-check-get'),
  { params: caseIdParams },
  async ({ actor, params }) => ({
    statusCode: 200,
    body: await checks().read(actor, params.caseId),
  }),
);
