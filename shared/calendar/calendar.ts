/**
 * The Korean legal calendar of the office: which days are public holidays, which are business days,
 * and the office's working hours.
 *
 * "Business day" follows 민원처리법 제19조①②: 공휴일과 토요일은 산입하지 아니한다. 공휴일 means the days of
 * 「관공서의 공휴일에 관한 규정」 제2조, which include every Sunday (제1호), 대체공휴일 (제3조),
 * 임시공휴일 (제11호) and election days (제10호의2) — see docs/legal-basis.md#public-holidays. The same set
 * ("토요일 또는 공휴일") moves a Civil Act expiry to the next day (민법 제161조).
 *
 * A Calendar is an immutable value: adding a holiday returns a new Calendar. Deadlines are pure
 * functions of their inputs and a calendar, so recomputing with the new calendar gives the new date.
 */
import * as z from 'zod';
import { CalendarYearNotCoveredError, parseCalendarInput } from './calendar-errors.ts';
import {
  PACKAGE_HOLIDAY_YEARS,
  TEMPORARY_HOLIDAY_OVERRIDES,
  type HolidayEntry,
  type YearHolidayList,
} from './holiday-data.ts';
import { dayOfWeek, isoDateSchema, parseIsoDate, yearOf, type IsoDate } from './korea-dates.ts';
import {
  DEFAULT_WORKING_HOURS,
  resolveWorkingHours,
  type WorkingHours,
  type WorkingHoursConfig,
} from './working-hours.ts';

/** Why a day is not a business day. `reason` is what explanations show: the holiday name, 토요일 or 일요일. */
export interface NonBusinessDay {
  readonly kind: 'holiday' | 'saturday' | 'sunday';
  readonly reason: string;
}

export interface CalendarOptions {
  /** Holidays declared after the data package was published (임시공휴일 etc.). */
  readonly extraHolidays?: readonly HolidayEntry[];
  /**
   * Complete holiday lists for years the package does not carry yet, e.g. `{ '2028': { '2028-01-01': ['1월 1일'], … } }`.
   * Only a complete official list belongs here: a year listed here counts as covered.
   */
  readonly supplementaryYears?: Readonly<Record<string, YearHolidayList>>;
  /** Working hours; defaults to 09:00–18:00 with lunch 12:00–13:00 (see working-hours.ts). */
  readonly workingHours?: WorkingHoursConfig;
  /** Whether to apply TEMPORARY_HOLIDAY_OVERRIDES; default true. */
  readonly includeBuiltInOverrides?: boolean;
}

const holidayEntrySchema = z.object({
  date: isoDateSchema,
  nameKo: z.string().trim().min(1, 'must name the holiday in Korean'),
  basis: z.string().trim().min(1, 'must cite the decision the holiday rests on'),
});

const yearListSchema = z.record(isoDateSchema, z.array(z.string().min(1)).min(1));

const supplementaryYearsSchema = z
  .record(z.string().regex(/^\d{4}$/, 'must be a year, e.g. 2028'), yearListSchema)
  .superRefine((years, ctx) => {
    for (const [year, list] of Object.entries(years)) {
      for (const date of Object.keys(list)) {
        if (!date.startsWith(`${year}-`))
          ctx.addIssue({ code: 'custom', path: [year, date], message: `is not in ${year}` });
      }
    }
  });

export class Calendar {
  readonly workingHours: WorkingHours;
  /** Holidays added on top of the package data (built-in overrides first, then runtime additions). */
  readonly extraHolidays: readonly HolidayEntry[];
  readonly coveredYears: readonly number[];
  readonly #holidays: ReadonlyMap<IsoDate, readonly string[]>;
  readonly #covered: ReadonlySet<number>;
  readonly #supplementaryYears: Readonly<Record<string, YearHolidayList>>;

  private constructor(
    years: ReadonlyMap<number, YearHolidayList>,
    supplementaryYears: Readonly<Record<string, YearHolidayList>>,
    extraHolidays: readonly HolidayEntry[],
    workingHours: WorkingHours,
  ) {
    const holidays = new Map<IsoDate, string[]>();
    const addNames = (date: IsoDate, names: readonly string[]) => {
      const current = holidays.get(date) ?? [];
      holidays.set(date, [...current, ...names.filter((name) => !current.includes(name))]);
    };
    for (const list of years.values()) for (const [date, names] of Object.entries(list)) addNames(date, names);
    for (const entry of extraHolidays) addNames(entry.date, [entry.nameKo]);

    this.#holidays = holidays;
    this.#covered = new Set(years.keys());
    this.#supplementaryYears = supplementaryYears;
    this.coveredYears = [...years.keys()].sort((a, b) => a - b);
    this.extraHolidays = extraHolidays;
    this.workingHours = workingHours;
  }

  /** The calendar from the data package, the built-in 임시공휴일 table and the given options. */
  static create(options: CalendarOptions = {}): Calendar {
    const extra = parseCalendarInput(z.array(holidayEntrySchema), options.extraHolidays ?? [], 'extraHolidays');
    const supplementary = parseCalendarInput(
      supplementaryYearsSchema,
      options.supplementaryYears ?? {},
      'supplementaryYears',
    );
    const years = new Map(PACKAGE_HOLIDAY_YEARS);
    for (const [year, list] of Object.entries(supplementary)) {
      // The package wins for years it has: a supplementary list is a stop-gap, not a correction.
      if (!years.has(Number(year))) years.set(Number(year), list);
    }
    const builtIn = options.includeBuiltInOverrides === false ? [] : TEMPORARY_HOLIDAY_OVERRIDES;
    return new Calendar(
      years,
      supplementary,
      [...builtIn, ...extra],
      resolveWorkingHours(options.workingHours ?? DEFAULT_WORKING_HOURS),
    );
  }

  /** A new calendar with these holidays added (e.g. a 임시공휴일 designated after deadlines were computed). */
  withHolidays(holidays: readonly HolidayEntry[]): Calendar {
    const added = parseCalendarInput(z.array(holidayEntrySchema), holidays, 'holidays');
    return new Calendar(
      this.#yearLists(),
      this.#supplementaryYears,
      [...this.extraHolidays, ...added],
      this.workingHours,
    );
  }

  /** A new calendar with other working hours (지방공무원 복무규정 제2조② 단서 lets the 구청장 move lunch). */
  withWorkingHours(config: WorkingHoursConfig): Calendar {
    return new Calendar(this.#yearLists(), this.#supplementaryYears, this.extraHolidays, resolveWorkingHours(config));
  }

  isCovered(year: number): boolean {
    return this.#covered.has(year);
  }

  /** Names of the public holiday on this date (empty if none; Sundays are not listed by name). */
  holidayNames(date: IsoDate): readonly string[] {
    const day = parseIsoDate(date, 'date');
    this.#assertCovered(day);
    return this.#holidays.get(day) ?? [];
  }

  /** Why the date is not a business day, or undefined for a business day. Holiday names win over the weekday. */
  nonBusinessDay(date: IsoDate): NonBusinessDay | undefined {
    const names = this.holidayNames(date);
    if (names.length > 0) return { kind: 'holiday', reason: names.join('·') };
    const weekday = dayOfWeek(date);
    if (weekday === 6) return { kind: 'saturday', reason: '토요일' };
    if (weekday === 0) return { kind: 'sunday', reason: '일요일' };
    return undefined;
  }

  /** A day counted by 민원처리법 제19조 (not a Saturday, not a 공휴일 incl. Sunday). */
  isBusinessDay(date: IsoDate): boolean {
    return this.nonBusinessDay(date) === undefined;
  }

  /** 공휴일 in the sense of 관공서의 공휴일에 관한 규정 (every Sunday and every listed holiday). */
  isPublicHoliday(date: IsoDate): boolean {
    const kind = this.nonBusinessDay(date)?.kind;
    return kind === 'holiday' || kind === 'sunday';
  }

  #assertCovered(date: IsoDate): void {
    const year = yearOf(date);
    if (!this.#covered.has(year)) throw new CalendarYearNotCoveredError(year, this.coveredYears, date);
  }

  #yearLists(): Map<number, YearHolidayList> {
    const years = new Map(PACKAGE_HOLIDAY_YEARS);
    for (const [year, list] of Object.entries(this.#supplementaryYears))
      if (!years.has(Number(year))) years.set(Number(year), list);
    return years;
  }
}

/** The office calendar: package data + built-in 임시공휴일 table + options. */
export function createCalendar(options: CalendarOptions = {}): Calendar {
  return Calendar.create(options);
}
