/**
 * Scheduled job (EventBridge Scheduler, 09:00 on weekdays, Asia/Seoul): committee notices — the
 * agenda N days before a meeting, the reminder the day before, and the secretary's daily reminder
 * after a meeting until every item has a decision. Public holidays are skipped (legal calendar).
 * The run's `scheduledTime` decides "today", so a retry sends nothing the first run sent.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { committeeNoticesJob } from '../../shared/schedules/scheduled-jobs.ts';
import type { CommitteeNoticeReport, CommitteeNotices } from '../../shared/usecases/committee-notices.ts';
import { committeeJobDeps } from './committee-job-deps.ts';
import { JobInputError } from './deadline-reminders.handler.ts';

export async function runCommitteeNotices(event: unknown, notices: CommitteeNotices): Promise<CommitteeNoticeReport> {
  const parsed = committeeNoticesJob.payloadSchema.safeParse(event);
  if (!parsed.success) {
    throw new JobInputError(
      `Invalid ${committeeNoticesJob.name} event: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ')}`,
    );
  }
  return notices.run(new Date(parsed.data.scheduledTime));
}

export const handler = middy<unknown, CommitteeNoticeReport, Error, Context>().handler(async (event) =>
  runCommitteeNotices(event, committeeJobDeps().notices),
);
