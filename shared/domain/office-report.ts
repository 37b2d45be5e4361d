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
import { CHANNELS, type Channel } from './channels.ts';
import type { CaseKind } from './case.ts';
import { KINDS } from '../kinds/registry.ts';
import type { KindModule } from './kind.ts';
import { COMMITTEE_KIND_LABELS, COMMITTEE_KINDS, type CommitteeKind } from './committee-kinds.ts';
import { koreaDate } from './korea-time.ts';
import { CONTRACT_CATEGORIES, CONTRACT_CATEGORY_KEYS } from '../kinds/contract-review/contract-review-settings.ts';
import { selfAuditFindingsTable } from '../kinds/self-audit/self-audit-report.ts';
import {
  MISCONDUCT_KINDS,
  REPORT_CATEGORIES,
  reportCategory,
  type ReportCategory,
} from '../kinds/misconduct/misconduct.ts';

export const REPORT_UNITS = ['건', '명', '회', '일', '%', '원'] as const;
export type ReportUnit = (typeof REPORT_UNITS)[number];

export const TABLE_IDS = [
  'misconduct',
  'grievances',
  'whistleblower',
  'taxpayer',
  'ethics',
  'self-audit-findings',
  'prevention',
  'contract-savings',
  'committees',
  'processing',
] as const;
export type TableId = (typeof TABLE_IDS)[number];

/** The kinds whose modules put them in one of the report's own tables, in the registry's order. */
function kindsIn(table: NonNullable<KindModule['reportTable']> & TableId): readonly CaseKind[] {
  return KINDS.modules.filter((m) => m.reportTable === table).map((m) => m.kind as CaseKind);
}

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

export const SECTIONS = {
  misconduct: '③ 공직자 비위예방 및 투명한 재산신고',
  complaints: '④ 생활 속 주민불편 및 고충민원 관리',
  audit: '① 기본과 원칙에 따른 신뢰받는 감사 행정',
  committees: '위원회 운영',
  processing: '처리기간·기한 준수 (보고서에 없던 지표)',
} as const;

// ── small helpers ────────────────────────────────────────────────────────────────────────────────

const basisOf = (cases: readonly CaseRecord[]): BasisItem[] => cases.map((c) => ({ id: c.caseId, version: c.version }));
const isClosed = (c: CaseRecord) => c.stage === 'closed';
const closedOn = (c: CaseRecord) => (c.closedAt === undefined ? undefined : koreaDate(new Date(c.closedAt)));
const receivedOn = (c: CaseRecord) => koreaDate(new Date(c.receivedAt));

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

function receivedClosedOpen(cases: readonly CaseRecord[]): Record<string, number> {
  const closed = cases.filter(isClosed).length;
  return { received: cases.length, closed, open: cases.length - closed };
}

const cases건 = (key: string, labelKo: string): ReportColumn => ({ key, labelKo, unit: '건' });

// ── the tables, one function each ────────────────────────────────────────────────────────────────

/** The period's cases by kind; its keys are the kinds the report covers (the registry's, in its order). */
export type CasesByKind = Readonly<Record<CaseKind, readonly CaseRecord[]>>;
const casesOf = (byKind: CasesByKind, kind: CaseKind): readonly CaseRecord[] => byKind[kind] ?? [];

/**
 * One kind's misconduct investigations in the office's categories (misconduct.ts reportCategory):
 * shared by this report and GET /reports/misconduct (misconduct-usecases.ts).
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
export function misconductTable(byKind: CasesByKind): ComputedTable {
  const rows: ReportRow[] = MISCONDUCT_KINDS.map((kind) => {
    const { total, counts, suspended } = misconductCounts(casesOf(byKind, kind));
    return { key: kind, labelKo: KINDS.labelOf(kind), cells: { total, ...counts, suspended } };
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
    basis: basisOf(MISCONDUCT_KINDS.flatMap((kind) => casesOf(byKind, kind))),
  };
}

/** The report's channel groups: 응답소 / 구청장에게 바란다 / 전화·방문, then the other channels. */
export const GRIEVANCE_CHANNEL_GROUPS: readonly { key: string; labelKo: string; channels: readonly Channel[] }[] = [
  { key: '응답소', labelKo: '응답소 민원', channels: ['응답소'] },
  { key: '구청장에게 바란다', labelKo: '구청장에게 바란다 민원', channels: ['구청장에게 바란다'] },
  { key: '전화·방문', labelKo: '전화·방문', channels: ['전화', '방문'] },
  ...CHANNELS.filter((ch) => !['응답소', '구청장에게 바란다', '전화', '방문'].includes(ch)).map((ch) => ({
    key: ch,
    labelKo: ch,
    channels: [ch] as const,
  })),
];
export const NO_CHANNEL_KEY = '경로 미기재';

/** 고충민원 접수 및 관리: 총 N건, by channel in the report's grouping. */
export function grievanceTable(byKind: CasesByKind): ComputedTable {
  const cases = kindsIn('grievances').flatMap((kind) => casesOf(byKind, kind));
  const row = (key: string, labelKo: string, of: readonly CaseRecord[]): ReportRow => ({
    key,
    labelKo,
    cells: receivedClosedOpen(of),
  });
  const rows = [
    row('total', '계', cases),
    ...GRIEVANCE_CHANNEL_GROUPS.map((g) =>
      row(
        g.key,
        g.labelKo,
        cases.filter((c) => c.channel !== undefined && g.channels.includes(c.channel)),
      ),
    ),
    row(
      NO_CHANNEL_KEY,
      NO_CHANNEL_KEY,
      cases.filter((c) => c.channel === undefined),
    ),
  ];
  return {
    table: {
      id: 'grievances',
      sectionKo: SECTIONS.complaints,
      titleKo: '고충민원 접수 및 관리 (접수 경로별)',
      columns: [cases건('received', '접수'), cases건('closed', '처리 완료'), cases건('open', '처리 중')],
      rows,
      notesKo: [],
    },
    basis: basisOf(cases),
  };
}

/** A table of received / closed / open cases with one row per kind its modules put in it. */
function kindRowsTable(
  id: NonNullable<KindModule['reportTable']> & TableId,
  sectionKo: string,
  titleKo: string,
  notesKo: string[] = [],
): (byKind: CasesByKind) => ComputedTable {
  return (byKind) => {
    const kinds = kindsIn(id);
    return {
      table: {
        id,
        sectionKo,
        titleKo,
        columns: [cases건('received', '접수'), cases건('closed', '처리 완료'), cases건('open', '처리 중')],
        rows: kinds.map((kind) => ({
          key: kind,
          labelKo: KINDS.labelOf(kind),
          cells: receivedClosedOpen(casesOf(byKind, kind)),
        })),
        notesKo,
      },
      basis: basisOf(kinds.flatMap((kind) => casesOf(byKind, kind))),
    };
  };
}

/** 공익신고 접수 및 관리: N건 (counts only — the reporter's identity is sealed). */
export const whistleblowerTable = kindRowsTable('whistleblower', SECTIONS.complaints, '공익신고 접수 및 관리', [
  '신고자 신원은 공개하지 않으며 건수만 집계합니다.',
]);

/** 지방세 고충민원 및 재산세 등에 대한 세무 상담: N건. */
export const taxpayerTable = kindRowsTable('taxpayer', SECTIONS.complaints, '지방세 납세자보호관 세무 상담');

/** 재산등록 심사 / 재산등록 고지거부 신청 접수 및 심사 — persons (명). */
export function ethicsTable(byKind: CasesByKind): ComputedTable {
  const kinds = kindsIn('ethics');
  return {
    table: {
      id: 'ethics',
      sectionKo: SECTIONS.misconduct,
      titleKo: '공직자 재산등록 심사 및 고지거부 심사',
      columns: [
        { key: 'received', labelKo: '접수', unit: '명' },
        { key: 'closed', labelKo: '심사 완료', unit: '명' },
        { key: 'open', labelKo: '심사 중', unit: '명' },
      ],
      rows: kinds.map((kind) => ({
        key: kind,
        labelKo: KINDS.labelOf(kind),
        cells: receivedClosedOpen(casesOf(byKind, kind)),
      })),
      notesKo: ['한 사건이 한 사람의 심사입니다.'],
    },
    basis: basisOf(kinds.flatMap((kind) => casesOf(byKind, kind))),
  };
}

/** 일상감사 / 계약심사 (사전예방 중심의 감사활동). */
export const preventionTable = kindRowsTable(
  'prevention',
  SECTIONS.audit,
  '사전예방 중심의 감사활동 (일상감사·계약심사)',
);

/**
 * 계약원가심사 절감액: by category and by month of receipt — received, reviews notified, design and
 * reviewed amounts, saving (design − reviewed, as each case computed it) and its average per
 * notified review, and the saving rate over the design amounts. A review counts once its reviewed
 * amount was approved and notified to the department.
 */
export function contractSavingsTable(byKind: CasesByKind): ComputedTable {
  const cases = casesOf(byKind, 'contract-review');
  const row = (key: string, labelKo: string, of: readonly CaseRecord[]): ReportRow => {
    const notified = of.filter((c) => c.contractReview?.notice !== undefined && c.contractReview.result !== undefined);
    const sum = (pick: (c: CaseRecord) => number) => notified.reduce((n, c) => n + pick(c), 0);
    const design = sum((c) => c.contractReview!.designAmountWon);
    const saving = sum((c) => c.contractReview!.result!.savingWon);
    return {
      key,
      labelKo,
      cells: {
        received: of.length,
        notified: notified.length,
        designWon: design,
        reviewedWon: sum((c) => c.contractReview!.result!.reviewedAmountWon),
        savingWon: saving,
        averageSavingWon: notified.length === 0 ? null : Math.round(saving / notified.length),
        savingRate: design === 0 ? null : Math.round((saving / design) * 1000) / 10,
      },
    };
  };
  const months = [...new Set(cases.map((c) => receivedOn(c).slice(0, 7)))].sort();
  return {
    table: {
      id: 'contract-savings',
      sectionKo: SECTIONS.audit,
      titleKo: '계약원가심사 절감액 (분야별·월별)',
      columns: [
        cases건('received', '접수'),
        cases건('notified', '심사 통보'),
        { key: 'designWon', labelKo: '설계금액', unit: '원' },
        { key: 'reviewedWon', labelKo: '심사금액', unit: '원' },
        { key: 'savingWon', labelKo: '절감액', unit: '원' },
        { key: 'averageSavingWon', labelKo: '건당 평균 절감액', unit: '원' },
        { key: 'savingRate', labelKo: '절감률', unit: '%' },
      ],
      rows: [
        row('total', '계', cases),
        ...CONTRACT_CATEGORY_KEYS.map((category) =>
          row(
            category,
            CONTRACT_CATEGORIES[category].labelKo,
            cases.filter((c) => c.contractReview?.category === category),
          ),
        ),
        ...months.map((month) =>
          row(
            month,
            `${month.slice(0, 4)}년 ${Number(month.slice(5))}월`,
            cases.filter((c) => receivedOn(c).startsWith(month)),
          ),
        ),
      ],
      notesKo: [
        '절감액 = 설계금액 − 심사금액 (사건마다 계산한 값의 합). 심사 결과가 결재·통보된 건만 금액에 넣습니다.',
        '월은 접수일(한국 날짜) 기준입니다. 평균은 통보 건당, 절감률은 설계금액 합계 대비입니다.',
      ],
    },
    basis: basisOf(cases),
  };
}

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

/** Which tables the report has, in the order it prints them; committees only when meetings can be read. */
export function computeTables(
  byKind: CasesByKind,
  meetings: readonly MeetingHeld[] | undefined,
  kindLabel: (kind: string) => string = KINDS.labelOf,
): ComputedTable[] {
  return [
    misconductTable(byKind),
    ethicsTable(byKind),
    grievanceTable(byKind),
    whistleblowerTable(byKind),
    taxpayerTable(byKind),
    selfAuditFindingsTable(casesOf(byKind, 'self-audit'), SECTIONS.audit),
    preventionTable(byKind),
    contractSavingsTable(byKind),
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
    tables: Partial<Record<TableId, TableDigest>>;
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
  const tables: Partial<Record<TableId, TableDigest>> = {};
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
  /** Korean names of the kinds (the registry's; the office's when not given). */
  kindLabel?: (kind: string) => string;
}): OfficeReportData {
  const { period, generatedAt, byKind, meetings } = params;
  const computed = computeTables(byKind, meetings, params.kindLabel);
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
  const ids = TABLE_IDS.filter((id) => frozen.tables.some((t) => t.id === id) || now.tables.some((t) => t.id === id));
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
