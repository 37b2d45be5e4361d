/**
 * The dates of a self-audit (자체감사), from 공공감사에 관한 법률 and its 시행령:
 *
 * - the plan's notice to the audited department **7 days before the audit starts** (시행령 제12조①),
 *   counted back under the 민법 (행정기본법 제6조①): the period runs backwards from the day before
 *   the start (초일 불산입, 민법 제157조), its seventh day is start − 7, and a period counted back
 *   ends as that day begins — so the notice must go out on start − 8 at the latest. A notice day
 *   that falls on a holiday or weekend is **not moved** (moving it later would shorten the seven
 *   days): it is flagged, so the office sends it on the business day before. How to count back is
 *   not written in any text we hold (confidence C) — the explanation says so;
 * - the result within **60 days** of the audit's end (법 제23조①);
 * - 재심의: filed within **1 month** of the notice, decided within **2 months** of receipt (법 제25조);
 * - each finding's follow-up (이행): the law sets no deadline (법 제23조③), so the number of days is
 *   a setting (default 60, as 행정감사규정 제18조⑤ for external audits), shown as "구 규칙 확인 필요".
 */
import type { Calendar } from '../../calendar/index.ts';
import type { TaskDue } from '../../domain/task.ts';
import { computeDue, statutoryPeriod, type PeriodId } from '../../policies/statutory-periods.ts';

export const UNCONFIRMED_KO = '구 규칙 확인 필요';

/** The office's settings for self-audits: none of these is in a text we hold (구 규칙 확인 필요). */
export const SELF_AUDIT_SETTINGS: Readonly<{ followUpDays: number }> = Object.freeze({
  /** Days from the result notice to each finding's follow-up result (법 제23조③ sets none). */
  followUpDays: 60,
});

const DAY_MS = 86_400_000;
export const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export interface NoticeDeadline {
  /** The last day the notice may go out. */
  lastDay: string;
  /** Why that day is not a business day, when it is not: send it earlier. */
  holiday?: string;
  warningKo?: string;
  explanationKo: string[];
}

/** The last day to notify the audited department of an audit starting on `startOn` (시행령 제12조①). */
export function auditNoticeDeadline(startOn: string, calendar: Calendar): NoticeDeadline {
  const seventh = addDays(startOn, -7);
  const lastDay = addDays(startOn, -8);
  const off = calendar.nonBusinessDay(lastDay);
  const explanationKo = [
    `감사예정일: ${startOn}`,
    `거꾸로 셈: 감사예정일 전날(${addDays(startOn, -1)})이 첫째 날(초일 불산입, 민법 제157조), 일곱째 날은 ${seventh}`,
    `역산 기간은 ${seventh}이 시작될 때 끝나므로 통보는 ${lastDay}까지 (시행령 제12조①; 역산 방법은 조문에 없음 — 확인 필요)`,
  ];
  if (!off) return { lastDay, explanationKo };
  const warningKo = `통보 마감일 ${lastDay}은 ${off.reason}입니다 — 늦추지 말고 그 전 근무일에 통보하세요 (역산 기한은 미루지 않음)`;
  return { lastDay, holiday: off.reason, warningKo, explanationKo: [...explanationKo, warningKo] };
}

export function auditNoticeDue(startOn: string, calendar: Calendar): TaskDue {
  const d = auditNoticeDeadline(startOn, calendar);
  return {
    dueAt: `${d.lastDay}T23:59:59+09:00`,
    basis: {
      labelKo: `감사계획 통보 — 감사예정일(${startOn}) 7일 전까지 (역산: ${d.lastDay}까지)${d.warningKo ? ` ⚠ ${d.warningKo}` : ''}`,
      article: '공공감사법 시행령 제12조①',
      confidence: 'C',
      source: 'statutory',
    },
  };
}

/** A statutory period counted from a Korea date (the first day not counted: the start is that day's end). */
export function fromDate(id: PeriodId, fromOn: string, calendar: Calendar, startLabelKo: string): TaskDue {
  const period = statutoryPeriod(id);
  const due = computeDue(id, `${fromOn}T18:00:00+09:00`, calendar);
  const unitKo = period.unit === 'months' ? '개월' : period.unit === 'years' ? '년' : '일';
  return {
    dueAt: due.dueAt,
    basis: {
      labelKo: `${period.labelKo} — ${startLabelKo} ${fromOn}부터 ${period.amount}${unitKo} (${due.dueDate}까지)`,
      article: period.article,
      confidence: period.confidence,
      source: 'statutory',
    },
  };
}

/** 감사결과 통보: 60 days from the audit's end (법 제23조①). */
export const auditResultDue = (endedOn: string, calendar: Calendar) =>
  fromDate('audit.result-notice', endedOn, calendar, '감사 종료일');

/** 재심의 신청 기간: 1 month from the day the result was notified (법 제25조①). */
export const reconsiderationFilingDue = (notifiedOn: string, calendar: Calendar) =>
  fromDate('audit.reconsideration.filing', notifiedOn, calendar, '감사결과 통보일');

/** 재심의 처리: 2 months from receipt of the request (법 제25조⑤). */
export const reconsiderationDecisionDue = (receivedOn: string, calendar: Calendar) =>
  fromDate('audit.reconsideration.decision', receivedOn, calendar, '재심의 신청 접수일');

/**
 * A finding's follow-up: `followUpDays` (a setting) after the result notice, moved off a
 * non-business day (민법 제161조, as other periods of the office).
 */
export function followUpDue(notifiedOn: string, calendar: Calendar, days = SELF_AUDIT_SETTINGS.followUpDays): TaskDue {
  let due = addDays(notifiedOn, days);
  while (!calendar.isBusinessDay(due)) due = addDays(due, 1);
  return {
    dueAt: `${due}T23:59:59+09:00`,
    basis: {
      labelKo: `처분요구 이행결과 — 법정 기한 없음(공공감사법 제23조③), 설정값: 결과 통보일 ${notifiedOn}부터 ${days}일 (${UNCONFIRMED_KO})`,
      article: '공공감사법 제23조③',
      confidence: 'G',
      source: 'default',
    },
  };
}
