/**
 * The office's yearly work report (2023 주요업무 보고, part Ⅱ 주요업무 추진실적), computed from the
 * cases instead of by hand — pure: the use case (shared/usecases/office-report.ts) reads the cases of
 * each kind received in the period through the kind index and hands them here.
 *
 * Every table has the same generic shape (rows × columns of numbers, each column with its Korean
 * unit 건/명/회/일/%), so the JSON, Markdown and HTML outputs and the frozen-report check all treat
 * tables alike. Each table is made by one small function from the cases it counts.
 *
 * Definitions (written down because the printed report does not say):
 * - A case counts in the period it was **received** (receivedAt, Korea date, inclusive) — as the
 *   misconduct report and the quarterly grievance analysis count.
 * - Its outcome is its state **when the report is generated** (the printed report's "진행 7건" are
 *   the cases still open at the time of writing).
 * - Misconduct categories are those of misconduct.ts `reportCategory` (the approved disposition).
 * - Processing days = calendar days from the Korea date of receipt to the Korea date of closure,
 *   over the closed cases. Median: the middle value (mean of the two middle values for an even
 *   count); 90th percentile: nearest rank (the ⌈0.9·n⌉-th smallest value). Null when none closed.
 * - On time = closed on or before the case's processing deadline (dueDate, Korea date); the rate is
 *   over the closed cases that have a deadline; null when there are none.
 * - 재산등록 심사 and 고지거부 심사 count persons (명): one case is one person's review.
 *
 * Only counts leave this module: no title, no person, no sealed identity field is ever put in a
 * table (sealed cases — whistleblower reports, misconduct investigations — are counted like any other).
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { CaseRecord } from './case.ts';
import { KINDS } from '../kinds/registry.ts';
import type { KindRegistry } from './kind-registry.ts';
import { COMMITTEE_KIND_LABELS, COMMITTEE_KINDS, type CommitteeKind } from './committee-kinds.ts';
import { koreaDate } from './korea-time.ts';
import {
  basisOf,
  casesOf,
  cases건,
  isClosed,
  receivedOn,
  SECTIONS,
  type CasesByKind,
  type ComputedTable,
  type ReportRow,
  type ReportTable,
  type ReportUnit,
  type TableId,
} from './report-table.ts';

export {
  REPORT_UNITS,
  SECTIONS,
  type BasisItem,
  type CasesByKind,
  type ComputedTable,
  type ReportColumn,
  type ReportRow,
  type ReportTable,
  type ReportUnit,
  type TableId,
} from './report-table.ts';

/**
 * The report's own tables, after the ones the kinds contribute (kind.ts `reportTables`):
 * `field-complaints` is made from the imported 응답소 records (not cases) by the use case, which
 * hands it in as one of `extraTables`.
 */
const CORE_TABLE_IDS = ['field-complaints', 'committees', 'processing'] as const;

/** The ids of a registry's report tables, in the order the report prints them. */
export function tableIdsOf(kinds: KindRegistry): [TableId, ...TableId[]] {
  const ids: TableId[] = [...kinds.reportTables.map((t) => t.table.id), ...CORE_TABLE_IDS];
  return ids as [TableId, ...TableId[]];
}

/** The office's report tables (the API's enum of table ids). */
export const TABLE_IDS = tableIdsOf(KINDS);

/** A meeting held, as the committee repository lists it (only what the report needs). */
export interface MeetingHeld {
  meetingId: string;
  committee: CommitteeKind;
  version: number;
}

export interface ReportPeriod {
  from: string;
  to: string;
}

// ── small helpers ────────────────────────────────────────────────────────────────────────────────

const closedOn = (c: CaseRecord) => (c.closedAt === undefined ? undefined : koreaDate(new Date(c.closedAt)));

const dayNumber = (isoDate: string) => Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);

/** Calendar days from receipt to closure (Korea dates); undefined while open. */
export function processingDays(c: Pick<CaseRecord, 'receivedAt' | 'closedAt' | 'stage'>): number | undefined {
  if (c.stage !== 'closed' || c.closedAt === undefined) return undefined;
  return dayNumber(koreaDate(new Date(c.closedAt))) - dayNumber(koreaDate(new Date(c.receivedAt)));
}

/** The middle value; the mean of the two middle values for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile: the ⌈p/100·n⌉-th smallest value; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Percent with one decimal (e.g. 87.5); null when there is nothing to divide by. */
export function ratePercent(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}

// ── the tables the report makes itself ───────────────────────────────────────────────────────────

/** 위원회 회의 개최: N회 per committee (meetings held in the period). */
export function committeeTable(meetings: readonly MeetingHeld[]): ComputedTable {
  return {
    table: {
      id: 'committees',
      sectionKo: SECTIONS.committees,
      titleKo: '위원회 회의 개최',
      columns: [{ key: 'held', labelKo: '개최', unit: '회' }],
      rows: [
        { key: 'total', labelKo: '계', cells: { held: meetings.length } },
        ...COMMITTEE_KINDS.map((committee) => ({
          key: committee,
          labelKo: COMMITTEE_KIND_LABELS[committee],
          cells: { held: meetings.filter((m) => m.committee === committee).length },
        })),
      ],
      notesKo: ['기간 안에 개최된(회의일 기준) 회의 수입니다.'],
    },
    basis: meetings.map((m) => ({ id: m.meetingId, version: m.version })),
  };
}

/** Per kind: received, closed, median and 90th-percentile processing days, on-time rate. */
export function processingTable(
  byKind: CasesByKind,
  kindLabel: (kind: string) => string = KINDS.labelOf,
): ComputedTable {
  const rows = Object.keys(byKind).map((kind): ReportRow => {
    const cases = casesOf(byKind, kind);
    const closed = cases.filter(isClosed);
    const days = closed.map((c) => processingDays(c)).filter((d): d is number => d !== undefined);
    const withDue = closed.filter((c) => c.dueDate !== undefined);
    const onTime = withDue.filter((c) => closedOn(c)! <= c.dueDate!).length;
    return {
      key: kind,
      labelKo: kindLabel(kind),
      cells: {
        received: cases.length,
        closed: closed.length,
        medianDays: median(days),
        p90Days: percentile(days, 90),
        closedWithDue: withDue.length,
        onTime,
        onTimeRate: ratePercent(onTime, withDue.length),
      },
    };
  });
  return {
    table: {
      id: 'processing',
      sectionKo: SECTIONS.processing,
      titleKo: '사건 종류별 처리기간 및 기한 내 처리율',
      columns: [
        cases건('received', '접수'),
        cases건('closed', '종결'),
        { key: 'medianDays', labelKo: '처리일수 중앙값', unit: '일' },
        { key: 'p90Days', labelKo: '처리일수 90백분위', unit: '일' },
        cases건('closedWithDue', '기한 있는 종결'),
        cases건('onTime', '기한 내 처리'),
        { key: 'onTimeRate', labelKo: '기한 내 처리율', unit: '%' },
      ],
      rows,
      notesKo: [
        '처리일수: 접수일부터 종결일까지의 달력 일수(한국 날짜), 종결 사건만.',
        '중앙값은 가운데 값(짝수 건이면 가운데 두 값의 평균), 90백분위는 최근순위법(⌈0.9·n⌉번째 값).',
        '기한 내 처리율: 처리기한이 있는 종결 사건 중 기한 당일까지 종결된 비율.',
      ],
    },
    basis: basisOf(Object.keys(byKind).flatMap((kind) => casesOf(byKind, kind))),
  };
}

/**
 * Which tables the report has, in the order it prints them: the kinds' tables (each from the
 * registry's kinds that count in it), committees only when meetings can be read, then processing.
 */
export function computeTables(
  byKind: CasesByKind,
  meetings: readonly MeetingHeld[] | undefined,
  kinds: KindRegistry = KINDS,
  kindLabel: (kind: string) => string = kinds.labelOf,
  asOf?: string,
  extraTables: readonly ComputedTable[] = [],
): ComputedTable[] {
  return [
    ...kinds.reportTables.map(({ table, kinds: counted }) =>
      table.build({ byKind, kinds: counted, labelOf: kindLabel, ...(asOf !== undefined && { asOf }) }),
    ),
    ...extraTables,
    ...(meetings ? [committeeTable(meetings)] : []),
    processingTable(byKind, kindLabel),
  ];
}

// ── the report and its hash ──────────────────────────────────────────────────────────────────────

export interface TableDigest {
  /** SHA-256 of the canonical table (rows and cells, RFC 8785). */
  cellsHash: string;
  /** SHA-256 of the canonical list of what it counted: [{id, version}] sorted by id. */
  basisHash: string;
  /** How many cases (or meetings) it counted. */
  counted: number;
}

export interface OfficeReportData {
  reportKind: 'office-report';
  period: ReportPeriod;
  generatedAt: string;
  timeZone: 'Asia/Seoul';
  titleKo: string;
  tables: ReportTable[];
  /** Why a table is missing, e.g. committee meetings cannot be read yet. */
  omittedKo: string[];
  digest: {
    /** SHA-256 of canonicalize({ period, tables: { [id]: { cellsHash, basisHash } } }) — the report's data hash. */
    dataHash: string;
    tables: Record<TableId, TableDigest>;
    /** Distinct cases counted (every case received in the period). */
    caseCount: number;
  };
}

export const sha256Hex = (value: unknown): string =>
  createHash('sha256')
    .update(canonicalize(value) ?? 'null', 'utf8')
    .digest('hex');

export function digestOf(
  period: ReportPeriod,
  computed: readonly ComputedTable[],
): Omit<OfficeReportData['digest'], 'caseCount'> {
  const tables: Record<TableId, TableDigest> = {};
  for (const { table, basis } of computed) {
    const sorted = [...basis].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    tables[table.id] = {
      cellsHash: sha256Hex({ columns: table.columns, rows: table.rows }),
      basisHash: sha256Hex(sorted),
      counted: sorted.length,
    };
  }
  const hashed = Object.fromEntries(
    Object.entries(tables).map(([id, d]) => [id, { cellsHash: d.cellsHash, basisHash: d.basisHash }]),
  );
  return { dataHash: sha256Hex({ period, tables: hashed }), tables };
}

export function buildOfficeReport(params: {
  period: ReportPeriod;
  generatedAt: string;
  byKind: CasesByKind;
  meetings: readonly MeetingHeld[] | undefined;
  /** The kinds whose tables the report has (the office's when not given). */
  kinds?: KindRegistry;
  /** Korean names of the kinds (the registry's when not given). */
  kindLabel?: (kind: string) => string;
  /** Tables made from records that are not cases (the 응답소 현장민원 table), printed after the kinds'. */
  extraTables?: readonly ComputedTable[];
}): OfficeReportData {
  const { period, generatedAt, byKind, meetings } = params;
  const madeOn = koreaDate(new Date(generatedAt));
  const asOf = madeOn < period.to ? madeOn : period.to;
  const computed = computeTables(byKind, meetings, params.kinds, params.kindLabel, asOf, params.extraTables);
  const caseCount = Object.values(byKind).reduce((n, cases) => n + cases.length, 0);
  return {
    reportKind: 'office-report',
    period,
    generatedAt,
    timeZone: 'Asia/Seoul',
    titleKo: `감사담당관 주요업무 추진실적 (${period.from} ~ ${period.to})`,
    tables: computed.map((c) => c.table),
    omittedKo: meetings
      ? []
      : [
          '위원회 회의 개최 실적: 위원회 회의 기록을 읽을 수 없어(위원회 저장소 없음) 표를 싣지 않았습니다. 추정치를 싣지 않습니다.',
        ],
    digest: { ...digestOf(period, computed), caseCount },
  };
}

/** The cases in `cases` received in [from, to] (Korea dates): a guard on what the index returned. */
export function receivedInPeriod(c: CaseRecord, period: ReportPeriod): boolean {
  const on = receivedOn(c);
  return on >= period.from && on <= period.to;
}

// ── comparing a frozen report with the data now ──────────────────────────────────────────────────

export interface CellChange {
  row: string;
  rowLabelKo: string;
  column: string;
  columnLabelKo: string;
  frozen: number | null;
  now: number | null;
}

export interface TableCheck {
  id: TableId;
  titleKo: string;
  /** The table's figures are the same. */
  cellsMatch: boolean;
  /** The cases (ids and versions) it counted are the same. */
  basisMatch: boolean;
  countedFrozen: number;
  countedNow: number;
  changes: CellChange[];
  /** The table is in one report and not in the other (e.g. committee meetings became readable). */
  presence?: 'only-frozen' | 'only-now';
}

export function compareReports(
  frozen: OfficeReportData,
  now: OfficeReportData,
): { matches: boolean; tables: TableCheck[] } {
  // The office's order first; a table of a kind no longer (or not yet) registered follows.
  const present = [...frozen.tables, ...now.tables].map((t) => t.id);
  const ids = [...new Set([...TABLE_IDS.filter((id) => present.includes(id)), ...present])];
  const tables = ids.map((id): TableCheck => {
    const a = frozen.tables.find((t) => t.id === id);
    const b = now.tables.find((t) => t.id === id);
    const da = frozen.digest.tables[id];
    const db = now.digest.tables[id];
    const titleKo = (a ?? b)!.titleKo;
    if (!a || !b) {
      return {
        id,
        titleKo,
        cellsMatch: false,
        basisMatch: false,
        countedFrozen: da?.counted ?? 0,
        countedNow: db?.counted ?? 0,
        changes: [],
        presence: a ? 'only-frozen' : 'only-now',
      };
    }
    const changes: CellChange[] = [];
    const rowKeys = [...new Set([...a.rows.map((r) => r.key), ...b.rows.map((r) => r.key)])];
    const columns = [...new Map([...a.columns, ...b.columns].map((c) => [c.key, c])).values()];
    for (const rowKey of rowKeys) {
      const ra = a.rows.find((r) => r.key === rowKey);
      const rb = b.rows.find((r) => r.key === rowKey);
      for (const column of columns) {
        const va = ra?.cells[column.key] ?? null;
        const vb = rb?.cells[column.key] ?? null;
        if (va !== vb)
          changes.push({
            row: rowKey,
            rowLabelKo: (ra ?? rb)!.labelKo,
            column: column.key,
            columnLabelKo: column.labelKo,
            frozen: va,
            now: vb,
          });
      }
    }
    return {
      id,
      titleKo,
      cellsMatch: changes.length === 0 && da?.cellsHash === db?.cellsHash,
      basisMatch: da?.basisHash === db?.basisHash,
      countedFrozen: da?.counted ?? 0,
      countedNow: db?.counted ?? 0,
      changes,
    };
  });
  return {
    matches: frozen.digest.dataHash === now.digest.dataHash && tables.every((t) => t.cellsMatch && t.basisMatch),
    tables,
  };
}

/** A number as the report prints it: thousands separators, `-` for none. */
export function formatCell(value: number | null, unit: ReportUnit): string {
  if (value === null) return '-';
  const text = Number.isInteger(value)
    ? value.toLocaleString('ko-KR')
    : value.toLocaleString('ko-KR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${text}${unit === '%' ? '%' : unit}`;
}
