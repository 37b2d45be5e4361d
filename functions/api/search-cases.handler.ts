/**
 * GET /cases/search — cases by kind, stage, outcome, assignee, department, referring agency, channel,
 * committee, received/closed period, overdue and text, sorted and paged by an opaque cursor; every
 * combination is one index query (shared/store/case-search.ts). Rows are allow-listed (no identity
 * fields; sealed cases without their title).
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { searchQuery } from './search-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeSearchUseCases } from '../wiring/search-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ search: composeSearchUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(apiRoute('search-cases'), { query: searchQuery }, async ({ actor, query }) => {
  const { search, baseUrl } = deps();
  const { limit, cursor, ...filter } = query;
  const result = await search.search(actor, filter, { limit, ...(cursor !== undefined && { cursor }) });
  return {
    statusCode: 200,
    body: {
      items: result.items.map((e) => ({
        ...e,
        links: { self: `${baseUrl}/cases/${e.caseId}`, history: `${baseUrl}/cases/${e.caseId}/history` },
      })),
      ...(result.cursor !== undefined && { cursor: result.cursor }),
      sort: result.sort,
      order: result.order,
      index: result.index,
      budgetExhausted: result.budgetExhausted,
    },
  };
});
