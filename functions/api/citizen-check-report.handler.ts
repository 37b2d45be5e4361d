/** POST /citizen-checks/{caseId}/report — a 구민감사관 on the check reports on its items (once). */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders } from './case-view.ts';
import { checkReportBody } from './citizen-check-schemas.ts';
import { caseIdParams } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeCitizenCheckUseCases } from '../wiring/citizen-check-usecases.ts';

const checks = once(() => composeCitizenCheckUseCases());

export const handler = apiHandler(
  apiRoute('citizen-check-report'),
  { params: caseIdParams, body: checkReportBody },
  async ({ actor, params, body, idempotent }) => {
    const { check, replayed } = await checks().report(
      actor,
      params.caseId,
      body,
      idempotent({ caseId: params.caseId, body }),
    );
    return { statusCode: replayed ? 200 : 201, body: { check, replayed }, headers: replayHeaders(replayed) };
  },
);
