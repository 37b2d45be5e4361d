/**
 * Who may be assigned a case (docs/office.md#who-may-be-assigned): active staff of the kind's team
 * with the role the kind needs (kind.ts `assignees`; by default the investigators of the kind's own
 * team). The head of office may assign outside that rule, but only explicitly — a flag and a
 * reason — and the exception is written into the ASSIGNED event, so nobody is made the handler of
 * a sealed referral by a slip of the staff picker.
 */
import { ForbiddenError, UnprocessableError, ValidationError } from '../domain/errors.ts';
import type { KindModule } from '../domain/kind.ts';
import { hasAnyRole, ROLE_LABELS, TEAM_LABELS, type Actor, type Role, type Team } from '../domain/roles.ts';
import type { StaffMember } from '../domain/staff.ts';

export { assignmentOverrideShape } from '../domain/task.ts';

export interface AssignmentOverrideInput {
  overrideAssignmentRule?: boolean | undefined;
  overrideReason?: string | undefined;
}

/** The rule a kind's assignee must meet, with the defaults filled in. */
export function assigneeRuleOf(kind: Pick<KindModule, 'team' | 'assignees'>): {
  teams: readonly Team[];
  roles: readonly Role[];
} {
  return { teams: kind.assignees?.teams ?? [kind.team], roles: kind.assignees?.roles ?? ['investigator'] };
}

/** What the ASSIGNED event records when the head went outside the rule. */
export interface AssignmentException {
  rule: 'assignee_not_in_team' | 'assignee_lacks_role';
  reason: string;
  expected: { teams: Team[]; roles: Role[] };
}

/**
 * Checks `sub` against the kind's rule before anything is written. Returns the exception to
 * record when the head overrode the rule; throws (naming `assigneeSub` and the rule) otherwise.
 */
export function checkAssignee(params: {
  actor: Actor;
  kind: Pick<KindModule, 'team' | 'assignees' | 'labelKo'>;
  sub: string;
  member: StaffMember | undefined;
  override?: AssignmentOverrideInput;
}): AssignmentException | undefined {
  const { actor, kind, sub, member, override } = params;
  if (!member?.active) {
    throw new ValidationError(`No active staff member with id ${sub}`, `담당자(${sub})를 찾을 수 없습니다`, {
      field: 'assigneeSub',
      rule: 'unknown_staff',
    });
  }
  const overriding = override?.overrideAssignmentRule === true;
  if (overriding && !hasAnyRole(actor, ['head'])) {
    throw new ForbiddenError(
      'Only the head of office can assign outside the kind’s team and role',
      '배정 기준 밖의 직원 배정은 감사담당관만 할 수 있습니다',
      { field: 'overrideAssignmentRule', rule: 'role_cannot_override' },
    );
  }
  if (overriding && override?.overrideReason === undefined) {
    throw new ValidationError(
      'An assignment outside the rule needs overrideReason',
      '배정 기준 예외에는 사유(overrideReason)가 필요합니다',
      { field: 'overrideReason', rule: 'required_with_override' },
    );
  }
  if (!overriding && override?.overrideReason !== undefined) {
    throw new ValidationError(
      'overrideReason is only given with overrideAssignmentRule: true',
      '예외 사유는 배정 기준 예외(overrideAssignmentRule: true)와 함께만 입력합니다',
      { field: 'overrideReason', rule: 'only_with_override' },
    );
  }
  const { teams, roles } = assigneeRuleOf(kind);
  const expected = { teams: [...teams], roles: [...roles] };
  const teamsKo = teams.map((t) => TEAM_LABELS[t]).join('·');
  const rolesKo = roles.map((r) => ROLE_LABELS[r]).join('·');
  let broken: AssignmentException['rule'] | undefined;
  let error: UnprocessableError | undefined;
  if (member.team === undefined || !teams.includes(member.team)) {
    broken = 'assignee_not_in_team';
    error = new UnprocessableError(
      `${member.name} is not on the team that handles ${kind.labelKo} (${teams.join(', ')})`,
      `${member.name}은(는) ${kind.labelKo} 담당 팀(${teamsKo}) 소속이 아닙니다`,
      { field: 'assigneeSub', rule: 'assignee_not_in_team', meta: expected },
    );
  } else if (!member.roles.some((r) => roles.includes(r))) {
    broken = 'assignee_lacks_role';
    error = new UnprocessableError(
      `${member.name} does not have the role that handles ${kind.labelKo} (${roles.join(', ')})`,
      `${member.name}은(는) ${kind.labelKo}을(를) 담당하는 역할(${rolesKo})이 아닙니다`,
      { field: 'assigneeSub', rule: 'assignee_lacks_role', meta: expected },
    );
  }
  if (!broken || !error) return undefined;
  if (!overriding) throw error;
  return { rule: broken, reason: override?.overrideReason ?? '', expected };
}

/** Writes the head's exception into the ASSIGNED event it explains (nothing when there is none). */
export function recordException<D extends { type: string; data: Record<string, unknown> }>(
  drafts: D[],
  exception: AssignmentException | undefined,
): D[] {
  if (!exception) return drafts;
  return drafts.map((d) => (d.type === 'ASSIGNED' ? { ...d, data: { ...d.data, override: exception } } : d));
}
