/**
 * The patrol findings' dates. No law sets any of them (docs/legal-basis.md: "no statutory deadline", G): the
 * correction time per category, the time to send the request and to re-check are the office's
 * settings with a default, each labelled "구 규칙 확인 필요" (docs/legal-basis.md#settings-to-confirm).
 */
import type { Calendar } from '../../calendar/index.ts';

export const UNCONFIRMED_KO = '구 규칙 확인 필요';

/** Categories of finding with the calendar days a department gets to correct one (구 규칙 확인 필요). */
export const PATROL_FINDING_CATEGORIES = {
  road: { labelKo: '도로·보도 파손', correctionDays: 7 },
  'street-order': { labelKo: '불법 광고물·노상 적치물', correctionDays: 7 },
  cleaning: { labelKo: '청소·무단투기', correctionDays: 3 },
  lighting: { labelKo: '가로등·보안등', correctionDays: 3 },
  safety: { labelKo: '안전 위험 시설', correctionDays: 3 },
  parks: { labelKo: '공원·녹지', correctionDays: 14 },
  facilities: { labelKo: '공공시설물 관리', correctionDays: 14 },
  other: { labelKo: '기타', correctionDays: 14 },
} as const satisfies Record<string, { labelKo: string; correctionDays: number }>;
export type PatrolFindingCategory = keyof typeof PATROL_FINDING_CATEGORIES;

export const PATROL_FINDING_SETTINGS = Object.freeze({
  /** Business days from the finding to the request to the department. */
  requestBusinessDays: 2,
  /** Business days from the department's report to the officer's re-check on site. */
  recheckBusinessDays: 3,
});

export const PATROL_FINDING_DUE_RULES = [
  'patrol-finding.request',
  'patrol-finding.correction',
  'patrol-finding.recheck',
] as const;
export type PatrolFindingDueRule = (typeof PATROL_FINDING_DUE_RULES)[number];

const DAY_MS = 86_400_000;
const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The category's days after `from`, moved off a day without work. */
export function correctionDueOn(from: string, category: PatrolFindingCategory, calendar: Calendar): string {
  let due = addDays(from, PATROL_FINDING_CATEGORIES[category].correctionDays);
  while (!calendar.isBusinessDay(due)) due = addDays(due, 1);
  return due;
}
