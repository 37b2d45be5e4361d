/**
 * Request and response schemas of the office report routes (GET/POST /reports/office,
 * GET /reports/office/{reportId}[/check]); routeSchemas in schemas.ts lists them for the OpenAPI document.
 */
import * as z from 'zod';
import { isoDateSchema, isoDateTimeSchema } from '#shared/domain/case.ts';
import { REPORT_UNITS, TABLE_IDS } from '#shared/domain/office-report.ts';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const REPORT_FORMATS = ['json', 'md', 'html'] as const;
const format = z.enum(REPORT_FORMATS).default('json').describe('출력 형식: json | md (Markdown) | html (인쇄용)');

const period = {
  from: isoDateSchema.describe('접수일 시작 (YYYY-MM-DD, 한국 시간, 포함)'),
  to: isoDateSchema.describe('접수일 끝 (YYYY-MM-DD, 한국 시간, 포함)'),
};
// A period whose end is before its start is refused by the use case (field `to`, rule `not_before_from`).
export const officeReportQuery = z.object({ ...period, format });
export const officeReportBody = z.strictObject(period).describe('보고서 확정 (기간)');
export const officeReportParams = z.object({
  reportId: z.string().regex(ULID, 'reportId must be a report id (26-character ULID)'),
});
export const frozenReportQuery = z.object({ format });

const reportTableView = z.object({
  id: z.enum(TABLE_IDS),
  sectionKo: z.string(),
  titleKo: z.string(),
  columns: z.array(z.object({ key: z.string(), labelKo: z.string(), unit: z.enum(REPORT_UNITS) })),
  rows: z.array(z.object({ key: z.string(), labelKo: z.string(), cells: z.record(z.string(), z.number().nullable()) })),
  notesKo: z.array(z.string()),
});

const tableDigestView = z.object({
  cellsHash: z.string(),
  basisHash: z.string().describe('집계한 사건(id·버전) 목록의 SHA-256'),
  counted: z.number().int(),
});

export const officeReportView = z
  .object({
    reportKind: z.literal('office-report'),
    period: z.object({ from: isoDateSchema, to: isoDateSchema }),
    generatedAt: isoDateTimeSchema,
    timeZone: z.literal('Asia/Seoul'),
    titleKo: z.string(),
    tables: z.array(reportTableView),
    omittedKo: z.array(z.string()).describe('싣지 않은 표와 그 이유'),
    digest: z.object({
      dataHash: z.string().describe('보고서 데이터 해시 (SHA-256, RFC 8785 정규화)'),
      tables: z.record(z.string(), tableDigestView),
      caseCount: z.number().int(),
    }),
  })
  .describe('감사담당관 주요업무 추진실적 (format=md|html이면 text/markdown, text/html)');

export const frozenReportView = z.object({
  reportId: z.string(),
  frozenAt: isoDateTimeSchema,
  frozenBy: z.object({ sub: z.string(), name: z.string().optional(), role: z.string() }),
  dataHash: z.string(),
  report: officeReportView,
  replayed: z.boolean().optional(),
  links: z.object({ self: z.string(), check: z.string() }),
});

export const reportCheckView = z.object({
  reportId: z.string(),
  frozenAt: isoDateTimeSchema,
  period: z.object({ from: isoDateSchema, to: isoDateSchema }),
  matches: z.boolean(),
  dataHashFrozen: z.string(),
  dataHashNow: z.string(),
  checkedAt: isoDateTimeSchema,
  messageKo: z.string(),
  tables: z.array(
    z.object({
      id: z.enum(TABLE_IDS),
      titleKo: z.string(),
      cellsMatch: z.boolean(),
      basisMatch: z.boolean(),
      countedFrozen: z.number().int(),
      countedNow: z.number().int(),
      presence: z.enum(['only-frozen', 'only-now']).optional(),
      changes: z.array(
        z.object({
          row: z.string(),
          rowLabelKo: z.string(),
          column: z.string(),
          columnLabelKo: z.string(),
          frozen: z.number().nullable(),
          now: z.number().nullable(),
        }),
      ),
    }),
  ),
});
