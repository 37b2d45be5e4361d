/**
 * Scheduled job (EventBridge Scheduler, 08:00 every day, Asia/Seoul): 징계시효 알림 to the
 * investigator and team lead of each open misconduct case 90, 30 and 7 days before its limitation
 * date. Every day, holidays included: the limitation runs on holidays too. The run's
 * `scheduledTime` decides "today", so a retry or catch-up run sends nothing the first one sent.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { limitationAlarmsJob } from '../../shared/schedules/scheduled-jobs.ts';
import type { LimitationAlarmReport, LimitationAlarms } from '../../shared/usecases/limitation-alarms.ts';
import { JobInputError } from './deadline-reminders.handler.ts';
import { jobDeps } from './job-deps.ts';

export async function runLimitationAlarms(event: unknown, alarms: LimitationAlarms): Promise<LimitationAlarmReport> {
  const parsed = limitationAlarmsJob.payloadSchema.safeParse(event);
  if (!parsed.success) {
    throw new JobInputError(
      `Invalid ${limitationAlarmsJob.name} event: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ')}`,
    );
  }
  return alarms.run(new Date(parsed.data.scheduledTime));
}

export const handler = middy<unknown, LimitationAlarmReport, Error, Context>().handler(async (event) =>
  runLimitationAlarms(event, jobDeps().limitationAlarms),
);
