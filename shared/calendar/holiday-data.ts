/**
 * Where the public holidays come from.
 *
 * 「관공서의 공휴일에 관한 규정」 제2조 lists the 공휴일 (Sundays, national days, 설·추석 연휴, 노동절,
 * 제헌절, election days, days the government designates) and 제3조 the 대체공휴일. Instead of
 * re-deriving lunar dates and substitution rules, we take the dated lists from the maintained
 * package `@hyunbinseo/holidays-kr` (built from the 우주항공청 월력요항, the official gazette list,
 * including substitute holidays and election days). It covers whole years only — the years are read
 * from the package itself, so a package update extends coverage without a code change.
 *
 * A 임시공휴일 declared after the package was published goes into TEMPORARY_HOLIDAY_OVERRIDES below
 * (or is added at runtime with `calendar.withHolidays(...)`). Each entry names its basis, because a
 * deadline that moves must be explainable.
 */
import * as packagePresets from '@hyunbinseo/holidays-kr/all';
import type { IsoDate } from './korea-dates.ts';

/** A holiday added on top of the package data, with the decision it rests on. */
export interface HolidayEntry {
  readonly date: IsoDate;
  /** Korean name as it should appear in explanations, e.g. `임시공휴일`. */
  readonly nameKo: string;
  /** Why it is a holiday, e.g. `관공서의 공휴일에 관한 규정 제2조제11호, 2026-09-29 국무회의 의결`. */
  readonly basis: string;
}

/** The full holiday list of one year: date → Korean names (a day can carry two, e.g. 어린이날 and 부처님 오신 날). */
export type YearHolidayList = Readonly<Record<IsoDate, readonly string[]>>;

const PRESET_EXPORT = /^y(\d{4})$/;

function readPackageYears(): ReadonlyMap<number, YearHolidayList> {
  const years = new Map<number, YearHolidayList>();
  for (const [exportName, list] of Object.entries(packagePresets)) {
    const match = PRESET_EXPORT.exec(exportName);
    if (match) years.set(Number(match[1]), list as YearHolidayList);
  }
  return years;
}

/** Every year the installed data package covers, with its list. */
export const PACKAGE_HOLIDAY_YEARS: ReadonlyMap<number, YearHolidayList> = readPackageYears();

/**
 * 임시공휴일 (관공서의 공휴일에 관한 규정 제2조제11호) and late-announced election days that the
 * installed package version does not yet contain. Add an entry when the government designates a day;
 * remove it once the package carries the day itself (the calendar merges duplicates, so a stale entry
 * is harmless). Empty: no designation missing from package 5.2027.1 was known when this was written.
 */
export const TEMPORARY_HOLIDAY_OVERRIDES: readonly HolidayEntry[] = [];
