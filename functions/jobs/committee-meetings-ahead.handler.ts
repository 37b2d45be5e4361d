/**
 * Scheduled job (EventBridge Scheduler, the 1st of each month 06:00, Asia/Seoul): creates the
 * meetings of each committee's cadence for this month and the next `monthsAhead`, idempotently.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { committeeMeetingsAheadJob } from '../../shared/schedules/scheduled-jobs.ts';
import type { CommitteeMeetingsAhead, MeetingsAheadReport } from '../../shared/usecases/committee-meetings-ahead.ts';
import { committeeJobDeps } from './committee-job-deps.ts';
import { JobInputError } from './deadline-reminders.handler.ts';

export async function runCommitteeMeetingsAhead(
  event: unknown,
  job: CommitteeMeetingsAhead,
): Promise<MeetingsAheadReport> {
  const parsed = committeeMeetingsAheadJob.payloadSchema.safeParse(event);
  if (!parsed.success) {
    throw new JobInputError(
      `Invalid ${committeeMeetingsAheadJob.name} event: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ')}`,
    );
  }
  return job.run(new Date(parsed.data.scheduledTime), parsed.data.monthsAhead);
}

export const handler = middy<unknown, MeetingsAheadReport, Error, Context>().handler(async (event) =>
  runCommitteeMeetingsAhead(event, committeeJobDeps().meetingsAhead),
);
