import { describe, expect, it } from 'vitest';
import { actorFromClaims, parseGroups } from '#shared/auth/claims.ts';
import { UnauthenticatedError } from '#shared/domain/errors.ts';

describe('token claims → actor', () => {
  it('reads cognito:groups as API Gateway passes it ("[a b]") and as a JSON array', () => {
    expect(parseGroups('[investigator team-lead]')).toEqual(['investigator', 'team-lead']);
    expect(parseGroups(['head'])).toEqual(['head']);
    expect(parseGroups(undefined)).toEqual([]);
  });

  it('ignores groups that are not roles of this system', () => {
    expect(actorFromClaims({ sub: 's', 'cognito:groups': '[auditor ap-northeast-2_Pool_Google]' }).roles).toEqual([
      'auditor',
    ]);
  });

  it('refuses claims without a subject', () => {
    expect(() => actorFromClaims({})).toThrow(UnauthenticatedError);
  });
});
