import { ValidationError } from '../../domain/errors.ts';
import type { StaffDirectory } from '../../domain/kind.ts';
import type { Team } from '../../domain/roles.ts';
import type { StaffMember } from '../../domain/staff.ts';
import type { OfficialInput } from './misconduct.ts';

const normalizeName = (name: string) => name.replace(/\s+/g, '');

/**
 * The officials' link to the staff directory, checked before they are recorded: a given staff id
 * must be a known person of that name; an official without one whose name matches someone of the
 * case's team must be linked, or confirmed as someone else (`notStaff`) — a missed link would let
 * the official see their own case.
 */
export async function checkOfficialsAgainstDirectory(
  staff: StaffDirectory,
  officials: readonly OfficialInput[],
  team: Team,
  fieldPrefix: string,
): Promise<void> {
  let teamMembers: StaffMember[] | undefined;
  for (const [index, official] of officials.entries()) {
    const field = fieldPrefix ? `${fieldPrefix}.${index}` : '';
    const at = (name: string) => (field ? `${field}.${name}` : name);
    if (official.staffSub !== undefined) {
      const member = await staff.get(official.staffSub);
      if (!member)
        throw new ValidationError(
          `No staff member with id ${official.staffSub}`,
          `직원(${official.staffSub})을 찾을 수 없습니다`,
          { field: at('staffSub'), rule: 'unknown_staff' },
        );
      if (normalizeName(member.name) !== normalizeName(official.name)) {
        throw new ValidationError(
          `Staff member ${official.staffSub} is ${member.name}, not ${official.name}`,
          `직원 ID(${official.staffSub})의 이름은 ${member.name}입니다 (입력: ${official.name})`,
          { field: at('staffSub'), rule: 'staff_name_mismatch' },
        );
      }
      continue;
    }
    if (official.notStaff) continue;
    teamMembers ??= await staff.listByTeam(team);
    const sameName = teamMembers.filter((m) => normalizeName(m.name) === normalizeName(official.name));
    if (sameName.length > 0) {
      throw new ValidationError(
        `${official.name} has the name of a staff member of this team: link the staff id, or confirm with notStaff: true that it is someone else`,
        `${official.name}은(는) 이 팀 직원과 이름이 같습니다. 동일인이면 직원 ID(staffSub)를 연결하고, 다른 사람이면 notStaff: true로 확인하세요`,
        {
          field: at('staffSub'),
          rule: 'possible_staff_match',
          meta: { candidates: sameName.map((m) => ({ sub: m.sub, name: m.name, position: m.position ?? null })) },
        },
      );
    }
  }
}
