/**
 * Wiring of the office report routes, built once per process (as functions/deps.ts does for the
 * case routes): the case repository for index reads, the report store, the idempotency store and,
 * when it exists, the committee repository for meetings held.
 */
import { runtimeConfig } from '../../shared/config/runtime-config.ts';
import { CaseRepository } from '../../shared/store/case-repository.ts';
import { documentClient } from '../../shared/store/dynamo-client.ts';
import { IdempotencyStore } from '../../shared/store/idempotency-store.ts';
import { ReportStore } from '../../shared/store/report-store.ts';
import { CommitteeRepository } from '../../shared/store/committee-repository.ts';
import {
  committeeMeetingSource,
  officeReportUseCases,
  type OfficeReportUseCases,
} from '../../shared/usecases/office-report.ts';
import { renderHtml } from '../../shared/reports/report-html.ts';
import { renderMarkdown } from '../../shared/reports/report-markdown.ts';
import type { OfficeReportData } from '../../shared/domain/office-report.ts';
import type { ApiResult } from '../../shared/http/api-handler.ts';

let reports: { officeReports: OfficeReportUseCases; baseUrl: string } | undefined;

export function officeReportDeps() {
  if (!reports) {
    const config = runtimeConfig();
    const doc = documentClient();
    reports = {
      baseUrl: config.APP_BASE_URL,
      officeReports: officeReportUseCases({
        cases: new CaseRepository(doc, config.TABLE_NAME),
        reports: new ReportStore(doc, config.TABLE_NAME),
        idempotency: new IdempotencyStore(doc, config.TABLE_NAME),
        meetings: committeeMeetingSource(new CommitteeRepository(doc, config.TABLE_NAME)),
      }),
    };
  }
  return reports;
}

/** The report in the asked format: JSON body, or Markdown / printable HTML text. */
export function reportResult(
  statusCode: number,
  format: 'json' | 'md' | 'html',
  report: OfficeReportData,
  json: unknown,
  frozen?: { reportId: string; frozenAt: string },
): ApiResult {
  const disposition = (ext: string) =>
    `inline; filename="office-report-${report.period.from}-${report.period.to}.${ext}"`;
  if (format === 'md')
    return {
      statusCode,
      text: renderMarkdown(report, frozen),
      headers: { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': disposition('md') },
    };
  if (format === 'html')
    return {
      statusCode,
      text: renderHtml(report, frozen),
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-disposition': disposition('html'),
        'x-content-type-options': 'nosniff',
      },
    };
  return { statusCode, body: json };
}
