/**
 * Scheduled job (EventBridge Scheduler, the 1st of each month 06:00, Asia/Seoul): creates the
 * meetings of each committee's cadence for this month and the next `monthsAhead`, idempotently.
 */
import { createCalendar } from '#shared/calendar/index.ts';
import { logEntry } from '#shared/observability/powertools.ts';
import { committeeMeetingsAheadJob } from '#shared/schedules/scheduled-jobs.ts';
import { CommitteeRepository } from '#shared/store/committee-repository.ts';
import {
  committeeMeetingsAhead,
  type CommitteeMeetingsAhead,
  type MeetingsAheadReport,
} from '#shared/usecases/committee-meetings-ahead.ts';
import { once } from '../wiring/once.ts';
import { doc, tableName } from '../wiring/table.ts';
import { jobHandler, parseJobEvent } from './job-handler.ts';

const meetingsAhead = once(() =>
  committeeMeetingsAhead({
    committees: new CommitteeRepository(doc, tableName()),
    calendar: createCalendar(),
    log: logEntry,
  }),
);

export async function runCommitteeMeetingsAhead(
  event: unknown,
  job: CommitteeMeetingsAhead,
): Promise<MeetingsAheadReport> {
  const parsed = parseJobEvent(committeeMeetingsAheadJob, event);
  return job.run(new Date(parsed.scheduledTime), parsed.monthsAhead);
}

export const handler = jobHandler(committeeMeetingsAheadJob, async (event) =>
  meetingsAhead().run(new Date(event.scheduledTime), event.monthsAhead),
);
