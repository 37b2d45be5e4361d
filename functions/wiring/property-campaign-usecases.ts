/** The property-review campaign use cases over the table. */
import { createCalendar } from '#shared/calendar/index.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { CommitteeRepository } from '#shared/store/committee-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { RegistrantRepository } from '#shared/store/registrant-repository.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { propertyCampaignUseCases } from '#shared/usecases/property-campaign.ts';
import { doc, tableName } from './table.ts';

export function composePropertyCampaignUseCases() {
  const table = tableName();
  return propertyCampaignUseCases({
    cases: new CaseRepository(doc, table),
    registrants: new RegistrantRepository(doc, table),
    idempotency: new IdempotencyStore(doc, table),
    staff: new StaffRepository(doc, table),
    meetings: new CommitteeRepository(doc, table),
    calendar: createCalendar(),
  });
}
