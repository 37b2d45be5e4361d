/**
 * The office report's patrol-finding tables: by where the finding came from (상시·기획·간부 순찰,
 * 우리동네살피미) and by 동, each with its status — the map-free list the patrol team reads. Counts only.
 */
import type { CaseRecord } from '../../domain/case.ts';
import {
  casesOf,
  SECTIONS,
  type KindReportTable,
  type ReportColumn,
  type ReportRow,
} from '../../domain/report-table.ts';
import { PATROL_ORIGINS, patrolFindingStatus, type PatrolFindingRecord } from './patrol-finding.ts';

export const PATROL_FINDINGS_TABLE = 'patrol-findings';
export const PATROL_FINDINGS_BY_DONG_TABLE = 'patrol-findings-by-dong';

const recordOf = (c: CaseRecord) => (c as { patrolFinding?: PatrolFindingRecord }).patrolFinding;

const COLUMNS: ReportColumn[] = [
  { key: 'found', labelKo: '적출', unit: '건' },
  { key: 'requested', labelKo: '조치 요구', unit: '건' },
  { key: 'correcting', labelKo: '부서 조치 중', unit: '건' },
  { key: 'rechecking', labelKo: '재확인 대기', unit: '건' },
  { key: 'resolved', labelKo: '해결', unit: '건' },
  { key: 'closedWithoutRequest', labelKo: '요구 없이 종결', unit: '건' },
  { key: 'lateReports', labelKo: '기한 넘긴 조치 보고', unit: '건' },
];

function row(key: string, labelKo: string, records: readonly PatrolFindingRecord[]): ReportRow {
  const status = records.map(patrolFindingStatus);
  const count = (s: string) => status.filter((x) => x === s).length;
  return {
    key,
    labelKo,
    cells: {
      found: records.length,
      requested: records.filter((r) => r.request !== undefined).length,
      correcting: count('correcting'),
      rechecking: count('rechecking'),
      resolved: count('resolved'),
      closedWithoutRequest: count('closed-without-request'),
      // A report is late when it came after the date then in force (the request's or the last extension's).
      lateReports: records.filter((r) =>
        r.reports.some((rep, i) => {
          const due = dueWhenReported(r, i);
          return due !== undefined && rep.reportedOn > due;
        }),
      ).length,
    },
  };
}

/** The due date in force for the `i`-th report: that round's date, moved by extensions made before the report. */
function dueWhenReported(r: PatrolFindingRecord, i: number): string | undefined {
  const report = r.reports[i]!;
  const roundStart = i === 0 ? r.request?.dueOn : r.rechecks[i - 1]?.newDueOn;
  const since = i === 0 ? (r.request?.requestedOn ?? '') : (r.rechecks[i - 1]?.checkedOn ?? '');
  const extended = r.extensions.filter((e) => e.extendedOn >= since && e.extendedOn <= report.reportedOn).at(-1);
  return extended?.toDueOn ?? roundStart;
}

function tables(cases: readonly CaseRecord[]) {
  const records = cases.map(recordOf).filter((r): r is PatrolFindingRecord => r !== undefined);
  return { records, basis: cases.map((c) => ({ id: c.caseId, version: c.version })) };
}

export const patrolFindingsTable: KindReportTable = {
  id: PATROL_FINDINGS_TABLE,
  order: 90,
  build: ({ byKind, kinds }) => {
    const { records, basis } = tables(kinds.flatMap((kind) => casesOf(byKind, kind)));
    return {
      table: {
        id: PATROL_FINDINGS_TABLE,
        sectionKo: SECTIONS.complaints,
        titleKo: '순찰 지적사항 (순찰 구분별)',
        columns: COLUMNS,
        rows: [
          row('total', '계', records),
          ...Object.entries(PATROL_ORIGINS).map(([origin, labelKo]) =>
            row(
              origin,
              labelKo,
              records.filter((r) => r.origin === origin),
            ),
          ),
        ],
        notesKo: [
          `기간 안에 접수된 순찰 지적사항 ${records.length}건의 지금 상태입니다.`,
          '조치 기한은 법정 기한이 아닌 분야별 설정값입니다 (구 규칙 확인 필요).',
        ],
      },
      basis,
    };
  },
};

export const patrolFindingsByDongTable: KindReportTable = {
  id: PATROL_FINDINGS_BY_DONG_TABLE,
  order: 91,
  build: ({ byKind, kinds }) => {
    const { records, basis } = tables(kinds.flatMap((kind) => casesOf(byKind, kind)));
    const dongs = [...new Set(records.map((r) => r.place.dong))].sort((a, b) => a.localeCompare(b, 'ko'));
    return {
      table: {
        id: PATROL_FINDINGS_BY_DONG_TABLE,
        sectionKo: SECTIONS.complaints,
        titleKo: '순찰 지적사항 (동별)',
        columns: COLUMNS,
        rows: [
          row('total', '계', records),
          ...dongs.map((dong) =>
            row(
              dong,
              dong,
              records.filter((r) => r.place.dong === dong),
            ),
          ),
        ],
        notesKo: ['동은 지적 장소의 행정동입니다.'],
      },
      basis,
    };
  },
};
