/** GET /cases/{caseId}/history[?type=&actor=&from=&to=] — the timeline (filtered) and whether the whole hash chain verifies. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { caseView } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { caseIdParams, historyQuery } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCaseUseCases } from '../wiring/case-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ cases: composeCaseUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('get-case-history'),
  { params: caseIdParams, query: historyQuery },
  async ({ actor, params, query }) => {
    const { cases, baseUrl } = deps();
    const history = await cases.caseHistory(actor, params.caseId, {
      ...(query.type !== undefined && { types: query.type }),
      ...(query.actor !== undefined && { actorSub: query.actor }),
      ...(query.from !== undefined && { from: query.from }),
      ...(query.to !== undefined && { to: query.to }),
    });
    return {
      statusCode: 200,
      body: {
        case: caseView(history.case, baseUrl, await viewerFor(actor)),
        events: history.events,
        total: history.total,
        verification: history.verification,
      },
    };
  },
);
