/** The case use cases over the table; `workflows` only for handlers that start case workflows. */
import { logEntry } from '#shared/observability/powertools.ts';
import { CitizenAuditorRoster } from '#shared/store/citizen-auditor-roster.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { OutboxStore } from '#shared/store/outbox-store.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import { ReadTallyStore } from '#shared/store/read-tally-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { caseUseCases, type CaseUseCaseDeps } from '#shared/usecases/case-usecases.ts';
import { doc, tableName } from './table.ts';

export function composeCaseUseCases(options: Pick<CaseUseCaseDeps, 'workflows' | 'anchors' | 'identity'> = {}) {
  const table = tableName();
  return caseUseCases({
    cases: new CaseRepository(doc, table),
    staff: new StaffRepository(doc, table),
    citizenAuditors: new CitizenAuditorRoster(doc, table),
    idempotency: new IdempotencyStore(doc, table),
    // A workflow start is committed as an outbox intent with the intake (delivered by the relay too).
    outbox: new OutboxStore(doc, table),
    // Reads of a sealed case: one chain event per reader and hour, every read counted beside it.
    readTallies: new ReadTallyStore(doc, table),
    calendar: createCalendar(),
    log: logEntry,
    ...options,
  });
}
