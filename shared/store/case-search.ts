/**
 * Case search over the search indexes (case-search-index.ts): always a Query, never a Scan.
 *
 * planSearch picks the index from the sort order and the most selective filter (the partition),
 * turns a period or prefix into the key condition, and every other filter into a FilterExpression.
 * CaseSearch.walk pages through the index; `page` stops when `limit` cases passed the filters and
 * the caller's access rule, or after a page budget (returning a cursor to continue), so the work
 * per request is bounded however rare the matches are. Cursors are opaque (base64url), tied to the
 * query they came from and tamper-checked.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { caseRecordSchema, type CaseRecord } from '../domain/case.ts';
import { CASE_NUMBER_PREFIX, type CaseSearchFilter, type SearchSort } from '../domain/case-search-filter.ts';
import { ValidationError } from '../domain/errors.ts';
import type { KindRegistry } from '../domain/kind-registry.ts';
import { KINDS } from '../kinds/registry.ts';
import { normalizeSearchText } from '../domain/search-facets.ts';
import { SEARCH_ALL, searchKeys } from './case-search-index.ts';
import { keys, withoutStorageKeys } from './keys.ts';
import { queryCount } from './paged-query.ts';
import type { CaseSearch as CaseSearchPort, SearchPage, WalkEvent } from '../usecases/ports.ts';

export type SearchPlan = {
  index: string;
  partitionAttr: string;
  partitionValue: string;
  sortAttr: string;
  /** Key condition on the sort key: a BETWEEN range or a prefix. */
  range?: { from: string; to: string } | { prefix: string };
  forward: boolean;
  filterExpression?: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
  sort: SearchSort;
  /** The filters the key condition serves (the rest are in the FilterExpression). */
  keyFilters: string[];
};

/** A kind with tens of thousands of cases a year (kind.ts `search.large`): a poor partition when anything else narrows the query. */
const isLargeKind = (kinds: KindRegistry, kind: string) => kinds.has(kind) && kinds.get(kind).search?.large === true;

/** The filters kinds answer from their details (kind.ts `search.filters`), in the registry's order. */
function kindFilters(kinds: KindRegistry) {
  return kinds.modules.flatMap((m) =>
    Object.entries(m.search?.filters ?? {}).map(([name, spec]) => ({ kind: m.kind, name, ...spec })),
  );
}

const endOfDay = (date: string) => `${date}~`; // '~' sorts after every character of a time and id

export function defaultSort(f: CaseSearchFilter): SearchSort {
  if (f.sort) return f.sort;
  if (f.overdue) return 'due';
  if (f.closedFrom !== undefined || f.closedTo !== undefined) return 'closed';
  if (f.q !== undefined && CASE_NUMBER_PREFIX.test(f.q)) return 'caseNumber';
  return 'received';
}

/** Builds the Query for a search; `today` is the Korean date overdue is judged by. */
export function planSearch(f: CaseSearchFilter, today: string, kinds: KindRegistry = KINDS): SearchPlan {
  const filters = kindFilters(kinds);
  const filterValue = (name: string): unknown => (f as Record<string, unknown>)[name];
  const partitioning = filters.find((k) => k.partitionByKind === true && filterValue(k.name) !== undefined);
  const sort = defaultSort(f);
  const forward = f.order ? f.order === 'asc' : sort === 'due';
  const caseNoPrefix = f.q !== undefined && CASE_NUMBER_PREFIX.test(f.q) ? f.q : undefined;
  const keyFilters: string[] = [];
  let plan: Omit<SearchPlan, 'names' | 'values' | 'filterExpression' | 'keyFilters' | 'sort' | 'forward'>;

  const receivedRange =
    f.receivedFrom !== undefined || f.receivedTo !== undefined
      ? { from: f.receivedFrom ?? '0000', to: endOfDay(f.receivedTo ?? '9999-12-31') }
      : undefined;
  const byReceived = (
    index: string,
    partitionAttr: string,
    partitionValue: string,
    filter: string,
    sortAttr = 'srchReceived',
  ) => {
    keyFilters.push(filter);
    if (receivedRange) keyFilters.push('received');
    return { index, partitionAttr, partitionValue, sortAttr, ...(receivedRange && { range: receivedRange }) };
  };

  switch (sort) {
    case 'received': {
      if (f.assignee !== undefined)
        plan = byReceived('search-assignee', 'srchAssignee', searchKeys.assignee(f.assignee), 'assignee');
      else if (f.committee !== undefined)
        plan = byReceived('search-committee', 'srchCommittee', searchKeys.committee(f.committee), 'committee');
      else if (partitioning !== undefined)
        plan = byReceived('gsi2', 'gsi2pk', keys.byKind(partitioning.kind), `${partitioning.name}-kind`, 'gsi2sk');
      else if (f.kind !== undefined && !isLargeKind(kinds, f.kind))
        plan = byReceived('gsi2', 'gsi2pk', keys.byKind(f.kind), 'kind', 'gsi2sk');
      else if (f.department !== undefined)
        plan = byReceived('search-department', 'srchDept', searchKeys.department(f.department), 'department');
      else if (f.outcome !== undefined)
        plan = byReceived('search-outcome', 'srchOutcome', searchKeys.outcome(f.outcome), 'outcome');
      else if (f.stage !== undefined && f.stage !== 'closed')
        plan = byReceived('search-stage', 'srchStage', searchKeys.stage(f.stage), 'stage');
      else if (f.channel !== undefined)
        plan = byReceived('search-channel', 'srchChannel', searchKeys.channel(f.channel), 'channel');
      else if (f.kind !== undefined) plan = byReceived('gsi2', 'gsi2pk', keys.byKind(f.kind), 'kind', 'gsi2sk');
      else if (f.stage !== undefined)
        plan = byReceived('search-stage', 'srchStage', searchKeys.stage(f.stage), 'stage');
      else plan = byReceived('search-received', 'srchAll', SEARCH_ALL, 'all');
      break;
    }
    case 'due': {
      plan = { index: 'search-due', partitionAttr: 'srchAll', partitionValue: SEARCH_ALL, sortAttr: 'srchDue' };
      if (f.overdue) {
        plan.range = { from: '0#', to: `0#${today}` };
        keyFilters.push('overdue');
      } else if (f.stage !== undefined) {
        plan.range = { prefix: f.stage === 'closed' ? '1#' : '0#' };
      }
      break;
    }
    case 'updated': {
      plan =
        f.assignee !== undefined
          ? { index: 'gsi1', partitionAttr: 'gsi1pk', partitionValue: keys.byAssignee(f.assignee), sortAttr: 'gsi1sk' }
          : { index: 'search-updated', partitionAttr: 'srchAll', partitionValue: SEARCH_ALL, sortAttr: 'srchUpdated' };
      if (f.assignee !== undefined) keyFilters.push('assignee');
      break;
    }
    case 'closed': {
      plan = { index: 'search-closed', partitionAttr: 'srchAll', partitionValue: SEARCH_ALL, sortAttr: 'srchClosed' };
      if (f.closedFrom !== undefined || f.closedTo !== undefined) {
        plan.range = { from: f.closedFrom ?? '0000', to: endOfDay(f.closedTo ?? '9999-12-31') };
        keyFilters.push('closed');
      }
      break;
    }
    case 'caseNumber': {
      plan = { index: 'search-caseno', partitionAttr: 'srchAll', partitionValue: SEARCH_ALL, sortAttr: 'srchCaseNo' };
      if (caseNoPrefix !== undefined) {
        plan.range = { prefix: caseNoPrefix };
        keyFilters.push('q');
      }
      break;
    }
  }

  const expr = new ExpressionBuilder();
  const served = (filter: string) => keyFilters.includes(filter);
  if (f.kind !== undefined && !served('kind')) expr.equals('kind', f.kind);
  if (f.stage !== undefined && !served('stage')) expr.equals('stage', f.stage); // a due-date prefix (0# open / 1# closed) narrows, this decides
  if (f.assignee !== undefined && !served('assignee')) expr.equals('assigneeSub', f.assignee);
  if (f.department !== undefined && !served('department')) expr.equals('department', f.department);
  if (f.channel !== undefined && !served('channel')) expr.equals('channel', f.channel);
  const seen = new Set<string>();
  for (const { name, path } of filters) {
    const value = filterValue(name);
    const key = `${name}:${path.join('.')}`;
    if (value === undefined || seen.has(key)) continue;
    seen.add(key);
    expr.equals([...path], value);
  }
  if (f.committee !== undefined && !served('committee'))
    expr.equals('srchCommittee', searchKeys.committee(f.committee));
  if (f.outcome !== undefined && !served('outcome')) expr.equals('srchOutcome', searchKeys.outcome(f.outcome));
  if (receivedRange && !served('received')) expr.between('srchReceived', receivedRange.from, receivedRange.to);
  if ((f.closedFrom !== undefined || f.closedTo !== undefined) && !served('closed')) {
    expr.between('srchClosed', f.closedFrom ?? '0000', endOfDay(f.closedTo ?? '9999-12-31'));
  }
  if (f.overdue === true && !served('overdue')) expr.between('srchDue', '0#', `0#${today}`);
  if (f.overdue === false) expr.notOverdue(today);
  if (f.q !== undefined && !served('q')) {
    if (caseNoPrefix !== undefined) expr.beginsWith('srchCaseNo', caseNoPrefix);
    else for (const term of normalizeSearchText(f.q).split(' ')) expr.contains('srchText', term);
  }
  return { ...plan, forward, sort, keyFilters, ...expr.build() };
}

class ExpressionBuilder {
  private readonly parts: string[] = [];
  private readonly names: Record<string, string> = {};
  private readonly values: Record<string, unknown> = {};
  private n = 0;

  private name(path: string | string[]): string {
    return (Array.isArray(path) ? path : [path])
      .map((p) => {
        const alias = `#f_${p}`;
        this.names[alias] = p;
        return alias;
      })
      .join('.');
  }
  private value(v: unknown): string {
    const alias = `:f${this.n++}`;
    this.values[alias] = v;
    return alias;
  }
  equals(path: string | string[], v: unknown) {
    this.parts.push(`${this.name(path)} = ${this.value(v)}`);
  }
  between(path: string, from: string, to: string) {
    this.parts.push(`${this.name(path)} BETWEEN ${this.value(from)} AND ${this.value(to)}`);
  }
  beginsWith(path: string, prefix: string) {
    this.parts.push(`begins_with(${this.name(path)}, ${this.value(prefix)})`);
  }
  contains(path: string, term: string) {
    this.parts.push(`contains(${this.name(path)}, ${this.value(term)})`);
  }
  notOverdue(today: string) {
    const due = this.name('srchDue');
    this.parts.push(
      `(attribute_not_exists(${due}) OR NOT (${due} BETWEEN ${this.value('0#')} AND ${this.value(`0#${today}`)}))`,
    );
  }
  build(): { filterExpression?: string; names: Record<string, string>; values: Record<string, unknown> } {
    return {
      ...(this.parts.length > 0 && { filterExpression: this.parts.join(' AND ') }),
      names: this.names,
      values: this.values,
    };
  }
}

// ── cursors ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * `<base64url JSON>.<base64url HMAC-SHA256>`: the key to continue from and a fingerprint of the
 * query, signed. A cursor that was edited, or that belongs to another query, is refused (400,
 * field `cursor`) instead of silently starting somewhere else. The signing key is per deployment
 * when given (CaseSearch options); the check guards integrity — every case a cursor leads to is
 * still checked against the caller's access rules.
 */
export class SearchCursorCodec {
  constructor(private readonly key: string) {}

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest();
  }

  encode(fingerprint: string, startKey: Record<string, unknown>): string {
    const payload = Buffer.from(JSON.stringify({ v: 1, f: fingerprint, k: startKey }), 'utf8').toString('base64url');
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  decode(cursor: string, fingerprint: string): Record<string, unknown> {
    const invalid = (why: string) =>
      new ValidationError(
        `cursor is not a cursor this search returned (${why})`,
        '커서(cursor) 값이 이 검색에서 받은 값이 아닙니다',
        { field: 'cursor', rule: 'invalid_cursor' },
      );
    const [payload, mac, extra] = cursor.split('.');
    if (!payload || !mac || extra !== undefined) throw invalid('format');
    const expected = this.mac(payload);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid('signature');
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      v: number;
      f: string;
      k: Record<string, unknown>;
    };
    if (parsed.f !== fingerprint) throw invalid('different query');
    return parsed.k;
  }
}

/** The fingerprint a cursor is tied to: the plan's index, partition, key condition, filter and order. */
export function planFingerprint(plan: SearchPlan): string {
  return createHmac('sha256', 'search-plan')
    .update(
      JSON.stringify([plan.index, plan.partitionValue, plan.range, plan.filterExpression, plan.values, plan.forward]),
    )
    .digest('base64url')
    .slice(0, 16);
}

// ── what a search reads ──────────────────────────────────────────────────────────────────────────────

/**
 * The attributes a search reads (ProjectionExpression): what a list entry shows (export-fields.ts),
 * what the facets derive outcome / committee / agency from (each kind's details section declares
 * its own, kind.ts `searched`), and what canReadCase needs (sealed, assignee, creator, officials
 * concerned). Identity fields — officials' names, complainants, petitioners — are never even read
 * from the table by a search or a search export.
 */
const CORE_READ_PATHS = [
  ['caseId'],
  ['caseNumber'],
  ['kind'],
  ['team'],
  ['title'],
  ['sealed'],
  ['stage'],
  ['assigneeSub'],
  ['department'],
  ['channel'],
  ['receivedAt'],
  ['dueDate'],
  ['closedAt'],
  ['updatedAt'],
  ['createdBy'],
] as const;

const coreRowSchema = caseRecordSchema.pick({
  caseId: true,
  caseNumber: true,
  kind: true,
  team: true,
  title: true,
  sealed: true,
  stage: true,
  assigneeSub: true,
  department: true,
  channel: true,
  receivedAt: true,
  dueDate: true,
  closedAt: true,
  updatedAt: true,
  createdBy: true,
});

interface SearchShape {
  paths: readonly (readonly string[])[];
  row: z.ZodType;
}

const shapes = new WeakMap<KindRegistry, SearchShape>();

/** What a search over a registry's kinds reads, and the schema a read item parses with. */
function searchShape(kinds: KindRegistry): SearchShape {
  let shape = shapes.get(kinds);
  if (!shape) {
    const searched = kinds.sections.flatMap(({ section }) =>
      section.searched ? [{ key: section.key, ...section.searched }] : [],
    );
    shape = {
      paths: [...CORE_READ_PATHS, ...searched.flatMap(({ key, paths }) => paths.map((p) => [key, ...p]))],
      row: coreRowSchema.extend(Object.fromEntries(searched.map(({ key, row }) => [key, row.optional()]))),
    };
    shapes.set(kinds, shape);
  }
  return shape;
}

/**
 * A case as a search reads it. It carries exactly the fields list entries, facets and the access
 * rule read (the search shape's paths), so it stands in for a CaseRecord there; the integration tests
 * compare every filter's answer with the full records.
 */
const asSearchedCase = (shape: SearchShape, item: Record<string, unknown>) =>
  shape.row.parse(withoutStorageKeys(item)) as unknown as CaseRecord;

function projection(plan: SearchPlan, shape: SearchShape): { expression: string; names: Record<string, string> } {
  const names: Record<string, string> = {};
  const alias = (segment: string) => {
    const a = `#p_${segment}`;
    names[a] = segment;
    return a;
  };
  const paths: (readonly string[])[] = [['pk'], ['sk'], [plan.partitionAttr], [plan.sortAttr], ...shape.paths];
  return { expression: [...new Set(paths.map((p) => p.map(alias).join('.')))].join(', '), names };
}

// ── the query loop ───────────────────────────────────────────────────────────────────────────────────

export type { SearchPage, WalkEvent } from '../usecases/ports.ts';

export interface CaseSearchOptions {
  /** Cursor signing key; a fixed default serves tests and the local system. */
  cursorKey?: string;
  /** Index pages one search request may read before it answers with what it has and a cursor. */
  pageBudget?: number;
  /** Spy for tests: called with each command the search sends. */
  onCommand?: (name: string) => void;
  /** The kinds whose filters and details a search knows (default: the office's). */
  kinds?: KindRegistry;
}

export class CaseSearch implements CaseSearchPort<SearchPlan> {
  private readonly cursors: SearchCursorCodec;
  private readonly pageBudget: number;
  private readonly kinds: KindRegistry;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: CaseSearchOptions = {},
  ) {
    this.cursors = new SearchCursorCodec(options.cursorKey ?? 'gamsa-cases/search-cursor/v1');
    this.pageBudget = options.pageBudget ?? 10;
    this.kinds = options.kinds ?? KINDS;
  }

  /** The Query for a search over this search's kinds; `today` is the Korean date overdue is judged by. */
  plan(filter: CaseSearchFilter, today: string): SearchPlan {
    return planSearch(filter, today, this.kinds);
  }

  decodeCursor(plan: SearchPlan, cursor: string | undefined): Record<string, unknown> | undefined {
    return cursor === undefined ? undefined : this.cursors.decode(cursor, planFingerprint(plan));
  }

  encodeCursor(plan: SearchPlan, key: Record<string, unknown>): string {
    return this.cursors.encode(planFingerprint(plan), key);
  }

  /**
   * How many cases the plan's index range and filters match (a COUNT query over the same range:
   * an upper bound of what a caller may read), for progress bars on long exports.
   */
  async count(plan: SearchPlan): Promise<number> {
    const { keyCondition, names, values } = this.conditions(plan);
    return queryCount(
      this.doc,
      {
        TableName: this.tableName,
        IndexName: plan.index,
        KeyConditionExpression: keyCondition,
        ...(plan.filterExpression !== undefined && { FilterExpression: plan.filterExpression }),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
      () => this.options.onCommand?.('QueryCommand'),
    );
  }

  private conditions(plan: SearchPlan) {
    const keyCondition = ['#pk = :pk'];
    const names: Record<string, string> = { ...plan.names, '#pk': plan.partitionAttr };
    const values: Record<string, unknown> = { ...plan.values, ':pk': plan.partitionValue };
    if (plan.range) {
      names['#sk'] = plan.sortAttr;
      if ('prefix' in plan.range) {
        // A prefix as a key range (the same rows as begins_with; U+10FFFF sorts after every character):
        // the first search bench measured begins_with far slower than a range on DynamoDB Local.
        keyCondition.push('#sk BETWEEN :from AND :to');
        values[':from'] = plan.range.prefix;
        values[':to'] = `${plan.range.prefix}\u{10FFFF}`;
      } else {
        keyCondition.push('#sk BETWEEN :from AND :to');
        values[':from'] = plan.range.from;
        values[':to'] = plan.range.to;
      }
    }
    return { keyCondition: keyCondition.join(' AND '), names, values };
  }

  /** Index pages in order, from `startKey`; page sizes grow when a filter discards most of a page. */
  async *walk(
    plan: SearchPlan,
    startKey: Record<string, unknown> | undefined,
    // A filter discards most of what is read: start with bigger pages.
    firstPageSize = plan.filterExpression === undefined ? 500 : 1000,
    /** How many more matches the caller wants: the next page is sized by the share the last one matched. */
    wanted?: () => number,
  ): AsyncGenerator<WalkEvent> {
    let start = startKey;
    let pageSize = firstPageSize;
    const { keyCondition, names: conditionNames, values } = this.conditions(plan);
    const shape = searchShape(this.kinds);
    const projected = projection(plan, shape);
    const names = { ...conditionNames, ...projected.names };
    for (;;) {
      this.options.onCommand?.('QueryCommand');
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: plan.index,
          KeyConditionExpression: keyCondition,
          ...(plan.filterExpression !== undefined && { FilterExpression: plan.filterExpression }),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ProjectionExpression: projected.expression,
          ScanIndexForward: plan.forward,
          Limit: pageSize,
          ExclusiveStartKey: start,
        }),
      );
      const items = (out.Items ?? []).map((item) => ({
        record: asSearchedCase(shape, item),
        key: {
          pk: item.pk,
          sk: item.sk,
          [plan.partitionAttr]: item[plan.partitionAttr],
          [plan.sortAttr]: item[plan.sortAttr],
        },
      }));
      start = out.LastEvaluatedKey;
      yield { items, ...(start && { nextKey: start }) };
      if (!start) return;
      if (wanted) {
        // Read about as many as should hold the missing matches, judged by this page's hit rate.
        const hitRate = Math.max((out.Count ?? 0) / Math.max(out.ScannedCount ?? 1, 1), 0.01);
        pageSize = Math.min(1000, Math.max(10, Math.ceil((wanted() / hitRate) * 1.25) + 1));
      } else if (items.length < pageSize / 2) {
        // A filter that keeps few cases: read more per page next time (DynamoDB caps a page at 1 MB).
        pageSize = Math.min(pageSize * 4, 1000);
      }
    }
  }

  /**
   * One page of results: up to `limit` cases that pass the filters and `visible` (the caller's
   * access rule), with a cursor when more may follow.
   */
  async page(
    plan: SearchPlan,
    options: { limit: number; cursor?: string; visible: (c: CaseRecord) => boolean },
  ): Promise<SearchPage> {
    const start = this.decodeCursor(plan, options.cursor);
    const firstPageSize = plan.filterExpression === undefined ? options.limit + 1 : Math.max(100, options.limit * 5);
    const items: CaseRecord[] = [];
    let pagesRead = 0;
    for await (const page of this.walk(plan, start, firstPageSize, () => options.limit - items.length)) {
      pagesRead += 1;
      for (let i = 0; i < page.items.length; i++) {
        const { record, key } = page.items[i]!;
        if (!options.visible(record)) continue;
        items.push(record);
        if (items.length === options.limit) {
          const more = i < page.items.length - 1 || page.nextKey !== undefined;
          return { items, ...(more && { cursor: this.encodeCursor(plan, key) }), pagesRead, budgetExhausted: false };
        }
      }
      if (page.nextKey && pagesRead >= this.pageBudget) {
        return { items, cursor: this.encodeCursor(plan, page.nextKey), pagesRead, budgetExhausted: true };
      }
    }
    return { items, pagesRead, budgetExhausted: false };
  }
}
