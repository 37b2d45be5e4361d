/**
 * Scheduled job (EventBridge Scheduler, 07:00 on the 5th of each month, Asia/Seoul): 응답소 현장민원
 * 월별 운영실태 분석 for the month before, mailed once to the head of office and each department's
 * contacts. Runs on holidays too: a skipped month would be lost.
 */
import { fieldComplaintMonthlyAnalysisJob } from '#shared/schedules/scheduled-jobs.ts';
import { FieldComplaintStore } from '#shared/store/field-complaint-store.ts';
import { ReportMailLedger } from '#shared/store/report-mail-ledger.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { fieldComplaintMonthlyMail } from '#shared/usecases/field-complaint-monthly-mail.ts';
import { once } from '../wiring/once.ts';
import { composeReminderParts } from '../wiring/reminder-jobs.ts';
import { doc, tableName } from '../wiring/table.ts';
import { jobHandler } from './job-handler.ts';

const job = once(() => {
  const staff = new StaffRepository(doc, tableName());
  return fieldComplaintMonthlyMail({
    ...composeReminderParts(),
    ledger: new ReportMailLedger(doc, tableName()),
    records: new FieldComplaintStore(doc, tableName()),
    departmentContacts: (department) => staff.listByDepartment(department),
  });
});

export const handler = jobHandler(fieldComplaintMonthlyAnalysisJob, async (event) =>
  job().run(new Date(event.scheduledTime)),
);
