/**
 * The dates of a disclosure refusal (고지거부: a registrant's lineal relative who is not a dependant
 * asks not to have their property registered), each with its article:
 *
 * - the application window by registration type (공직자윤리법 시행령 제27조①): one month from becoming a
 *   registrant, from retirement, or from the yearly report period's start (1 January, so 31 January);
 *   after an extension of the registration period, 15 days (10 for public-disclosure registrants) from
 *   the extended period's start;
 * - the decision and its notice: within 10 days of the application, extendable once by 10 days (제27조②);
 * - a refusal extends the registration period by 30 days (20 for public-disclosure registrants) from
 *   the day the refusal notice is received (제27조④);
 * - a permission is re-reviewed every 3 years: the application between 1 January and 31 March of the
 *   third year after it (법 제12조④, 시행령 제27조⑤), decided and notified by 30 November (제27조⑥).
 *
 * A period whose last day is a Saturday or holiday ends on the next business day (민법 제161조). Pure.
 */
import type { Calendar } from '../../calendar/index.ts';
import type { TaskDue } from '../../domain/task.ts';
import { addDays, nextBusinessDay } from '../property-review/property-review-deadlines.ts';

export const DISCLOSURE_REFUSAL_RULES = Object.freeze({
  decisionDays: { days: 10, extensionDays: 10, article: '공직자윤리법 시행령 제27조②' },
  refusalExtension: { regular: 30, publicDisclosure: 20, article: '공직자윤리법 시행령 제27조④' },
  reReview: {
    everyYears: 3,
    applyFrom: '01-01',
    applyUntil: '03-31',
    decideBy: '11-30',
    article: '공직자윤리법 제12조④, 시행령 제27조⑤⑥',
  },
});

export const APPLICATION_WINDOWS = {
  initial: { labelKo: '최초 등록 — 등록의무자가 된 날부터 1개월', article: '공직자윤리법 시행령 제27조①1' },
  yearly: { labelKo: '정기 변동신고 — 신고기간 개시일(1월 1일)부터 1개월', article: '공직자윤리법 시행령 제27조①2' },
  retirement: { labelKo: '퇴직 신고 — 퇴직일부터 1개월', article: '공직자윤리법 시행령 제27조①3' },
  extended: {
    labelKo: '등록기간 연장 — 연장 기산일부터 15일(공개대상자 10일)',
    article: '공직자윤리법 시행령 제27조①',
  },
  're-review': { labelKo: '재심사 — 3년째 정기 변동신고기간 개시일부터 3개월', article: '공직자윤리법 시행령 제27조⑤' },
} as const;
export type ApplicationWindow = keyof typeof APPLICATION_WINDOWS;
export const APPLICATION_WINDOW_KEYS = Object.keys(APPLICATION_WINDOWS) as [ApplicationWindow, ...ApplicationWindow[]];

const lastDay = (y: number, m1: number) => new Date(Date.UTC(y, m1, 0)).getUTCDate();
/** The day a period of `months` months from `on` ends, the first day not counted (민법 제157·160조). */
export function monthsLater(on: string, months: number): string {
  const y = Number(on.slice(0, 4));
  const m = Number(on.slice(5, 7)) - 1 + months;
  const yy = y + Math.floor(m / 12);
  const mm = (m % 12) + 1;
  const d = Math.min(Number(on.slice(8, 10)), lastDay(yy, mm));
  return `${yy}-${String(mm).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The application window's first and last day (last moved off a non-business day). */
export function applicationWindow(
  window: ApplicationWindow,
  startsOn: string,
  publicDisclosure: boolean,
  calendar: Calendar,
): { opensOn: string; closesOn: string } {
  const year = Number(startsOn.slice(0, 4));
  switch (window) {
    case 'yearly':
      // The report period starts at midnight on 1 January, so that day counts (민법 제157조 단서).
      return { opensOn: `${year}-01-01`, closesOn: nextBusinessDay(`${year}-01-31`, calendar) };
    case 're-review': {
      const dates = reReviewDates(year, calendar);
      return { opensOn: dates.applyFrom, closesOn: dates.applyUntil };
    }
    case 'extended':
      return { opensOn: startsOn, closesOn: nextBusinessDay(addDays(startsOn, publicDisclosure ? 10 : 15), calendar) };
    case 'initial':
    case 'retirement':
      return { opensOn: startsOn, closesOn: nextBusinessDay(monthsLater(startsOn, 1), calendar) };
  }
}

/** The decision's last day: 10 days from the application (초일 불산입). */
export function decisionDueOn(appliedOn: string, calendar: Calendar): string {
  return nextBusinessDay(addDays(appliedOn, DISCLOSURE_REFUSAL_RULES.decisionDays.days), calendar);
}

/** After the one extension: 10 more days from the first last day. */
export function extendedDecisionDueOn(dueOn: string, calendar: Calendar): string {
  return nextBusinessDay(addDays(dueOn, DISCLOSURE_REFUSAL_RULES.decisionDays.extensionDays), calendar);
}

export function decisionDue(appliedOn: string, dueOn: string, extended: boolean): TaskDue {
  return {
    dueAt: `${dueOn}T23:59:59+09:00`,
    basis: {
      labelKo: `고지거부 허가 여부 결정·통보 — 신청일 ${appliedOn}부터 10일${extended ? ', 1회 연장(10일)' : ''} (${dueOn}까지)`,
      article: DISCLOSURE_REFUSAL_RULES.decisionDays.article,
      confidence: 'A',
      source: 'statutory',
    },
  };
}

/** A refusal extends the registration period by 30 days (공개대상자 20) from the notice's receipt. */
export function refusalRegistrationDueOn(
  noticeReceivedOn: string,
  publicDisclosure: boolean,
  calendar: Calendar,
): string {
  const r = DISCLOSURE_REFUSAL_RULES.refusalExtension;
  return nextBusinessDay(addDays(noticeReceivedOn, publicDisclosure ? r.publicDisclosure : r.regular), calendar);
}

/**
 * The year a permission is re-reviewed in: the third year after the permission's (법 제12조④ "3년마다";
 * a permission of 2023 is re-reviewed in the 2026 yearly report period).
 */
export const reReviewYear = (permittedOn: string) =>
  Number(permittedOn.slice(0, 4)) + DISCLOSURE_REFUSAL_RULES.reReview.everyYears;

export function reReviewDates(
  year: number,
  calendar: Calendar,
): { applyFrom: string; applyUntil: string; decideBy: string } {
  // A year the holiday data does not cover yet keeps 31 March as it stands rather than stop the yearly job.
  const lastDay = `${year}-03-31`;
  return {
    applyFrom: `${year}-01-01`,
    applyUntil: calendar.isCovered(year) ? nextBusinessDay(lastDay, calendar) : lastDay,
    // A fixed day (기일), not the end of a period: it does not move off a holiday.
    decideBy: `${year}-11-30`,
  };
}
