/** GET /me/cases — the caller's assigned cases, newest activity first, paged by an opaque cursor. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { caseView, viewerOf } from './case-view.ts';
import { handlerDeps } from '../deps.ts';
import { listQuery } from './schemas.ts';

export const handler = apiHandler({ auth: true, query: listQuery }, async ({ actor, query }) => {
  const { cases, baseUrl } = handlerDeps();
  const page = await cases.listMyCases(actor, {
    limit: query.limit,
    ...(query.cursor !== undefined && { cursor: query.cursor }),
  });
  const viewer = await viewerOf(actor, handlerDeps().staff);
  return {
    statusCode: 200,
    body: { items: page.items.map((c) => caseView(c, baseUrl, viewer)), ...(page.cursor && { cursor: page.cursor }) },
  };
});
