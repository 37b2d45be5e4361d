/** The office report in the format asked for: JSON, Markdown or printable HTML. */
import type { OfficeReportData } from '#shared/domain/office-report.ts';
import type { ApiResult } from '#shared/http/api-handler.ts';
import { renderHtml } from '#shared/reports/report-html.ts';
import { renderMarkdown } from '#shared/reports/report-markdown.ts';

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
