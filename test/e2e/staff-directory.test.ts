/**
 * GET /staff end to end on the local system: a team lead finds whom to assign by team and role, in
 * Korean, with nothing of a profile beyond name, team, roles, position and work address; committee
 * members see nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../infra/local/demo-data.ts';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => t.system.close());

const korean = new Intl.Collator('ko');

describe('GET /staff', () => {
  it('lists the investigators of one team for its lead, in Korean name order, with Korean labels', async () => {
    const res = await t.call('GET', '/staff?team=investigation&role=investigator', { as: 'team-lead' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const expected = DEMO_STAFF.filter((m) => m.team === 'investigation' && m.roles.includes('investigator'))
      .map((m) => m.name)
      .sort(korean.compare);
    expect(expected.length).toBeGreaterThan(1);
    expect(res.body.items.map((m: { name: string }) => m.name)).toEqual(expected);
    for (const member of res.body.items) {
      expect(Object.keys(member).sort()).toEqual(
        ['email', 'name', 'position', 'roleLabels', 'roles', 'sub', 'team', 'teamLabel'].filter(
          (k) => k !== 'position' || member.position !== undefined,
        ),
      );
      expect(member).toMatchObject({ team: 'investigation', teamLabel: '조사팀' });
      expect(member.roleLabels).toContain('조사관');
    }
    expect(res.body.teams).toContainEqual({ team: 'complaints', label: '민원관리팀' });
  });

  it('lists every team member of the office without filters, and what it lists can be assigned', async () => {
    const res = await t.call('GET', '/staff', { as: 'head' });
    expect(res.status).toBe(200);
    const withTeam = DEMO_STAFF.filter((m) => m.team !== undefined && m.active);
    expect(res.body.items).toHaveLength(withTeam.length);
    const names = res.body.items.map((m: { name: string }) => m.name);
    expect(names).toEqual([...names].sort(korean.compare));

    const leads = await t.call('GET', '/staff?role=team-lead', { as: 'clerk' });
    expect(leads.body.items.map((m: { teamLabel: string }) => m.teamLabel).sort(korean.compare)).toEqual(
      ['감사팀', '민원관리팀', '순찰팀', '조사팀'].sort(korean.compare),
    );
  });

  it('shows committee members nobody (403) and refuses an unknown team with the field named (400)', async () => {
    const member = await t.call('GET', '/staff', { as: 'member' });
    expect(member.status).toBe(403);
    expect(member.body.error).toMatchObject({ code: 'FORBIDDEN', rule: 'staff_directory_readers' });
    expect(member.body.error.messageKo).toMatch(/직원 명부/);

    const unknown = await t.call('GET', '/staff?team=finance', { as: 'team-lead' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'team' });

    const anonymous = await t.call('GET', '/staff');
    expect(anonymous.status).toBe(401);
  });
});
