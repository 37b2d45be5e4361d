/** Request and response schemas of search and export (registered in schemas.ts routeSchemas for OpenAPI). */
import * as z from 'zod';
import { caseStageSchema, isoDateSchema, isoDateTimeSchema } from '#shared/domain/case.ts';
import { caseKindSchema } from '#shared/kinds/registry.ts';
import { caseSearchFilterObject, SEARCH_SORTS, withFilterChecks } from '#shared/domain/case-search-filter.ts';
import { HISTORY_EVENT_TYPES } from '#shared/domain/history.ts';
import { EXPORT_FORMATS } from '#shared/usecases/case-export.ts';
import { exportRecordSchema } from '#shared/store/export-log.ts';

const cursor = z.string().min(1).max(2048).optional().describe('앞 응답의 cursor (그대로 전달)');

export const searchQuery = withFilterChecks(
  caseSearchFilterObject.extend({
    kind: caseKindSchema.optional().describe('사건 종류'),
    limit: z.coerce.number().int().min(1).max(100).default(20).describe('한 페이지 건수 (1–100)'),
    cursor,
  }),
);

export const exportQuery = withFilterChecks(
  caseSearchFilterObject.extend({
    kind: caseKindSchema.optional().describe('사건 종류'),
    format: z.enum(EXPORT_FORMATS).default('csv').describe('csv (Excel용, UTF-8 BOM) 또는 json'),
    cursor: cursor.describe('앞 내보내기가 상한에서 멈춘 곳 (x-export-next-cursor)'),
  }),
);

const eventTypesParam = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
  )
  .pipe(z.array(z.enum(HISTORY_EVENT_TYPES)).min(1));

export const historyExportQuery = z
  .object({
    format: z.enum(EXPORT_FORMATS).default('csv').describe('csv 또는 json'),
    type: eventTypesParam.optional().describe('이벤트 종류, 쉼표로 여러 개'),
    actor: z.string().trim().min(1).max(128).optional().describe('행위자 (sub)'),
    from: isoDateSchema.optional().describe('기간 시작 (YYYY-MM-DD, 한국 시간, 포함)'),
    to: isoDateSchema.optional().describe('기간 끝 (포함)'),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
  });

export const exportsQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM')
    .describe('월 (YYYY-MM, 한국 시간)'),
});

export const caseListEntryView = z
  .object({
    caseId: z.string(),
    caseNumber: z.string(),
    kind: caseKindSchema,
    kindLabel: z.string(),
    team: z.string(),
    teamLabel: z.string(),
    title: z.string().describe('비공개 사건은 "비공개 사건"'),
    sealed: z.boolean(),
    stage: caseStageSchema,
    stageLabel: z.string(),
    outcome: z.string().optional(),
    outcomeLabel: z.string().optional(),
    assigneeSub: z.string().optional(),
    department: z.string().optional(),
    channel: z.string().optional(),
    agency: z.string().optional(),
    committee: z.string().optional(),
    committeeLabel: z.string().optional(),
    receivedAt: isoDateTimeSchema,
    dueDate: isoDateSchema.optional(),
    overdue: z.boolean(),
    closedAt: isoDateTimeSchema.optional(),
    updatedAt: isoDateTimeSchema,
    links: z.object({ self: z.string(), history: z.string() }),
  })
  .describe('검색 결과 한 건 (허용 목록의 필드만; 신원 정보 없음)');

export const searchResponse = z.object({
  items: z.array(caseListEntryView),
  cursor: z.string().optional().describe('다음 페이지 (없으면 끝)'),
  sort: z.enum(SEARCH_SORTS),
  order: z.enum(['asc', 'desc']),
  index: z.string().describe('질의한 인덱스'),
  budgetExhausted: z.boolean().describe('읽기 한도에서 멈춤: 건수가 limit보다 적어도 cursor로 이어서 검색'),
});

export const exportResponse = z
  .string()
  .describe('CSV (text/csv, UTF-8 BOM) 또는 JSON { exportId, rows, rowCount, nextCursor? }');
export const exportListResponse = z.object({ items: z.array(exportRecordSchema) });
