/**
 * The dates of an audit received from the city or a ministry (외부기관 감사 수감), from
 * 지방자치단체에 대한 행정감사규정, all counted from the day the result was received (민법 counting,
 * 행정기본법 제6조①):
 *
 * - each demand's 이행결과 within **60 days** (제18조⑤; a long item may send its 조치계획 instead);
 * - a 경고 demand published on the 구's website within **10 days** (제18조④);
 * - 재심의 filed within **1 month**, decided by the auditing body within **2 months** of its receipt (제20조);
 * - the auditing body's own 직권 재심의 within **2 years** of the result (제21조).
 */
import { CalendarYearNotCoveredError, type Calendar } from '../../calendar/index.ts';
import type { TaskDue } from '../../domain/task.ts';
import { addDays, fromDate } from '../self-audit/self-audit-deadlines.ts';

const RECEIVED_KO = '감사결과 수령일';

/** 이행결과: 60 days from receipt (제18조⑤). `days` is accepted for the findings' shared shape and ignored: the rule sets it. */
export const receivedFollowUpDue = (receivedOn: string, calendar: Calendar, _days?: number): TaskDue =>
  fromDate('external-audit.follow-up', receivedOn, calendar, RECEIVED_KO);

export const warningPublicationDue = (receivedOn: string, calendar: Calendar): TaskDue =>
  fromDate('external-audit.warning-publication', receivedOn, calendar, RECEIVED_KO);

export const receivedReconsiderationFilingDue = (receivedOn: string, calendar: Calendar): TaskDue =>
  fromDate('external-audit.reconsideration.filing', receivedOn, calendar, RECEIVED_KO);

export const receivedReconsiderationDecisionDue = (filedOn: string, calendar: Calendar): TaskDue =>
  fromDate('external-audit.reconsideration.decision', filedOn, calendar, '재심의 신청일');

/**
 * 직권 재심의 (제21조): the auditing body may itself reconsider a demand found unlawful or unjust through
 * an error or omission in the evidence, within **2 years** of the day it notified the result. We hold the
 * day the result was received, not sent: the window is counted from receipt, at most a few days later
 * than the rule's, so a change the body sends inside its window is never refused.
 *
 * Two years ahead usually lies beyond the public-holiday data (published a year or so ahead): the end is
 * then the calendar one (민법 제157조·제160조) moved past a weekend only, not past a holiday not yet known.
 */
export function exOfficioReconsiderationUntil(receivedOn: string, calendar: Calendar): string {
  try {
    return fromDate('external-audit.ex-officio-reconsideration', receivedOn, calendar, RECEIVED_KO).dueAt.slice(0, 10);
  } catch (error) {
    if (!(error instanceof CalendarYearNotCoveredError)) throw error;
  }
  const [y, m, d] = addDays(receivedOn, 1).split('-').map(Number) as [number, number, number];
  let end = addDays(new Date(Date.UTC(y + 2, m - 1, d)).toISOString().slice(0, 10), -1);
  while ([0, 6].includes(new Date(`${end}T00:00:00Z`).getUTCDay())) end = addDays(end, 1);
  return end;
}
