/**
 * The 구민감사관 roster through the API: the audit team lists it (optionally only those in their term
 * on a day, for a check being planned); its lead, the head of office or an administrator appoints an
 * auditor or changes their field or term (versioned: an update names the version it changes).
 */
import {
  assertCanManageCitizenAuditors,
  assertCanReadCitizenAuditors,
  citizenAuditorFromInput,
  inTerm,
  type CitizenAuditor,
  type CitizenAuditorInput,
} from '../domain/citizen-auditors.ts';
import { NotFoundError } from '../domain/errors.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import type { Actor } from '../domain/roles.ts';
import type { CitizenAuditorRoster, StaffDirectory } from './ports.ts';

export interface CitizenAuditorRosterDeps {
  roster: CitizenAuditorRoster;
  staff: Pick<StaffDirectory, 'get'>;
  clock?: () => Date;
}

export function citizenAuditorRosterUseCases(deps: CitizenAuditorRosterDeps) {
  const clock = deps.clock ?? (() => new Date());
  return {
    async list(actor: Actor, filter: { on?: string } = {}): Promise<{ items: CitizenAuditor[] }> {
      assertCanReadCitizenAuditors(actor, await deps.staff.get(actor.sub));
      const all = await deps.roster.list();
      return { items: filter.on === undefined ? all : all.filter((a) => inTerm(a, filter.on!)) };
    },

    /** Appoints `sub` (already in the directory as a 구민감사관) or changes their appointment. */
    async put(actor: Actor, sub: string, input: CitizenAuditorInput) {
      assertCanManageCitizenAuditors(actor, await deps.staff.get(actor.sub));
      const person = await deps.staff.get(sub);
      if (!person)
        throw new NotFoundError(`No one ${sub} in the staff directory`, `직원 명부에 ${sub}이(가) 없습니다`, {
          field: 'sub',
          rule: 'not_found',
        });
      const previous = await deps.roster.get(sub);
      const auditor = citizenAuditorFromInput(person, input, actor.sub, toKoreaIso(clock()), previous);
      return { auditor: await deps.roster.put(auditor), created: previous === undefined };
    },
  };
}
