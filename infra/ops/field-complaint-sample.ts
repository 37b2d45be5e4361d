/**
 * A 응답소-shaped export (XLSX or CSV) of generated field complaints, for the import test, the
 * benchmark and trying `npm run import` by hand. Deterministic for a seed. Bad rows are placed on
 * purpose (no number, an impossible date, completion before receipt, a repeated number, no
 * department) and the generator returns its own tally of what the file holds.
 */
import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';

export const SAMPLE_ITEMS = [
  { field: '교통', item: '불법 주정차' },
  { field: '가로정비', item: '보안등 고장' },
  { field: '도로', item: '도로 파손(포트홀)' },
  { field: '청소', item: '쓰레기 무단투기' },
  { field: '가로정비', item: '불법 광고물' },
  { field: '공원녹지', item: '가로수 정비' },
] as const;
export const SAMPLE_DEPARTMENTS = ['주차관리과', '도로과', '청소행정과', '건설관리과', '공원녹지과', '교통행정과'];
const HANDLERS = ['김민수', '이서연', '박지훈', '최수빈', '정하늘', '강도윤'];
const RESULTS = ['현장 확인 후 조치 완료', '계도 후 이동 조치', '과태료 부과', '보수 완료', '수거 완료'];
const SATISFACTION = ['매우만족', '만족', '보통', '불만', '매우불만', ''];

export const SAMPLE_HEADERS = [
  '응답소번호',
  '분야',
  '항목',
  '접수일시',
  '처리부서',
  '처리담당자',
  '처리완료일시',
  '처리결과',
  '통지일시',
  '만족도',
];

export interface SampleOptions {
  rows: number;
  /** Korea-time month the complaints start in (`YYYY-MM`); they spread over `months`. */
  from?: string;
  months?: number;
  seed?: number;
  /** One bad row in every `badEvery` (0: none). */
  badEvery?: number;
  /** Prefix of the 응답소 numbers (two files with the same prefix overlap). */
  numberPrefix?: string;
  /** The first number (rows are numbered from it). */
  firstNumber?: number;
}

export interface SampleTally {
  rows: number;
  good: number;
  bad: number;
  /** Row numbers (in the file) of the bad rows, each with what is wrong. */
  badRows: Map<number, string>;
  open: number;
}

const HOUR = 3_600_000;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const wall = (ms: number) => new Date(ms + 9 * HOUR).toISOString().slice(0, 16).replace('T', ' ');

/** The rows (header first) and the tally; cells are text (`YYYY-MM-DD HH:MM`), as a CSV holds them. */
export function* sampleRows(options: SampleOptions): Generator<string[]> {
  const random = mulberry32(options.seed ?? 2026);
  const start = Date.parse(`${options.from ?? '2026-01'}-01T00:00:00+09:00`);
  const span = (options.months ?? 12) * 30 * 24 * HOUR;
  const prefix = options.numberPrefix ?? 'SL';
  const first = options.firstNumber ?? 1;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  yield SAMPLE_HEADERS;
  for (let i = 0; i < options.rows; i++) {
    const { field, item } = pick(SAMPLE_ITEMS);
    const received = start + Math.floor((i / options.rows) * span) + Math.floor(random() * HOUR);
    // Most within a day, some late, some still open.
    const open = random() < 0.03;
    const handled = Math.floor((random() < 0.1 ? 30 + random() * 60 : random() * 20) * HOUR);
    const completed = received + handled;
    yield [
      `${prefix}${String(first + i).padStart(9, '0')}`,
      field,
      item,
      wall(received),
      pick(SAMPLE_DEPARTMENTS),
      pick(HANDLERS),
      open ? '' : wall(completed),
      open ? '' : pick(RESULTS),
      open ? '' : wall(completed + 10 * 60_000),
      open ? '' : pick(SATISFACTION),
    ];
  }
}

/** What is wrong with bad row number k (cycling through the kinds of mistake). */
function spoil(cells: string[], k: number, previousNumber: string): string {
  switch (k % 5) {
    case 0:
      cells[0] = '';
      return '응답소번호 없음';
    case 1:
      cells[3] = '2026-13-45 25:00';
      return '접수일시가 날짜가 아님';
    case 2:
      cells[6] = '2020-01-01 00:00';
      return '완료가 접수보다 이름';
    case 3:
      cells[0] = previousNumber;
      return '번호 중복';
    default:
      cells[4] = '';
      return '처리부서 없음';
  }
}

const isWallClock = (cell: string) =>
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(cell) && !Number.isNaN(Date.parse(`${cell.replace(' ', 'T')}:00Z`));

/** Writes the sample as XLSX (streamed, dates as date cells) or CSV (UTF-8 with BOM) and returns its tally. */
export async function writeSample(path: string, options: SampleOptions): Promise<SampleTally> {
  const tally: SampleTally = { rows: 0, good: 0, bad: 0, badRows: new Map(), open: 0 };
  const csv = path.toLowerCase().endsWith('.csv');
  const workbook = csv
    ? undefined
    : new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const sheet = workbook?.addWorksheet('현장민원');
  const lines: string[] = [];
  let rowNumber = 0;
  let previousNumber = '';
  let badCount = 0;
  for (const cells of sampleRows(options)) {
    rowNumber++;
    if (rowNumber > 1) {
      tally.rows++;
      const badEvery = options.badEvery ?? 0;
      if (badEvery > 0 && rowNumber > 2 && (rowNumber - 1) % badEvery === 0) {
        tally.badRows.set(rowNumber, spoil(cells, badCount++, previousNumber));
        tally.bad++;
      } else {
        tally.good++;
        if (cells[6] === '') tally.open++;
      }
      if (cells[0]) previousNumber = cells[0];
    }
    if (sheet) {
      const values: unknown[] = cells.map((cell, index) =>
        rowNumber > 1 && (index === 3 || index === 6 || index === 8) && isWallClock(cell)
          ? // Excel keeps wall-clock time without a zone; exceljs writes a Date's UTC fields.
            new Date(`${cell.replace(' ', 'T')}:00Z`)
          : cell,
      );
      const row = sheet.addRow(values);
      for (const index of [4, 7, 9]) row.getCell(index).numFmt = 'yyyy-mm-dd hh:mm';
      row.commit();
    } else {
      lines.push(cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','));
    }
  }
  if (workbook) {
    sheet!.commit();
    await workbook.commit();
  } else {
    await writeFile(path, `\uFEFF${lines.join('\r\n')}\r\n`);
  }
  return tally;
}
