/**
 * EventBridge Scheduler expressions: `cron(...)`, `rate(...)` and `at(...)`, parsed and validated
 * exactly as strictly as AWS does (or stricter where AWS's documentation is silent), because an
 * expression that only fails at deploy time, or that runs differently on one machine than on AWS,
 * is the bug this module exists to prevent.
 *
 * Rules followed (EventBridge cron reference and Scheduler schedule types):
 * - cron has six fields: minutes 0-59, hours 0-23, day-of-month 1-31 (`, - * ? / L W`),
 *   month 1-12 or JAN-DEC (`, - * /`), day-of-week 1-7 = SUN-SAT (`, - * ? L #`), year 1970-2199.
 * - exactly one of day-of-month and day-of-week is `?`.
 * - `L`, `nW`, `nL` and `d#n` stand alone in their field (a `#` expression cannot be listed).
 * - rate(value unit): positive integer, minute(s)/hour(s)/day(s), singular exactly when value is 1.
 * - at(yyyy-mm-ddThh:mm:ss): a real calendar date and time, read in the schedule's time zone.
 *
 * Where AWS's rules are undocumented we reject rather than guess: upper-case names only, single
 * spaces between fields, ranges that go upward, `LW` and `L-n` offsets. Loosen with evidence.
 */
import * as z from 'zod';
import { ValidationError } from '../domain/errors.ts';

export const CRON_FIELD_NAMES = ['minutes', 'hours', 'day-of-month', 'month', 'day-of-week', 'year'] as const;
export type CronFieldName = (typeof CRON_FIELD_NAMES)[number];

/** Which part of an expression a problem is in; cron problems name the cron field. */
export type ScheduleExpressionPart = 'expression' | CronFieldName | 'rate value' | 'rate unit' | 'at';

/** A 400 like any other bad input (schedules will be set through the API, e.g. meeting reminders). */
export class ScheduleExpressionError extends ValidationError {
  override name = 'ScheduleExpressionError';
  readonly expression: string;
  readonly part: ScheduleExpressionPart;

  constructor(expression: string, part: ScheduleExpressionPart, rule: string) {
    super(
      `Invalid schedule expression "${expression}" — ${part}: ${rule}`,
      `일정 표현식이 올바르지 않습니다 "${expression}" — ${part}: ${rule}`,
      {
        field: part,
        rule,
      },
    );
    this.expression = expression;
    this.part = part;
  }
}

export interface CronExpression {
  kind: 'cron';
  source: string;
  /** The six fields as written, in AWS order. */
  fields: Readonly<Record<CronFieldName, string>>;
}

export type RateUnit = 'minute' | 'hour' | 'day';

export interface RateExpression {
  kind: 'rate';
  source: string;
  value: number;
  unit: RateUnit;
  intervalMs: number;
}

/** A wall-clock time with no zone; `at()` is read in the schedule's time zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export interface AtExpression {
  kind: 'at';
  source: string;
  wallTime: WallTime;
}

export type ScheduleExpression = CronExpression | RateExpression | AtExpression;

interface FieldSpec {
  min: number;
  max: number;
  /** Upper-case names mapped to their numbers (JAN=1, SUN=1). */
  names?: Readonly<Record<string, number>>;
  question: boolean;
  step: boolean;
}

const MONTH_NAMES = {
  JAN: 1,
  FEB: 2,
  MAR: 3,
  APR: 4,
  MAY: 5,
  JUN: 6,
  JUL: 7,
  AUG: 8,
  SEP: 9,
  OCT: 10,
  NOV: 11,
  DEC: 12,
};
const DAY_NAMES = { SUN: 1, MON: 2, TUE: 3, WED: 4, THU: 5, FRI: 6, SAT: 7 };

const FIELD_SPECS: Readonly<Record<CronFieldName, FieldSpec>> = {
  minutes: { min: 0, max: 59, question: false, step: true },
  hours: { min: 0, max: 23, question: false, step: true },
  'day-of-month': { min: 1, max: 31, question: true, step: true },
  month: { min: 1, max: 12, names: MONTH_NAMES, question: false, step: true },
  // AWS lists no `/` for day-of-week (Quartz has it); follow AWS.
  'day-of-week': { min: 1, max: 7, names: DAY_NAMES, question: true, step: false },
  year: { min: 1970, max: 2199, question: false, step: true },
};

const RATE_UNITS: Readonly<Record<string, { unit: RateUnit; plural: boolean }>> = {
  minute: { unit: 'minute', plural: false },
  minutes: { unit: 'minute', plural: true },
  hour: { unit: 'hour', plural: false },
  hours: { unit: 'hour', plural: true },
  day: { unit: 'day', plural: false },
  days: { unit: 'day', plural: true },
};

const UNIT_MS: Readonly<Record<RateUnit, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Parses an EventBridge Scheduler expression, or throws a ScheduleExpressionError naming the part and rule. */
export function parseScheduleExpression(expression: string): ScheduleExpression {
  const kind = /^(cron|rate|at)\((.*)\)$/s.exec(expression);
  if (!kind) {
    throw new ScheduleExpressionError(
      expression,
      'expression',
      'must be cron(...), rate(...) or at(...), lower-case, with nothing around it',
    );
  }
  const body = kind[2] ?? '';
  switch (kind[1]) {
    case 'cron':
      return parseCron(expression, body);
    case 'rate':
      return parseRate(expression, body);
    default:
      return parseAt(expression, body);
  }
}

/** A schedule expression string that AWS would accept (zod boundary for declarations and API input). */
export const scheduleExpressionSchema = z.string().superRefine((value, ctx) => {
  try {
    parseScheduleExpression(value);
  } catch (error) {
    if (!(error instanceof ScheduleExpressionError)) throw error;
    ctx.addIssue({ code: 'custom', message: `${error.part}: ${error.rule}` });
  }
});

/** An IANA time zone name the runtime knows (EventBridge Scheduler takes IANA names too). */
export const timeZoneSchema = z
  .string()
  .refine(isKnownTimeZone, { message: 'must be an IANA time zone name such as Asia/Seoul' });

function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function parseCron(expression: string, body: string): CronExpression {
  const parts = body.split(' ');
  if (parts.length !== 6 || parts.some((p) => p === '')) {
    throw new ScheduleExpressionError(
      expression,
      'expression',
      `cron needs six fields (minutes hours day-of-month month day-of-week year) separated by single spaces; found ${body.trim() === '' ? 0 : body.trim().split(/\s+/).length}`,
    );
  }
  const fields = Object.fromEntries(CRON_FIELD_NAMES.map((name, i) => [name, parts[i] ?? ''])) as Record<
    CronFieldName,
    string
  >;
  for (const name of CRON_FIELD_NAMES) validateCronField(expression, name, fields[name]);

  const domAny = fields['day-of-month'] === '?';
  const dowAny = fields['day-of-week'] === '?';
  if (domAny && dowAny) {
    throw new ScheduleExpressionError(
      expression,
      'day-of-week',
      'only one of day-of-month and day-of-week may be ?; give a value or * in the other',
    );
  }
  if (!domAny && !dowAny) {
    throw new ScheduleExpressionError(
      expression,
      'day-of-week',
      'one of day-of-month and day-of-week must be ? (AWS cannot combine them)',
    );
  }
  return { kind: 'cron', source: expression, fields };
}

function validateCronField(expression: string, field: CronFieldName, text: string): void {
  const spec = FIELD_SPECS[field];
  const fail = (rule: string): never => {
    throw new ScheduleExpressionError(expression, field, rule);
  };

  if (text === '?') {
    if (!spec.question) fail('? is only allowed in day-of-month and day-of-week');
    return;
  }
  if (field === 'day-of-month' && validateDayOfMonthSpecial(text, fail)) return;
  if (field === 'day-of-week' && validateDayOfWeekSpecial(text, spec, fail)) return;

  for (const item of text.split(',')) {
    if (item === '') fail(`empty list item in "${text}"`);
    const [base = '', step, ...extra] = item.split('/');
    if (extra.length > 0) fail(`"${item}" has more than one /`);
    if (step !== undefined) {
      if (!spec.step) fail('/ (increments) is not allowed in day-of-week');
      if (!/^\d+$/.test(step)) fail(`increment "${step}" in "${item}" must be a whole number`);
      const increment = Number(step);
      const span = spec.max - spec.min;
      if (increment < 1 || increment > span) fail(`increment ${increment} in "${item}" must be between 1 and ${span}`);
      if (base === '') fail(`"${item}" needs a start before / (for example 0/${step} or */${step})`);
    }
    if (base === '*') continue;
    const range = base.split('-');
    if (range.length > 2) fail(`"${base}" is not a value or a range a-b`);
    const values = range.map((v) => parseFieldValue(v, spec, fail));
    const [from, to] = values;
    if (from !== undefined && to !== undefined && from > to) {
      fail(`range "${base}" must go upward (start ≤ end)`);
    }
  }
}

/** `L` (last day) or `nW` (weekday nearest day n) as the whole day-of-month field. */
function validateDayOfMonthSpecial(text: string, fail: (rule: string) => never): boolean {
  if (text === 'L') return true;
  if (text === 'W') fail('W needs a day before it, for example 15W (the weekday nearest the 15th)');
  const weekday = /^(\d+)W$/.exec(text);
  if (weekday) {
    const day = Number(weekday[1]);
    if (day < 1 || day > 31) fail(`"${text}": the day before W must be 1-31`);
    return true;
  }
  if (text === 'LW' || /^L-\d+$/.test(text))
    fail(`"${text}" is not in AWS's documented forms (L, nW); use L or a day with W`);
  return false;
}

/** `L` (Saturday, the last day of the week), `dL` (last d of the month) or `d#n` (n-th d of the month). */
function validateDayOfWeekSpecial(text: string, spec: FieldSpec, fail: (rule: string) => never): boolean {
  if (text === 'L') return true;
  const last = /^([0-9A-Z]+)L$/.exec(text);
  if (last) {
    parseFieldValue(last[1] ?? '', spec, fail);
    return true;
  }
  if (text.includes('#')) {
    const nth = /^([0-9A-Z]+)#(\d+)$/.exec(text);
    if (!nth)
      fail(`"${text}": # takes the form day#n (for example 3#2 or TUE#2) and must be the only expression in the field`);
    parseFieldValue(nth[1] ?? '', spec, fail);
    const occurrence = Number(nth[2]);
    if (occurrence < 1 || occurrence > 5) fail(`"${text}": the occurrence after # must be 1-5`);
    return true;
  }
  return false;
}

function parseFieldValue(text: string, spec: FieldSpec, fail: (rule: string) => never): number {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < spec.min || value > spec.max) fail(`${text} is outside ${spec.min}-${spec.max}`);
    return value;
  }
  // Names are resolved before looking for special characters: JUL contains an L, WED a W.
  const named = spec.names?.[text];
  if (named !== undefined) return named;
  if (/[?LW#]/.test(text))
    fail(`"${text}": ?, L, W and # must stand alone in the field, not in a list, range or increment`);
  if (spec.names && spec.names[text.toUpperCase()] !== undefined)
    fail(`"${text}": write names in upper case (${text.toUpperCase()})`);
  const allowed = spec.names
    ? `${spec.min}-${spec.max} or ${Object.keys(spec.names).join(',')}`
    : `${spec.min}-${spec.max}`;
  return fail(`"${text}" is not a value (${allowed})`);
}

function parseRate(expression: string, body: string): RateExpression {
  const match = /^(\S+) (\S+)$/.exec(body);
  if (!match)
    throw new ScheduleExpressionError(
      expression,
      'expression',
      'rate takes "value unit" separated by one space, for example rate(5 minutes)',
    );
  const [, valueText = '', unitText = ''] = match;
  if (!/^[1-9]\d*$/.test(valueText)) {
    throw new ScheduleExpressionError(expression, 'rate value', `"${valueText}" must be a positive whole number`);
  }
  const unit = RATE_UNITS[unitText];
  if (!unit)
    throw new ScheduleExpressionError(expression, 'rate unit', `"${unitText}" must be minute(s), hour(s) or day(s)`);
  const value = Number(valueText);
  if (value === 1 && unit.plural)
    throw new ScheduleExpressionError(expression, 'rate unit', `use the singular "${unit.unit}" for a value of 1`);
  if (value > 1 && !unit.plural)
    throw new ScheduleExpressionError(expression, 'rate unit', `use the plural "${unit.unit}s" for a value above 1`);
  return { kind: 'rate', source: expression, value, unit: unit.unit, intervalMs: value * UNIT_MS[unit.unit] };
}

function parseAt(expression: string, body: string): AtExpression {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!match)
    throw new ScheduleExpressionError(expression, 'at', 'must be at(yyyy-mm-ddThh:mm:ss), with no zone or fraction');
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12) throw new ScheduleExpressionError(expression, 'at', `month ${month} is outside 01-12`);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth)
    throw new ScheduleExpressionError(
      expression,
      'at',
      `day ${day} does not exist in ${year}-${String(month).padStart(2, '0')}`,
    );
  if (hour > 23) throw new ScheduleExpressionError(expression, 'at', `hour ${hour} is outside 00-23`);
  if (minute > 59) throw new ScheduleExpressionError(expression, 'at', `minute ${minute} is outside 00-59`);
  if (second > 59) throw new ScheduleExpressionError(expression, 'at', `second ${second} is outside 00-59`);
  return { kind: 'at', source: expression, wallTime: { year, month, day, hour, minute, second } };
}
