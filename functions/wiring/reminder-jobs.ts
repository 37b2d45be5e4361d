/**
 * What the reminder-style jobs share (deadline digest, limitation alarms, the quarterly grievance
 * analysis, the SES failure events): the reminder outbox, cases, the staff directory and mail.
 */
import { parseReminderJobConfig } from '#shared/config/reminder-job-config.ts';
import { logEntry } from '#shared/observability/powertools.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { MailFailureStore } from '#shared/store/mail-failure-store.ts';
import { MailSendLog } from '#shared/store/mail-send-log.ts';
import { ReminderPreferencesStore } from '#shared/store/reminder-preferences-store.ts';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoOfficeLevelStaff } from '#shared/store/cognito-office-staff.ts';
import { cachedStaffDirectory, configuredOfficeLevelStaff, ReminderStore } from '#shared/store/reminder-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { mailFailures } from '#shared/usecases/mail-failures.ts';
import { composeMail } from './mail.ts';
import { baseUrl, doc, tableName } from './table.ts';

export function composeReminderParts() {
  const table = tableName();
  const settings = parseReminderJobConfig();
  const staff = new StaffRepository(doc, table);
  // On AWS the head of office is whoever the user pool's `head` group holds; locally the demo staff named by OFFICE_LEVEL_STAFF_SUBS.
  const officeLevel = settings.STAFF_USER_POOL_ID
    ? cognitoOfficeLevelStaff(new CognitoIdentityProviderClient({}), settings.STAFF_USER_POOL_ID, staff)
    : configuredOfficeLevelStaff(staff, settings.OFFICE_LEVEL_STAFF_SUBS);
  return {
    settings,
    store: new ReminderStore(doc, table),
    cases: new CaseRepository(doc, table),
    staffDirectory: () => cachedStaffDirectory(staff, officeLevel),
    preferences: new ReminderPreferencesStore(doc, table),
    // The API answers the one-click unsubscribe (POST /mail/unsubscribe), not the console.
    unsubscribeBaseUrl: baseUrl(),
    log: logEntry,
    ...composeMail(),
  };
}

export type ReminderParts = ReturnType<typeof composeReminderParts>;

export function composeMailFailures(parts: ReminderParts) {
  return mailFailures({
    failures: new MailFailureStore(doc, tableName()),
    reminders: parts.store,
    cases: parts.cases,
    staffDirectory: parts.staffDirectory,
    mailer: parts.mailer,
    mail: parts.mail,
    log: parts.log,
    sends: new MailSendLog(doc, tableName()),
  });
}
