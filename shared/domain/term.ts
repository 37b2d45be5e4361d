/**
 * A term of office (임기), first and last day included: committee members and 구민감사관 alike. Who
 * counts on a day (재적위원, an auditor who may check a site) is whoever's term holds that day.
 */
import { isoDateSchema, type IsoDate } from '../calendar/korea-dates.ts';

export interface Term {
  termStart: IsoDate;
  termEnd: IsoDate;
}

/** The two fields, for an object schema that has a term. */
export const termFields = {
  termStart: isoDateSchema.describe('임기 시작일'),
  termEnd: isoDateSchema.describe('임기 종료일 (포함)'),
};

/** The refinement a schema with `termFields` adds: a term does not end before it starts. */
export const termInOrder: [(t: Term) => boolean, { message: string; path: string[] }] = [
  (t) => t.termStart <= t.termEnd,
  { message: 'termStart must not be after termEnd', path: ['termEnd'] },
];

export const inTerm = (t: Term, day: IsoDate): boolean => t.termStart <= day && day <= t.termEnd;
