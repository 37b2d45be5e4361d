/**
 * Chain heads anchored outside the table (issue 18). A case's hash chain proves that its events
 * fit together, but anyone who can write the table can rewrite an event, recompute every later
 * hash and the case's recorded tip, and the chain is self-consistent again. An anchor is a digest,
 * taken by a scheduled job, of every case's tip (case id → sequence number and head hash) with a
 * Merkle root over them, written where table access cannot reach: an S3 bucket with Object Lock in
 * compliance mode on AWS, an append-only file on one machine. Verification then checks that the
 * event at each anchored sequence number still has the anchored hash.
 *
 * Anchors are chained too (each names the digest of the one before), so a missing or replaced
 * anchor shows in the anchor sequence itself.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import * as z from 'zod';
import type { HistoryEvent } from '../domain/history.ts';

const HEX_64 = /^[0-9a-f]{64}$/;

export const anchoredHeadSchema = z.object({
  seq: z.number().int().min(0),
  head: z.string().regex(HEX_64),
});
export type AnchoredHead = z.infer<typeof anchoredHeadSchema>;

/** A signature over the digest by the anchoring key (anchor-signer.ts); not part of the digest. */
export const anchorSignatureSchema = z.object({
  algorithm: z.literal('ECDSA_SHA_256'),
  keyId: z.string().min(1),
  value: z.base64(),
});
export type AnchorSignature = z.infer<typeof anchorSignatureSchema>;

export const chainAnchorSchema = z.object({
  format: z.literal('gamsa-chain-anchor/1'),
  /** When the heads were read (UTC ISO). */
  takenAt: z.iso.datetime({ offset: true }),
  caseCount: z.number().int().min(0),
  /** Merkle root over the sorted (caseId, seq, head) leaves; GENESIS-like zeros for no cases. */
  merkleRoot: z.string().regex(HEX_64),
  /** Digest of the previous anchor, or null for the first. */
  previousDigest: z.string().regex(HEX_64).nullable(),
  heads: z.record(z.string(), anchoredHeadSchema),
  /** SHA-256 over the canonical JSON of everything above. */
  digest: z.string().regex(HEX_64),
  signature: anchorSignatureSchema.optional(),
});
export type ChainAnchor = z.infer<typeof chainAnchorSchema>;

export class AnchorIntegrityError extends Error {
  override name = 'AnchorIntegrityError';
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A leaf of the Merkle tree: one case's tip. */
export function leafHash(caseId: string, head: AnchoredHead): string {
  return sha256(canonicalize({ caseId, seq: head.seq, head: head.head }) ?? '');
}

/**
 * Binary Merkle tree over the leaves in case-id order; an odd node is carried up unchanged (no
 * duplication, so two different sets can never share a root). Empty set → 64 zeros.
 */
export function merkleRoot(heads: Readonly<Record<string, AnchoredHead>>): string {
  let level = Object.keys(heads)
    .sort()
    .map((caseId) => leafHash(caseId, heads[caseId]!));
  if (level.length === 0) return '0'.repeat(64);
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const right = level[i + 1];
      next.push(right === undefined ? level[i]! : sha256(`${level[i]!}${right}`));
    }
    level = next;
  }
  return level[0]!;
}

function digestOf(anchor: Omit<ChainAnchor, 'digest'>): string {
  return sha256(canonicalize(anchor) ?? '');
}

export function buildAnchor(
  heads: Readonly<Record<string, AnchoredHead>>,
  takenAt: Date,
  previous: ChainAnchor | undefined,
): ChainAnchor {
  const body = {
    format: 'gamsa-chain-anchor/1' as const,
    takenAt: takenAt.toISOString(),
    caseCount: Object.keys(heads).length,
    merkleRoot: merkleRoot(heads),
    previousDigest: previous?.digest ?? null,
    heads: { ...heads },
  };
  return { ...body, digest: digestOf(body) };
}

/** Parses a stored anchor and recomputes its root and digest: a damaged anchor is never trusted. */
export function parseAnchor(raw: unknown, where: string): ChainAnchor {
  const parsed = chainAnchorSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'anchor'}: ${i.message}`).join('; ');
    throw new AnchorIntegrityError(`Anchor ${where} is malformed — ${problems}`);
  }
  const anchor = parsed.data;
  const { digest, signature: _signature, ...body } = anchor;
  if (merkleRoot(anchor.heads) !== anchor.merkleRoot)
    throw new AnchorIntegrityError(`Anchor ${where}: Merkle root does not match its heads`);
  if (digestOf(body) !== digest) throw new AnchorIntegrityError(`Anchor ${where}: digest does not match its content`);
  return anchor;
}

export type AnchorCheck =
  | { status: 'not-anchored' }
  | { status: 'match'; takenAt: string; seq: number }
  | { status: 'mismatch'; takenAt: string; seq: number; expected: string; found: string | null }
  /** The latest anchor cannot be trusted (damaged, unsigned or badly signed): nothing was compared. */
  | { status: 'untrusted'; problem: string };

/** The latest anchor, or why it cannot be used — what verification compares chains against. */
export type AnchorForVerification = ChainAnchor | { untrusted: string };

/** Reads the latest anchor for verification: a damaged or forged one is reported, not thrown. */
export async function latestAnchorForVerification(anchors: {
  latest(): Promise<ChainAnchor | undefined>;
}): Promise<AnchorForVerification | null> {
  try {
    return (await anchors.latest()) ?? null;
  } catch (error) {
    if (error instanceof AnchorIntegrityError) return { untrusted: error.message };
    throw error;
  }
}

/**
 * Does the case's stored chain still contain the anchored tip? The event at the anchored sequence
 * number must carry the anchored hash; a case created after the anchor is not covered by it.
 */
export function checkAgainstAnchor(
  caseId: string,
  events: readonly Pick<HistoryEvent, 'seq' | 'hash'>[],
  anchor: ChainAnchor | undefined,
): AnchorCheck {
  const anchored = anchor?.heads[caseId];
  if (anchor === undefined || anchored === undefined || anchored.seq === 0) return { status: 'not-anchored' };
  const event = events.find((e) => e.seq === anchored.seq);
  if (event?.hash === anchored.head) return { status: 'match', takenAt: anchor.takenAt, seq: anchored.seq };
  return {
    status: 'mismatch',
    takenAt: anchor.takenAt,
    seq: anchored.seq,
    expected: anchored.head,
    found: event?.hash ?? null,
  };
}
