/**
 * What a case is searched and exported by, derived from the record (pure). The same functions feed
 * the index attributes written with every case commit (shared/store/case-search-index.ts) and the
 * rows of search results and exports, so a filter and the column it shows can never disagree.
 */
import type { CaseRecord } from './case.ts';
import { COMMITTEE_KIND_LABELS, type CommitteeKind } from './committee-kinds.ts';
import type { KindRegistry } from './kind-registry.ts';
import { KINDS } from '../kinds/registry.ts';
import { koreaDate, toKoreaIso } from './korea-time.ts';

/** The details sections that declare search facets (kind.ts `searched`), with the record field they are under. */
const facetSections = (kinds: KindRegistry) =>
  kinds.sections.flatMap(({ section }) => (section.searched ? [section] : []));
const detailsOf = (c: CaseRecord, key: string): unknown => (c as unknown as Record<string, unknown>)[key];

/**
 * Outcomes a case can be searched by, as its kind's details section declares them (e.g. misconduct
 * cases by the disposition the head of office approved, grievances by how they ended, petitions by
 * the decision or by the screening that ended them early), in the registry's order.
 */
export const OUTCOME_LABELS: Readonly<Record<string, string>> = Object.assign(
  {},
  ...facetSections(KINDS).map((section) => section.searched?.outcome?.labels ?? {}),
);
export const SEARCH_OUTCOMES = Object.keys(OUTCOME_LABELS) as [string, ...string[]];
export type SearchOutcome = string;

/** The outcome of a case, once decided (undefined while open or when the kind records none). */
export function outcomeOf(c: CaseRecord, kinds: KindRegistry = KINDS): SearchOutcome | undefined {
  for (const section of facetSections(kinds)) {
    const details = detailsOf(c, section.key);
    if (details !== undefined && section.searched?.outcome) return section.searched.outcome.of(details as never);
  }
  return undefined;
}

/** The committee that decides (or decided) the case, as its kind's details section says. */
export function committeeOf(c: CaseRecord, kinds: KindRegistry = KINDS): CommitteeKind | undefined {
  for (const section of facetSections(kinds)) {
    const details = detailsOf(c, section.key);
    const committee = details === undefined ? undefined : section.searched?.committee?.(details as never);
    if (committee !== undefined) return committee;
  }
  return undefined;
}

export const committeeLabel = (k: CommitteeKind | undefined) =>
  k === undefined ? undefined : COMMITTEE_KIND_LABELS[k];

/** The value of a filter a kind answers from its details (kind.ts `search.filters`), e.g. the referring agency of an external referral. */
export function kindFilterValueOf(c: CaseRecord, filter: string, kinds: KindRegistry = KINDS): string | undefined {
  const spec = kinds.has(c.kind) ? kinds.get(c.kind).search?.filters?.[filter] : undefined;
  if (!spec) return undefined;
  let value: unknown = c;
  for (const segment of spec.path) value = (value as Record<string, unknown> | undefined)?.[segment];
  return typeof value === 'string' ? value : undefined;
}

/** The referring agency of an external referral (검찰, 경찰, 감사원, …). */
export const agencyOf = (c: CaseRecord): string | undefined => kindFilterValueOf(c, 'agency');

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
