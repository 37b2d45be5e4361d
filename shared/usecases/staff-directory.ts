/**
 * The staff directory as people of the office read it: whom can a team lead assign? Names, team,
 * roles, position and the work address — nothing else a profile may hold. Committee members (outside
 * members, most of them) and anyone without an office role see nobody.
 */
import { ForbiddenError } from '../domain/errors.ts';
import { hasAnyRole, ROLE_LABELS, TEAM_LABELS, TEAMS, type Actor, type Role, type Team } from '../domain/roles.ts';
import type { StaffMember } from '../domain/staff.ts';

export interface StaffDirectoryDeps {
  staff: { listByTeam(team: Team): Promise<StaffMember[]> };
}

export interface StaffFilter {
  team?: Team;
  role?: Role;
}

/** Office roles; `member` (committee member) is deliberately not one of them. */
const DIRECTORY_READERS: readonly Role[] = [
  'clerk',
  'investigator',
  'team-lead',
  'head',
  'secretary',
  'auditor',
  'admin',
];

export interface StaffEntry {
  sub: string;
  name: string;
  team: Team;
  teamLabel: string;
  roles: Role[];
  roleLabels: string[];
  position?: string;
  email: string;
}

const koreanOrder = new Intl.Collator('ko');

export function staffDirectory(deps: StaffDirectoryDeps) {
  return {
    /** Active staff of one team or of every team, in Korean name order. */
    async list(actor: Actor, filter: StaffFilter = {}): Promise<StaffEntry[]> {
      if (!hasAnyRole(actor, DIRECTORY_READERS))
        throw new ForbiddenError(
          'Only office staff may read the staff directory',
          '직원 명부는 감사담당관실 직원만 볼 수 있습니다',
          { rule: 'staff_directory_readers' },
        );
      const teams = filter.team ? [filter.team] : TEAMS;
      const members = (await Promise.all(teams.map((team) => deps.staff.listByTeam(team)))).flat();
      return members
        .filter((m) => m.active && m.team !== undefined && (filter.role === undefined || m.roles.includes(filter.role)))
        .map((m) => ({
          sub: m.sub,
          name: m.name,
          team: m.team as Team,
          teamLabel: TEAM_LABELS[m.team as Team],
          roles: m.roles,
          roleLabels: m.roles.map((r) => ROLE_LABELS[r]),
          ...(m.position !== undefined && { position: m.position }),
          email: m.email,
        }))
        .sort((a, b) => koreanOrder.compare(a.name, b.name));
    },
  };
}
