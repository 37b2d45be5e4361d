/**
 * Who may import the 응답소 export and read the import jobs: the team that handles field complaints
 * (the `field-complaint` kind's team, 순찰팀) — its staff and its lead — and the head of office.
 * Everyone else is refused with the reason; auditors read the records' change logs, not the jobs.
 */
import { ForbiddenError } from '../domain/errors.ts';
import { hasAnyRole, TEAM_LABELS, type Actor, type Team } from '../domain/roles.ts';
import { KINDS } from '../kinds/registry.ts';

/** The team of the `field-complaint` kind (shared/kinds/field-complaint/index.ts). */
export const fieldComplaintTeam = (): Team => KINDS.get('field-complaint').team as Team;

export function canImportFieldComplaints(actor: Actor, ownTeam: string | undefined): boolean {
  if (hasAnyRole(actor, ['head'])) return true;
  return ownTeam === fieldComplaintTeam() && hasAnyRole(actor, ['team-lead', 'investigator', 'clerk']);
}

export function assertCanImportFieldComplaints(actor: Actor, ownTeam: string | undefined): void {
  if (canImportFieldComplaints(actor, ownTeam)) return;
  const team = TEAM_LABELS[fieldComplaintTeam()];
  throw new ForbiddenError(
    `Only the ${fieldComplaintTeam()} team, its lead and the head of office may import field complaints`,
    `현장민원 가져오기는 ${team} 직원·${team}장과 감사담당관만 할 수 있습니다`,
    { rule: 'field_import_team_only' },
  );
}
