/**
 * Roles are Cognito groups. The office's people (docs/office.md#roles): intake clerks, investigators, team leads,
 * the head of the office (approver), committee secretaries and members, auditors (read-only), admin,
 * and 구민감사관 — residents appointed to check public works on site, who see only their own checks.
 */
import * as z from 'zod';

export const ROLES = [
  'clerk',
  'investigator',
  'team-lead',
  'head',
  'secretary',
  'member',
  'auditor',
  'admin',
  'custodian',
  'citizen-auditor',
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  clerk: '접수 담당',
  investigator: '조사관',
  'team-lead': '팀장',
  head: '감사담당관',
  secretary: '위원회 간사',
  member: '위원회 위원',
  auditor: '감사인(열람 전용)',
  admin: '관리자',
  custodian: '신원정보 관리책임자',
  'citizen-auditor': '구민감사관',
};

export const TEAMS = ['audit', 'investigation', 'complaints', 'patrol'] as const;
export const teamSchema = z.enum(TEAMS);
export type Team = z.infer<typeof teamSchema>;

export const TEAM_LABELS: Record<Team, string> = {
  audit: '감사팀',
  investigation: '조사팀',
  complaints: '민원관리팀',
  patrol: '순찰팀',
};

/** The short team word used in case numbers, e.g. 2026-조사-0042. */
export const TEAM_CASE_CODES: Record<Team, string> = {
  audit: '감사',
  investigation: '조사',
  complaints: '민원',
  patrol: '순찰',
};

/** Who is acting: built from verified token claims, never from the request body. */
export interface Actor {
  sub: string;
  email?: string;
  name?: string;
  roles: Role[];
}

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** The highest role, recorded with history events ("who, in which capacity"). */
export function primaryRole(actor: Actor): Role | 'unknown' {
  const order: Role[] = [
    'admin',
    'head',
    'team-lead',
    'investigator',
    'secretary',
    'clerk',
    'auditor',
    'member',
    'custodian',
    'citizen-auditor',
  ];
  return order.find((r) => actor.roles.includes(r)) ?? 'unknown';
}
