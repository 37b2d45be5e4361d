/**
 * One-line summaries of a due date, in Korean and English, e.g.
 * "received 2026-09-22 10:30, 7 days counting the first day, skipping 9/24–9/27 (추석 전날, 추석, 추석 다음 날, Sunday) → due 2026-10-02".
 * Holiday names stay in Korean in both: they are proper names staff search for.
 */
import type { SkippedDay } from './counting-steps.ts';
import { dayNumber, formatMonthDay, type IsoDate } from './korea-dates.ts';

export interface StageSummary {
  readonly descriptionKo: string;
  readonly descriptionEn: string;
  readonly skipped: readonly SkippedDay[];
  readonly dueDate: IsoDate;
  /** Shown after the date for deadlines counted in working hours, e.g. `16:00`. */
  readonly dueClock?: string;
}

const WEEKDAY_EN: Readonly<Record<string, string>> = { 토요일: 'Saturday', 일요일: 'Sunday' };

function ranges(days: readonly SkippedDay[], language: 'ko' | 'en'): string[] {
  const groups: SkippedDay[][] = [];
  for (const day of days) {
    const current = groups[groups.length - 1];
    const previous = current?.[current.length - 1];
    if (current && previous && dayNumber(day.date) - dayNumber(previous.date) === 1) current.push(day);
    else groups.push([day]);
  }
  return groups.map((group) => {
    const first = group[0] as SkippedDay;
    const last = group[group.length - 1] as SkippedDay;
    const span =
      first.date === last.date
        ? formatMonthDay(first.date)
        : `${formatMonthDay(first.date)}–${formatMonthDay(last.date)}`;
    const reasons = [
      ...new Set(group.map((day) => (language === 'en' ? (WEEKDAY_EN[day.reason] ?? day.reason) : day.reason))),
    ];
    return language === 'en' ? `${span} (${reasons.join(', ')})` : `${span}(${reasons.join(', ')})`;
  });
}

function joinEn(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function clausesEn(skipped: readonly SkippedDay[]): string {
  const notCounted = skipped.filter((day) => day.effect === 'not-counted');
  const moved = skipped.filter((day) => day.effect === 'expiry-moved');
  return (
    (notCounted.length > 0 ? `, skipping ${joinEn(ranges(notCounted, 'en'))}` : '') +
    (moved.length > 0 ? `, last day moved past ${joinEn(ranges(moved, 'en'))}` : '')
  );
}

function clausesKo(skipped: readonly SkippedDay[]): string {
  const notCounted = skipped.filter((day) => day.effect === 'not-counted');
  const moved = skipped.filter((day) => day.effect === 'expiry-moved');
  return (
    (notCounted.length > 0 ? ` — ${ranges(notCounted, 'ko').join(', ')} 불산입` : '') +
    (moved.length > 0 ? ` — 말일 ${ranges(moved, 'ko').join(', ')} → 익일 만료` : '')
  );
}

const due = (stage: StageSummary) => (stage.dueClock ? `${stage.dueDate} ${stage.dueClock}` : stage.dueDate);

export function summarizeEn(received: string, stages: readonly StageSummary[]): string {
  return stages
    .map((stage, index) =>
      index === 0
        ? `received ${received}, ${stage.descriptionEn}${clausesEn(stage.skipped)} → due ${due(stage)}`
        : `extended by ${stage.descriptionEn}${clausesEn(stage.skipped)} → due ${due(stage)}`,
    )
    .join('; ');
}

export function summarizeKo(received: string, stages: readonly StageSummary[]): string {
  return stages
    .map((stage, index) =>
      index === 0
        ? `접수 ${received}, ${stage.descriptionKo}${clausesKo(stage.skipped)} → 기한 ${due(stage)}`
        : `연장 ${stage.descriptionKo}${clausesKo(stage.skipped)} → 기한 ${due(stage)}`,
    )
    .join('; ');
}
