/** The 구민감사관 roster use cases over the table. */
import { CitizenAuditorRoster } from '#shared/store/citizen-auditor-roster.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { citizenAuditorRosterUseCases } from '#shared/usecases/citizen-auditor-roster.ts';
import { doc, tableName } from './table.ts';

export function composeCitizenAuditorRoster() {
  const table = tableName();
  return citizenAuditorRosterUseCases({
    roster: new CitizenAuditorRoster(doc, table),
    staff: new StaffRepository(doc, table),
  });
}
