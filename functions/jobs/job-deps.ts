/**
 * Wiring for the scheduled jobs, built once per process (per Lambda container) from the runtime
 * and mail configuration, and reused across invocations. Mail is configured only here: API and
 * workflow handlers never need MAIL_TRANSPORT.
 */
import { createCalendar } from '../../shared/calendar/index.ts';
import { parseReminderJobConfig } from '../../shared/config/reminder-job-config.ts';
import { runtimeConfig } from '../../shared/config/runtime-config.ts';
import { parseMailConfig } from '../../shared/mail/mail-config.ts';
import { catcherDeliveryLookup } from '../../shared/mail/delivery-lookup.ts';
import { createMailer } from '../../shared/mail/mailer.ts';
import { CaseRepository } from '../../shared/store/case-repository.ts';
import { documentClient } from '../../shared/store/dynamo-client.ts';
import { cachedStaffDirectory, ReminderStore } from '../../shared/store/reminder-store.ts';
import { StaffRepository } from '../../shared/store/staff-repository.ts';
import { deadlineReminders, type DeadlineReminders } from '../../shared/usecases/deadline-reminders.ts';
import { limitationAlarms, type LimitationAlarms } from '../../shared/usecases/limitation-alarms.ts';
import {
  grievanceQuarterlyAnalysis,
  type GrievanceQuarterlyAnalysis,
} from '../../shared/usecases/grievance-quarterly-analysis.ts';
import { ReportMailLedger } from '../../shared/store/report-mail-ledger.ts';
import { MailFailureStore } from '../../shared/store/mail-failure-store.ts';
import { mailFailures, type MailFailures } from '../../shared/usecases/mail-failures.ts';

export interface JobDeps {
  reminders: DeadlineReminders;
  mailFailures: MailFailures;
  limitationAlarms: LimitationAlarms;
  grievanceAnalysis: GrievanceQuarterlyAnalysis;
}

let deps: JobDeps | undefined;

export function jobDeps(): JobDeps {
  if (!deps) {
    const config = runtimeConfig();
    const reminderConfig = parseReminderJobConfig();
    const mailConfig = parseMailConfig();
    const doc = documentClient();
    const staff = new StaffRepository(doc, config.TABLE_NAME);
    const reminderStore = new ReminderStore(doc, config.TABLE_NAME);
    const shared = {
      store: reminderStore,
      cases: new CaseRepository(doc, config.TABLE_NAME),
      staffDirectory: () => cachedStaffDirectory(staff, reminderConfig.OFFICE_LEVEL_STAFF_SUBS),
      mailer: createMailer(mailConfig, { fromName: config.OFFICE_NAME }),
      mail: { officeName: config.OFFICE_NAME, baseUrl: config.CONSOLE_URL ?? config.APP_BASE_URL },
      messageIdDomain: mailConfig.fromAddress.split('@')[1] ?? 'localhost',
      ...(mailConfig.transport === 'smtp' &&
        mailConfig.deliveryLookupUrl !== undefined && {
          deliveries: catcherDeliveryLookup(mailConfig.deliveryLookupUrl),
        }),
    };
    const failures = mailFailures({
      failures: new MailFailureStore(doc, config.TABLE_NAME),
      reminders: reminderStore,
      cases: shared.cases,
      staffDirectory: shared.staffDirectory,
      mailer: shared.mailer,
      mail: shared.mail,
    });
    deps = {
      mailFailures: failures,
      limitationAlarms: limitationAlarms({
        ...shared,
        calendar: createCalendar(),
        leaseMs: reminderConfig.REMINDER_LEASE_SECONDS * 1000,
      }),
      grievanceAnalysis: grievanceQuarterlyAnalysis({
        ...shared,
        ledger: new ReportMailLedger(doc, config.TABLE_NAME),
      }),
      reminders: deadlineReminders({
        ...shared,
        failures,
        calendar: createCalendar(),
        options: {
          policy: { headAfterBusinessDays: reminderConfig.REMINDER_HEAD_AFTER_BUSINESS_DAYS },
          horizonDays: reminderConfig.REMINDER_HORIZON_DAYS,
          leaseMs: reminderConfig.REMINDER_LEASE_SECONDS * 1000,
        },
      }),
    };
  }
  return deps;
}
