/** Dates as the office writes them, in Korea time: 2026년 12월 4일(금), 2026년 12월 4일(금) 14:30. */
const WEEKDAYS = ['일', '월', '화', '수', '목', '금', '토'] as const;

const koreaParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Seoul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Korea calendar date (YYYY-MM-DD) and time of an instant. */
export function koreaDateOf(instant: string | Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    koreaParts.formatToParts(typeof instant === 'string' ? new Date(instant) : instant).map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** '2026-12-04' (already a Korea date) → '2026년 12월 4일(금)'. */
export function formatKoreanDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${y}년 ${m}월 ${d}일(${weekday})`;
}

/** An instant → '2026년 12월 4일(금) 14:30' in Korea time. */
export function formatKoreanDateTime(instant: string): string {
  const { date, time } = koreaDateOf(instant);
  return `${formatKoreanDate(date)} ${time}`;
}

/** Whole days from Korea's today to a Korea date (negative when past). */
export function daysUntil(isoDate: string, now: Date = new Date()): number {
  const today = koreaDateOf(now).date;
  return Math.round((Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
