/**
 * GET /reports/office?from=YYYY-MM-DD&to=YYYY-MM-DD&format=json|md|html — the office's work report
 * tables (part Ⅱ) for the cases received in the period, as the data stands now (not stored; POST
 * freezes one). Team leads, the head of office, admins and auditors; counts only.
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { reportResult } from './office-report-view.ts';
import { officeReportQuery } from './office-report-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeOfficeReportUseCases } from '../wiring/office-report-usecases.ts';

const deps = once(() => ({ officeReports: composeOfficeReportUseCases() }));

export const handler = apiHandler(apiRoute('office-report'), { query: officeReportQuery }, async ({ actor, query }) => {
  const { officeReports } = deps();
  const report = await officeReports.generate(actor, { from: query.from, to: query.to });
  return reportResult(200, query.format, report, report);
});
