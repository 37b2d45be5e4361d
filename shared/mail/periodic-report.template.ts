/**
 * A report to the head of office made of counts only (e.g. 재산등록 현황 보고): a title, the day it is
 * due where it goes, and sections of labelled figures. No case, title or name: what the law keeps
 * confidential (공직자윤리법 제14조) never reaches this mail.
 */
import * as z from 'zod';
import { formatKoreanDate } from './korean-date-format.ts';
import {
  automaticMailHeaders,
  escapeHtml,
  footerLines,
  htmlDocument,
  mailRecipientSchema,
  type BuiltMail,
  type MailBuildOptions,
} from './mail-content.ts';

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
  const subject = `[${options.officeName}] ${input.titleKo} (${formatKoreanDate(firstDue)}까지)`;
  const greeting = `${input.recipient.name} 님,`;
  const footer = footerLines(options.officeName);
  const text = [
    greeting,
    '',
    ...input.sections.flatMap((s) => [
      `[${s.headingKo}] ${s.dueKo} — ${formatKoreanDate(s.dueOn)}까지`,
      ...s.lines.map((l) => `- ${l.labelKo}: ${l.value.toLocaleString('ko-KR')}`),
      '',
    ]),
    ...footer,
    '',
  ].join('\n');
  const cell = 'padding:6px 10px;border-bottom:1px solid #ddd;text-align:left';
  const html = input.sections
    .map((s) =>
      [
        `<h2 style="font-size:16px;margin:20px 0 8px">${escapeHtml(s.headingKo)}</h2>`,
        `<p>${escapeHtml(`${s.dueKo} — ${formatKoreanDate(s.dueOn)}까지`)}</p>`,
        '<table style="border-collapse:collapse;width:100%;max-width:560px"><tbody>',
        ...s.lines.map(
          (l) =>
            `<tr><th style="${cell}">${escapeHtml(l.labelKo)}</th><td style="${cell}">${escapeHtml(l.value.toLocaleString('ko-KR'))}</td></tr>`,
        ),
        '</tbody></table>',
      ].join('\n'),
    )
    .join('\n');
  return {
    template: PERIODIC_REPORT_TEMPLATE,
    to: [{ name: input.recipient.name, address: input.recipient.email }],
    subject,
    text,
    html: htmlDocument(subject, [`<p>${escapeHtml(greeting)}</p>`, html].join('\n'), footer),
    headers: automaticMailHeaders(PERIODIC_REPORT_TEMPLATE),
    caseIds: [],
  };
}
