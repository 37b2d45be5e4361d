/**
 * 항목별 처리 기준시간 (Seoul's per-item standard handling time for 응답소 현장민원). Seoul's full
 * table (12 fields, 63 items in 2021, 73 reported in 2025) is not in any text we hold: only two
 * items are known from press reports (불법 주정차 3시간, 보안등 고장 24시간), and "most items
 * within 24 hours". So the table is the office's setting, seeded with those two and a default for
 * every other item, and labelled "서울시 기준표로 보완 필요" wherever it is shown.
 *
 * Each item counts its hours on the clock (every hour, night and holidays too — what a parking
 * complaint needs) or in working hours (the office's working windows on business days, from the
 * holiday calendar), per item.
 */
import * as z from 'zod';
import type { Calendar } from '../../calendar/index.ts';

export const TO_COMPLETE_KO = '서울시 기준표로 보완 필요';

export const COUNTING_LABELS_KO = { clock: '시계시간', business: '근무시간' } as const;
export type HourCounting = keyof typeof COUNTING_LABELS_KO;

export const itemStandardSchema = z.object({
  /** 분야 (e.g. 교통); matched together with the item when given, else any field's item of that name. */
  field: z.string().min(1).optional(),
  /** 항목 as the 응답소 export writes it. */
  item: z.string().min(1),
  hours: z
    .number()
    .positive()
    .max(24 * 365),
  counting: z.enum(['clock', 'business']),
  /** Where the figure comes from (a press report, the office's own default). */
  sourceKo: z.string().min(1),
});
export type ItemStandard = z.infer<typeof itemStandardSchema>;

export const fieldComplaintStandardsSchema = z.object({
  items: z.array(itemStandardSchema),
  /** For an item the table does not list. */
  fallback: itemStandardSchema.omit({ field: true, item: true }),
  noteKo: z.string(),
});
export type FieldComplaintStandards = z.infer<typeof fieldComplaintStandardsSchema>;

/** The seeded table (the office's setting; 서울시 기준표로 보완 필요). */
export const DEFAULT_FIELD_COMPLAINT_STANDARDS: FieldComplaintStandards = Object.freeze({
  items: [
    {
      field: '교통',
      item: '불법 주정차',
      hours: 3,
      counting: 'clock',
      sourceKo: '언론 보도(서대문구 2021) 기준시간 3시간',
    },
    {
      field: '가로정비',
      item: '보안등 고장',
      hours: 24,
      counting: 'clock',
      sourceKo: '언론 보도(서대문구 2021) 기준시간 24시간',
    },
  ],
  fallback: { hours: 24, counting: 'clock', sourceKo: '기본값: 대부분 24시간 내 처리(언론 보도)' },
  noteKo: TO_COMPLETE_KO,
}) as FieldComplaintStandards;

export interface ResolvedStandard {
  hours: number;
  counting: HourCounting;
  /** Whether the table lists the item (false: the fallback applied). */
  listed: boolean;
}

/** A lookup over the table: field+item first, then the item in any field, then the fallback. */
export function standardsLookup(standards: FieldComplaintStandards = DEFAULT_FIELD_COMPLAINT_STANDARDS) {
  const parsed = fieldComplaintStandardsSchema.parse(standards);
  const byFieldItem = new Map<string, ItemStandard>();
  const byItem = new Map<string, ItemStandard>();
  const norm = (s: string) => s.replace(/\s+/g, '');
  for (const entry of parsed.items) {
    if (entry.field) byFieldItem.set(`${norm(entry.field)}|${norm(entry.item)}`, entry);
    if (!byItem.has(norm(entry.item))) byItem.set(norm(entry.item), entry);
  }
  return (field: string, item: string): ResolvedStandard => {
    const hit = byFieldItem.get(`${norm(field)}|${norm(item)}`) ?? byItem.get(norm(item));
    return hit
      ? { hours: hit.hours, counting: hit.counting, listed: true }
      : { hours: parsed.fallback.hours, counting: parsed.fallback.counting, listed: false };
  };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Korea has no daylight saving: Korea time is UTC+9 all year. */
const KST_MS = 9 * HOUR_MS;

/** `2026-03-02T09:00:00+09:00` from epoch ms. */
export function koreaIso(ms: number): string {
  return `${new Date(ms + KST_MS).toISOString().slice(0, 19)}+09:00`;
}

/**
 * The due time: `hours` after `receivedAt` on the clock, or in working hours (only inside the
 * calendar's working windows on business days; a complaint received after hours starts counting
 * at the next window).
 */
export function dueTime(
  receivedAt: string,
  standard: Pick<ResolvedStandard, 'hours' | 'counting'>,
  calendar: Calendar,
) {
  const received = Date.parse(receivedAt);
  if (standard.counting === 'clock') return koreaIso(received + standard.hours * HOUR_MS);
  let remaining = standard.hours * HOUR_MS;
  // Midnight Korea time of the day received, as epoch ms.
  let dayStart = Math.floor((received + KST_MS) / DAY_MS) * DAY_MS - KST_MS;
  for (let guard = 0; guard < 3700; guard++, dayStart += DAY_MS) {
    const date = new Date(dayStart + KST_MS).toISOString().slice(0, 10);
    if (!calendar.isBusinessDay(date)) continue;
    for (const window of calendar.workingHours.windows) {
      const from = Math.max(dayStart + window.startSecond * 1000, received);
      const to = dayStart + window.endSecond * 1000;
      if (to <= from) continue;
      if (to - from >= remaining) return koreaIso(from + remaining);
      remaining -= to - from;
    }
  }
  throw new Error(`no working time within ten years of ${receivedAt}`);
}
