/**
 * Runs a write at most once per (person, Idempotency-Key). The effect and the remembered result are
 * committed in one transaction by the repository; this wrapper replays a remembered result and
 * refuses a key reused for a different request.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { IdempotencyKeyReusedError } from '../domain/errors.ts';
import { wellFormed } from '../domain/text.ts';
import { type IdempotencyClaim, IdempotencyRaceError, type IdempotencyStore } from './ports.ts';

export interface IdempotencyRequest {
  key: string;
  /** What the request asked for (operation, target, body): a repeat must ask for the same thing. */
  request: unknown;
}

export type ClaimFor = (result: unknown) => IdempotencyClaim | undefined;

export function fingerprintOf(request: unknown): string {
  return (
    createHash('sha256')
      // Canonical JSON refuses lone surrogates; a fingerprint must never fail a request.
      .update(canonicalize(wellFormed(request)) ?? 'null', 'utf8')
      .digest('hex')
  );
}

export async function runIdempotent<T>(
  store: Pick<IdempotencyStore, 'find'>,
  actorSub: string,
  idempotency: IdempotencyRequest | undefined,
  now: Date,
  work: (claimFor: ClaimFor) => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  if (!idempotency) return { result: await work(() => undefined), replayed: false };
  const nowEpochSeconds = Math.floor(now.getTime() / 1000);
  const fingerprint = fingerprintOf(idempotency.request);
  const replay = async () => {
    const found = await store.find(actorSub, idempotency.key, nowEpochSeconds);
    if (!found) return undefined;
    if (found.fingerprint !== fingerprint) {
      throw new IdempotencyKeyReusedError(
        'This Idempotency-Key was already used for a different request',
        '이 Idempotency-Key는 다른 요청에 이미 사용되었습니다',
        { field: 'Idempotency-Key', rule: 'reused_for_different_request' },
      );
    }
    return { result: found.result as T, replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    const result = await work((r) => ({
      scope: actorSub,
      key: idempotency.key,
      fingerprint,
      nowEpochSeconds,
      result: r,
    }));
    return { result, replayed: false };
  } catch (error) {
    if (!(error instanceof IdempotencyRaceError)) throw error;
    const winner = await replay();
    if (!winner) throw error;
    return winner;
  }
}
