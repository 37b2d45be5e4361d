/**
 * The roster of 구민감사관: residents the 구 appoints for a term to check public works on site, each
 * with a field (토목·건축·전기·조경·세무, or 동 대표 of one 동). One record per person, keyed by
 * their id in the staff directory (where they sign in, with the `citizen-auditor` role and nothing
 * else); the term is a committee member's (term.ts). A check may name only auditors whose term holds
 * its day. The audit team keeps the roster: an administrator, the head of office, or the audit
 * team's lead. Pure rules only.
 */
import * as z from 'zod';
import { ForbiddenError, IllegalTransitionError, ValidationError } from './errors.ts';
import { hasAnyRole, type Actor } from './roles.ts';
import type { StaffMember } from './staff.ts';
import { inTerm, termFields, termInOrder } from './term.ts';

/** The term is from a news report of the 8th cohort (B); the 구's own rule has not been read (구 규칙 확인 필요). */
export const CITIZEN_AUDITOR_SETTINGS = Object.freeze({
  /** A term longer than this is refused. */
  termYears: 2,
});

export const CITIZEN_AUDITOR_FIELDS = {
  civil: '토목',
  architecture: '건축',
  electrical: '전기',
  landscape: '조경',
  tax: '세무',
  dong: '동 대표',
} as const;
type Keys<T> = [keyof T & string, ...(keyof T & string)[]];
const fieldSchema = z.enum(Object.keys(CITIZEN_AUDITOR_FIELDS) as Keys<typeof CITIZEN_AUDITOR_FIELDS>);

const appointment = {
  field: fieldSchema.describe('분야 (dong: 동 대표)'),
  dong: z.string().trim().min(1).max(20).optional().describe('동 대표의 동'),
  cohort: z.number().int().min(1).max(99).optional().describe('기수'),
  ...termFields,
};

export const citizenAuditorInputSchema = z
  .strictObject({ ...appointment, expectedVersion: z.number().int().positive().optional() })
  .refine(...termInOrder)
  .describe('구민감사관 위촉 (분야·임기)');
export type CitizenAuditorInput = z.infer<typeof citizenAuditorInputSchema>;

/** What a check keeps of each auditor on it: the appointment as it stood that day. */
export const appointedAuditorSchema = z.object({ sub: z.string(), name: z.string(), ...appointment });
export type AppointedAuditor = z.infer<typeof appointedAuditorSchema>;

export const citizenAuditorSchema = appointedAuditorSchema.extend({
  version: z.number().int().positive(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type CitizenAuditor = z.infer<typeof citizenAuditorSchema>;

export const auditorFieldKo = (a: Pick<AppointedAuditor, 'field' | 'dong'>): string =>
  a.field === 'dong' && a.dong ? `${a.dong} 동 대표` : CITIZEN_AUDITOR_FIELDS[a.field];

export { inTerm };

const invalid = (field: string, rule: string, en: string, ko: string) => new ValidationError(en, ko, { field, rule });
const addYears = (on: string, years: number) => `${Number(on.slice(0, 4)) + years}${on.slice(4)}`;

/** The roster record from the audit team's input; `person` is the directory entry it is for. */
export function citizenAuditorFromInput(
  person: StaffMember,
  input: CitizenAuditorInput,
  actorSub: string,
  now: string,
  previous?: CitizenAuditor,
): CitizenAuditor {
  if (!person.active || !person.roles.includes('citizen-auditor'))
    throw invalid(
      'sub',
      'not_citizen_auditor',
      `${person.sub} is not an active citizen auditor in the directory`,
      `${person.name}은(는) 직원 명부의 구민감사관이 아닙니다`,
    );
  if ((input.field === 'dong') !== (input.dong !== undefined))
    throw invalid(
      'dong',
      input.field === 'dong' ? 'required' : 'only_for_dong',
      'the 동 is given for a 동 대표, and only for one',
      '동 대표는 동을 적어야 하고, 다른 분야는 동을 적지 않습니다',
    );
  const { termYears } = CITIZEN_AUDITOR_SETTINGS;
  if (input.termEnd >= addYears(input.termStart, termYears))
    throw invalid(
      'termEnd',
      'term_too_long',
      `a term is at most ${termYears} years (setting)`,
      `임기는 ${termYears}년을 넘을 수 없습니다 (설정값, 구 규칙 확인 필요)`,
    );
  if (previous && input.expectedVersion === undefined)
    throw invalid(
      'expectedVersion',
      'required_for_update',
      'Updating an auditor needs expectedVersion',
      '구민감사관 정보를 수정하려면 expectedVersion(현재 버전)이 필요합니다',
    );
  if (previous && input.expectedVersion !== previous.version)
    throw new IllegalTransitionError(
      `${person.sub} is at version ${previous.version}, not ${input.expectedVersion}`,
      `다른 사용자가 먼저 구민감사관 정보를 변경했습니다 (현재 버전 ${previous.version})`,
      { field: 'expectedVersion', rule: 'stale_version' },
    );
  const { expectedVersion: _checked, ...appointed } = input;
  return {
    sub: person.sub,
    name: person.name,
    ...appointed,
    version: (previous?.version ?? 0) + 1,
    updatedAt: now,
    updatedBy: actorSub,
  };
}

/** An administrator, the head of office, or the lead of the audit team (`self` is the actor's directory entry). */
export function assertCanManageCitizenAuditors(actor: Actor, self: StaffMember | undefined): void {
  if (hasAnyRole(actor, ['admin', 'head'])) return;
  if (hasAnyRole(actor, ['team-lead']) && self?.active && self.team === 'audit') return;
  throw new ForbiddenError(
    'Only the audit team’s lead, the head of office or an administrator keeps the citizen-auditor roster',
    '감사팀장, 감사담당관 또는 관리자만 구민감사관 명부를 관리할 수 있습니다',
    { field: 'sub', rule: 'not_allowed' },
  );
}

/** The audit team's staff, the head, auditors and administrators read the roster; no 구민감사관 does. */
export function assertCanReadCitizenAuditors(actor: Actor, self: StaffMember | undefined): void {
  if (hasAnyRole(actor, ['admin', 'head', 'auditor'])) return;
  if (self?.active && self.team === 'audit' && !hasAnyRole(actor, ['citizen-auditor'])) return;
  throw new ForbiddenError(
    'Only the audit team reads the citizen-auditor roster',
    '감사팀만 구민감사관 명부를 볼 수 있습니다',
    { field: 'sub', rule: 'not_allowed' },
  );
}
