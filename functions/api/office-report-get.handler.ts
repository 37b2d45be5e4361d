/** GET /reports/office/{reportId}?format=json|md|html — a frozen report exactly as it was frozen. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { reportResult } from './office-report-view.ts';
import { frozenReportQuery, officeReportParams } from './office-report-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeOfficeReportUseCases } from '../wiring/office-report-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ officeReports: composeOfficeReportUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('office-report-get'),
  { params: officeReportParams, query: frozenReportQuery },
  async ({ actor, params, query }) => {
    const { officeReports, baseUrl } = deps();
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
