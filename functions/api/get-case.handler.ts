/** GET /cases/{caseId}[?asOf=YYYY-MM-DD] — one case, if the caller may read it; with asOf, as it stood then. */
import { AS_OF_FIELDS, notAsOfFields } from '#shared/domain/case-as-of.ts';
import { CASE_STAGE_LABELS } from '#shared/domain/case.ts';
import { KINDS } from '#shared/kinds/registry.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { caseView } from './case-view.ts';
import { viewerFor } from '../wiring/viewer.ts';
import { caseIdParams, caseQuery } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCaseUseCases } from '../wiring/case-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ cases: composeCaseUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('get-case'),
  { params: caseIdParams, query: caseQuery },
  async ({ actor, params, query }) => {
    const { cases, baseUrl } = deps();
    if (query.asOf === undefined)
      return {
        statusCode: 200,
        body: caseView(await cases.getCase(actor, params.caseId), baseUrl, await viewerFor(actor)),
      };
    const { case: then, verification } = await cases.caseAsOf(actor, params.caseId, query.asOf);
    return {
      statusCode: 200,
      body: {
        ...then,
        kindLabel: KINDS.labelOf(then.kind),
        stageLabel: CASE_STAGE_LABELS[then.stage],
        reconstructedFields: AS_OF_FIELDS,
        notReconstructed: notAsOfFields(KINDS),
        verification,
        links: {
          self: `${baseUrl}/cases/${then.caseId}?asOf=${then.asOf}`,
          history: `${baseUrl}/cases/${then.caseId}/history?to=${then.asOf}`,
        },
      },
    };
  },
);
