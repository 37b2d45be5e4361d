/** GET /exports?month=YYYY-MM — who exported what (filters or case), when, in which format, how many rows. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { searchHandlerDeps } from './search-deps.ts';
import { exportsQuery } from './search-schemas.ts';

export const handler = apiHandler({ auth: true, query: exportsQuery }, async ({ actor, query }) => {
  const { exports } = searchHandlerDeps();
  return { statusCode: 200, body: { items: await exports.listExports(actor, query.month) } };
});
