/** The office report over the case index, the report store, the committees' meetings held and the 응답소 records. */
import { CaseRepository } from '#shared/store/case-repository.ts';
import { CommitteeRepository } from '#shared/store/committee-repository.ts';
import { FieldComplaintStore } from '#shared/store/field-complaint-store.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { ReportStore } from '#shared/store/report-store.ts';
import { committeeMeetingSource, officeReportUseCases } from '#shared/usecases/office-report.ts';
import { doc, tableName } from './table.ts';

export function composeOfficeReportUseCases() {
  const table = tableName();
  return officeReportUseCases({
    cases: new CaseRepository(doc, table),
    reports: new ReportStore(doc, table),
    idempotency: new IdempotencyStore(doc, table),
    meetings: committeeMeetingSource(new CommitteeRepository(doc, table)),
    fieldComplaints: new FieldComplaintStore(doc, table),
  });
}
