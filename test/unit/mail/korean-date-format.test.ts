import { describe, expect, it } from 'vitest';
import { formatKoreanDate } from '#shared/mail/korean-date-format.ts';
import { caseLink } from '#shared/mail/mail-case.ts';

describe('formatKoreanDate', () => {
  it('writes a calendar date with its Korean weekday', () => {
    expect(formatKoreanDate('2026-11-27')).toBe('2026년 11월 27일(금)');
    expect(formatKoreanDate('2028-02-29')).toBe('2028년 2월 29일(화)');
  });

  it('reads instants on the Seoul clock, not the server’s', () => {
    expect(formatKoreanDate(new Date('2026-11-26T15:00:00Z'))).toBe('2026년 11월 27일(금)');
    expect(formatKoreanDate('2026-11-26T14:59:59Z')).toBe('2026년 11월 26일(목)');
  });

  it('refuses text that is not a date', () => {
    expect(() => formatKoreanDate('next Friday')).toThrow(RangeError);
  });
});

describe('caseLink', () => {
  it('keeps the base URL’s path and encodes the case id', () => {
    expect(caseLink('https://gamsa.example.go.kr/app', '01JABC')).toBe('https://gamsa.example.go.kr/app/cases/01JABC');
    expect(caseLink('http://localhost:4000/', 'C 1')).toBe('http://localhost:4000/cases/C%201');
  });
});
