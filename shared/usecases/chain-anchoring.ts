/**
 * The anchoring run (scheduled job `chain-anchor`): reads every case's recorded tip through the kind
 * index (no table scan, docs/design.md#7-scale-by-index-never-by-scan), builds the anchor (shared/anchor/chain-anchor.ts) chained to
 * the previous one, and adds it to the anchor store.
 *
 * Tips are read from the case items, not recomputed from the events: the anchor states "at sequence
 * N this case's chain ended in hash H", which stays true whatever is appended later, and costs one
 * index page per hundred cases. A tip read from the index may lag the table by a moment; it is then
 * an earlier, equally true statement.
 */
import type { AnchorStore } from '../anchor/anchor-store.ts';
import { type AnchoredHead, buildAnchor } from '../anchor/chain-anchor.ts';
import { CASE_KINDS } from '../kinds/registry.ts';
import type { CaseRepository } from './ports.ts';

export interface ChainAnchorReport {
  takenAt: string;
  caseCount: number;
  merkleRoot: string;
  digest: string;
  previousDigest: string | null;
  stored: string;
}

export function chainAnchoring(deps: {
  cases: Pick<CaseRepository, 'listByKind'>;
  anchors: AnchorStore;
  clock?: () => Date;
  pageSize?: number;
}) {
  const clock = deps.clock ?? (() => new Date());
  return {
    async run(): Promise<ChainAnchorReport> {
      const takenAt = clock();
      const previous = await deps.anchors.latest();
      const heads: Record<string, AnchoredHead> = {};
      for (const kind of CASE_KINDS) {
        let cursor: string | undefined;
        do {
          const page = await deps.cases.listByKind(kind, {
            limit: deps.pageSize ?? 100,
            ...(cursor !== undefined && { cursor }),
          });
          for (const c of page.items) heads[c.caseId] = { seq: c.historySeq, head: c.historyHead };
          cursor = page.cursor;
        } while (cursor);
      }
      const anchor = buildAnchor(heads, takenAt, previous);
      const { key } = await deps.anchors.put(anchor);
      return {
        takenAt: anchor.takenAt,
        caseCount: anchor.caseCount,
        merkleRoot: anchor.merkleRoot,
        digest: anchor.digest,
        previousDigest: anchor.previousDigest,
        stored: key,
      };
    },
  };
}

export type ChainAnchoring = ReturnType<typeof chainAnchoring>;
