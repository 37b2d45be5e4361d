/**
 * Task tokens: 64 random bytes (base64url), so they cannot be guessed. The store keys token rows by
 * the token's SHA-256, so a table dump does not hand out usable tokens by key alone.
 */
import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{86}$/;

export function newTaskToken(): string {
  return randomBytes(64).toString('base64url');
}

/** Shape check only: a token we could have issued. Whether we did is the store's question. */
export function isWellFormedTaskToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function taskTokenKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
