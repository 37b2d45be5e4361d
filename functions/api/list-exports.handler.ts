/** GET /exports?month=YYYY-MM — who exported what (filters or case), when, in which format, how many rows. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { exportsQuery } from './search-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeExportUseCases } from '../wiring/search-usecases.ts';

const deps = once(() => ({ exports: composeExportUseCases() }));

export const handler = apiHandler(apiRoute('list-exports'), { query: exportsQuery }, async ({ actor, query }) => {
  const { exports } = deps();
  return { statusCode: 200, body: { items: await exports.listExports(actor, query.month) } };
});
