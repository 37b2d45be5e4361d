/** Who is looking at a case: the caller and their team, which decide what of a complainant they may see. */
import type { Actor } from '#shared/domain/roles.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { viewerOf } from '../api/case-view.ts';
import { once } from './once.ts';
import { doc, tableName } from './table.ts';

const staff = once(() => new StaffRepository(doc, tableName()));

export function viewerFor(actor: Actor) {
  return viewerOf(actor, staff());
}
