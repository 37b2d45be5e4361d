/**
 * Append-only, tamper-evident history (docs/design.md#4-history-is-a-hash-chain). Each event carries the hash of the one
 * before it; the hash is SHA-256 over the RFC 8785 canonical JSON of the event without its own hash,
 * so anyone with read access can recompute a case's chain and find the first broken link.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Role } from './roles.ts';
import { ValidationError } from './errors.ts';
import { loneSurrogatePath } from './text.ts';

export const GENESIS_HASH = '0'.repeat(64);

export const HISTORY_EVENT_TYPES = [
  'CASE_CREATED',
  'CASE_UPDATED',
  'NOTE_ADDED',
  'STAGE_CHANGED',
  'ASSIGNED',
  'TASK_OPENED',
  'TASK_COMPLETED',
  'DECISION_RECORDED',
  'MAIL_SENT',
  'MAIL_FAILED',
  'SENSITIVE_READ',
  'WORKFLOW_MOVED',
  // Misconduct investigations (misconduct.ts)
  'OFFICIAL_ADDED',
  'EVIDENCE_ADDED',
  'SUSPENDED',
  'RESUMED',
  'LIMITATION_CHANGED',
  'DISPOSITION_RECORDED',
  'RESOLUTION_RECORDED',
  // Exports (case-export.ts): a timeline export is recorded on the exported case's chain
  'EXPORTED',
  // Petitions (petition.ts)
  'PETITION_EXTENDED',
  'PETITION_OBJECTION_FILED',
  // Committees (committee.ts): the minutes of the meeting that decided the case's step
  'COMMITTEE_MINUTES',
  // Grievance complaints (grievance.ts)
  'DUE_EXTENDED',
  'CLOCK_STOPPED',
  'CLOCK_RESUMED',
  'PROGRESS_NOTICE_RECORDED',
  'CASES_LINKED',
  // Self-audit findings (shared/kinds/self-audit/findings.ts)
  'FINDING_RECORDED',
  'FINDING_UPDATED',
  // Property-review campaigns (shared/kinds/property-review/registrants.ts): the registrant's number, never their data
  'REGISTRANTS_ADDED',
  'REGISTRANT_CHANGED',
  'REGISTRATION_READ',
  // Citizen-auditor checks (shared/kinds/citizen-check/citizen-check.ts): an auditor's report, the department's reply
  'CITIZEN_CHECK_REPORTED',
  'CITIZEN_CHECK_REPLIED',
  // Protected identities (identity.ts): what happened to the sealed identity, never the identity
  'IDENTITY_SEALED',
  'IDENTITY_ACCESS_REQUESTED',
  'IDENTITY_ACCESS_GRANTED',
  'IDENTITY_ACCESS_REFUSED',
  'IDENTITY_READ',
  // Files on a case (case-files.ts): an upload verified by its hash, a download (a SENSITIVE_READ when sealed)
  'FILE_ATTACHED',
  'FILE_DOWNLOADED',
] as const;
export type HistoryEventType = (typeof HISTORY_EVENT_TYPES)[number];

export interface EventActor {
  sub: string;
  name?: string;
  role: Role | 'system' | 'unknown';
  /** Whom the actor acted for (대결): the task's own assignee and why (task.ts `OnBehalfOf`). */
  onBehalfOf?: { sub?: string; name?: string; role?: Role; team?: string; labelKo: string; reason: string };
}

/** What a use case says happened; the chain gives it a sequence number and hashes. */
export interface EventDraft {
  type: HistoryEventType;
  at: string;
  actor: EventActor;
  stageBefore?: string;
  stageAfter?: string;
  data: Record<string, unknown>;
}

export interface HistoryEvent extends EventDraft {
  caseId: string;
  seq: number;
  prevHash: string;
  hash: string;
}

/** The chain's tip as the case item records it, so deleting the newest events is detected too. */
export interface ChainHead {
  historySeq: number;
  historyHead: string;
}

export function hashEvent(event: Omit<HistoryEvent, 'hash'>): string {
  const { caseId, seq, type, at, actor, stageBefore, stageAfter, data, prevHash } = event;
  const fields = { caseId, seq, type, at, actor, stageBefore, stageAfter, data, prevHash };
  // The chain is kept strict (no lossy repair of what is hashed): text with a lone surrogate is
  // refused as input, at the boundary and here, as a 400 naming the field, never a 500.
  const bad = loneSurrogatePath(fields);
  if (bad) {
    const field = bad.map(String).join('.');
    throw new ValidationError(
      `${field} contains a lone UTF-16 surrogate (not valid text)`,
      `${field}: 올바른 문자가 아닌 값(짝 없는 서로게이트)이 들어 있습니다`,
      { field, rule: 'lone_surrogate' },
    );
  }
  const canonical = canonicalize(fields);
  if (canonical === undefined) throw new Error('event cannot be canonicalized');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Links drafts onto a chain whose tip is `head`; returns the sealed events and the new tip. */
export function appendToChain(
  caseId: string,
  head: ChainHead,
  drafts: readonly EventDraft[],
): { events: HistoryEvent[]; head: ChainHead } {
  let seq = head.historySeq;
  let prevHash = head.historyHead;
  const events = drafts.map((draft) => {
    seq += 1;
    const unsealed = { ...stripUndefined(draft), caseId, seq, prevHash };
    const hash = hashEvent(unsealed);
    prevHash = hash;
    return { ...unsealed, hash };
  });
  return { events, head: { historySeq: seq, historyHead: prevHash } };
}

/** The reasons a break can give, for the API schema (the Korean messages are keyed by ChainBreak['reason'], so they cover all). */
export const CHAIN_BREAK_REASONS = [
  'hash-mismatch',
  'prev-hash-mismatch',
  'sequence-gap',
  'missing-tail',
  'extra-events',
  'head-mismatch',
  'anchor-mismatch',
] as const satisfies readonly ChainBreak['reason'][];

export type ChainBreak =
  | { seq: number; reason: 'hash-mismatch'; expected: string; found: string }
  | { seq: number; reason: 'prev-hash-mismatch'; expected: string; found: string }
  | { seq: number; reason: 'sequence-gap'; expected: number; found: number }
  | { seq: number; reason: 'missing-tail'; expected: number; found: number }
  | { seq: number; reason: 'extra-events'; expected: number; found: number }
  | { seq: number; reason: 'head-mismatch'; expected: string; found: string }
  /** The event at an anchored sequence number no longer has the hash anchored outside the table (shared/anchor). */
  | { seq: number; reason: 'anchor-mismatch'; expected: string; found: string };

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBreak?: ChainBreak;
}

/**
 * Verifies events in sequence order against each other and against the case's recorded tip.
 * Reports the first broken link: an edited event (its hash no longer matches its content), a
 * removed or reordered event (sequence gap / previous-hash mismatch), removed newest events, or
 * events added after the recorded tip.
 */
export function verifyChain(events: readonly HistoryEvent[], head?: ChainHead): ChainVerification {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const event of events) {
    if (event.seq !== expectedSeq) {
      return {
        ok: false,
        checked: expectedSeq - 1,
        firstBreak: { seq: expectedSeq, reason: 'sequence-gap', expected: expectedSeq, found: event.seq },
      };
    }
    if (event.prevHash !== expectedPrev) {
      return {
        ok: false,
        checked: expectedSeq - 1,
        firstBreak: { seq: event.seq, reason: 'prev-hash-mismatch', expected: expectedPrev, found: event.prevHash },
      };
    }
    const { hash, ...rest } = event;
    const recomputed = hashEvent(rest);
    if (recomputed !== hash) {
      return {
        ok: false,
        checked: expectedSeq - 1,
        firstBreak: { seq: event.seq, reason: 'hash-mismatch', expected: recomputed, found: hash },
      };
    }
    expectedPrev = hash;
    expectedSeq += 1;
  }
  const checked = expectedSeq - 1;
  if (head) {
    if (head.historySeq < checked) {
      // Events past the tip the case records were added behind the system's back (an insertion).
      return {
        ok: false,
        checked: head.historySeq,
        firstBreak: { seq: head.historySeq + 1, reason: 'extra-events', expected: head.historySeq, found: checked },
      };
    }
    if (head.historySeq !== checked) {
      return {
        ok: false,
        checked,
        firstBreak: { seq: checked + 1, reason: 'missing-tail', expected: head.historySeq, found: checked },
      };
    }
    if (head.historyHead !== expectedPrev) {
      return {
        ok: false,
        checked,
        firstBreak: { seq: checked, reason: 'head-mismatch', expected: head.historyHead, found: expectedPrev },
      };
    }
  }
  return { ok: true, checked };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
