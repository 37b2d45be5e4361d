/**
 * Complainants' and petitioners' personal data is need-to-know (민원처리법 제7조, 개인정보 보호법
 * 제3조): the case's assignee, the lead of the team that owns it, the head of the office and the
 * person who registered it see it whole; everyone else who may read the case sees a masked form
 * (이*룡, 010-****-6666, 서울특별시 영등포구 ***). Applied to every case a response carries.
 */
import type { CaseRecord } from '../domain/case.ts';
import { KINDS } from '../kinds/registry.ts';
import type { Actor, Team } from '../domain/roles.ts';

/** Who is looking: the actor and the team the staff directory puts them in. */
export interface Viewer {
  actor: Actor;
  team?: Team | undefined;
}

export function seesPersonalData(viewer: Viewer, c: Pick<CaseRecord, 'assigneeSub' | 'createdBy' | 'team'>): boolean {
  const { actor } = viewer;
  if (c.assigneeSub === actor.sub || c.createdBy === actor.sub) return true;
  if (actor.roles.includes('head')) return true;
  return actor.roles.includes('team-lead') && viewer.team !== undefined && viewer.team === c.team;
}

/** The case as this viewer may see it: whole, or with the personal data its kind's details name masked. */
export function caseForViewer<C extends CaseRecord>(c: C, viewer: Viewer): C & { personalDataMasked?: true } {
  if (seesPersonalData(viewer, c)) return c;
  const masked = KINDS.maskedDetailsOf(c);
  if (!masked) return c;
  return { ...c, [masked.key]: masked.details, personalDataMasked: true };
}
