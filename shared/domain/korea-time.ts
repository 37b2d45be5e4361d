/**
 * Korea time (Asia/Seoul, UTC+9 all year — no daylight saving since 1988), computed without the
 * machine's time zone so results are the same on Lambda (UTC) and on a laptop.
 */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-11-25T23:05:09+09:00` */
export function toKoreaIso(date: Date): string {
  const k = new Date(date.getTime() + KST_OFFSET_MS);
  return (
    `${k.getUTCFullYear()}-${pad(k.getUTCMonth() + 1)}-${pad(k.getUTCDate())}` +
    `T${pad(k.getUTCHours())}:${pad(k.getUTCMinutes())}:${pad(k.getUTCSeconds())}+09:00`
  );
}

/** `2026-11-25` in Korea time. */
export function koreaDate(date: Date): string {
  return toKoreaIso(date).slice(0, 10);
}

export function koreaYear(date: Date): number {
  return Number(toKoreaIso(date).slice(0, 4));
}

const WEEKDAYS_KO = ['일', '월', '화', '수', '목', '금', '토'];

/** `2026년 11월 25일(수) 23:05` — how staff read a time. */
export function formatKoreanDateTime(date: Date): string {
  const k = new Date(date.getTime() + KST_OFFSET_MS);
  return `${k.getUTCFullYear()}년 ${k.getUTCMonth() + 1}월 ${k.getUTCDate()}일(${WEEKDAYS_KO[k.getUTCDay()]}) ${pad(k.getUTCHours())}:${pad(k.getUTCMinutes())}`;
}
