/**
 * The dates of a proactive-administration case (적극행정 면책·사전컨설팅):
 *
 * - an exemption is decided before the self-audit's result goes out — 60 days from the audit's end
 *   (공공감사법 제23조①); the decree only says the decision is notified "지체 없이" (시행령 제13조의4④),
 *   so deciding before the result notice is practice, not text;
 * - the committee's request for the audit head's opinion is answered **within 10 days**, extended once
 *   by at most 10 days (지방공무원 적극행정 운영규정 제11조⑦), counted under the 민법 (행정기본법 제6조①);
 * - exemption decisions are reported to 감사원 **each quarter, within 10 days of its end**
 *   (시행령 제13조의4⑤);
 * - no text we hold gives the audit head's own time for a pre-consultation opinion, a number for
 *   "지체 없이", or a time for the department's later outcome: those are settings with a default,
 *   shown as "구 규칙 확인 필요" (docs/legal-basis.md#settings-to-confirm).
 */
import type { Calendar } from '../../calendar/index.ts';
import type { TaskDue } from '../../domain/task.ts';
import { dueAfterBusinessDays } from '../../policies/task-deadlines.ts';
import { computeDue, statutoryPeriod } from '../../policies/statutory-periods.ts';
import { auditResultDue } from '../self-audit/self-audit-deadlines.ts';

export const UNCONFIRMED_KO = '구 규칙 확인 필요';

/** The office's settings for proactive administration (구 규칙 확인 필요: none of them is in a text we hold). */
export const PROACTIVE_ADMIN_SETTINGS = Object.freeze({
  /** Days from a pre-consultation request to the audit head's opinion (the 규정 sets none; 30 is one body's constant). */
  preConsultingDays: 30,
  /** Business days that "지체 없이" stands for when the decision is notified (시행령 제13조의4④). */
  noticeBusinessDays: 3,
  /** Days from the opinion's notice to the department's report of what it then did. */
  outcomeDays: 90,
});

export const PROACTIVE_ADMIN_DUE_RULES = [
  'proactive-admin.review',
  'proactive-admin.committee-reply',
  'proactive-admin.notice',
  'proactive-admin.outcome',
] as const;
export type ProactiveAdminDueRule = (typeof PROACTIVE_ADMIN_DUE_RULES)[number];

const DAY_MS = 86_400_000;
const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const nextBusinessDay = (on: string, calendar: Calendar) => {
  let d = on;
  while (!calendar.isBusinessDay(d)) d = addDays(d, 1);
  return d;
};

/** An exemption's decision: before the result notice, 60 days from the audit's end (법 제23조①). */
export function exemptionDecisionDue(auditEndedOn: string, calendar: Calendar): TaskDue {
  const result = auditResultDue(auditEndedOn, calendar);
  return {
    dueAt: result.dueAt,
    basis: {
      ...result.basis,
      labelKo: `면책 결정 — 감사결과 통보(감사 종료일 ${auditEndedOn}부터 60일, ${result.dueAt.slice(0, 10)}) 전에 (시행령 제13조의4②, 순서는 실무)`,
    },
  };
}

/** A pre-consultation opinion: `preConsultingDays` (a setting) after the request, moved off a non-business day. */
export function preConsultingOpinionDue(requestedOn: string, calendar: Calendar): TaskDue {
  const days = PROACTIVE_ADMIN_SETTINGS.preConsultingDays;
  const due = nextBusinessDay(addDays(requestedOn, days), calendar);
  return {
    dueAt: `${due}T18:00:00+09:00`,
    basis: {
      labelKo: `사전컨설팅 의견 — 규정에 기한 없음, 설정값: 요청일 ${requestedOn}부터 ${days}일 (${UNCONFIRMED_KO})`,
      article: '지방공무원 적극행정 운영규정 제5조',
      confidence: 'G',
      source: 'default',
    },
  };
}

/** The last day of the audit head's reply to the committee chair: 10 days from the request (제11조⑦). */
export function committeeReplyDueOn(requestedOn: string, calendar: Calendar): string {
  return computeDue('active-admin.audit-opinion', `${requestedOn}T18:00:00+09:00`, calendar).dueDate;
}

/** The reply's last day after its one extension: at most 10 more days, counted from the first last day. */
export function extendedCommitteeReplyDueOn(dueOn: string, calendar: Calendar): string {
  return computeDue('active-admin.audit-opinion', `${dueOn}T18:00:00+09:00`, calendar).dueDate;
}

export function committeeReplyDue(dueOn: string, requestedOn: string, extended: boolean): TaskDue {
  const period = statutoryPeriod('active-admin.audit-opinion');
  return {
    dueAt: `${dueOn}T23:59:59+09:00`,
    basis: {
      labelKo: `${period.labelKo} — 위원장 요청일 ${requestedOn}부터 10일${extended ? ', 1회 연장(10일)' : ''} (${dueOn}까지)`,
      article: period.article,
      confidence: period.confidence,
      source: 'statutory',
    },
  };
}

/** Before the chair has asked, the committee step has no statutory clock: the referral day stands in for it. */
export function committeeAwaitingDue(referredOn: string, calendar: Calendar): TaskDue {
  const dueOn = committeeReplyDueOn(referredOn, calendar);
  return {
    dueAt: `${dueOn}T23:59:59+09:00`,
    basis: {
      labelKo: `적극행정위원회 자문 — 위원장 요청일 미기록, 자문 회부일 ${referredOn}부터 10일로 가정 (제11조⑦은 위원장 요청일부터)`,
      article: '지방공무원 적극행정 운영규정 제11조⑦',
      confidence: 'R',
      source: 'default',
    },
  };
}

/** "지체 없이" (시행령 제13조의4④) as the setting's business days after the decision. */
export function decisionNoticeDue(decidedOn: string, calendar: Calendar): TaskDue {
  const days = PROACTIVE_ADMIN_SETTINGS.noticeBusinessDays;
  return {
    dueAt: dueAfterBusinessDays(calendar, `${decidedOn}T09:00:00+09:00`, days),
    basis: {
      labelKo: `결정 통보 — "지체 없이"(시행령 제13조의4④), 설정값: 결정일 ${decidedOn}부터 ${days}근무일 (${UNCONFIRMED_KO})`,
      article: '공공감사법 시행령 제13조의4④',
      confidence: 'G',
      source: 'default',
    },
  };
}

export function outcomeDue(notifiedOn: string, calendar: Calendar): TaskDue {
  const days = PROACTIVE_ADMIN_SETTINGS.outcomeDays;
  const due = nextBusinessDay(addDays(notifiedOn, days), calendar);
  return {
    dueAt: `${due}T18:00:00+09:00`,
    basis: {
      labelKo: `사전컨설팅 이후 처리 결과 — 기한 없음, 설정값: 의견 통보일 ${notifiedOn}부터 ${days}일 (${UNCONFIRMED_KO})`,
      article: '지방공무원 적극행정 운영규정 제15조④',
      confidence: 'G',
      source: 'default',
    },
  };
}

/** The quarter (1–4) a Korea date falls in. */
export const quarterOf = (isoDate: string) => Math.floor((Number(isoDate.slice(5, 7)) - 1) / 3) + 1;

/**
 * The last day to report a quarter's exemption decisions to 감사원: 10 days after the quarter's last
 * day (초일 불산입: the day after it is the first), moved to the next business day (민법 제161조).
 */
export function quarterlyReportDueOn(decidedOn: string, calendar: Calendar): string {
  const year = Number(decidedOn.slice(0, 4));
  const q = quarterOf(decidedOn);
  const nextQuarterStart = q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  const quarterEnd = addDays(nextQuarterStart, -1);
  return nextBusinessDay(addDays(quarterEnd, 10), calendar);
}
