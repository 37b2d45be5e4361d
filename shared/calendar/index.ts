/** The Korean legal calendar: public holidays, business days, working hours and due dates that explain themselves. */
export { Calendar, createCalendar, type CalendarOptions, type NonBusinessDay } from './calendar.ts';
export {
  CalendarInputError,
  CalendarYearNotCoveredError,
  ExtensionNotAllowedError,
  parseCalendarInput,
} from './calendar-errors.ts';
export {
  PACKAGE_HOLIDAY_YEARS,
  TEMPORARY_HOLIDAY_OVERRIDES,
  type HolidayEntry,
  type YearHolidayList,
} from './holiday-data.ts';
export { dateTimeWithOffsetSchema, isoDateSchema, type IsoDate } from './korea-dates.ts';
export {
  CONFIDENCE_LEVELS,
  COUNTING_RULES,
  PERIOD_UNITS,
  clockStopSchema,
  computeDeadline,
  extendDue,
  recomputeDue,
  type ClockStop,
  type Confidence,
  type CountingMethod,
  type CountingRule,
  type DeadlineRequest,
  type DueDateResult,
  type DueRule,
  type ExtensionStep,
  type PeriodExtension,
  type PeriodUnit,
  type SkippedDay,
} from './period-counting.ts';
export {
  DEFAULT_WORKING_HOURS,
  IMMEDIATE_WORKING_HOURS,
  WORKING_HOURS_PER_DAY,
  type WorkingHours,
  type WorkingHoursConfig,
} from './working-hours.ts';
