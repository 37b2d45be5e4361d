/**
 * 징계시효 (discipline limitation) as data with citations (docs/legal-basis.md#misconduct-investigations):
 *
 *  - 지방공무원법 제73조의2①: a discipline request (징계의결등의 요구) cannot be made once the period
 *    from the day the ground arose has passed — 10 years (sexual misconduct), 5 years (the money
 *    grounds of 제69조의2①: 금품·향응 취득·제공, 공금 횡령·배임·절도·사기·유용), 3 years (the rest).
 *  - 지방공무원법 제73조의2②: when 제73조①② (Board of Audit investigation: must stop; criminal
 *    investigation: may stop) kept the procedure from running and the period ran out, or less than a
 *    month of it remained, the period is taken to end one month after the end-of-investigation notice.
 *  - 지방공무원법 제69조의2①: the same money grounds also require a 징계부가금 request (up to 5×).
 *
 * Confidence labels (C, C*, S, R): docs/legal-basis.md#confidence-labels; R and S are to be verified at law.go.kr
 * before they become hard behaviour. Everything here is a pure function of dates: no clock, no
 * calendar (the limitation date is not moved off holidays — see LIMITATION_COUNTING).
 */
import { calendarPeriodEnd, type Trace } from '../../calendar/counting-steps.ts';
import { addDays, dayNumber, type IsoDate } from '../../calendar/korea-dates.ts';
import type { Confidence } from '../../calendar/index.ts';
import type { MisconductCategory } from './misconduct-categories.ts';

export type LimitationTier = 'sexual' | 'money' | 'other';

export interface LimitationTierRule {
  readonly years: 3 | 5 | 10;
  readonly labelKo: string;
  readonly article: string;
  /** Confidence in the period and its article. */
  readonly confidence: Confidence;
  /** Confidence in which grounds fall under the tier (the 10-year 목 were not in the text read). */
  readonly groundsConfidence: Confidence;
  readonly noteKo?: string;
}

export const LIMITATION_TIERS: Readonly<Record<LimitationTier, LimitationTierRule>> = Object.freeze({
  sexual: {
    years: 10,
    labelKo: '성 관련 비위(성매매·성폭력범죄·아동·청소년대상 성범죄·성희롱)',
    article: '지방공무원법 제73조의2① (10년)',
    confidence: 'C*',
    groundsConfidence: 'R',
    noteKo: '10년 구분의 각 목 내용은 읽은 사본에서 누락 — 기억에 의한 목록(R), law.go.kr 확인 필요',
  },
  money: {
    years: 5,
    labelKo: '제69조의2① 각 호(금품·향응 취득·제공, 공금 횡령·배임·절도·사기·유용)',
    article: '지방공무원법 제73조의2① (5년) · 제69조의2①',
    confidence: 'C*',
    groundsConfidence: 'C*',
  },
  other: {
    years: 3,
    labelKo: '그 밖의 징계 등 사유',
    article: '지방공무원법 제73조의2① (3년)',
    confidence: 'C*',
    groundsConfidence: 'C*',
  },
});

export interface CategoryRule {
  readonly tier: LimitationTier;
  /** 징계부가금 must be requested with the discipline (지방공무원법 제69조의2①). */
  readonly surchargeRequired: boolean;
}

/** Each misconduct category of the office's vocabulary → its limitation tier and surcharge duty. */
export const CATEGORY_RULES: Readonly<Record<MisconductCategory, CategoryRule>> = Object.freeze({
  bribery: { tier: 'money', surchargeRequired: true },
  'bribe-giving': { tier: 'money', surchargeRequired: true },
  embezzlement: { tier: 'money', surchargeRequired: true },
  'breach-of-trust': { tier: 'money', surchargeRequired: true },
  'sexual-offence': { tier: 'sexual', surchargeRequired: false },
  'sexual-harassment': { tier: 'sexual', surchargeRequired: false },
  'drunk-driving': { tier: 'other', surchargeRequired: false },
  'abuse-of-authority': { tier: 'other', surchargeRequired: false },
  'neglect-of-duty': { tier: 'other', surchargeRequired: false },
  'breach-of-service-rules': { tier: 'other', surchargeRequired: false },
  other: { tier: 'other', surchargeRequired: false },
});

export const SURCHARGE_RULE = Object.freeze({
  maxMultiple: 5,
  article: '지방공무원법 제69조의2①',
  confidence: 'C*' as Confidence,
  labelKo: '징계부가금(금품·향응 가액 또는 공금 횡령액 등의 5배 내)',
});

/** How the limitation is counted; the choice itself is an inference, hence R. */
export const LIMITATION_COUNTING = Object.freeze({
  basisKo:
    '행정기본법 제6조① → 민법 제157조(초일 불산입)·제160조(역에 의한 계산). 민법 제161조(말일이 토요일·공휴일이면 익일 만료)는 ' +
    '징계의결 요구 가능 기간에 적용되는지 확인하지 못해 적용하지 않음 — 더 이른(보수적인) 날짜',
  confidence: 'R' as Confidence,
});

/** 제73조의2②, with the reading of "1개월이 지난 날" this code takes. */
export const SUSPENSION_EXTENSION_RULE = Object.freeze({
  article: '지방공무원법 제73조의2②',
  confidence: 'C*' as Confidence,
  months: 1,
  readingKo:
    '종료 통보를 받은 날부터 1개월(민법 제157조·제160조로 계산한 기간의 말일)에 시효가 끝나는 것으로 봄 — "1개월이 지난 날"을 그 말일로 읽음(R); ' +
    '이의신청에 대한 결정 통보일 기산(같은 항 괄호)은 아직 다루지 않음',
  readingConfidence: 'R' as Confidence,
});

export interface LimitationExtension {
  readonly before: IsoDate;
  readonly after: IsoDate;
  readonly startNoticeReceivedOn: IsoDate;
  readonly endNoticeReceivedOn: IsoDate;
  readonly article: string;
  readonly confidence: Confidence;
}

export interface Limitation {
  /** The last day on which a discipline request may still be made. */
  readonly date: IsoDate;
  readonly years: 3 | 5 | 10;
  readonly tier: LimitationTier;
  /** The day the ground arose (for continuing misconduct: the day it ended). */
  readonly from: IsoDate;
  readonly article: string;
  readonly confidence: Confidence;
  readonly explanation: readonly string[];
  readonly extensions: readonly LimitationExtension[];
}

/** Civil Act counting of a period in years or months from `from` (초일 불산입), without 제161조. */
function periodEnd(from: IsoDate, amount: number, unit: 'years' | 'months'): { end: IsoDate; explanation: string[] } {
  const trace: Trace = { explanation: [], skipped: [] };
  const end = calendarPeriodEnd(addDays(from, 1), amount, unit, [], trace);
  return { end, explanation: trace.explanation };
}

/** The 징계시효 of a misconduct category whose ground arose on `conductDate` (제73조의2①). */
export function disciplineLimitation(category: MisconductCategory, conductDate: IsoDate): Limitation {
  const { tier } = CATEGORY_RULES[category];
  const rule = LIMITATION_TIERS[tier];
  const { end, explanation } = periodEnd(conductDate, rule.years, 'years');
  return {
    date: end,
    years: rule.years,
    tier,
    from: conductDate,
    article: rule.article,
    confidence: rule.confidence,
    explanation: [
      `징계시효 ${rule.years}년 — ${rule.labelKo} (${rule.article}) [${rule.confidence}; 사유 구분 ${rule.groundsConfidence}]`,
      `징계 사유 발생일 ${conductDate}, 초일 불산입 → 기산일 ${addDays(conductDate, 1)}`,
      ...explanation.map((line) => line.trim()),
      `계산 규칙: ${LIMITATION_COUNTING.basisKo} [${LIMITATION_COUNTING.confidence}]`,
    ],
    extensions: [],
  };
}

/**
 * 제73조의2②: a suspension under 제73조①② that began on `startNoticeReceivedOn` (the start-of-
 * investigation notice) and ended with the end notice received on `endNoticeReceivedOn`. When the
 * limitation ran out while proceedings were stopped, or less than a month of it was left when the
 * end notice came, the limitation becomes the end of one month from that notice. A limitation that
 * had already run out before proceedings stopped was not prevented by the stop and does not move.
 */
export function extendLimitationForSuspension(
  limitation: Limitation,
  startNoticeReceivedOn: IsoDate,
  endNoticeReceivedOn: IsoDate,
): Limitation {
  if (endNoticeReceivedOn < startNoticeReceivedOn)
    throw new RangeError('the end notice cannot precede the start notice');
  if (limitation.date < startNoticeReceivedOn) return limitation;
  const { end: oneMonthAfterNotice } = periodEnd(endNoticeReceivedOn, SUSPENSION_EXTENSION_RULE.months, 'months');
  if (limitation.date >= oneMonthAfterNotice) return limitation;
  return {
    ...limitation,
    date: oneMonthAfterNotice,
    extensions: [
      ...limitation.extensions,
      {
        before: limitation.date,
        after: oneMonthAfterNotice,
        startNoticeReceivedOn,
        endNoticeReceivedOn,
        article: SUSPENSION_EXTENSION_RULE.article,
        confidence: SUSPENSION_EXTENSION_RULE.confidence,
      },
    ],
    explanation: [
      ...limitation.explanation,
      `징계절차 정지(${startNoticeReceivedOn} 개시 통보 ~ ${endNoticeReceivedOn} 종료 통보) 중 시효가 지났거나 남은 기간이 1개월 미만 → ` +
        `종료 통보일부터 1개월인 ${oneMonthAfterNotice}에 만료 (${SUSPENSION_EXTENSION_RULE.article}) [${SUSPENSION_EXTENSION_RULE.confidence}; 해석 ${SUSPENSION_EXTENSION_RULE.readingConfidence}]`,
    ],
  };
}

export const LIMITATION_WARNING_DAYS = Object.freeze({ near: 90, imminent: 30 });

export type LimitationStatus = 'running' | 'near' | 'imminent' | 'expired' | 'suspended' | 'met' | 'not-applicable';

export interface LimitationWarning {
  readonly date: IsoDate;
  /** Days from today to the limitation date (0 = the last day is today; negative = past). */
  readonly daysLeft: number;
  readonly status: LimitationStatus;
  readonly messageKo: string;
  readonly article: string;
  readonly confidence: Confidence;
}

/**
 * What staff see on a case: the limitation date and how close it is. The limitation stops mattering
 * once the discipline request has been made in time, or when the approved disposition is not 징계.
 */
export function limitationWarning(
  limitation: Pick<Limitation, 'date' | 'article' | 'confidence'>,
  today: IsoDate,
  state: { disciplineRequestedOn?: IsoDate; approvedDisposition?: string; suspended?: boolean } = {},
): LimitationWarning {
  const daysLeft = dayNumber(limitation.date) - dayNumber(today);
  const base = { date: limitation.date, daysLeft, article: limitation.article, confidence: limitation.confidence };
  if (state.disciplineRequestedOn !== undefined) {
    return {
      ...base,
      status: 'met',
      messageKo: `징계의결 요구(${state.disciplineRequestedOn})가 시효 만료일(${limitation.date}) 전에 이루어짐`,
    };
  }
  if (state.approvedDisposition !== undefined && state.approvedDisposition !== 'discipline') {
    return {
      ...base,
      status: 'not-applicable',
      messageKo: `징계가 아닌 처분으로 결정됨 — 징계시효 ${limitation.date}는 참고용`,
    };
  }
  if (daysLeft < 0)
    return {
      ...base,
      status: 'expired',
      messageKo: `징계시효 만료(${limitation.date}) — 징계의결 요구를 할 수 없음 (${limitation.article})`,
    };
  if (state.suspended) {
    return {
      ...base,
      status: 'suspended',
      messageKo: `징계절차 정지 중 — 시효 만료일 ${limitation.date}(D-${daysLeft}), 종료 통보 시 제73조의2②에 따라 다시 계산`,
    };
  }
  if (daysLeft <= LIMITATION_WARNING_DAYS.imminent)
    return { ...base, status: 'imminent', messageKo: `징계시효 임박: ${limitation.date} 만료 (D-${daysLeft})` };
  if (daysLeft <= LIMITATION_WARNING_DAYS.near)
    return { ...base, status: 'near', messageKo: `징계시효 주의: ${limitation.date} 만료 (D-${daysLeft})` };
  return { ...base, status: 'running', messageKo: `징계시효 ${limitation.date} 만료 (D-${daysLeft})` };
}
