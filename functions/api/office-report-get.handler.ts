/** GET /reports/office/{reportId}?format=json|md|html — a frozen report exactly as it was frozen. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { officeReportDeps, reportResult } from './office-report-deps.ts';
import { frozenReportQuery, officeReportParams } from './office-report-schemas.ts';

export const handler = apiHandler(
  { auth: true, params: officeReportParams, query: frozenReportQuery },
  async ({ actor, params, query }) => {
    const { officeReports, baseUrl } = officeReportDeps();
    const frozen = await officeReports.getFrozen(actor, params.reportId);
    const links = {
      self: `${baseUrl}/reports/office/${frozen.reportId}`,
      check: `${baseUrl}/reports/office/${frozen.reportId}/check`,
    };
    return reportResult(
      200,
      query.format,
      frozen.report,
      { ...frozen, links },
      { reportId: frozen.reportId, frozenAt: frozen.frozenAt },
    );
  },
);
