/**
 * Scheduled job (EventBridge Scheduler, 07:30 on 1 January, April, July and October, Asia/Seoul):
 * 적극행정 면책결정 분기 통보 for the quarter before the run's `scheduledTime`, mailed to the head of
 * office once with the day 감사원 must have it by (시행령 제13조의4⑤). Runs on holidays too.
 */
import { createCalendar } from '#shared/calendar/index.ts';
import { exemptionQuarterlyReportJob } from '#shared/schedules/scheduled-jobs.ts';
import { ReportMailLedger } from '#shared/store/report-mail-ledger.ts';
import { exemptionQuarterlyReport } from '#shared/usecases/exemption-quarterly-report.ts';
import { once } from '../wiring/once.ts';
import { composeReminderParts } from '../wiring/reminder-jobs.ts';
import { doc, tableName } from '../wiring/table.ts';
import { jobHandler } from './job-handler.ts';

const report = once(() =>
  exemptionQuarterlyReport({
    ...composeReminderParts(),
    ledger: new ReportMailLedger(doc, tableName()),
    calendar: createCalendar(),
  }),
);

export const handler = jobHandler(exemptionQuarterlyReportJob, async (event) =>
  report().run(new Date(event.scheduledTime)),
);
