/**
 * The dates of a property registration (공직자 재산등록) and its review, each with its article:
 *
 * - initial registration (최초 등록): by the last day of the month in which the day two months after
 *   becoming a registrant falls (공직자윤리법 제5조①); retirement (퇴직 신고) the same from the
 *   retirement day (제6조②);
 * - the yearly change report (정기 변동신고): 1 January to the last day of February (제6조①);
 * - an extension of the registration period: at most 30 days, 20 for public-disclosure registrants,
 *   counted from the end of the period — or, for sick leave or a stay abroad, from the day the reason
 *   ends (시행령 제7조);
 * - a supplement order (보완명령), a request for material or written questions, and an explanation of
 *   how property was formed (소명) are each due 20 days from the day the registrant receives them
 *   (법 제8조②③⑥, 시행령 제10조·제14조의2);
 * - a committee's own-motion re-review (직권 재심사): within 3 years of the first decision and 6 months
 *   of learning the reason, resolved by two thirds of the members (법 제9조의2).
 *
 * A period's last day on a Saturday or public holiday moves to the next business day (민법 제161조,
 * 행정기본법 제6조①). Pure: no AWS SDK.
 */
import type { Calendar } from '../../calendar/index.ts';
import type { TaskDue } from '../../domain/task.ts';

export const UNCONFIRMED_KO = '구 규칙 확인 필요';

export const REGISTRATION_TYPES = {
  initial: { labelKo: '최초 등록', article: '공직자윤리법 제5조①' },
  yearly: { labelKo: '정기 변동신고', article: '공직자윤리법 제6조①' },
  retirement: { labelKo: '퇴직 신고', article: '공직자윤리법 제6조②' },
} as const;
export type RegistrationType = keyof typeof REGISTRATION_TYPES;
export const REGISTRATION_TYPE_KEYS = Object.keys(REGISTRATION_TYPES) as [RegistrationType, ...RegistrationType[]];

/** Days the law fixes; the one figure the office sets is marked 구 규칙 확인 필요. */
export const PROPERTY_REVIEW_RULES = Object.freeze({
  extensionDays: { regular: 30, publicDisclosure: 20, article: '공직자윤리법 시행령 제7조' },
  replyDays: { days: 20, article: '공직자윤리법 제8조②③⑥, 시행령 제10조·제14조의2' },
  summonsRefusalsForComplaint: { count: 2, article: '공직자윤리법 시행령 제11조' },
  reReview: { years: 3, monthsFromKnowing: 6, article: '공직자윤리법 제9조의2' },
  committeeMembers: { count: 7, article: '공직자윤리법 제9조③' },
});

/** The office's settings (no text we hold fixes them). */
export const PROPERTY_REVIEW_SETTINGS = Object.freeze({
  /** Days from receipt to the review's result, for the 구 docket (법 제8조⑩ sets a limit only for public-disclosure registrants). */
  reviewDays: 90,
  /** Members present for a committee meeting to resolve (조례 사항). */
  quorum: 4,
});

const DAY_MS = 86_400_000;
export const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
export const nextBusinessDay = (on: string, calendar: Calendar) => {
  let d = on;
  while (!calendar.isBusinessDay(d)) d = addDays(d, 1);
  return d;
};
const lastDayOfMonth = (year: number, month1: number) => new Date(Date.UTC(year, month1, 0)).toISOString().slice(0, 10);

/** The last day of the month in which the day two months after `on` falls (법 제5조①, 제6조②). */
export function twoMonthsMonthEnd(on: string): string {
  const year = Number(on.slice(0, 4));
  const month = Number(on.slice(5, 7)) + 2;
  return lastDayOfMonth(year + Math.floor((month - 1) / 12), ((month - 1) % 12) + 1);
}

/** The period of a registration of the given type, before moving off a non-business day. */
export function registrationPeriod(
  type: RegistrationType,
  eventOn: string,
): { startsOn: string; endsOn: string; labelKo: string } {
  switch (type) {
    case 'initial':
      return {
        startsOn: eventOn,
        endsOn: twoMonthsMonthEnd(eventOn),
        labelKo: `등록의무자가 된 날(${eventOn})부터 2개월이 되는 날이 속하는 달의 말일`,
      };
    case 'retirement':
      return {
        startsOn: eventOn,
        endsOn: twoMonthsMonthEnd(eventOn),
        labelKo: `퇴직일(${eventOn})부터 2개월이 되는 날이 속하는 달의 말일`,
      };
    case 'yearly': {
      const year = Number(eventOn.slice(0, 4));
      return {
        startsOn: `${year}-01-01`,
        endsOn: lastDayOfMonth(year, 2),
        labelKo: `${year}년 정기 변동신고 기간 1월 1일 ~ 2월 말일`,
      };
    }
  }
}

/** The registration's last day: its period's end, moved to the next business day (민법 제161조). */
export function registrationDueOn(type: RegistrationType, eventOn: string, calendar: Calendar): string {
  return nextBusinessDay(registrationPeriod(type, eventOn).endsOn, calendar);
}

export function registrationDue(type: RegistrationType, eventOn: string, calendar: Calendar): TaskDue {
  const period = registrationPeriod(type, eventOn);
  const dueOn = nextBusinessDay(period.endsOn, calendar);
  return {
    dueAt: `${dueOn}T23:59:59+09:00`,
    basis: {
      labelKo: `${REGISTRATION_TYPES[type].labelKo} — ${period.labelKo} (${dueOn}까지)`,
      article: REGISTRATION_TYPES[type].article,
      confidence: 'A',
      source: 'statutory',
    },
  };
}

/**
 * An extended registration period's last day: `days` (at most 30, or 20 for public-disclosure
 * registrants) after the original end, or after the day a sick leave or stay abroad ends.
 */
export function extendedRegistrationDueOn(
  originalEndsOn: string,
  days: number,
  calendar: Calendar,
  reasonEndsOn?: string,
): string {
  const from = reasonEndsOn !== undefined && reasonEndsOn > originalEndsOn ? reasonEndsOn : originalEndsOn;
  return nextBusinessDay(addDays(from, days), calendar);
}

export const maxExtensionDays = (publicDisclosure: boolean) =>
  publicDisclosure ? PROPERTY_REVIEW_RULES.extensionDays.publicDisclosure : PROPERTY_REVIEW_RULES.extensionDays.regular;

/** A supplement, material or explanation is due 20 days from its receipt (초일 불산입, 민법 제157조). */
export function replyDueOn(receivedOn: string, calendar: Calendar): string {
  return nextBusinessDay(addDays(receivedOn, PROPERTY_REVIEW_RULES.replyDays.days), calendar);
}

/** The review's own target (a setting): the 구 docket has no statutory limit. */
export function reviewDue(receivedOn: string, calendar: Calendar): TaskDue {
  const days = PROPERTY_REVIEW_SETTINGS.reviewDays;
  const dueOn = nextBusinessDay(addDays(receivedOn, days), calendar);
  return {
    dueAt: `${dueOn}T18:00:00+09:00`,
    basis: {
      labelKo: `재산등록 심사 — 비공개대상자는 법정 심사기한 없음, 설정값: 신고 접수일 ${receivedOn}부터 ${days}일 (${UNCONFIRMED_KO})`,
      article: '공직자윤리법 제8조⑩',
      confidence: 'C',
      source: 'default',
    },
  };
}

/** The last day a committee may re-review of its own motion (3 years from the decision, 6 months from knowing). */
export function reReviewLastDay(decidedOn: string, knewOn: string): string {
  const plusMonths = (on: string, months: number) => {
    const y = Number(on.slice(0, 4));
    const m = Number(on.slice(5, 7)) - 1 + months;
    const day = Number(on.slice(8, 10));
    const yy = y + Math.floor(m / 12);
    const mm = (m % 12) + 1;
    const last = Number(lastDayOfMonth(yy, mm).slice(8, 10));
    return `${yy}-${String(mm).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
  };
  const threeYears = plusMonths(decidedOn, 36);
  const sixMonths = plusMonths(knewOn, 6);
  return threeYears < sixMonths ? threeYears : sixMonths;
}

/** Quarterly registration status to the government committee: within 10 days after each quarter (시행령 제8조). */
export function quarterlyStatusReportDueOn(quarterEndOn: string, calendar: Calendar): string {
  return nextBusinessDay(addDays(quarterEndOn, 10), calendar);
}

/** The yearly operating data (연차보고서 자료): by 31 March of the next year (시행령 제36조②), a fixed day. */
export const yearlyDataReportDueOn = (year: number) => `${year + 1}-03-31`;
