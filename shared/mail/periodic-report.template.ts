/**
 * A report to the head of office made of counts only (e.g. 재산등록 현황 보고): a title, the day it is
 * due where it goes, and sections of labelled figures. No case, title or name: what the law keeps
 * confidential (공직자윤리법 제14조) never reaches this mail.
 */
import * as z from 'zod';
import { formatKoreanDate } from './korean-date-format.ts';
import { mailRecipientSchema, type BuiltMail, type MailBuildOptions } from './mail-content.ts';
import { figuresSection, reportMail } from './report-mail-layout.ts';

export const PERIODIC_REPORT_TEMPLATE = 'periodic-report';

const line = z.strictObject({ labelKo: z.string().min(1).max(100), value: z.number().int().min(0) });
export const periodicReportInputSchema = z.strictObject({
  template: z.literal(PERIODIC_REPORT_TEMPLATE),
  recipient: mailRecipientSchema,
  /** e.g. `2026년 3분기 재산등록 현황 보고` */
  titleKo: z.string().min(1).max(100),
  sections: z
    .array(
      z.strictObject({
        headingKo: z.string().min(1).max(100),
        /** Where it goes and by when, with the article. */
        dueKo: z.string().min(1).max(300),
        dueOn: z.iso.date(),
        lines: z.array(line).min(1).max(40),
      }),
    )
    .min(1)
    .max(5),
});
export type PeriodicReportInput = z.infer<typeof periodicReportInputSchema>;

export function renderPeriodicReport(input: PeriodicReportInput, options: MailBuildOptions): BuiltMail {
  const firstDue = input.sections.map((s) => s.dueOn).sort()[0]!;
  return reportMail({
    template: PERIODIC_REPORT_TEMPLATE,
    recipient: input.recipient,
    subject: `[${options.officeName}] ${input.titleKo} (${formatKoreanDate(firstDue)}까지)`,
    sections: input.sections.map((s) =>
      figuresSection(
        s.headingKo,
        s.lines.map((l) => ({ label: l.labelKo, value: l.value.toLocaleString('ko-KR') })),
        `${s.dueKo} — ${formatKoreanDate(s.dueOn)}까지`,
      ),
    ),
    caseIds: [],
    options,
  });
}
