/**
 * 적극행정 면책결정 분기 통보: one mail to the head of office with the last quarter's exemption
 * decisions, which 감사원 must be told of within 10 days of the quarter's end (공공감사법 시행령
 * 제13조의4⑤) — the due day, the exemptions granted (case number, link, decision day) and the count
 * refused. Case numbers and links like every other mail (sealed cases without a title).
 */
import * as z from 'zod';
import { formatKoreanDate } from './korean-date-format.ts';
import { mailCaseSchema, toMailSafeCase } from './mail-case.ts';
import { mailRecipientSchema, type BuiltMail, type MailBuildOptions } from './mail-content.ts';
import { casesSection, reportMail } from './report-mail-layout.ts';

export const EXEMPTION_QUARTERLY_TEMPLATE = 'exemption-quarterly-report';

export const exemptionQuarterlyInputSchema = z.strictObject({
  template: z.literal(EXEMPTION_QUARTERLY_TEMPLATE),
  recipient: mailRecipientSchema,
  /** e.g. `2026년 3분기` */
  quarterLabel: z.string().min(1).max(40),
  from: z.iso.date(),
  to: z.iso.date(),
  /** The last day to tell 감사원 (quarter end + 10 days, moved off a day without work). */
  reportDueOn: z.iso.date(),
  exempted: z.array(z.strictObject({ case: mailCaseSchema, decidedOn: z.iso.date() })).max(500),
  notExempted: z.number().int().min(0),
});

export type ExemptionQuarterlyInput = z.infer<typeof exemptionQuarterlyInputSchema>;

export function renderExemptionQuarterly(input: ExemptionQuarterlyInput, options: MailBuildOptions): BuiltMail {
  const period = `${formatKoreanDate(input.from)} ~ ${formatKoreanDate(input.to)}`;
  return reportMail({
    template: EXEMPTION_QUARTERLY_TEMPLATE,
    recipient: input.recipient,
    subject: `[${options.officeName}] ${input.quarterLabel} 적극행정 면책결정 감사원 통보 (${formatKoreanDate(input.reportDueOn)}까지)`,
    introKo: `${input.quarterLabel}(${period}) 면책결정 ${input.exempted.length}건, 불면책 ${input.notExempted}건입니다. 면책결정은 ${formatKoreanDate(input.reportDueOn)}까지 감사원에 통보해야 합니다 (공공감사법 시행령 제13조의4⑤).`,
    sections: [
      casesSection(
        '면책결정',
        ['결정일'],
        input.exempted.map((e) => ({
          safe: toMailSafeCase(e.case, options.baseUrl),
          cells: [formatKoreanDate(e.decidedOn)],
          textNote: `결정 ${formatKoreanDate(e.decidedOn)}`,
        })),
      ),
    ],
    caseIds: input.exempted.map((e) => e.case.caseId),
    options,
  });
}
