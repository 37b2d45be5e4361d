/**
 * Wiring of the two committee jobs, built once per process from the runtime, mail and committee
 * notice configuration (parsed once, here).
 */
import { createCalendar } from '../../shared/calendar/index.ts';
import { runtimeConfig } from '../../shared/config/runtime-config.ts';
import { parseMailConfig } from '../../shared/mail/mail-config.ts';
import { createMailer } from '../../shared/mail/mailer.ts';
import { CommitteeRepository } from '../../shared/store/committee-repository.ts';
import { documentClient } from '../../shared/store/dynamo-client.ts';
import { ReportMailLedger } from '../../shared/store/report-mail-ledger.ts';
import { StaffRepository } from '../../shared/store/staff-repository.ts';
import { TaskRepository } from '../../shared/store/task-repository.ts';
import { committeeMeetingsAhead, type CommitteeMeetingsAhead } from '../../shared/usecases/committee-meetings-ahead.ts';
import {
  committeeNoticeConfigSchema,
  committeeNotices,
  type CommitteeNotices,
} from '../../shared/usecases/committee-notices.ts';

export interface CommitteeJobDeps {
  notices: CommitteeNotices;
  meetingsAhead: CommitteeMeetingsAhead;
}

let deps: CommitteeJobDeps | undefined;

export function committeeJobDeps(): CommitteeJobDeps {
  if (!deps) {
    const config = runtimeConfig();
    const settings = committeeNoticeConfigSchema.parse(process.env);
    const mailConfig = parseMailConfig();
    const doc = documentClient();
    const committees = new CommitteeRepository(doc, config.TABLE_NAME);
    const calendar = createCalendar();
    deps = {
      meetingsAhead: committeeMeetingsAhead({ committees, calendar }),
      notices: committeeNotices({
        committees,
        tasks: new TaskRepository(doc, config.TABLE_NAME),
        staff: new StaffRepository(doc, config.TABLE_NAME),
        ledger: new ReportMailLedger(doc, config.TABLE_NAME),
        mailer: createMailer(mailConfig, { fromName: config.OFFICE_NAME }),
        mail: { officeName: config.OFFICE_NAME, baseUrl: config.CONSOLE_URL ?? config.APP_BASE_URL },
        messageIdDomain: mailConfig.fromAddress.split('@')[1] ?? 'localhost',
        calendar,
        agendaDaysBefore: settings.COMMITTEE_AGENDA_DAYS_BEFORE,
        leaseMs: settings.COMMITTEE_NOTICE_LEASE_SECONDS * 1000,
      }),
    };
  }
  return deps;
}
