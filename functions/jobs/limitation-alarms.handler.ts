/**
 * Scheduled job (EventBridge Scheduler, 08:00 every day, Asia/Seoul): 징계시효 알림 to the
 * investigator and team lead of each open misconduct case 90, 30 and 7 days before its limitation
 * date. Every day, holidays included: the limitation runs on holidays too. The run's
 * `scheduledTime` decides "today", so a retry or catch-up run sends nothing the first one sent.
 */
import { createCalendar } from '../../shared/calendar/index.ts';
import { limitationAlarmsJob } from '../../shared/schedules/scheduled-jobs.ts';
import {
  limitationAlarms,
  type LimitationAlarmReport,
  type LimitationAlarms,
} from '../../shared/usecases/limitation-alarms.ts';
import { once } from '../wiring/once.ts';
import { composeReminderParts } from '../wiring/reminder-jobs.ts';
import { jobHandler, parseJobEvent } from './job-handler.ts';

const alarms = once(() => {
  const parts = composeReminderParts();
  return limitationAlarms({
    ...parts,
    calendar: createCalendar(),
    leaseMs: parts.settings.REMINDER_LEASE_SECONDS * 1000,
  });
});

export async function runLimitationAlarms(event: unknown, job: LimitationAlarms): Promise<LimitationAlarmReport> {
  return job.run(new Date(parseJobEvent(limitationAlarmsJob, event).scheduledTime));
}

export const handler = jobHandler(limitationAlarmsJob, async (event) => alarms().run(new Date(event.scheduledTime)));
