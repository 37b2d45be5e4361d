/**
 * The message builder: a typed template input in, one rendered mail out. Everything a mail says
 * passes through a template's strict schema and the redaction guard in mail-case.ts, so the
 * builder is the single place that decides what may leave the system by mail.
 */
import * as z from 'zod';
import { ValidationError } from '../domain/errors.ts';
import { committeeAgendaInputSchema, renderCommitteeAgenda } from './committee-agenda.template.ts';
import { deadlineDigestInputSchema, renderDeadlineDigest } from './deadline-digest.template.ts';
import { exemptionQuarterlyInputSchema, renderExemptionQuarterly } from './exemption-quarterly.template.ts';
import { fieldMonthlyInputSchema, renderFieldMonthly } from './field-monthly-analysis.template.ts';
import { grievanceQuarterlyInputSchema, renderGrievanceQuarterly } from './grievance-quarterly.template.ts';
import { limitationAlarmInputSchema, renderLimitationAlarm } from './limitation-alarm.template.ts';
import { mailBuildOptionsSchema, type BuiltMail, type MailBuildOptions } from './mail-content.ts';
import { mailFailureNoticeInputSchema, renderMailFailureNotice } from './mail-failure-notice.template.ts';
import { periodicReportInputSchema, renderPeriodicReport } from './periodic-report.template.ts';

/** Every template's input, told apart by `template`. Add a template by adding its schema here. */
export const mailTemplateInputSchema = z.discriminatedUnion('template', [
  deadlineDigestInputSchema,
  limitationAlarmInputSchema,
  grievanceQuarterlyInputSchema,
  mailFailureNoticeInputSchema,
  committeeAgendaInputSchema,
  exemptionQuarterlyInputSchema,
  periodicReportInputSchema,
  fieldMonthlyInputSchema,
]);

export type MailTemplateInput = z.infer<typeof mailTemplateInputSchema>;

export class MailInputError extends ValidationError {
  override name = 'MailInputError';

  constructor(what: 'input' | 'options', error: z.ZodError) {
    const details = error.issues.map((i) => ({ field: i.path.join('.') || what, rule: i.code, message: i.message }));
    const summary = details.map((d) => `${d.field}: ${d.message}`).join('; ');
    super(`Invalid mail ${what} — ${summary}`, `메일 ${what === 'input' ? '입력값' : '설정'} 오류 — ${summary}`, {
      field: details[0]?.field,
      rule: details[0]?.rule,
      details,
      cause: error,
    });
  }
}

/** Builds one mail, or throws MailInputError naming each field that broke its rule. */
export function buildMail(input: unknown, options: MailBuildOptions): BuiltMail {
  const parsedOptions = mailBuildOptionsSchema.safeParse(options);
  if (!parsedOptions.success) throw new MailInputError('options', parsedOptions.error);
  const parsed = mailTemplateInputSchema.safeParse(input);
  if (!parsed.success) throw new MailInputError('input', parsed.error);
  switch (parsed.data.template) {
    case 'deadline-digest':
      return renderDeadlineDigest(parsed.data, parsedOptions.data);
    case 'limitation-alarm':
      return renderLimitationAlarm(parsed.data, parsedOptions.data);
    case 'grievance-quarterly-report':
      return renderGrievanceQuarterly(parsed.data, parsedOptions.data);
    case 'committee-agenda':
      return renderCommitteeAgenda(parsed.data, parsedOptions.data);
    case 'mail-failure-notice':
      return renderMailFailureNotice(parsed.data, parsedOptions.data);
    case 'exemption-quarterly-report':
      return renderExemptionQuarterly(parsed.data, parsedOptions.data);
    case 'periodic-report':
      return renderPeriodicReport(parsed.data, parsedOptions.data);
    case 'field-monthly-analysis':
      return renderFieldMonthly(parsed.data, parsedOptions.data);
  }
}
