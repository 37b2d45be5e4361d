/**
 * Scheduled job (EventBridge Scheduler, every half hour 07:00–10:30 on weekdays, Asia/Seoul): the
 * morning digest — 징계시효 alarms, committee notices and deadline reminders in one mail per person, at the time each
 * chose (reminder preferences). The run's `scheduledTime` — not the clock — decides what is due, so a retry or a late
 * catch-up run of the same occurrence does exactly what the on-time run would have done, and sends
 * nothing the first one already sent. Public holidays are skipped here (the legal calendar), since
 * neither scheduler can skip them.
 */
import { createCalendar } from '#shared/calendar/index.ts';
import { BUSINESS_METRICS, countBusinessMetric, gaugeBusinessMetric } from '#shared/observability/powertools.ts';
import { deadlineRemindersJob } from '#shared/schedules/scheduled-jobs.ts';
import {
  deadlineReminders,
  type DeadlineReminders,
  type ReminderRunReport,
} from '#shared/usecases/deadline-reminders.ts';
import { CommitteeRepository } from '#shared/store/committee-repository.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { committeeNoticeConfigSchema } from '#shared/usecases/committee-notices.ts';
import { once } from '../wiring/once.ts';
import { doc, tableName } from '../wiring/table.ts';
import { composeMailFailures, composeReminderParts } from '../wiring/reminder-jobs.ts';
import { jobHandler, JobInputError, parseJobEvent } from './job-handler.ts';

export { JobInputError };

const reminders = once(() => {
  const parts = composeReminderParts();
  const { settings } = parts;
  return deadlineReminders({
    ...parts,
    // The 징계시효 alarms open the same morning mail.
    misconductCases: parts.cases,
    // So do the staff's committee notices; the committee-notice job mails only outside members.
    committees: {
      committees: new CommitteeRepository(doc, tableName()),
      tasks: new TaskRepository(doc, tableName()),
      agendaDaysBefore: committeeNoticeConfigSchema.parse(process.env).COMMITTEE_AGENDA_DAYS_BEFORE,
    },
    failures: composeMailFailures(parts),
    calendar: createCalendar(),
    options: {
      policy: { headAfterBusinessDays: settings.REMINDER_HEAD_AFTER_BUSINESS_DAYS },
      horizonDays: settings.REMINDER_HORIZON_DAYS,
      leaseMs: settings.REMINDER_LEASE_SECONDS * 1000,
    },
  });
});

export async function runDeadlineReminders(event: unknown, job: DeadlineReminders): Promise<ReminderRunReport> {
  return job.run(new Date(parseJobEvent(deadlineRemindersJob, event).scheduledTime));
}

export const handler = jobHandler(
  deadlineRemindersJob,
  async (event) => {
    const report = await reminders().run(new Date(event.scheduledTime));
    countBusinessMetric(BUSINESS_METRICS.reminderSent, report.remindersSent);
    // A holiday run reads nothing: it says nothing about the overdue level either.
    if (report.skipped === undefined) gaugeBusinessMetric(BUSINESS_METRICS.overdueTasks, report.tasksOverdue);
    return report;
  },
  { metrics: true },
);
