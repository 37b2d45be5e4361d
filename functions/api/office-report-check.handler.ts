/**
 * GET /reports/office/{reportId}/check — recomputes the frozen report's period from the data now and
 * says whether it still matches: per table, whether the figures and the counted cases (ids and
 * versions) are the same, and which cells changed (frozen → now).
 */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { officeReportDeps } from './office-report-deps.ts';
import { officeReportParams } from './office-report-schemas.ts';

export const handler = apiHandler({ auth: true, params: officeReportParams }, async ({ actor, params }) => {
  const { officeReports } = officeReportDeps();
  return { statusCode: 200, body: await officeReports.check(actor, params.reportId) };
});
