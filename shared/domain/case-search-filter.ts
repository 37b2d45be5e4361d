/**
 * What a case search (and a search export) asks for: filters, sort and order. One schema, used by
 * the API (query string), the command line and the bench; every field is optional and they combine
 * with AND.
 */
import * as z from 'zod';
import { caseStageSchema, isoDateSchema } from './case.ts';
import { channelSchema } from './channels.ts';
import { caseKindSchema } from './case.ts';
import { committeeKindSchema } from './committee-kinds.ts';
import { KINDS } from '../kinds/registry.ts';
import { SEARCH_OUTCOMES } from './search-facets.ts';

/**
 * received: receipt time (default, newest first) · due: due date (soonest first; open cases before
 * closed ones; cases without a due date are not in this order) · updated: last change (newest first)
 * · closed: closing time (closed cases only) · caseNumber: case number.
 */
export const SEARCH_SORTS = ['received', 'due', 'updated', 'closed', 'caseNumber'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** A case-number prefix: the year, optionally the team word and serial (`2026`, `2026-조사`, `2026-조사-00`). */
export const CASE_NUMBER_PREFIX = /^\d{4}(-[가-힣]{0,2}(-\d{0,4})?)?$/;

const booleanParam = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

/** Filters kinds answer from their details (kind.ts `search.filters`), as each kind declares their values. */
const kindFilterShape: Record<string, z.ZodOptional<z.ZodType<string>>> = Object.fromEntries(
  KINDS.modules.flatMap((m) =>
    Object.entries(m.search?.filters ?? {}).map(([name, filter]) => [name, filter.schema.optional()]),
  ),
);

/** The filter fields (without the cross-field checks, so the API can add limit and cursor). */
export const caseSearchFilterObject = z.object({
  kind: caseKindSchema.optional().describe('사건 종류'),
  stage: caseStageSchema.optional().describe('단계'),
  outcome: z.enum(SEARCH_OUTCOMES).optional().describe('처리 결과 (비위 조사: 승인된 처분)'),
  assignee: z.string().trim().min(1).max(128).optional().describe('담당자 (sub)'),
  department: z.string().trim().min(1).max(100).optional().describe('관련 부서 (정확히 일치)'),
  ...kindFilterShape,
  channel: channelSchema.optional().describe('접수 경로'),
  committee: committeeKindSchema.optional().describe('심의 위원회'),
  receivedFrom: isoDateSchema.optional().describe('접수일 시작 (YYYY-MM-DD, 한국 시간, 포함)'),
  receivedTo: isoDateSchema.optional().describe('접수일 끝 (포함)'),
  closedFrom: isoDateSchema.optional().describe('종결일 시작 (포함)'),
  closedTo: isoDateSchema.optional().describe('종결일 끝 (포함)'),
  overdue: booleanParam.optional().describe('true: 진행 중이며 처리기한이 지난 사건만'),
  q: z
    .string()
    .trim()
    .min(2)
    .max(100)
    .optional()
    .describe('제목·사건번호 검색어 (띄어쓰기로 여러 낱말, 모두 포함; 사건번호 앞부분 예: 2026-조사)'),
  sort: z.enum(SEARCH_SORTS).optional().describe('정렬: received(기본)·due·updated·closed·caseNumber'),
  order: z.enum(['asc', 'desc']).optional().describe('정렬 방향 (기본: due는 asc, 나머지는 desc)'),
});

/** Adds the cross-field checks (periods in order, at most 5 words) to a schema with the filter fields. */
export function withFilterChecks<
  T extends z.ZodType<
    Partial<
      Pick<z.infer<typeof caseSearchFilterObject>, 'receivedFrom' | 'receivedTo' | 'closedFrom' | 'closedTo' | 'q'>
    >
  >,
>(schema: T) {
  return schema
    .refine((f) => f.receivedFrom === undefined || f.receivedTo === undefined || f.receivedFrom <= f.receivedTo, {
      message: 'receivedFrom must not be after receivedTo',
      path: ['receivedFrom'],
    })
    .refine((f) => f.closedFrom === undefined || f.closedTo === undefined || f.closedFrom <= f.closedTo, {
      message: 'closedFrom must not be after closedTo',
      path: ['closedFrom'],
    })
    .refine((f) => f.q === undefined || f.q.split(/\s+/).length <= 5, {
      message: 'at most 5 search words',
      path: ['q'],
    });
}

export const caseSearchFilterSchema = withFilterChecks(caseSearchFilterObject);

/** The filters; a kind's own filter (kind.ts `search.filters`) is read by its name. */
export type CaseSearchFilter = z.infer<typeof caseSearchFilterSchema> & { readonly [kindFilter: string]: unknown };

/** The filters as they are recorded with an export (no undefined values, stable key order). */
export function filterRecord(f: CaseSearchFilter): Record<string, string | boolean> {
  return Object.fromEntries(
    Object.entries(f)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  ) as Record<string, string | boolean>;
}
