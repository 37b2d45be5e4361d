/**
 * The patrol findings' dates. No law sets any of them (docs/legal-basis.md: "no statutory deadline", G): the
 * correction time per category, the time to send the request and to re-check are the office's
 * settings with a default, each labelled "구 규칙 확인 필요" (docs/legal-basis.md#settings-to-confirm).
 */
import type { Calendar } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import type { TaskDue } from '../../domain/task.ts';
import { dueAfterBusinessDays } from '../../policies/task-deadlines.ts';
import type { PatrolFindingRecord } from './patrol-finding.ts';

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

const basis = (labelKo: string): TaskDue['basis'] => ({
  labelKo: `${labelKo} (${UNCONFIRMED_KO})`,
  article: '법정 기한 없음 — 구 순찰 업무 기준',
  confidence: 'G',
  source: 'default',
});

export function requestDue(foundOn: string, calendar: Calendar): TaskDue {
  const days = PATROL_FINDING_SETTINGS.requestBusinessDays;
  return {
    dueAt: dueAfterBusinessDays(calendar, `${foundOn}T09:00:00+09:00`, days),
    basis: basis(`부서 개선·조치 요구 — 설정값: 적출일 ${foundOn}부터 ${days}근무일`),
  };
}

export function correctionDue(r: PatrolFindingRecord, today: string, calendar: Calendar): TaskDue {
  const dueOn = r.dueOn ?? correctionDueOn(today, r.category, calendar);
  const category = PATROL_FINDING_CATEGORIES[r.category];
  const given = r.extensions.length > 0 || (r.rechecks.length === 0 && r.request?.dueFrom === 'given');
  return {
    dueAt: `${dueOn}T18:00:00+09:00`,
    basis: given
      ? {
          labelKo: `부서 조치 기한 — 지정·연장한 날 ${dueOn}`,
          article: '법정 기한 없음 — 부서에 요구한 기한',
          confidence: 'G',
          source: 'case-date',
        }
      : basis(`부서 조치 기한 — 설정값: ${category.labelKo} ${category.correctionDays}일 (${dueOn})`),
  };
}

export function recheckDue(reportedOn: string, calendar: Calendar): TaskDue {
  const days = PATROL_FINDING_SETTINGS.recheckBusinessDays;
  return {
    dueAt: dueAfterBusinessDays(calendar, `${reportedOn}T09:00:00+09:00`, days),
    basis: basis(`현장 재확인 — 설정값: 조치 보고일 ${reportedOn}부터 ${days}근무일`),
  };
}

export function patrolFindingTaskDue(
  rule: PatrolFindingDueRule,
  ctx: { c: CaseRecord & { patrolFinding?: PatrolFindingRecord }; now: string; calendar: Calendar },
): TaskDue {
  const r = ctx.c.patrolFinding;
  const today = ctx.now.slice(0, 10);
  switch (rule) {
    case 'patrol-finding.request':
      return requestDue(r?.foundOn ?? today, ctx.calendar);
    case 'patrol-finding.correction':
      if (!r) throw new Error('a patrol finding without its details');
      return correctionDue(r, today, ctx.calendar);
    case 'patrol-finding.recheck':
      return recheckDue(r?.reports.at(-1)?.reportedOn ?? today, ctx.calendar);
  }
}
