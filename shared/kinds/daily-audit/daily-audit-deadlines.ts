/**
 * When a daily audit's steps are due. 공공감사법 시행령 제13조⑤ leaves the details (thresholds,
 * processing time) to the head of the agency, and the 구's own 일상감사 rule has not been read: no
 * clock here is law. Both are the office's settings with a default, shown as "구 규칙 확인 필요"
 * (docs/legal-basis.md#settings-to-confirm).
 */
import type { Calendar } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import type { TaskDue } from '../../domain/task.ts';
import { dueAfterBusinessDays } from '../../policies/task-deadlines.ts';
import type { DailyAuditRecord } from './daily-audit.ts';

export const UNCONFIRMED_KO = '구 규칙 확인 필요';

/** The office's settings for daily audits (구 규칙 확인 필요: none of them is in a text we hold). */
export const DAILY_AUDIT_SETTINGS = Object.freeze({
  /** Business days from the request to the opinion's notice. */
  reviewBusinessDays: 7,
  /** Calendar days from the opinion's notice to the department's action result (제13조④ sets none). */
  actionResultDays: 30,
});

export const DAILY_AUDIT_DUE_RULES = ['daily-audit.review', 'daily-audit.action-result'] as const;
export type DailyAuditDueRule = (typeof DAILY_AUDIT_DUE_RULES)[number];

const DAY_MS = 86_400_000;
const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The opinion's due date: `reviewBusinessDays` business days after the request (the setting). */
export function dailyAuditReviewDue(requestedOn: string, calendar: Calendar): TaskDue {
  const days = DAILY_AUDIT_SETTINGS.reviewBusinessDays;
  return {
    dueAt: dueAfterBusinessDays(calendar, `${requestedOn}T09:00:00+09:00`, days),
    basis: {
      labelKo: `일상감사 의견 통보 — 법정 기한 없음(시행령 제13조⑤ 위임), 설정값: 의뢰일 ${requestedOn}부터 ${days}근무일 (${UNCONFIRMED_KO})`,
      article: '공공감사법 시행령 제13조⑤',
      confidence: 'G',
      source: 'default',
    },
  };
}

/** The action result's due date: `actionResultDays` calendar days after the notice, moved off a non-business day. */
export function dailyAuditActionDue(notifiedOn: string, calendar: Calendar): TaskDue {
  const days = DAILY_AUDIT_SETTINGS.actionResultDays;
  let due = addDays(notifiedOn, days);
  while (!calendar.isBusinessDay(due)) due = addDays(due, 1);
  return {
    dueAt: `${due}T18:00:00+09:00`,
    basis: {
      labelKo: `집행부서 조치결과 통보 — 법정 기한 없음(시행령 제13조④), 설정값: 통보일 ${notifiedOn}부터 ${days}일 (${UNCONFIRMED_KO})`,
      article: '공공감사법 시행령 제13조④',
      confidence: 'G',
      source: 'default',
    },
  };
}

export function dailyAuditTaskDue(
  rule: DailyAuditDueRule,
  ctx: { c: CaseRecord & { dailyAudit?: DailyAuditRecord }; now: string; calendar: Calendar },
): TaskDue {
  const r = ctx.c.dailyAudit;
  if (rule === 'daily-audit.review') return dailyAuditReviewDue(r?.requestedOn ?? ctx.now.slice(0, 10), ctx.calendar);
  return dailyAuditActionDue(r?.notice?.notifiedOn ?? ctx.now.slice(0, 10), ctx.calendar);
}
