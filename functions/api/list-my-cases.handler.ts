/** GET /me/cases — the caller's assigned cases, newest activity first, paged by an opaque cursor. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { caseView } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { listQuery } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCaseUseCases } from '../wiring/case-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ cases: composeCaseUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(apiRoute('list-my-cases'), { query: listQuery }, async ({ actor, query }) => {
  const { cases, baseUrl } = deps();
  const page = await cases.listMyCases(actor, {
    limit: query.limit,
    ...(query.cursor !== undefined && { cursor: query.cursor }),
  });
  const viewer = await viewerFor(actor);
  return {
    statusCode: 200,
    body: { items: page.items.map((c) => caseView(c, baseUrl, viewer)), ...(page.cursor && { cursor: page.cursor }) },
  };
});
