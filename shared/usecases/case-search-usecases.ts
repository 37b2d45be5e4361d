/**
 * Searching cases (GET /cases/search, `npm run audit -- search`). Who may search: the office's
 * staff and auditors; a committee secretary sees what case-access lets them read; a committee
 * member has no search (their cases come through /me/cases) and gets 403. Whatever the role, each
 * case is checked with canReadCase, so an official concerned never finds their own case, and a
 * sealed case shows only its allow-listed, redacted row (export-fields.ts).
 */
import type { CaseRecord } from '../domain/case.ts';
import { caseSearchFilterSchema, type CaseSearchFilter } from '../domain/case-search-filter.ts';
import { ForbiddenError } from '../domain/errors.ts';
import { caseListEntry, type CaseListEntry } from '../domain/export-fields.ts';
import type { KindRegistry } from '../domain/kind-registry.ts';
import { koreaDate } from '../domain/korea-time.ts';
import { KINDS } from '../kinds/registry.ts';
import { hasAnyRole, type Actor, type Role } from '../domain/roles.ts';
import { canReadCase } from '../policies/case-access.ts';
import type { CaseSearch, SearchPlanView } from './ports.ts';

/** Roles that may search; everyone else (a committee member, a token without roles) is refused. */
export const SEARCH_ROLES: readonly Role[] = [
  'clerk',
  'investigator',
  'team-lead',
  'head',
  'admin',
  'auditor',
  'secretary',
];
/** Roles that may export search results and timelines (read across the office, or work cases). */
export const EXPORT_ROLES: readonly Role[] = ['investigator', 'team-lead', 'head', 'admin', 'auditor'];

export function assertCanSearch(actor: Actor): void {
  if (!hasAnyRole(actor, SEARCH_ROLES)) {
    throw new ForbiddenError(
      'Your role cannot search cases',
      '사건을 검색할 권한이 없습니다 (위원회 위원은 내 사건 목록을 이용하세요)',
      { rule: 'role_cannot_search' },
    );
  }
}

export function assertCanExport(actor: Actor): void {
  if (!hasAnyRole(actor, EXPORT_ROLES)) {
    throw new ForbiddenError('Your role cannot export cases or timelines', '사건·이력을 내보낼 권한이 없습니다', {
      rule: 'role_cannot_export',
    });
  }
}

export interface SearchDeps {
  search: CaseSearch;
  /** The kinds of case (default: the office's): labels in lists and exports. */
  kinds?: KindRegistry;
  clock?: () => Date;
}

export interface SearchResult {
  items: CaseListEntry[];
  cursor?: string;
  sort: SearchPlanView['sort'];
  order: 'asc' | 'desc';
  /** The index that served the query (the key filters it used are in `keyFilters`). */
  index: string;
  keyFilters: string[];
  pagesRead: number;
  /** True when the answer stopped at the page budget: fewer than `limit` items, and a cursor to continue. */
  budgetExhausted: boolean;
}

export function caseSearchUseCases(deps: SearchDeps) {
  const clock = deps.clock ?? (() => new Date());
  const kinds = deps.kinds ?? KINDS;

  return {
    /** Plans the query for a filter (exposed for the command line's --explain and the bench). */
    plan(filter: CaseSearchFilter): SearchPlanView {
      return deps.search.plan(caseSearchFilterSchema.parse(filter), koreaDate(clock()));
    },

    /** An upper bound of how many cases match (before access rules), for progress bars. */
    async count(actor: Actor, filter: CaseSearchFilter): Promise<number> {
      assertCanSearch(actor);
      return deps.search.count(deps.search.plan(filter, koreaDate(clock())));
    },

    async search(
      actor: Actor,
      filter: CaseSearchFilter,
      options: { limit: number; cursor?: string },
    ): Promise<SearchResult> {
      assertCanSearch(actor);
      const today = koreaDate(clock());
      const plan = deps.search.plan(filter, today);
      const page = await deps.search.page(plan, {
        limit: options.limit,
        ...(options.cursor !== undefined && { cursor: options.cursor }),
        visible: (c) => canReadCase(actor, c),
      });
      return {
        items: page.items.map((c) => caseListEntry(c, today, kinds.labelOf)),
        ...(page.cursor !== undefined && { cursor: page.cursor }),
        sort: plan.sort,
        order: plan.forward ? 'asc' : 'desc',
        index: plan.index,
        keyFilters: plan.keyFilters,
        pagesRead: page.pagesRead,
        budgetExhausted: page.budgetExhausted,
      };
    },

    /**
     * Every matching case the actor may read, in order, index page by index page (exports). Stops
     * after `maxRows` when given; `position()` then tells where to continue.
     */
    stream(actor: Actor, filter: CaseSearchFilter, options: { cursor?: string; maxRows?: number } = {}) {
      const today = koreaDate(clock());
      const plan = deps.search.plan(filter, today);
      const start = deps.search.decodeCursor(plan, options.cursor);
      let next: string | undefined;
      async function* rows(): AsyncGenerator<{ entry: CaseListEntry; record: CaseRecord }> {
        let count = 0;
        for await (const page of deps.search.walk(plan, start)) {
          for (let i = 0; i < page.items.length; i++) {
            const { record, key } = page.items[i]!;
            if (!canReadCase(actor, record)) continue;
            if (options.maxRows !== undefined && count === options.maxRows) {
              // One more readable case exists: continue from the last one exported.
              next = deps.search.encodeCursor(plan, lastKey!);
              return;
            }
            count += 1;
            lastKey = key;
            yield { entry: caseListEntry(record, today, kinds.labelOf), record };
          }
        }
      }
      let lastKey: Record<string, unknown> | undefined;
      return { plan, rows: rows(), position: () => next };
    },
  };
}

export type CaseSearchUseCases = ReturnType<typeof caseSearchUseCases>;
