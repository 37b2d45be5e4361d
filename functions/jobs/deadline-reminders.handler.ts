/**
 * Scheduled job (EventBridge Scheduler, 08:30 on weekdays, Asia/Seoul): the morning deadline
 * digest. The run's `scheduledTime` — not the clock — decides what is due, so a retry or a late
 * catch-up run of the same occurrence does exactly what the on-time run would have done, and sends
 * nothing the first one already sent. Public holidays are skipped here (the legal calendar), since
 * neither scheduler can skip them.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { deadlineRemindersJob } from '../../shared/schedules/scheduled-jobs.ts';
import type { DeadlineReminders, ReminderRunReport } from '../../shared/usecases/deadline-reminders.ts';
import { jobDeps } from './job-deps.ts';

/** The event is not what the schedule sends; retrying will not help. */
export class JobInputError extends Error {
  override name = 'JobInputError';
}

export async function runDeadlineReminders(event: unknown, reminders: DeadlineReminders): Promise<ReminderRunReport> {
  const parsed = deadlineRemindersJob.payloadSchema.safeParse(event);
  if (!parsed.success) {
    throw new JobInputError(
      `Invalid ${deadlineRemindersJob.name} event: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ')}`,
    );
  }
  return reminders.run(new Date(parsed.data.scheduledTime));
}

export const handler = middy<unknown, ReminderRunReport, Error, Context>().handler(async (event) =>
  runDeadlineReminders(event, jobDeps().reminders),
);
