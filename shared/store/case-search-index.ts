/**
 * The search indexes of case items (docs/design.md#7-scale-by-index-never-by-scan). Every case commit
 * writes these attributes (case-repository caseItem), so they always match the record.
 *
 * Each sort order has its own family of indexes; within a family the partition is the most selective
 * filter of the query, and the other filters become a FilterExpression (case-search.ts):
 *
 * | index              | partition (attr = value)               | sort key (attr = value)                     |
 * |--------------------|----------------------------------------|---------------------------------------------|
 * | search-received    | srchAll = CASE                         | srchReceived = <receivedAt KST>#<caseId>    |
 * | gsi2 (kind)        | gsi2pk = KIND#<kind>                   | gsi2sk = <receivedAt KST>#<caseId>          |
 * | search-stage       | srchStage = STAGE#<stage>              | srchReceived                                |
 * | search-assignee    | srchAssignee = ASSIGNEE#<sub>          | srchReceived                                |
 * | search-department  | srchDept = DEPT#<department>           | srchReceived                                |
 * | search-channel     | srchChannel = CHANNEL#<channel>        | srchReceived                                |
 * | search-committee   | srchCommittee = COMMITTEE#<committee>  | srchReceived                                |
 * | search-outcome     | srchOutcome = OUTCOME#<outcome>        | srchReceived                                |
 * | search-due         | srchAll = CASE                         | srchDue = <0 open|1 closed>#<dueDate>#<id>  |
 * | search-updated     | srchAll = CASE                         | srchUpdated = <updatedAt KST>#<caseId>      |
 * | gsi1 (assignee)    | gsi1pk = ASSIGNEE#<sub>                | gsi1sk = <updatedAt>#<caseId>               |
 * | search-closed      | srchAll = CASE                         | srchClosed = <closedAt KST>#<caseId>        |
 * | search-caseno      | srchAll = CASE                         | srchCaseNo = <caseNumber>                   |
 *
 * search-due and search-closed hold every case (a sort never filters): no due date sorts after the
 * dated cases of its group (`0#~#<id>`), an open case before every closing time (`#open#<id>`).
 * The other indexes are sparse where the attribute is absent. The referring agency has no index: only external referrals have one, so it is
 * served by gsi2 on KIND#external-referral. One partition value (`CASE`) holds every case for the
 * office-wide orders: at the office's volume (~100k cases a year, a handful of writes per case a
 * day) that is far below a partition's write limit; should it ever not be, the value gains the
 * receipt year and the query walks years.
 *
 * Overdue cases are one range of search-due: open cases sort first (`0#`), so "open and due before
 * today" is `srchDue BETWEEN 0# AND 0#<today>`.
 *
 * Text: `srchText` (non-key) holds the normalized title and case number (search-facets.ts). A term is
 * matched with `contains()` as a FilterExpression on whichever index the other filters choose; a
 * query whose only filter is text walks search-received newest first and stops after a page
 * budget, returning a cursor to continue — bounded work per request, never a Scan. Case-number
 * prefixes (`2026-조사`) use search-caseno with `begins_with`.
 */
import type { CaseRecord } from '../domain/case.ts';
import { committeeOf, koreaIsoOf, outcomeOf, searchTextOf } from '../domain/search-facets.ts';

export const SEARCH_ALL = 'CASE';

export const SEARCH_INDEXES = [
  { indexName: 'search-received', partitionKey: 'srchAll', sortKey: 'srchReceived' },
  { indexName: 'search-stage', partitionKey: 'srchStage', sortKey: 'srchReceived' },
  { indexName: 'search-assignee', partitionKey: 'srchAssignee', sortKey: 'srchReceived' },
  { indexName: 'search-department', partitionKey: 'srchDept', sortKey: 'srchReceived' },
  { indexName: 'search-channel', partitionKey: 'srchChannel', sortKey: 'srchReceived' },
  { indexName: 'search-committee', partitionKey: 'srchCommittee', sortKey: 'srchReceived' },
  { indexName: 'search-outcome', partitionKey: 'srchOutcome', sortKey: 'srchReceived' },
  { indexName: 'search-due', partitionKey: 'srchAll', sortKey: 'srchDue' },
  { indexName: 'search-updated', partitionKey: 'srchAll', sortKey: 'srchUpdated' },
  { indexName: 'search-closed', partitionKey: 'srchAll', sortKey: 'srchClosed' },
  { indexName: 'search-caseno', partitionKey: 'srchAll', sortKey: 'srchCaseNo' },
] as const satisfies readonly { indexName: string; partitionKey: string; sortKey: string }[];

/** Attributes that exist only for the search indexes (stripped when an item is read back). */
export const SEARCH_ATTRIBUTES = [
  'srchAll',
  'srchReceived',
  'srchStage',
  'srchAssignee',
  'srchDept',
  'srchChannel',
  'srchCommittee',
  'srchOutcome',
  'srchDue',
  'srchUpdated',
  'srchClosed',
  'srchCaseNo',
  'srchText',
] as const;

export const searchKeys = {
  stage: (stage: string) => `STAGE#${stage}`,
  assignee: (sub: string) => `ASSIGNEE#${sub}`,
  department: (department: string) => `DEPT#${department}`,
  channel: (channel: string) => `CHANNEL#${channel}`,
  committee: (committee: string) => `COMMITTEE#${committee}`,
  outcome: (outcome: string) => `OUTCOME#${outcome}`,
  received: (c: Pick<CaseRecord, 'receivedAt' | 'caseId'>) => `${koreaIsoOf(c.receivedAt)}#${c.caseId}`,
  // No due date: '~' sorts after every date, so such a case comes after the dated ones of its group
  // (open, then closed) — sorting by due date never drops it, and no overdue range reaches it.
  due: (c: Pick<CaseRecord, 'stage' | 'dueDate' | 'caseId'>) =>
    `${c.stage === 'closed' ? 1 : 0}#${c.dueDate ?? '~'}#${c.caseId}`,
  // Not closed yet: '#' sorts before every date, so open cases come last in the default newest-closed-first
  // order and no closed-date range reaches them.
  closed: (c: Pick<CaseRecord, 'closedAt' | 'caseId'>) =>
    c.closedAt !== undefined ? `${koreaIsoOf(c.closedAt)}#${c.caseId}` : `#open#${c.caseId}`,
};

/** The search index attributes of a case item; written by every create and commit. */
export function searchIndexAttributes(c: CaseRecord): Record<string, string> {
  const committee = committeeOf(c);
  const outcome = outcomeOf(c);
  return {
    srchAll: SEARCH_ALL,
    srchReceived: searchKeys.received(c),
    srchStage: searchKeys.stage(c.stage),
    ...(c.assigneeSub !== undefined && { srchAssignee: searchKeys.assignee(c.assigneeSub) }),
    ...(c.department !== undefined && { srchDept: searchKeys.department(c.department) }),
    ...(c.channel !== undefined && { srchChannel: searchKeys.channel(c.channel) }),
    ...(committee !== undefined && { srchCommittee: searchKeys.committee(committee) }),
    ...(outcome !== undefined && { srchOutcome: searchKeys.outcome(outcome) }),
    srchDue: searchKeys.due(c),
    srchUpdated: `${koreaIsoOf(c.updatedAt)}#${c.caseId}`,
    srchClosed: searchKeys.closed(c),
    srchCaseNo: c.caseNumber,
    srchText: searchTextOf(c),
  };
}
