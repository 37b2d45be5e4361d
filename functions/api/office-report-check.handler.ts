/**
 * GET /reports/office/{reportId}/check — recomputes the frozen report's period from the data now and
 * says whether it still matches: per table, whether the figures and the counted cases (ids and
 * versions) are the same, and which cells changed (frozen → now).
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { officeReportParams } from './office-report-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeOfficeReportUseCases } from '../wiring/office-report-usecases.ts';

const deps = once(() => ({ officeReports: composeOfficeReportUseCases() }));

export const handler = apiHandler(
  apiRoute('office-report-check'),
  { params: officeReportParams },
  async ({ actor, params }) => {
    const { officeReports } = deps();
    return { statusCode: 200, body: await officeReports.check(actor, params.reportId) };
  },
);
