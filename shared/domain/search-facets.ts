/**
 * What a case is searched and exported by, derived from the record (pure). The same functions feed
 * the index attributes written with every case commit (shared/store/case-search-index.ts) and the
 * rows of search results and exports, so a filter and the column it shows can never disagree.
 */
import type { CaseRecord } from './case.ts';
import { COMMITTEE_KIND_LABELS, type CommitteeKind } from './committee-kinds.ts';
import { DISPOSITION_LABELS, DISPOSITION_TYPES } from '../kinds/misconduct/misconduct.ts';
import { koreaDate, toKoreaIso } from './korea-time.ts';

/**
 * Outcomes a case can be searched by: misconduct cases by the disposition the head of office
 * approved, grievances by how they ended, petitions by the decision (or by the screening that
 * ended them early).
 */
export const SEARCH_OUTCOMES = [
  ...DISPOSITION_TYPES,
  'answered',
  'closed-as-repeated',
  'accept',
  'reject',
  'not-process',
  'duplicate',
] as const;
export type SearchOutcome = (typeof SEARCH_OUTCOMES)[number];
export const OUTCOME_LABELS: Record<SearchOutcome, string> = {
  ...DISPOSITION_LABELS,
  answered: '답변 종결',
  'closed-as-repeated': '반복민원 종결',
  accept: '청원 채택',
  reject: '청원 불채택',
  'not-process': '청원 처리하지 않음',
  duplicate: '중복 청원 종결',
};

/** The outcome of a case, once decided (undefined while open or when the kind records none). */
export function outcomeOf(c: CaseRecord): SearchOutcome | undefined {
  if (c.misconduct) return c.misconduct.approved?.disposition.type;
  if (c.grievance) return c.grievance.outcome;
  if (c.petition) {
    if (c.petition.decision) return c.petition.decision.outcome;
    const screened = c.petition.screening?.outcome;
    return screened === 'not-process' || screened === 'duplicate' ? screened : undefined;
  }
  return undefined;
}

/**
 * The committee that decides (or decided) the case: misconduct cases go to the personnel committee
 * (인사위원회) once the discipline request is sent; a repeated grievance closed with mediation goes
 * to the mediation committee (민원조정위원회); a petition reviewed by the petition review committee
 * (청원심의회).
 */
export function committeeOf(c: CaseRecord): CommitteeKind | undefined {
  if (c.misconduct?.progress.requestSentOn !== undefined) return 'personnel';
  const mediation = c.grievance?.repeatedClosure?.mediation;
  if (mediation === 'pending' || mediation === 'approved' || c.grievance?.lastMediation !== undefined)
    return 'mediation';
  if (c.petition?.committeeReview !== undefined) return 'petition-review';
  return undefined;
}

export const committeeLabel = (k: CommitteeKind | undefined) =>
  k === undefined ? undefined : COMMITTEE_KIND_LABELS[k];

/** The referring agency of an external referral (검찰, 경찰, 감사원, …). */
export const agencyOf = (c: CaseRecord): string | undefined => c.misconduct?.referral?.agency;

/**
 * Normalized text for "text in the title / case number": NFKC (full-width → half-width, composed
 * Hangul), lower case, whitespace collapsed. Search terms are normalized the same way and matched as
 * substrings, which suits Korean (particles attach to words, so whole-word tokens would miss
 * "주차장에서" for "주차장").
 */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export const searchTextOf = (c: CaseRecord) => normalizeSearchText(`${c.title} ${c.caseNumber}`);

/** An ISO time with any offset as Korea time, so sort keys compare correctly as strings. */
export const koreaIsoOf = (iso: string) => toKoreaIso(new Date(iso));

/** Open (not closed) and past its due date, as of a Korean date. */
export function isOverdue(c: Pick<CaseRecord, 'stage' | 'dueDate'>, today: string): boolean {
  return c.stage !== 'closed' && c.dueDate !== undefined && c.dueDate < today;
}

export const todayInKorea = (now: Date) => koreaDate(now);
