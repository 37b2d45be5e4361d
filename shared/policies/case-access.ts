/**
 * Who may see and change a case. Roles come from verified token claims. Sealed cases (e.g.
 * whistleblower reports, cases about staff) are limited to the people who need them.
 */
import type { CaseRecord } from '../domain/case.ts';
import { ForbiddenError, ValidationError } from '../domain/errors.ts';
import { KINDS } from '../kinds/registry.ts';
import { hasAnyRole, TEAM_LABELS, type Actor, type Role, type Team } from '../domain/roles.ts';

const INTAKE_ROLES: readonly Role[] = ['clerk', 'investigator', 'team-lead', 'head', 'admin'];
const OFFICE_WIDE_READERS: readonly Role[] = ['team-lead', 'head', 'admin', 'auditor'];
const MANAGERS: readonly Role[] = ['team-lead', 'head', 'admin'];

const involved = (actor: Actor, c: CaseRecord) => c.assigneeSub === actor.sub || c.createdBy === actor.sub;

/** The kind's guards (a kind a test registers on its own has none here). */
const guardsOf = (c: CaseRecord) => (KINDS.has(c.kind) ? KINDS.get(c.kind).guards : undefined);

/** Whom the case's kind keeps away from it whatever their role (e.g. the officials a misconduct case concerns). */
const barred = (actor: Actor, c: CaseRecord) => guardsOf(c)?.hiddenFrom?.(c).includes(actor.sub) ?? false;

/** Throws the kind's own error when `actor` is barred from the case (the conflict of interest it names). */
function assertNotBarred(actor: Actor, c: CaseRecord): void {
  guardsOf(c)?.assertMayHandle?.(c, actor.sub, 'caseId');
}

/**
 * 구민감사관 are residents, not staff: bound by the audit secrecy duty for the checks they are on
 * (공공감사법 제27조③), they read those checks through their own routes (shared/usecases/citizen-checks.ts)
 * and never a case, not even the case of their own check.
 */
export const isCitizenAuditorOnly = (actor: Actor): boolean =>
  actor.roles.length > 0 && actor.roles.every((r) => r === 'citizen-auditor');

export function canReadCase(actor: Actor, c: CaseRecord): boolean {
  // An official concerned never sees their own case, whatever their role (conflict of interest).
  if (barred(actor, c)) return false;
  if (isCitizenAuditorOnly(actor)) return false;
  if (hasAnyRole(actor, OFFICE_WIDE_READERS)) return true;
  if (c.sealed) return involved(actor, c);
  return hasAnyRole(actor, ['clerk', 'investigator', 'secretary']) || involved(actor, c);
}

export function canChangeCase(actor: Actor, c: CaseRecord): boolean {
  if (barred(actor, c)) return false;
  if (isCitizenAuditorOnly(actor)) return false;
  if (hasAnyRole(actor, MANAGERS)) return true;
  if (hasAnyRole(actor, ['investigator'])) return c.assigneeSub === actor.sub;
  if (hasAnyRole(actor, ['clerk'])) return c.createdBy === actor.sub;
  return false;
}

export function assertCanCreateCase(actor: Actor): void {
  if (!hasAnyRole(actor, INTAKE_ROLES)) {
    throw new ForbiddenError('Your role cannot register cases', '사건을 접수할 권한이 없습니다', {
      rule: 'role_cannot_intake',
    });
  }
}

export function assertCanAssign(actor: Actor): void {
  if (!hasAnyRole(actor, MANAGERS)) {
    throw new ForbiddenError(
      'Only a team lead, the head of office or an admin can assign cases',
      '사건 배정은 팀장, 감사담당관 또는 관리자만 할 수 있습니다',
      {
        field: 'assigneeSub',
        rule: 'role_cannot_assign',
      },
    );
  }
}

export function assertCanRead(actor: Actor, c: CaseRecord): void {
  assertNotBarred(actor, c);
  if (!canReadCase(actor, c)) {
    throw new ForbiddenError(
      `You may not read case ${c.caseNumber}`,
      `사건(${c.caseNumber})을 열람할 권한이 없습니다`,
      { rule: 'no_read_access' },
    );
  }
}

export function assertCanChange(actor: Actor, c: CaseRecord): void {
  assertNotBarred(actor, c);
  if (!canChangeCase(actor, c)) {
    throw new ForbiddenError(
      `You may not change case ${c.caseNumber}`,
      `사건(${c.caseNumber})을 변경할 권한이 없습니다`,
      { rule: 'no_write_access' },
    );
  }
}

/**
 * A team's open tasks (who holds which, and when each is due) are for the people who answer for the
 * team's deadlines: its team lead, and the head for every team. Returns the team to show: a lead's own
 * when none is named; the head, who belongs to no team, names one. Each task is then shown only if its
 * case may be read ({@link canReadCase}).
 */
export function teamTasksScope(actor: Actor, asked: Team | undefined, ownTeam: Team | undefined): Team {
  const team = asked ?? (hasAnyRole(actor, ['team-lead']) ? ownTeam : undefined);
  if (team === undefined) {
    if (!hasAnyRole(actor, ['team-lead', 'head'])) throw teamTasksRefusal();
    throw new ValidationError('Name the team whose tasks to list', '업무를 볼 팀을 선택하세요', {
      field: 'team',
      rule: 'required',
    });
  }
  if (hasAnyRole(actor, ['head'])) return team;
  if (hasAnyRole(actor, ['team-lead']) && ownTeam === team) return team;
  throw teamTasksRefusal(team);
}

const teamTasksRefusal = (team?: Team) =>
  new ForbiddenError(
    `Only ${team ? `the ${team} team's` : "a team's"} lead and the head of office may list its tasks`,
    `${team ? `${TEAM_LABELS[team]}의` : '팀'} 업무는 그 팀의 팀장과 감사담당관만 볼 수 있습니다`,
    { field: 'scope', rule: 'team_lead_or_head' },
  );

const SUSPENDERS: readonly Role[] = ['team-lead', 'head', 'admin'];

/** Stopping and resuming discipline proceedings (지방공무원법 제73조) is a manager's call. */
export function assertCanSuspend(actor: Actor): void {
  if (!hasAnyRole(actor, SUSPENDERS)) {
    throw new ForbiddenError(
      'Only a team lead, the head of office or an admin can suspend or resume proceedings',
      '징계절차 정지·재개는 팀장, 감사담당관 또는 관리자만 할 수 있습니다',
      {
        rule: 'role_cannot_suspend',
      },
    );
  }
}

/**
 * Freezing a report makes it the office's record of a period (it is what goes up to the district):
 * that is for the team leads and the head, not for readers — the auditor checks reports, never makes them.
 */
export function assertCanFreezeReports(actor: Actor): void {
  if (!hasAnyRole(actor, ['team-lead', 'head'])) {
    throw new ForbiddenError(
      'Only team leads and the head of office can freeze an office report',
      '실적 보고 확정은 팀장과 감사담당관만 할 수 있습니다',
      { rule: 'role_cannot_freeze_reports' },
    );
  }
}

/** Office reports (counts only) are for the people who read across the office. */
export function assertCanReadReports(actor: Actor): void {
  if (!hasAnyRole(actor, OFFICE_WIDE_READERS)) {
    throw new ForbiddenError(
      'Only team leads, the head of office, admins and auditors can read office reports',
      '실적 보고는 팀장, 감사담당관, 관리자, 감사인만 볼 수 있습니다',
      { rule: 'role_cannot_read_reports' },
    );
  }
}
