/**
 * 응답소 현장민원 as records, not cases: about 100,000 a year arrive as the 응답소 export, already
 * handled by the departments. The office monitors them (due time, delay, monthly analysis); nothing
 * is decided per complaint, so no lifecycle runs and no case is opened for one. A complaint that
 * needs the office's own review is filed as a `field-complaint` case by hand (the kind's module).
 *
 * This module turns one row of the export (header → cell value) into a record, or into the reason
 * it cannot (reported with the row number; the rest of the file still imports).
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { Calendar } from '../../calendar/index.ts';
import { dueTime, koreaIso, type ResolvedStandard } from './standards.ts';

/** The export's columns, each with the header names the 응답소 export (and hand-made files) use. */
export const COLUMNS = {
  number: ['응답소번호', '응답소 번호', '민원번호', '접수번호'],
  field: ['분야'],
  item: ['항목', '세부항목'],
  receivedAt: ['접수일시', '접수시각', '접수일'],
  department: ['처리부서', '담당부서', '부서'],
  handler: ['처리담당자', '담당자'],
  completedAt: ['처리완료일시', '처리완료시각', '완료일시'],
  result: ['처리결과', '처리내용'],
  noticeAt: ['통지일시', '결과통지일시', '통지시각'],
  satisfaction: ['만족도'],
} as const;
export type Column = keyof typeof COLUMNS;
export const COLUMN_LABELS_KO: Record<Column, string> = Object.fromEntries(
  Object.entries(COLUMNS).map(([k, names]) => [k, names[0]]),
) as Record<Column, string>;
const REQUIRED: readonly Column[] = ['number', 'field', 'item', 'receivedAt', 'department'];

/** Which column each header of the file is (unknown headers are ignored); missing required columns are named. */
export function mapHeaders(headers: readonly unknown[]): { columns: Map<number, Column>; missing: Column[] } {
  const columns = new Map<number, Column>();
  const norm = (s: unknown) => String(s ?? '').replace(/\s+/g, '');
  headers.forEach((header, index) => {
    for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      if (names.some((n) => norm(n) === norm(header)) && ![...columns.values()].includes(column))
        columns.set(index, column);
    }
  });
  const present = new Set(columns.values());
  return { columns, missing: REQUIRED.filter((c) => !present.has(c)) };
}

export const fieldComplaintSchema = z.object({
  number: z.string().min(1).max(40),
  field: z.string().min(1).max(50),
  item: z.string().min(1).max(100),
  receivedAt: z.string(),
  department: z.string().min(1).max(100),
  handler: z.string().max(100).optional(),
  completedAt: z.string().optional(),
  result: z.string().max(4000).optional(),
  noticeAt: z.string().optional(),
  satisfaction: z.string().max(50).optional(),
});
/** What the export says about one complaint. */
export type FieldComplaintRow = z.infer<typeof fieldComplaintSchema>;

/** The record: the row plus what the office derives (standard, due time, delay, handling time). */
export interface FieldComplaintRecord extends FieldComplaintRow {
  /** `YYYY-MM` of receipt (Korea time): the month the analysis counts it in. */
  month: string;
  standardHours: number;
  counting: ResolvedStandard['counting'];
  /** Whether the item is in the standards table (false: the fallback applied). */
  standardListed: boolean;
  dueAt: string;
  /** Completed after its due time; for an open complaint, see `isDelayed`. */
  delayed?: boolean;
  /** Minutes from receipt to completion, on the clock. */
  handlingMinutes?: number;
  /** SHA-256 of the row as exported: a re-import of the same row changes nothing. */
  rowHash: string;
}

export interface RowError {
  row: number;
  number?: string;
  reasonKo: string;
}

const KOREA_DATE_TIME = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A date-time cell as Korea time ISO. Excel cells arrive as Date (exceljs reads the wall clock as
 * UTC, since Excel stores no zone) or as text such as `2026-03-02 14:05` / `2026.03.02 14:05:00`.
 */
export function parseKoreaDateTime(value: unknown): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return `${value.toISOString().slice(0, 19)}+09:00`;
  }
  const text = String(value).trim();
  const m = KOREA_DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const pad = (v: string) => v.padStart(2, '0');
  const iso = `${y}-${pad(mo!)}-${pad(d!)}T${pad(h)}:${pad(mi)}:${pad(s)}+09:00`;
  const ms = Date.parse(iso);
  // Date.parse accepts 2026-02-30; a real date round-trips.
  if (Number.isNaN(ms) || koreaIso(ms) !== iso) return undefined;
  return iso;
}

const cellText = (value: unknown): string | undefined => {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object' && value !== null && 'text' in value) return String(value.text).trim() || undefined;
  if (typeof value === 'object' && value !== null && 'result' in value)
    return String((value as { result: unknown }).result).trim() || undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
};

export type RowOutcome = { ok: true; row: FieldComplaintRow } | { ok: false; error: RowError };

/** One row of the export (cells in header order) checked into a row, or its error in Korean. */
export function readRow(rowNumber: number, cells: readonly unknown[], columns: Map<number, Column>): RowOutcome {
  const raw: Partial<Record<Column, unknown>> = {};
  for (const [index, column] of columns) raw[column] = cells[index];
  const text: Partial<Record<Column, string>> = {};
  for (const column of Object.keys(COLUMNS) as Column[]) {
    const value = raw[column];
    text[column] = value instanceof Date ? undefined : cellText(value);
  }
  const fail = (reasonKo: string): RowOutcome => ({
    ok: false,
    error: { row: rowNumber, number: text.number, reasonKo },
  });
  for (const column of REQUIRED) {
    if (column === 'receivedAt') continue;
    if (!text[column]) return fail(`${COLUMN_LABELS_KO[column]} 칸이 비어 있습니다`);
  }
  const times: Partial<Record<'receivedAt' | 'completedAt' | 'noticeAt', string>> = {};
  for (const column of ['receivedAt', 'completedAt', 'noticeAt'] as const) {
    const value = raw[column];
    if (value === null || value === undefined || (cellText(value) === undefined && !(value instanceof Date))) {
      if (column === 'receivedAt') return fail(`${COLUMN_LABELS_KO.receivedAt} 칸이 비어 있습니다`);
      continue;
    }
    const parsed = parseKoreaDateTime(value instanceof Date ? value : cellText(value));
    if (!parsed)
      return fail(
        `${COLUMN_LABELS_KO[column]} 칸의 값 '${cellText(value) ?? String(value)}'은(는) 날짜·시각이 아닙니다 (예: 2026-03-02 14:05)`,
      );
    times[column] = parsed;
  }
  if (times.completedAt && Date.parse(times.completedAt) < Date.parse(times.receivedAt!))
    return fail(`${COLUMN_LABELS_KO.completedAt}가 접수일시보다 이릅니다`);
  const candidate = {
    number: text.number,
    field: text.field,
    item: text.item,
    receivedAt: times.receivedAt,
    department: text.department,
    handler: text.handler,
    completedAt: times.completedAt,
    result: text.result,
    noticeAt: times.noticeAt,
    satisfaction: text.satisfaction,
  };
  const parsed = fieldComplaintSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const column = issue.path[0] as Column;
    return fail(`${COLUMN_LABELS_KO[column] ?? String(column)}: ${issue.message}`);
  }
  return { ok: true, row: parsed.data };
}

/** The order of fields the hash covers (stable across versions of this code). */
const HASHED: readonly (keyof FieldComplaintRow)[] = [
  'number',
  'field',
  'item',
  'receivedAt',
  'department',
  'handler',
  'completedAt',
  'result',
  'noticeAt',
  'satisfaction',
];

export function rowHash(row: FieldComplaintRow): string {
  return createHash('sha256')
    .update(JSON.stringify(HASHED.map((k) => row[k] ?? null)))
    .digest('base64url')
    .slice(0, 22);
}

/** The record the office keeps for a row: its standard, due time and delay. */
export function toRecord(row: FieldComplaintRow, standard: ResolvedStandard, calendar: Calendar): FieldComplaintRecord {
  const dueAt = dueTime(row.receivedAt, standard, calendar);
  const completed = row.completedAt ? Date.parse(row.completedAt) : undefined;
  return {
    ...row,
    month: row.receivedAt.slice(0, 7),
    standardHours: standard.hours,
    counting: standard.counting,
    standardListed: standard.listed,
    dueAt,
    ...(completed === undefined
      ? {}
      : {
          delayed: completed > Date.parse(dueAt),
          handlingMinutes: Math.round((completed - Date.parse(row.receivedAt)) / 60_000),
        }),
    rowHash: rowHash(row),
  };
}

/** Delayed as of `asOf`: completed late, or still open past its due time. */
export function isDelayed(record: Pick<FieldComplaintRecord, 'dueAt' | 'delayed' | 'completedAt'>, asOf: string) {
  if (record.completedAt) return record.delayed === true;
  return Date.parse(asOf) > Date.parse(record.dueAt);
}

/** Fields that differ between two rows: `{ field: [before, after] }` (the per-record change log). */
export function rowChanges(before: FieldComplaintRow, after: FieldComplaintRow) {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of HASHED) {
    if ((before[key] ?? null) !== (after[key] ?? null)) changes[key] = [before[key] ?? null, after[key] ?? null];
  }
  return changes;
}
