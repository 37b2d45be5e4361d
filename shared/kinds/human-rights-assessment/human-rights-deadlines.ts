/**
 * When a human-rights impact assessment is due. No statute sets its time (the 구 인권 조례 has not
 * been read); an assessment is useful only before the draft is published for comment (입법예고, at
 * least 20 days for 자치법규, 행정절차법 제43조), so it is due a set number of days before the notice
 * date the department gives, counted back (민법 rules via 행정기본법 제6조①), and brought forward to
 * a business day: finishing earlier never harms. The figure is a setting, "구 규칙 확인 필요".
 */
import type { Calendar } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import type { TaskDue } from '../../domain/task.ts';
import type { HumanRightsRecord } from './human-rights.ts';

export const UNCONFIRMED_KO = '구 규칙 확인 필요';

export const HUMAN_RIGHTS_SETTINGS = Object.freeze({
  /** Calendar days before the legislative notice by which the assessment is notified to the department. */
  assessmentDaysBeforeNotice: 7,
  /** Calendar days before the legislative notice by which the department answers a recommendation. */
  responseDaysBeforeNotice: 1,
});

export const HUMAN_RIGHTS_DUE_RULES = ['human-rights.assessment', 'human-rights.response'] as const;
export type HumanRightsDueRule = (typeof HUMAN_RIGHTS_DUE_RULES)[number];

const DAY_MS = 86_400_000;
const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** `days` before `noticeOn`, brought forward to the business day before it when it falls on a day off. */
export function daysBeforeNotice(noticeOn: string, days: number, calendar: Calendar): string {
  let due = addDays(noticeOn, -days);
  while (!calendar.isBusinessDay(due)) due = addDays(due, -1);
  return due;
}

function dueBefore(noticeOn: string, days: number, whatKo: string, calendar: Calendar): TaskDue {
  const due = daysBeforeNotice(noticeOn, days, calendar);
  return {
    dueAt: `${due}T18:00:00+09:00`,
    basis: {
      labelKo: `${whatKo} — 법정 기한 없음, 설정값: 입법예고일 ${noticeOn}의 ${days}일 전(휴일이면 앞당김) (${UNCONFIRMED_KO})`,
      article: '행정절차법 제43조 (입법예고 전 의견 반영)',
      confidence: 'G',
      source: 'default',
    },
  };
}

export const assessmentDue = (noticeOn: string, calendar: Calendar): TaskDue =>
  dueBefore(noticeOn, HUMAN_RIGHTS_SETTINGS.assessmentDaysBeforeNotice, '인권영향평가 검토의견 통보', calendar);

export const responseDue = (noticeOn: string, calendar: Calendar): TaskDue =>
  dueBefore(noticeOn, HUMAN_RIGHTS_SETTINGS.responseDaysBeforeNotice, '소관부서 개선권고 수용 여부 회신', calendar);

export function humanRightsTaskDue(
  rule: HumanRightsDueRule,
  ctx: { c: CaseRecord & { humanRights?: HumanRightsRecord }; now: string; calendar: Calendar },
): TaskDue {
  const noticeOn = ctx.c.humanRights?.legislativeNoticeOn ?? ctx.now.slice(0, 10);
  return rule === 'human-rights.assessment'
    ? assessmentDue(noticeOn, ctx.calendar)
    : responseDue(noticeOn, ctx.calendar);
}
