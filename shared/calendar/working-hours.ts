/**
 * Working hours of the office, used where the law counts in 근무시간 (민원처리법 제19조①, 시행령 제19조).
 *
 * Default: 09:00–18:00 with lunch 12:00–13:00, i.e. 8 working hours a day. Basis:
 *  - 지방공무원 복무규정 제2조② (대통령령 제35666호, 시행 2025-07-22, text read): "1일 근무시간은 9시부터
 *    18시까지로 하며, 점심시간은 12시부터 13시까지로 한다" — but the head of a local government may move
 *    lunch within one hour (same paragraph, 단서) and change hours (제3조①);
 *  - 민원처리법 시행령 제8조의3① (C*: the mirror drops the 의3; inferred from the cross-reference in
 *    시행령 제53조): 민원실 운영시간 09:00–18:00, which 조례 may change (③).
 * The law fixes only the conversion "1일 = 8시간의 근무시간" (제19조① 후단), so the windows are
 * configurable while the 8-hour day is not.
 */
import * as z from 'zod';
import { parseCalendarInput } from './calendar-errors.ts';

/** 민원처리법 제19조① 후단: "1일은 8시간의 근무시간을 기준으로 한다." */
export const WORKING_HOURS_PER_DAY = 8;
/** 민원처리법 시행령 제19조: '즉시' = 정당한 사유가 없으면 3근무시간 이내. */
export const IMMEDIATE_WORKING_HOURS = 3;

export interface WorkingHoursConfig {
  /** `HH:MM`, start of the working day. */
  readonly start: string;
  /** `HH:MM`, end of the working day; also the time a day-counted 민원 deadline falls due. */
  readonly end: string;
  /** Breaks inside the day that do not count (lunch). */
  readonly breaks: readonly { readonly start: string; readonly end: string }[];
}

export const DEFAULT_WORKING_HOURS: WorkingHoursConfig = {
  start: '09:00',
  end: '18:00',
  breaks: [{ start: '12:00', end: '13:00' }],
};

/** The counting windows of a working day, in seconds since midnight, in order. */
export interface WorkingHours {
  readonly config: WorkingHoursConfig;
  readonly windows: readonly { readonly startSecond: number; readonly endSecond: number }[];
  readonly endOfDaySecond: number;
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const clockSchema = z.string().regex(CLOCK, 'must be a time written HH:MM (00:00–23:59)');
const toSecond = (clock: string) => Number(clock.slice(0, 2)) * 3600 + Number(clock.slice(3, 5)) * 60;

const workingHoursSchema = z
  .object({
    start: clockSchema,
    end: clockSchema,
    breaks: z.array(z.object({ start: clockSchema, end: clockSchema })).default([]),
  })
  .superRefine((value, ctx) => {
    if (toSecond(value.end) <= toSecond(value.start)) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be later than start' });
    }
    let previousEnd = toSecond(value.start);
    value.breaks.forEach((pause, index) => {
      if (
        toSecond(pause.start) < previousEnd ||
        toSecond(pause.end) <= toSecond(pause.start) ||
        toSecond(pause.end) >= toSecond(value.end)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['breaks', index],
          message: 'breaks must lie inside the working day, in order, without overlapping',
        });
      }
      previousEnd = toSecond(pause.end);
    });
  });

export function resolveWorkingHours(config: unknown = DEFAULT_WORKING_HOURS, field = 'workingHours'): WorkingHours {
  const parsed = parseCalendarInput(workingHoursSchema, config, field);
  const windows: { startSecond: number; endSecond: number }[] = [];
  let cursor = toSecond(parsed.start);
  for (const pause of parsed.breaks) {
    windows.push({ startSecond: cursor, endSecond: toSecond(pause.start) });
    cursor = toSecond(pause.end);
  }
  windows.push({ startSecond: cursor, endSecond: toSecond(parsed.end) });
  return {
    config: { start: parsed.start, end: parsed.end, breaks: parsed.breaks },
    windows: windows.filter((w) => w.endSecond > w.startSecond),
    endOfDaySecond: toSecond(parsed.end),
  };
}
