/**
 * Reads the 응답소 export (XLSX, or CSV in UTF-8 or EUC-KR as Korean spreadsheets save it) as rows
 * of cells with their row number in the file. XLSX is streamed (exceljs' WorkbookReader), so a
 * year's file never sits in memory as a workbook. The header row is the first row (of the first
 * ten) that names every required column; rows above it (a title, a period line) are skipped.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { type Column, COLUMN_LABELS_KO, mapHeaders } from './complaint-record.ts';
import { ExportFileError } from './export-file-error.ts';

export type ExportFormat = 'xlsx' | 'csv';

export interface ExportRow {
  /** The row's number in the file (1 = first line or sheet row), as the person who opens it sees it. */
  row: number;
  cells: unknown[];
}

export { ExportFileError };

export function formatOf(fileName: string): ExportFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv')) return 'csv';
  throw new ExportFileError(`지원하지 않는 파일 형식입니다: ${fileName} (XLSX 또는 CSV)`);
}

async function* xlsxRows(path: string): AsyncGenerator<ExportRow> {
  // styles: 'cache' lets exceljs turn date-formatted cells into Dates.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      // row.values is 1-based (index 0 unused).
      yield { row: row.number, cells: (row.values as unknown[]).slice(1) };
    }
    return; // the first sheet is the export
  }
}

async function* csvRows(path: string): AsyncGenerator<ExportRow> {
  const bytes = await readFile(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('euc-kr').decode(bytes);
  }
  const parser = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { row: record.info.lines, cells: record.record };
  }
}

export interface OpenedExport {
  columns: Map<number, Column>;
  headerRow: number;
  rows: AsyncGenerator<ExportRow>;
}

/** The export's header mapping and the data rows after it; throws ExportFileError when no header row names the required columns. */
export async function openExport(path: string, format: ExportFormat = formatOf(path)): Promise<OpenedExport> {
  const source = format === 'xlsx' ? xlsxRows(path) : csvRows(path);
  let bestMissing: Column[] | undefined;
  for (let seen = 0; seen < 10; seen++) {
    const next = await source.next();
    if (next.done) break;
    const { columns, missing } = mapHeaders(next.value.cells);
    if (missing.length === 0) return { columns, headerRow: next.value.row, rows: source };
    if (!bestMissing || missing.length < bestMissing.length) bestMissing = missing;
  }
  await source.return(undefined);
  throw new ExportFileError(
    `머리글 행을 찾지 못했습니다: ${(bestMissing ?? []).map((c) => COLUMN_LABELS_KO[c]).join(', ')} 열이 필요합니다`,
  );
}
