/**
 * Scheduled job (EventBridge Scheduler, 07:40 on 1 January, April, July and October, Asia/Seoul):
 * 재산등록 현황 보고 for the quarter before the run's `scheduledTime` (due 10 days after the quarter,
 * 공직자윤리법 시행령 제8조), with the past year's data in January (due 31 March, 제36조②), mailed to
 * the head of office once. Runs on holidays too.
 */
import { createCalendar } from '#shared/calendar/index.ts';
import { propertyRegistrationReportJob } from '#shared/schedules/scheduled-jobs.ts';
import { ReportMailLedger } from '#shared/store/report-mail-ledger.ts';
import { propertyRegistrationReport } from '#shared/usecases/property-registration-report.ts';
import { once } from '../wiring/once.ts';
import { composeReminderParts } from '../wiring/reminder-jobs.ts';
import { doc, tableName } from '../wiring/table.ts';
import { jobHandler } from './job-handler.ts';

const report = once(() =>
  propertyRegistrationReport({
    ...composeReminderParts(),
    ledger: new ReportMailLedger(doc, tableName()),
    calendar: createCalendar(),
  }),
);

export const handler = jobHandler(propertyRegistrationReportJob, async (event) =>
  report().run(new Date(event.scheduledTime)),
);
