/**
 * The shape of an office report table and the small helpers its builders share. The report
 * (office-report.ts) and the tables kind modules contribute (kind.ts `reportTables`) both build
 * tables of this shape, so the JSON, Markdown and HTML outputs and the frozen-report check treat
 * them alike: rows × columns of numbers, each column with its Korean unit.
 */
import type { CaseRecord } from './case.ts';
import { koreaDate } from './korea-time.ts';

export const REPORT_UNITS = ['건', '명', '회', '일', '%', '원', '시간'] as const;
export type ReportUnit = (typeof REPORT_UNITS)[number];

/** A table's id: the kinds' tables (kind.ts) and the report's own (committees, processing). */
export type TableId = string;

export interface ReportColumn {
  key: string;
  labelKo: string;
  unit: ReportUnit;
}

export interface ReportRow {
  key: string;
  labelKo: string;
  /** One number per column key; null where the figure is undefined (e.g. a median of no cases). */
  cells: Record<string, number | null>;
}

export interface ReportTable {
  id: TableId;
  /** The report's section it belongs to (part Ⅱ), e.g. `③ 공직자 비위예방 및 투명한 재산신고`. */
  sectionKo: string;
  titleKo: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  notesKo: string[];
}

/** What a table counted: case ids and versions (or meeting ids), for the frozen report's hash. */
export interface BasisItem {
  id: string;
  version: number;
}

export interface ComputedTable {
  table: ReportTable;
  basis: BasisItem[];
}

/** The period's cases by kind; its keys are the kinds the report covers (the registry's, in its order). */
export type CasesByKind = Readonly<Record<string, readonly CaseRecord[]>>;

/**
 * A table of the office report (shared/domain/office-report.ts) that kind modules contribute.
 * Kinds that share a table name the same object in `reportTables`; the report prints the tables by
 * `order`, then its own (committees, processing).
 */
export interface KindReportTable {
  /** Unique across the report (the table's id in JSON, the frozen report's digest and its check). */
  id: string;
  /** Print order among the kinds' tables (smaller first). */
  order: number;
  /** The table from the period's cases; `kinds` are the registry's kinds that name this table, in its order. */
  build(ctx: ReportTableContext): ComputedTable;
}

export interface ReportTableContext {
  byKind: CasesByKind;
  kinds: readonly string[];
  labelOf(kind: string): string;
  /**
   * The day a state that depends on the date (a follow-up past its due date) is read at: the period's
   * last day, or the day the report is made when that is earlier — so a past period's report, frozen,
   * reads the same later. Absent, such a column counts as of nothing (0).
   */
  asOf?: string;
}

export const SECTIONS = {
  misconduct: '③ 공직자 비위예방 및 투명한 재산신고',
  complaints: '④ 생활 속 주민불편 및 고충민원 관리',
  audit: '① 기본과 원칙에 따른 신뢰받는 감사 행정',
  committees: '위원회 운영',
  processing: '처리기간·기한 준수 (보고서에 없던 지표)',
} as const;

export const basisOf = (cases: readonly CaseRecord[]): BasisItem[] =>
  cases.map((c) => ({ id: c.caseId, version: c.version }));
export const isClosed = (c: CaseRecord) => c.stage === 'closed';
export const receivedOn = (c: CaseRecord) => koreaDate(new Date(c.receivedAt));
export const casesOf = (byKind: CasesByKind, kind: string): readonly CaseRecord[] => byKind[kind] ?? [];

export function receivedClosedOpen(cases: readonly CaseRecord[]): Record<string, number> {
  const closed = cases.filter(isClosed).length;
  return { received: cases.length, closed, open: cases.length - closed };
}

export const cases건 = (key: string, labelKo: string): ReportColumn => ({ key, labelKo, unit: '건' });

/**
 * A table of received / closed / open with one row per kind that counts in it (in `unit`: cases,
 * or persons where one case is one person's review).
 */
export function kindRowsTable(spec: {
  id: string;
  order: number;
  sectionKo: string;
  titleKo: string;
  notesKo?: string[];
  columns?: ReportColumn[];
}): KindReportTable {
  return {
    id: spec.id,
    order: spec.order,
    build: ({ byKind, kinds, labelOf }) => ({
      table: {
        id: spec.id,
        sectionKo: spec.sectionKo,
        titleKo: spec.titleKo,
        columns: spec.columns ?? [
          cases건('received', '접수'),
          cases건('closed', '처리 완료'),
          cases건('open', '처리 중'),
        ],
        rows: kinds.map((kind) => ({
          key: kind,
          labelKo: labelOf(kind),
          cells: receivedClosedOpen(casesOf(byKind, kind)),
        })),
        notesKo: spec.notesKo ?? [],
      },
      basis: basisOf(kinds.flatMap((kind) => casesOf(byKind, kind))),
    }),
  };
}
