/** GET /cases/{caseId}/history[?type=&actor=&from=&to=] — the timeline (filtered) and whether the whole hash chain verifies. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { caseView, viewerOf } from './case-view.ts';
import { handlerDeps } from '../deps.ts';
import { caseIdParams, historyQuery } from './schemas.ts';

export const handler = apiHandler(
  { auth: true, params: caseIdParams, query: historyQuery },
  async ({ actor, params, query }) => {
    const { cases, baseUrl } = handlerDeps();
    const history = await cases.caseHistory(actor, params.caseId, {
      ...(query.type !== undefined && { types: query.type }),
      ...(query.actor !== undefined && { actorSub: query.actor }),
      ...(query.from !== undefined && { from: query.from }),
      ...(query.to !== undefined && { to: query.to }),
    });
    return {
      statusCode: 200,
      body: {
        case: caseView(history.case, baseUrl, await viewerOf(actor, handlerDeps().staff)),
        events: history.events,
        total: history.total,
        verification: history.verification,
      },
    };
  },
);
