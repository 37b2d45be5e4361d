/**
 * Due dates of legal periods, each explaining itself.
 *
 * Two counting rules, chosen per period (the policy table says which one a period's law implies):
 *
 * `minwon-article-19` — 민원처리법 제19조 (text read, docs/legal-basis.md#counting-periods):
 *   ① 처리기간 5일 이하 → 접수시각부터 "시간" 단위, 공휴일·토요일 불산입, 1일 = 8근무시간;
 *   ② 6일 이상 → "일" 단위, 첫날 산입, 공휴일·토요일 불산입;
 *   ③ 주·월·연 → 첫날 산입, 민법 제159조~제161조 준용;
 *   plus 시행령 제19조: '즉시' = 3근무시간.
 * `civil-act` — 행정기본법 제6조① (행정에 관한 기간은 민법 준용) → 민법 제156조(시간: 즉시 기산),
 *   제157조(초일불산입; 오전 0시 시작이면 산입), 제159조(말일의 종료로 만료), 제160조(주·월·연은 역에 의하여),
 *   제161조(말일이 토요일·공휴일이면 익일 만료).
 *
 * Extensions run from the day after the current expiry ("그 기간의 만료일 다음 날부터 기산",
 * 민원처리법 제35조② and 행정기본법 제36조② word it so; we apply the same reading to every extension),
 * or, for periods counted in working hours, from the due moment. Clock stops take whole days out.
 *
 * A result is a pure function of (request, calendar): `recomputeDue(result, calendarWithNewHoliday)`
 * gives the date the new calendar implies, which is how a 임시공휴일 declared later moves a deadline.
 */
import * as z from 'zod';
import type { Calendar } from './calendar.ts';
import { CalendarInputError, parseCalendarInput } from './calendar-errors.ts';
import {
  addWorkingTime,
  calendarPeriodEnd,
  countBusinessDays,
  countCalendarDays,
  moveExpiryOffNonBusinessDays,
  type ClockStop,
  type SkippedDay,
  type Trace,
} from './counting-steps.ts';
import { summarizeEn, summarizeKo, type StageSummary } from './due-date-text.ts';
import {
  addDays,
  dateTimeWithOffsetSchema,
  formatClock,
  formatDateKo,
  formatKoreaDateTime,
  fromEpochSeconds,
  isoDateSchema,
  parseKoreaDateTime,
  toEpochSeconds,
  type IsoDate,
  type KoreaDateTime,
} from './korea-dates.ts';
import { IMMEDIATE_WORKING_HOURS, WORKING_HOURS_PER_DAY } from './working-hours.ts';

export type { ClockStop, SkippedDay } from './counting-steps.ts';

/** Confidence labels (docs/legal-basis.md#confidence-labels): C confirmed, C* confirmed text / inferred article number, S secondary, R recalled. */
export const CONFIDENCE_LEVELS = ['C', 'C*', 'S', 'R'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

export const PERIOD_UNITS = ['hours', 'days', 'weeks', 'months', 'years', 'immediately'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

export const COUNTING_RULES = ['minwon-article-19', 'civil-act'] as const;
export type CountingRule = (typeof COUNTING_RULES)[number];

/** How the days were counted, which follows from the rule, the unit and (for 민원) the length. */
export type CountingMethod = 'working-hours' | 'business-days' | 'calendar-days' | 'calendar-period' | 'elapsed-hours';

/** The statutory period a due date implements. */
export interface DueRule {
  readonly id: string;
  /** Korean label, e.g. `고충민원 처리기간`. */
  readonly label: string;
  /** e.g. `민원처리법 시행령 제17조①`. */
  readonly article: string;
  readonly confidence: Confidence;
}

export interface PeriodExtension {
  readonly amount: number;
  readonly unit: PeriodUnit;
  readonly reasonKo?: string;
  /** The article allowing the extension, e.g. `청원법 제21조③`. */
  readonly article?: string;
}

export interface DeadlineRequest {
  /** When the matter was received (or the triggering notice arrived): ISO 8601 with an offset. */
  readonly receivedAt: string;
  readonly amount: number;
  readonly unit: PeriodUnit;
  readonly counting: CountingRule;
  readonly rule: DueRule;
  readonly clockStops?: readonly ClockStop[];
  readonly extensions?: readonly PeriodExtension[];
  /**
   * 민법 제157조 단서: the first day counts when the period starts at 00:00. Never inferred from a
   * receipt time of 00:00 (that is usually a date stored without a time), so it must be said.
   */
  readonly periodStartsAtMidnight?: boolean;
  /** Extra explanation lines from the caller, e.g. why this counting rule was chosen. */
  readonly notesKo?: readonly string[];
}

export interface ExtensionStep {
  readonly amount: number;
  readonly unit: PeriodUnit;
  readonly reasonKo?: string;
  readonly article?: string;
  readonly previousDueDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly dueAt: string;
}

export interface DueDateResult {
  /** The receipt moment in Korea time, `…+09:00`. */
  readonly receivedAt: string;
  readonly dueDate: IsoDate;
  /** The moment the period runs out, `…+09:00`. */
  readonly dueAt: string;
  readonly rule: DueRule;
  readonly counting: {
    readonly rule: CountingRule;
    readonly method: CountingMethod;
    readonly article: string;
    readonly descriptionKo: string;
    readonly descriptionEn: string;
  };
  /** The steps, in Korean, from receipt to due date. */
  readonly explanation: readonly string[];
  /** Days not counted or stepped over, in date order, with the reason. */
  readonly skipped: readonly SkippedDay[];
  readonly extensions: readonly ExtensionStep[];
  readonly summaryKo: string;
  readonly summaryEn: string;
  /** The normalized request, so the same due date can be recomputed on another calendar. */
  readonly request: DeadlineRequest;
}

const dueRuleSchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  article: z.string().min(1),
  confidence: z.enum(CONFIDENCE_LEVELS),
});

export const clockStopSchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    reasonKo: z.string().trim().min(1, 'must say why the clock stops'),
    article: z.string().trim().min(1).optional(),
  })
  .refine((stop) => stop.from <= stop.to, { message: 'must not be before from', path: ['to'] });

const amountSchema = z.number().int('must be a whole number').positive('must be at least 1');

const extensionSchema = z.object({
  amount: amountSchema,
  unit: z.enum(PERIOD_UNITS),
  reasonKo: z.string().trim().min(1).optional(),
  article: z.string().trim().min(1).optional(),
});

const deadlineRequestSchema = z
  .object({
    receivedAt: dateTimeWithOffsetSchema,
    amount: amountSchema,
    unit: z.enum(PERIOD_UNITS),
    counting: z.enum(COUNTING_RULES),
    rule: dueRuleSchema,
    clockStops: z.array(clockStopSchema).default([]),
    extensions: z.array(extensionSchema).default([]),
    periodStartsAtMidnight: z.boolean().default(false),
    notesKo: z.array(z.string()).default([]),
  })
  .superRefine((request, ctx) => {
    if (request.unit === 'immediately' && request.amount !== 1) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: "must be 1 for 'immediately' (즉시 = 3근무시간)" });
    }
  });

type NormalizedRequest = z.output<typeof deadlineRequestSchema>;

interface Due {
  readonly date: IsoDate;
  /** Set for periods that end at a moment (working or elapsed hours). */
  readonly moment?: KoreaDateTime;
}

const UNIT_KO: Record<PeriodUnit, string> = {
  hours: '시간',
  days: '일',
  weeks: '주',
  months: '개월',
  years: '년',
  immediately: '즉시',
};
const unitEn = (unit: PeriodUnit, amount: number) => `${unit.replace(/s$/, '')}${amount === 1 ? '' : 's'}`;

function baseMethod(request: NormalizedRequest): CountingMethod {
  const { counting, unit, amount } = request;
  if (unit === 'immediately') return 'working-hours';
  if (unit === 'hours') return counting === 'minwon-article-19' ? 'working-hours' : 'elapsed-hours';
  if (unit === 'days') {
    if (counting === 'civil-act') return 'calendar-days';
    return amount <= 5 ? 'working-hours' : 'business-days';
  }
  return 'calendar-period';
}

function extensionMethod(
  base: CountingMethod,
  counting: CountingRule,
  unit: PeriodUnit,
  index: number,
): CountingMethod {
  switch (base) {
    case 'working-hours':
      if (unit === 'hours' || unit === 'days' || unit === 'immediately') return 'working-hours';
      break;
    case 'business-days':
      if (unit === 'days') return 'business-days';
      break;
    case 'calendar-days':
    case 'calendar-period':
      if (counting === 'civil-act' && unit === 'days') return 'calendar-days';
      if (unit === 'weeks' || unit === 'months' || unit === 'years') return 'calendar-period';
      break;
    case 'elapsed-hours':
      if (unit === 'hours') return 'elapsed-hours';
      break;
  }
  throw new CalendarInputError(
    `Invalid extensions[${index}].unit: '${unit}' cannot extend a period counted as ${base}`,
    `입력값 오류: extensions[${index}].unit — '${unit}' 단위로는 이 기간(${base})을 연장할 수 없습니다`,
    { field: `extensions[${index}].unit`, rule: 'extension-unit' },
  );
}

function workingHoursOf(amount: number, unit: PeriodUnit): number {
  if (unit === 'immediately') return IMMEDIATE_WORKING_HOURS;
  if (unit === 'days') return amount * WORKING_HOURS_PER_DAY;
  return amount;
}

interface Description {
  readonly ko: string;
  readonly en: string;
  readonly article: string;
}

function describeBase(method: CountingMethod, request: NormalizedRequest): Description {
  const { amount, unit, counting, periodStartsAtMidnight } = request;
  const firstDayKo = periodStartsAtMidnight ? '오전 0시 시작으로 첫날 산입' : '초일불산입';
  const firstDayEn = periodStartsAtMidnight
    ? 'counting the first day (period starts at 00:00)'
    : 'not counting the first day';
  switch (method) {
    case 'working-hours': {
      const hours = workingHoursOf(amount, unit);
      if (unit === 'immediately') {
        return {
          ko: `즉시 = ${hours}근무시간(접수시각부터)`,
          en: `immediately = ${hours} working hours from the time of receipt`,
          article: '민원처리법 시행령 제19조',
        };
      }
      if (unit === 'days') {
        return {
          ko: `${hours}근무시간(${amount}일×${WORKING_HOURS_PER_DAY}시간, 접수시각부터, 토요일·공휴일 불산입)`,
          en: `${hours} working hours (${amount} ${unitEn('days', amount)} × ${WORKING_HOURS_PER_DAY} h) from the time of receipt`,
          article: '민원처리법 제19조①',
        };
      }
      return {
        ko: `${hours}근무시간(접수시각부터, 토요일·공휴일 불산입)`,
        en: `${hours} working hours from the time of receipt`,
        article: '민원처리법 제19조①',
      };
    }
    case 'business-days':
      return {
        ko: `${amount}일(초일산입, 토요일·공휴일 불산입)`,
        en: `${amount} days counting the first day`,
        article: '민원처리법 제19조②',
      };
    case 'calendar-days':
      return {
        ko: `${amount}일(${firstDayKo}, 민법)`,
        en: `${amount} ${unitEn('days', amount)} ${firstDayEn} (Civil Act)`,
        article: '민법 제157조·제159조·제161조 (행정기본법 제6조①)',
      };
    case 'calendar-period':
      return counting === 'minwon-article-19'
        ? {
            ko: `${amount}${UNIT_KO[unit]}(첫날 산입, 민법 제159조~제161조 준용)`,
            en: `${amount} ${unitEn(unit, amount)} counting the first day (Civil Act arts. 159–161 applied)`,
            article: '민원처리법 제19조③, 민법 제159조~제161조',
          }
        : {
            ko: `${amount}${UNIT_KO[unit]}(${firstDayKo}, 민법)`,
            en: `${amount} ${unitEn(unit, amount)} ${firstDayEn} (Civil Act)`,
            article: '민법 제157조·제159조~제161조 (행정기본법 제6조①)',
          };
    case 'elapsed-hours':
      return {
        ko: `${amount}시간(즉시 기산, 민법 제156조)`,
        en: `${amount} ${unitEn('hours', amount)} from the moment of receipt`,
        article: '민법 제156조',
      };
  }
}

function describeExtension(method: CountingMethod, extension: PeriodExtension): Description {
  const { amount, unit, article } = extension;
  const cite = article ? ` [${article}]` : '';
  switch (method) {
    case 'working-hours': {
      const hours = workingHoursOf(amount, unit);
      return {
        ko: `${hours}근무시간${cite}`,
        en: `${hours} working hours${cite}`,
        article: article ?? '민원처리법 제19조①',
      };
    }
    case 'business-days':
      return {
        ko: `${amount}일(만료일 다음 날부터, 토요일·공휴일 불산입)${cite}`,
        en: `${amount} business ${unitEn('days', amount)} from the day after${cite}`,
        article: article ?? '민원처리법 제19조②',
      };
    case 'calendar-days':
    case 'calendar-period':
      return {
        ko: `${amount}${UNIT_KO[unit]}(만료일 다음 날부터 기산)${cite}`,
        en: `${amount} ${unitEn(unit, amount)} from the day after${cite}`,
        article: article ?? '민법 제157조·제159조~제161조',
      };
    case 'elapsed-hours':
      return {
        ko: `${amount}시간${cite}`,
        en: `${amount} ${unitEn('hours', amount)}${cite}`,
        article: article ?? '민법 제156조',
      };
  }
}

/** Runs one counting step: from a moment (hour counts) or from a first day (day, week, month, year counts). */
function runStage(
  method: CountingMethod,
  from: { readonly moment: KoreaDateTime; readonly firstDay: IsoDate },
  amount: number,
  unit: PeriodUnit,
  calendar: Calendar,
  stops: readonly ClockStop[],
  trace: Trace,
): Due {
  switch (method) {
    case 'working-hours': {
      const at = trace.explanation.length;
      const { due, countingFrom } = addWorkingTime(
        from.moment,
        workingHoursOf(amount, unit) * 3600,
        calendar,
        stops,
        trace,
      );
      if (countingFrom.date !== from.moment.date || countingFrom.secondOfDay !== from.moment.secondOfDay) {
        trace.explanation.splice(
          at,
          0,
          `  계산 시작: ${formatDateKo(countingFrom.date)} ${formatClock(countingFrom.secondOfDay)} (근무시간이 아닌 때는 산입하지 않고 다음 근무시간부터 계산)`,
        );
      }
      return { date: due.date, moment: due };
    }
    case 'business-days':
      return { date: countBusinessDays(from.firstDay, amount, calendar, stops, trace) };
    case 'calendar-days':
      return {
        date: moveExpiryOffNonBusinessDays(countCalendarDays(from.firstDay, amount, stops, trace), calendar, trace),
      };
    case 'calendar-period': {
      const periodUnit = unit === 'weeks' || unit === 'years' ? unit : 'months';
      return {
        date: moveExpiryOffNonBusinessDays(
          calendarPeriodEnd(from.firstDay, amount, periodUnit, stops, trace),
          calendar,
          trace,
        ),
      };
    }
    case 'elapsed-hours': {
      const moment = fromEpochSeconds(toEpochSeconds(from.moment) + amount * 3600);
      trace.explanation.push(
        `  ${formatDateKo(from.moment.date)} ${formatClock(from.moment.secondOfDay)}부터 ${amount}시간 → ${formatDateKo(moment.date)} ${formatClock(moment.secondOfDay)}`,
      );
      return { date: moment.date, moment };
    }
  }
}

function dueAtOf(due: Due, counting: CountingRule, calendar: Calendar): string {
  if (due.moment) return formatKoreaDateTime(due.moment);
  // 민원 days are working days, so the deadline is the close of the office; a Civil Act period
  // runs to the end of its last day (민법 제159조), shown as 23:59:59 because ISO has no 24:00.
  const secondOfDay = counting === 'minwon-article-19' ? calendar.workingHours.endOfDaySecond : 24 * 3600 - 1;
  return formatKoreaDateTime({ date: due.date, secondOfDay });
}

function expiryLine(due: Due, counting: CountingRule, calendar: Calendar): string {
  if (due.moment) return `만료: ${formatDateKo(due.date)} ${formatClock(due.moment.secondOfDay)}`;
  if (counting === 'minwon-article-19') {
    return `만료: ${formatDateKo(due.date)} ${formatClock(calendar.workingHours.endOfDaySecond)} (근무시간 종료 시각으로 표시)`;
  }
  return `만료: ${formatDateKo(due.date)} 24:00 (말일의 종료, 민법 제159조; 시각은 23:59:59로 표시)`;
}

/** Computes a due date and how it was reached. Throws CalendarInputError (bad input) or CalendarYearNotCoveredError. */
export function computeDeadline(request: DeadlineRequest, calendar: Calendar): DueDateResult {
  const input = parseCalendarInput(deadlineRequestSchema, request, '');
  const received = parseKoreaDateTime(input.receivedAt, 'receivedAt');
  const stops = input.clockStops;
  const method = baseMethod(input);
  if (method === 'elapsed-hours' && stops.length > 0) {
    throw new CalendarInputError(
      'Invalid clockStops: clock stops are whole days and cannot apply to a period of elapsed hours',
      '입력값 오류: clockStops — 정지 기간(일 단위)은 시간 단위 기간에 적용할 수 없습니다',
      { field: 'clockStops', rule: 'clock-stop-unit' },
    );
  }
  const base = describeBase(method, input);
  const trace: Trace = { explanation: [], skipped: [] };
  const receivedText = `${received.date} ${formatClock(received.secondOfDay)}`;

  trace.explanation.push(`접수: ${formatDateKo(received.date)} ${formatClock(received.secondOfDay)} (한국시간)`);
  trace.explanation.push(`기간: ${input.rule.label} — ${input.rule.article} [${input.rule.confidence}]`);
  trace.explanation.push(`계산: ${base.ko} — ${base.article}`);
  for (const note of input.notesKo) trace.explanation.push(note);
  for (const stop of stops) {
    trace.explanation.push(
      `정지 기간: ${stop.from}~${stop.to} ${stop.reasonKo}${stop.article ? ` (${stop.article})` : ''} — 기간에 산입하지 않음`,
    );
  }

  const firstDay =
    method === 'business-days' ||
    (method === 'calendar-period' && input.counting === 'minwon-article-19') ||
    input.periodStartsAtMidnight
      ? received.date
      : addDays(received.date, 1);
  if (method === 'calendar-days' || method === 'calendar-period') {
    trace.explanation.push(
      firstDay === received.date
        ? `  기산일: ${formatDateKo(firstDay)} (첫날 산입)`
        : `  기산일: ${formatDateKo(firstDay)} (초일불산입, 민법 제157조)`,
    );
  }

  if (method === 'business-days' && received.secondOfDay >= calendar.workingHours.endOfDaySecond) {
    trace.explanation.push(
      '  접수시각이 근무시간 후이지만 제19조②는 첫날을 산입하므로 접수일이 근무일이면 1일째로 계산',
    );
  }

  let skippedFrom = 0;
  let due = runStage(method, { moment: received, firstDay }, input.amount, input.unit, calendar, stops, trace);
  const stages: StageSummary[] = [];
  const pushStage = (description: Description, stageDue: Due) => {
    stages.push({
      descriptionKo: description.ko,
      descriptionEn: description.en,
      skipped: trace.skipped.slice(skippedFrom),
      dueDate: stageDue.date,
      dueClock: stageDue.moment ? formatClock(stageDue.moment.secondOfDay) : undefined,
    });
    skippedFrom = trace.skipped.length;
  };
  pushStage(base, due);
  trace.explanation.push(expiryLine(due, input.counting, calendar));

  const extensions: ExtensionStep[] = [];
  input.extensions.forEach((extension, index) => {
    const extMethod = extensionMethod(method, input.counting, extension.unit, index);
    const description = describeExtension(extMethod, extension);
    trace.explanation.push(
      `연장 ${index + 1}: ${description.ko}${extension.reasonKo ? ` — 사유: ${extension.reasonKo}` : ''}`,
    );
    const previous = due;
    // Hour counts continue from the due moment; day counts start on the day after the expiry.
    const previousEnd = previous.moment ?? { date: previous.date, secondOfDay: calendar.workingHours.endOfDaySecond };
    due = runStage(
      extMethod,
      { moment: previousEnd, firstDay: addDays(previous.date, 1) },
      extension.amount,
      extension.unit,
      calendar,
      stops,
      trace,
    );
    pushStage(description, due);
    trace.explanation.push(expiryLine(due, input.counting, calendar));
    extensions.push({
      amount: extension.amount,
      unit: extension.unit,
      reasonKo: extension.reasonKo,
      article: extension.article,
      previousDueDate: previous.date,
      dueDate: due.date,
      dueAt: dueAtOf(due, input.counting, calendar),
    });
  });

  const normalized: DeadlineRequest = { ...input, receivedAt: formatKoreaDateTime(received) };
  return {
    receivedAt: normalized.receivedAt,
    dueDate: due.date,
    dueAt: dueAtOf(due, input.counting, calendar),
    rule: input.rule,
    counting: { rule: input.counting, method, article: base.article, descriptionKo: base.ko, descriptionEn: base.en },
    explanation: trace.explanation,
    skipped: trace.skipped,
    extensions,
    summaryKo: summarizeKo(receivedText, stages),
    summaryEn: summarizeEn(receivedText, stages),
    request: normalized,
  };
}

/** The same request on another calendar — e.g. after a 임시공휴일 was designated. */
export function recomputeDue(result: DueDateResult, calendar: Calendar): DueDateResult {
  return computeDeadline(result.request, calendar);
}

/** The same request with one more extension (which runs from the day after the current due date). */
export function extendDue(result: DueDateResult, extension: PeriodExtension, calendar: Calendar): DueDateResult {
  return computeDeadline(
    { ...result.request, extensions: [...(result.request.extensions ?? []), extension] },
    calendar,
  );
}
