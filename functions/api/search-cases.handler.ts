/**
 * GET /cases/search — cases by kind, stage, outcome, assignee, department, referring agency, channel,
 * committee, received/closed period, overdue and text, sorted and paged by an opaque cursor; every
 * combination is one index query (shared/store/case-search.ts). Rows are allow-listed (no identity
 * fields; sealed cases without their title).
 */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { searchHandlerDeps } from './search-deps.ts';
import { searchQuery } from './search-schemas.ts';

export const handler = apiHandler({ auth: true, query: searchQuery }, async ({ actor, query }) => {
  const { search, baseUrl } = searchHandlerDeps();
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
