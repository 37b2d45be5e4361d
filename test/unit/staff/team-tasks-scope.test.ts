import { describe, expect, it } from 'vitest';
import { ForbiddenError, ValidationError } from '#shared/domain/errors.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { teamTasksScope } from '#shared/policies/case-access.ts';

const as = (...roles: Actor['roles']): Actor => ({ sub: 'someone', roles });

describe('whose team tasks one may list', () => {
  it('gives a team lead their own team, named or not', () => {
    expect(teamTasksScope(as('team-lead'), undefined, 'audit')).toBe('audit');
    expect(teamTasksScope(as('team-lead'), 'audit', 'audit')).toBe('audit');
  });

  it('gives the head any team they name, and asks them to name one', () => {
    expect(teamTasksScope(as('head'), 'patrol', undefined)).toBe('patrol');
    expect(() => teamTasksScope(as('head'), undefined, undefined)).toThrow(ValidationError);
  });

  it('refuses another team’s lead and anyone else, naming the rule', () => {
    for (const [actor, team, own] of [
      [as('team-lead'), 'patrol', 'audit'],
      [as('investigator'), undefined, 'audit'],
      [as('investigator'), 'audit', 'audit'],
      [as('admin', 'auditor'), 'audit', undefined],
    ] as const) {
      try {
        teamTasksScope(actor, team, own);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ForbiddenError);
        expect((error as ForbiddenError).rule).toBe('team_lead_or_head');
      }
    }
  });
});
