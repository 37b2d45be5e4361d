/**
 * CSV that Excel opens correctly with Korean text: a UTF-8 BOM, RFC 4180 quoting, CRLF record ends,
 * Korean headings — and what goes in comes back out of a standard parser unchanged.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { syntheticCase } from '../../../bench/search-seed.ts';
import { CASE_EXPORT_COLUMNS, caseListEntry, type ExportColumn } from '#shared/domain/export-fields.ts';
import { csvWriter } from '#shared/usecases/case-export.ts';

async function toCsv<T>(rows: T[], columns: readonly ExportColumn<T>[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const { stringifier, toRecord } = csvWriter(columns);
  await pipeline(
    Readable.from(rows.map(toRecord)),
    stringifier,
    new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(Buffer.from(chunk)), done()) }),
  );
  return Buffer.concat(chunks);
}

interface Row {
  a: string;
  b: string;
}
const columns: ExportColumn<Row>[] = [
  { key: 'a', header: '제목', value: (r) => r.a },
  { key: 'b', header: '비고, 메모', value: (r) => r.b },
];

const TRICKY: Row[] = [
  { a: '영등포로 "불법" 주정차', b: '쉼표, 그리고 따옴표"' },
  { a: '첫 줄\r\n둘째 줄', b: '줄바꿈\n하나' },
  { a: '캐리지리턴\r만', b: '' },
  { a: '한글 ㄱㄴㄷ 가나다 漢字 😀', b: '  앞뒤 공백  ' },
  { a: '"', b: '""' },
];

describe('CSV export format', () => {
  it('starts with a UTF-8 BOM and ends every record with CRLF', async () => {
    const bytes = await toCsv(TRICKY, columns);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFF제목,"비고, 메모"\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    // Outside quoted fields, no bare LF: every line break that ends a record is CRLF.
    const outsideQuotes = text.replace(/"(?:[^"]|"")*"/g, '');
    expect(outsideQuotes).not.toMatch(/[^\r]\n/);
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180) and parses back to the same values', async () => {
    const text = (await toCsv(TRICKY, columns)).toString('utf8');
    expect(text).toContain('"영등포로 ""불법"" 주정차"');
    expect(text).toContain('"첫 줄\r\n둘째 줄"');
    const parsed: string[][] = parse(text, { bom: true, relax_column_count: false });
    expect(parsed[0]).toEqual(['제목', '비고, 메모']);
    expect(parsed.slice(1)).toEqual(TRICKY.map((r) => [r.a, r.b]));
  });

  it('defuses cells Excel would run as a formula', async () => {
    const text = (await toCsv([{ a: '=HYPERLINK("http://x")', b: '@SUM(A1)' }], columns)).toString('utf8');
    const parsed: string[][] = parse(text, { bom: true });
    expect(parsed[1]).toEqual([`'=HYPERLINK("http://x")`, `'@SUM(A1)`]);
  });

  it('writes a case row with Korean headings, Korea-time dates and the title of a non-sealed case intact', async () => {
    const base = syntheticCase(3, { now: new Date('2026-11-25T03:00:00Z') });
    const c = {
      ...base,
      sealed: false,
      title: '당산동 "공원", 벤치\n파손',
      receivedAt: '2026-03-02T00:30:00Z',
      closedAt: undefined,
      stage: 'review' as const,
    };
    const text = (await toCsv([caseListEntry(c, '2026-11-25')], CASE_EXPORT_COLUMNS)).toString('utf8');
    const [header, row] = parse(text, { bom: true }) as string[][];
    expect(header).toEqual(CASE_EXPORT_COLUMNS.map((col) => col.header));
    const cell = (h: string) => row![header!.indexOf(h)];
    expect(cell('제목')).toBe('당산동 "공원", 벤치\n파손');
    expect(cell('접수 일시')).toBe('2026-03-02 09:30');
    expect(cell('단계')).toBe('검토');
    expect(cell('사건번호')).toBe(c.caseNumber);
  });
});
