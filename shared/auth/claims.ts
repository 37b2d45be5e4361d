/**
 * Turns the verified JWT claims that API Gateway's JWT authorizer puts in
 * `requestContext.authorizer.jwt.claims` into an Actor. API Gateway passes every claim as a string
 * and renders arrays like `cognito:groups` as "[a b]"; tokens decoded directly carry real arrays.
 */
import { UnauthenticatedError } from '../domain/errors.ts';
import { roleSchema, type Actor, type Role } from '../domain/roles.ts';

export function parseGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value.trim() === '') return [];
  const inner = value.trim().replace(/^\[/, '').replace(/\]$/, '');
  return inner.split(/[\s,]+/).filter(Boolean);
}

export function actorFromClaims(claims: Record<string, unknown> | undefined): Actor {
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub === '') {
    throw new UnauthenticatedError('Sign-in required: no verified token', '로그인이 필요합니다 (유효한 토큰 없음)', {
      rule: 'missing_token',
    });
  }
  const roles = parseGroups(claims?.['cognito:groups']).flatMap((g): Role[] => {
    const parsed = roleSchema.safeParse(g);
    return parsed.success ? [parsed.data] : [];
  });
  return {
    sub,
    ...(typeof claims?.email === 'string' && { email: claims.email }),
    ...(typeof claims?.name === 'string' && { name: claims.name }),
    roles,
  };
}
