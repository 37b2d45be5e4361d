/**
 * Scheduled job (EventBridge Scheduler, 09:00 on weekdays, Asia/Seoul): committee notices for the
 * outside members (staff read theirs in the morning digest, deadline-reminders.handler.ts) — the
 * agenda N days before a meeting, the reminder on the last business day before it. Public holidays are skipped (legal calendar).
 * The run's `scheduledTime` decides "today", so a retry sends nothing the first run sent.
 */
import { createCalendar } from '#shared/calendar/index.ts';
import { logEntry } from '#shared/observability/powertools.ts';
import { committeeNoticesJob } from '#shared/schedules/scheduled-jobs.ts';
import { CommitteeRepository } from '#shared/store/committee-repository.ts';
import { ReportMailLedger } from '#shared/store/report-mail-ledger.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import {
  committeeNoticeConfigSchema,
  committeeNotices,
  type CommitteeNoticeReport,
  type CommitteeNotices,
} from '#shared/usecases/committee-notices.ts';
import { composeMail } from '../wiring/mail.ts';
import { once } from '../wiring/once.ts';
import { doc, tableName } from '../wiring/table.ts';
import { jobHandler, parseJobEvent } from './job-handler.ts';

const notices = once(() => {
  const table = tableName();
  const settings = committeeNoticeConfigSchema.parse(process.env);
  return committeeNotices({
    committees: new CommitteeRepository(doc, table),
    tasks: new TaskRepository(doc, table),
    staff: new StaffRepository(doc, table),
    ledger: new ReportMailLedger(doc, table),
    ...composeMail(),
    calendar: createCalendar(),
    agendaDaysBefore: settings.COMMITTEE_AGENDA_DAYS_BEFORE,
    leaseMs: settings.COMMITTEE_NOTICE_LEASE_SECONDS * 1000,
    log: logEntry,
  });
});

export async function runCommitteeNotices(event: unknown, job: CommitteeNotices): Promise<CommitteeNoticeReport> {
  return job.run(new Date(parseJobEvent(committeeNoticesJob, event).scheduledTime));
}

export const handler = jobHandler(committeeNoticesJob, async (event) => notices().run(new Date(event.scheduledTime)));
