/**
 * A case's kind details as staff read them on the case page: labelled lines whose values are already
 * Korean text, written by the kind module (its `details.view`), so the console shows any kind without
 * knowing it. Lines for what is not yet recorded are left out.
 */
import { formatKoreanDate } from '../mail/korean-date-format.ts';

export interface DetailsLine {
  labelKo: string;
  value: string;
}

/** `2026년 12월 4일(금)` from `YYYY-MM-DD` or an instant (Korea time). */
export const dateKo = (value: string): string => formatKoreanDate(value);

/** `12,340,000원` */
export const wonKo = (won: number): string => `${won.toLocaleString('ko-KR')}원`;

/** Lines whose value is undefined (not recorded yet) are dropped. */
export function detailsLines(lines: readonly (readonly [labelKo: string, value: string | undefined])[]): DetailsLine[] {
  return lines.flatMap(([labelKo, value]) => (value === undefined || value === '' ? [] : [{ labelKo, value }]));
}
