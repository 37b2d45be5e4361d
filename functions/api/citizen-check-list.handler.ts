/** GET /citizen-checks — the on-site checks the caller is on (a 구민감사관 sees nothing else). */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { once } from '../wiring/once.ts';
import { composeCitizenCheckUseCases } from '../wiring/citizen-check-usecases.ts';

const checks = once(() => composeCitizenCheckUseCases());

export const handler = apiHandler(apiRoute('citizen-check-list'), {}, async ({ actor }) => ({
  statusCode: 200,
  body: await checks().mine(actor),
}));
