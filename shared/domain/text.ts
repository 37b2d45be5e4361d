/**
 * Text that can be stored, hashed and mailed: well-formed UTF-16. A lone surrogate (half of a
 * pair, e.g. "\ud800" in JSON) has no UTF-8 form; JSON canonicalization (RFC 8785, our history
 * hashes) refuses it. The HTTP boundary refuses it with the field's name (shared/http/api-handler.ts).
 */
import { z } from 'zod';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);

/** Where in a parsed JSON value the first string (or key) with a lone surrogate is, if any. */
export function loneSurrogatePath(value: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (typeof value === 'string') return hasLoneSurrogate(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = loneSurrogatePath(item, [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (hasLoneSurrogate(key)) return [...path, key];
      const found = loneSurrogatePath(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** The same value with every lone surrogate replaced by U+FFFD (for fingerprints that must never throw). */
export function wellFormed<T>(value: T): T {
  if (typeof value === 'string') return value.replace(new RegExp(LONE_SURROGATE, 'g'), '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(wellFormed) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [wellFormed(k), wellFormed(v)])) as T;
  return value;
}

/** A string schema that refuses lone surrogates (for schemas used outside the HTTP boundary). */
export const wellFormedString = () =>
  z.string().refine((s) => !hasLoneSurrogate(s), { message: 'must not contain a lone UTF-16 surrogate' });
