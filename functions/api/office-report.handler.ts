/**
 * GET /reports/office?from=YYYY-MM-DD&to=YYYY-MM-DD&format=json|md|html — the office's work report
 * tables (part Ⅱ) for the cases received in the period, as the data stands now (not stored; POST
 * freezes one). Team leads, the head of office, admins and auditors; counts only.
 */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { officeReportDeps, reportResult } from './office-report-deps.ts';
import { officeReportQuery } from './office-report-schemas.ts';

export const handler = apiHandler({ auth: true, query: officeReportQuery }, async ({ actor, query }) => {
  const { officeReports } = officeReportDeps();
  const report = await officeReports.generate(actor, { from: query.from, to: query.to });
  return reportResult(200, query.format, report, report);
});
