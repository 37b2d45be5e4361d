import type { CaseRecord } from '../../domain/case.ts';
import {
  basisOf,
  cases건,
  casesOf,
  SECTIONS,
  type ReportRow,
  type KindReportTable,
} from '../../domain/report-table.ts';
import { REPORT_CATEGORIES, reportCategory, type ReportCategory } from './misconduct.ts';

/**
 * One kind's misconduct investigations in the office's categories (misconduct.ts reportCategory):
 * shared by the office report and GET /reports/misconduct (misconduct-usecases.ts).
 */
export function misconductCounts(cases: Iterable<CaseRecord>): {
  total: number;
  counts: Record<ReportCategory, number>;
  suspended: number;
  closed: number;
} {
  const counts = Object.fromEntries(REPORT_CATEGORIES.map((category) => [category, 0])) as Record<
    ReportCategory,
    number
  >;
  let total = 0;
  let suspended = 0;
  let closed = 0;
  for (const c of cases) {
    total += 1;
    counts[reportCategory(c.misconduct)] += 1;
    if (c.stage === 'suspended') suspended += 1;
    if (c.stage === 'closed') closed += 1;
  }
  return { total, counts, suspended, closed };
}

/** 외부기관 통보사항 조사 / 내부조사·민원사항 조사: 징계·불문경고 / 훈계·주의 / 내부종결·시정조치 / 진행. */
export const misconductTable: KindReportTable = {
  id: 'misconduct',
  order: 10,
  build({ byKind, kinds, labelOf }) {
    const rows: ReportRow[] = kinds.map((kind) => {
      const { total, counts, suspended } = misconductCounts(casesOf(byKind, kind));
      return { key: kind, labelKo: labelOf(kind), cells: { total, ...counts, suspended } };
    });
    return {
      table: {
        id: 'misconduct',
        sectionKo: SECTIONS.misconduct,
        titleKo: '외부기관 통보사항 조사 및 내부조사·민원사항 조사',
        columns: [
          cases건('total', '계'),
          ...REPORT_CATEGORIES.map((category) => cases건(category, category)),
          cases건('suspended', '진행 중 징계절차 정지'),
        ],
        rows,
        notesKo: [
          '처분 구분은 감사담당관이 승인한 처분안 기준이며, 승인 전 사건은 진행으로 셉니다.',
          '징계절차 정지(지방공무원법 제73조)는 진행에 포함된 건수입니다.',
        ],
      },
      basis: basisOf(kinds.flatMap((kind) => casesOf(byKind, kind))),
    };
  },
};
