/**
 * Verifying history chains: one case (API) or every case (operator command). Cases are found kind
 * by kind through the kind index (gsi2), never by scanning the table (docs/design.md#7-scale-by-index-never-by-scan); each case's
 * events are one partition query, and several cases are verified at once.
 */
import { type AnchorCheck, type AnchorForVerification, checkAgainstAnchor } from '../anchor/chain-anchor.ts';
import type { CaseKind } from '../domain/case.ts';
import { CASE_KINDS } from '../kinds/registry.ts';
import type { CaseRecord } from '../domain/case.ts';
import { verifyChain, type ChainBreak, type ChainVerification, type HistoryEvent } from '../domain/history.ts';
import { formatKoreanDateTime } from '../domain/korea-time.ts';
import type { CaseRepository } from './ports.ts';

export interface CaseVerification extends ChainVerification {
  caseId: string;
  caseNumber: string;
  /** The tip the case item records (what the events must reach). */
  historySeq: number;
  /** Korean sentence naming the first broken link, when there is one. */
  messageKo?: string;
  /** The chain against the latest anchor kept outside the table; absent when no anchor store is configured. */
  anchor?: AnchorCheck;
}

const REASON_KO: Record<ChainBreak['reason'], string> = {
  'hash-mismatch': '이벤트 내용이 기록 후 변경되었습니다 (해시 불일치)',
  'prev-hash-mismatch': '앞 이벤트와의 연결이 끊어졌습니다 (이전 해시 불일치: 삭제·삽입·순서 변경)',
  'sequence-gap': '순번이 빠졌거나 순서가 바뀌었습니다',
  'missing-tail': '마지막 이벤트가 삭제되었습니다',
  'extra-events': '기록된 마지막 이벤트 뒤에 이벤트가 추가되었습니다',
  'head-mismatch': '마지막 이벤트가 사건에 기록된 체인 끝과 다릅니다',
  'anchor-mismatch': '테이블 밖에 보관된 앵커의 해시와 다릅니다: 앵커 이후 이력이 다시 쓰였습니다',
};

export function describeBreak(b: ChainBreak): string {
  return `${b.seq}번 이벤트: ${REASON_KO[b.reason]} (기대 ${String(b.expected)}, 실제 ${String(b.found)})`;
}

/**
 * A case's events and the tip to check them against, read so that a change landing between the two
 * reads (any write, or a recorded read of a sealed case) is not mistaken for tampering: the case is
 * read first, so its events can only have moved ahead of it; when they have, the case is read again
 * (from the table, not an index) and the events with it. Events past a tip that did not move are kept
 * as they are, for verification to report.
 */
export async function loadChain(
  cases: Pick<CaseRepository, 'history' | 'get'>,
  c: CaseRecord,
): Promise<{ case: CaseRecord; events: HistoryEvent[] }> {
  let current = c;
  for (let attempt = 1; ; attempt++) {
    const events = await cases.history(current.caseId);
    const lastSeq = events.at(-1)?.seq ?? 0;
    if (lastSeq <= current.historySeq || attempt >= 5) return { case: current, events };
    const fresh = await cases.get(current.caseId);
    if (!fresh || fresh.historySeq === current.historySeq) return { case: current, events };
    current = fresh;
  }
}

/**
 * The chain checked against itself and its recorded tip, then — when an anchor is given — against
 * the tip anchored outside the table. A chain rewritten consistently (hashes and tip recomputed)
 * passes the first check and fails the second; a break inside the chain is reported first.
 */
export async function verifyCaseChain(
  cases: Pick<CaseRepository, 'history' | 'get'>,
  listed: CaseRecord,
  anchor?: AnchorForVerification | null,
): Promise<CaseVerification> {
  const { case: c, events } = await loadChain(cases, listed);
  const inChain = verifyChain(events, c);
  const anchorCheck: AnchorCheck | undefined =
    anchor === undefined
      ? undefined
      : anchor !== null && 'untrusted' in anchor
        ? { status: 'untrusted', problem: anchor.untrusted }
        : checkAgainstAnchor(c.caseId, events, anchor ?? undefined);
  let verification = inChain;
  let messageKo = inChain.firstBreak && describeBreak(inChain.firstBreak);
  if (anchorCheck?.status === 'untrusted') {
    // A forged or damaged anchor is itself a sign of tampering: the verification does not pass.
    verification = { ...inChain, ok: false };
    messageKo = [messageKo, `테이블 밖 앵커를 신뢰할 수 없어 앵커와 비교하지 못했습니다 (${anchorCheck.problem})`]
      .filter(Boolean)
      .join(' — ');
  }
  if (inChain.ok && anchorCheck?.status === 'mismatch') {
    const firstBreak: ChainBreak = {
      seq: anchorCheck.seq,
      reason: 'anchor-mismatch',
      expected: anchorCheck.expected,
      found: anchorCheck.found ?? '(이벤트 없음)',
    };
    verification = { ok: false, checked: Math.min(inChain.checked, anchorCheck.seq - 1), firstBreak };
    messageKo = `${describeBreak(firstBreak)} — 앵커 시각 ${formatKoreanDateTime(new Date(anchorCheck.takenAt))}`;
  }
  return {
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    historySeq: c.historySeq,
    ...verification,
    ...(messageKo !== undefined && { messageKo }),
    ...(anchorCheck && { anchor: anchorCheck }),
  };
}

export interface VerifyAllSummary {
  checkedCases: number;
  checkedEvents: number;
  broken: CaseVerification[];
  millis: number;
}

/**
 * Verifies every case of the given kinds (all kinds by default), `concurrency` cases at a time,
 * reporting each result as it comes; only broken cases are kept in memory.
 */
export async function verifyAllCases(
  cases: Pick<CaseRepository, 'history' | 'get' | 'listByKind'>,
  options: {
    kinds?: readonly CaseKind[];
    concurrency?: number;
    pageSize?: number;
    onCase?: (result: CaseVerification, done: number) => void;
    /** The latest anchor (null: an anchor store with no anchor yet; undefined: no anchor store). */
    anchor?: AnchorForVerification | null;
  } = {},
): Promise<VerifyAllSummary> {
  const started = performance.now();
  const concurrency = options.concurrency ?? 16;
  const summary: VerifyAllSummary = { checkedCases: 0, checkedEvents: 0, broken: [], millis: 0 };
  for (const kind of options.kinds ?? CASE_KINDS) {
    let cursor: string | undefined;
    do {
      const page = await cases.listByKind(kind, {
        limit: options.pageSize ?? 100,
        ...(cursor !== undefined && { cursor }),
      });
      const queue = [...page.items];
      const worker = async () => {
        for (let c = queue.shift(); c; c = queue.shift()) {
          const result = await verifyCaseChain(cases, c, options.anchor);
          summary.checkedCases += 1;
          summary.checkedEvents += result.checked;
          if (!result.ok) summary.broken.push(result);
          options.onCase?.(result, summary.checkedCases);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
      cursor = page.cursor;
    } while (cursor);
  }
  summary.millis = performance.now() - started;
  return summary;
}
