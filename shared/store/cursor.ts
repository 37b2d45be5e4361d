/** Opaque pagination cursors: the DynamoDB key a page stopped at, as base64url JSON. */
import { ValidationError } from '../domain/errors.ts';

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (cause) {
    throw new ValidationError('cursor is not a cursor this API returned', 'cursor 값이 올바르지 않습니다', {
      field: 'cursor',
      rule: 'invalid_cursor',
      cause,
    });
  }
}
