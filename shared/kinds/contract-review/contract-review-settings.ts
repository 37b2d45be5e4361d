/**
 * The office's settings for contract cost reviews. No national text sets the procedure; the 구's own
 * 계약심사 rule has not been read. Every figure here is an example default the office must confirm
 * ("구 규칙 확인 필요", docs/legal-basis.md#settings-to-confirm), never law.
 */
import { CalendarYearNotCoveredError, type Calendar } from '../../calendar/index.ts';
import type { TaskDue } from '../../domain/task.ts';

export const UNCONFIRMED_KO = '구 규칙 확인 필요';

export const CONTRACT_CATEGORIES = {
  'works-general': { labelKo: '공사(종합)', groupKo: '공사' },
  'works-specialist': { labelKo: '공사(전문)', groupKo: '공사' },
  services: { labelKo: '용역', groupKo: '용역' },
  'goods-manufacture': { labelKo: '물품(제조)', groupKo: '물품' },
  'goods-purchase': { labelKo: '물품(구매)', groupKo: '물품' },
} as const;
export type ContractCategory = keyof typeof CONTRACT_CATEGORIES;
export const CONTRACT_CATEGORY_KEYS = Object.keys(CONTRACT_CATEGORIES) as [ContractCategory, ...ContractCategory[]];

/**
 * The amount from which a contract is reviewed, by category (설계금액·추정가격 하한, 원). The defaults
 * are one Seoul 구's published figures of 2012 (works ₩30M, services ₩20M, goods ₩10M), shipped as
 * an example: other local governments use other figures (e.g. works 3억/2억, services 5천만).
 */
export const CONTRACT_REVIEW_THRESHOLDS: Readonly<Record<ContractCategory, number>> = Object.freeze({
  'works-general': 30_000_000,
  'works-specialist': 30_000_000,
  services: 20_000_000,
  'goods-manufacture': 10_000_000,
  'goods-purchase': 10_000_000,
});
export const THRESHOLDS_SOURCE_KO = `심사 대상 금액 기준: 다른 자치구 예시값(2012) — ${UNCONFIRMED_KO}`;

export const CONTRACT_REVIEW_SETTINGS = Object.freeze({
  /** Days from the request to the reviewed amount's notice; supplement periods are not counted. */
  reviewDays: 10,
});

const DAY_MS = 86_400_000;
export const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export interface SupplementSpan {
  requestedOn: string;
  receivedOn?: string | undefined;
}

export interface ContractReviewDue {
  /** Undefined while a supplement is outstanding: the clock is stopped. */
  dueDate?: string;
  stoppedDays: number;
  clockStopped: boolean;
  explanationKo: string[];
}

/**
 * `reviewDays` days after the request (the first day not counted), plus every day a supplement was
 * outstanding (from the request for documents to their receipt); a due date on a Saturday, Sunday or
 * public holiday moves to the next business day.
 */
export function contractReviewDue(
  requestedOn: string,
  supplements: readonly SupplementSpan[],
  calendar: Calendar,
): ContractReviewDue {
  try {
    return countDue(requestedOn, supplements, calendar);
  } catch (error) {
    // A year the holiday data does not cover yet: no due date rather than a wrong one.
    if (!(error instanceof CalendarYearNotCoveredError)) throw error;
    return { stoppedDays: 0, clockStopped: false, explanationKo: [`처리기한 계산 불가: ${error.messageKo}`] };
  }
}

function countDue(requestedOn: string, supplements: readonly SupplementSpan[], calendar: Calendar): ContractReviewDue {
  const days = CONTRACT_REVIEW_SETTINGS.reviewDays;
  const explanationKo = [`의뢰일 ${requestedOn}부터 ${days}일 (설정값, ${UNCONFIRMED_KO})`];
  let stoppedDays = 0;
  for (const s of supplements) {
    if (s.receivedOn === undefined) {
      explanationKo.push(`보완요구 ${s.requestedOn}부터 보완 접수 전까지 처리기간 정지`);
      return { stoppedDays, clockStopped: true, explanationKo };
    }
    const stopped = daysBetween(s.requestedOn, s.receivedOn);
    stoppedDays += stopped;
    explanationKo.push(`보완기간 ${s.requestedOn} ~ ${s.receivedOn}: ${stopped}일 불산입`);
  }
  let due = addDays(requestedOn, days + stoppedDays);
  while (!calendar.isBusinessDay(due)) {
    explanationKo.push(`${due}은(는) 토·공휴일이므로 다음 날로`);
    due = addDays(due, 1);
  }
  explanationKo.push(`처리기한 ${due}`);
  return { dueDate: due, stoppedDays, clockStopped: false, explanationKo };
}

export function contractReviewTaskDue(due: ContractReviewDue, fallback: string): TaskDue {
  const dueDate = due.dueDate ?? fallback;
  return {
    dueAt: `${dueDate}T18:00:00+09:00`,
    basis: {
      labelKo: `계약원가심사 결과 통보 — 법정 기한 없음, 설정값 ${CONTRACT_REVIEW_SETTINGS.reviewDays}일(보완기간 불산입${due.stoppedDays > 0 ? `, ${due.stoppedDays}일 정지` : ''}) (${UNCONFIRMED_KO})`,
      confidence: 'G',
      source: 'default',
    },
  };
}
