/**
 * 적극행정 면책결정 분기 통보: one mail to the head of office with the last quarter's exemption
 * decisions, which 감사원 must be told of within 10 days of the quarter's end (공공감사법 시행령
 * 제13조의4⑤) — the due day, the exemptions granted (case number, link, decision day) and the count
 * refused. Case numbers and links like every other mail (sealed cases without a title).
 */
import * as z from 'zod';
import { formatKoreanDate } from './korean-date-format.ts';
import { mailCaseSchema, SEALED_TITLE_PLACEHOLDER, toMailSafeCase } from './mail-case.ts';
import {
  automaticMailHeaders,
  escapeHtml,
  footerLines,
  htmlDocument,
  mailRecipientSchema,
  type BuiltMail,
  type MailBuildOptions,
} from './mail-content.ts';

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
  const subject = `[${options.officeName}] ${input.quarterLabel} 적극행정 면책결정 감사원 통보 (${formatKoreanDate(input.reportDueOn)}까지)`;
  const period = `${formatKoreanDate(input.from)} ~ ${formatKoreanDate(input.to)}`;
  const greeting = `${input.recipient.name} 님,`;
  const intro = `${input.quarterLabel}(${period}) 면책결정 ${input.exempted.length}건, 불면책 ${input.notExempted}건입니다. 면책결정은 ${formatKoreanDate(input.reportDueOn)}까지 감사원에 통보해야 합니다 (공공감사법 시행령 제13조의4⑤).`;
  const footer = footerLines(options.officeName);
  const rows = input.exempted.map((e) => ({ ...e, safe: toMailSafeCase(e.case, options.baseUrl) }));
  const title = (t: string | null) => t ?? SEALED_TITLE_PLACEHOLDER;

  const text = [
    greeting,
    '',
    intro,
    '',
    `[면책결정] ${rows.length}건`,
    ...rows.flatMap((r) => [
      `- ${r.safe.caseNumber} ${title(r.safe.title)} (결정 ${formatKoreanDate(r.decidedOn)})`,
      `  ${r.safe.link}`,
    ]),
    '',
    ...footer,
    '',
  ].join('\n');

  const cell = 'padding:6px 10px;border-bottom:1px solid #ddd;text-align:left';
  const table = [
    `<h2 style="font-size:16px;margin:20px 0 8px">면책결정 (${rows.length}건)</h2>`,
    '<table style="border-collapse:collapse;width:100%;max-width:720px">',
    `<thead><tr><th style="${cell}">사건번호</th><th style="${cell}">제목</th><th style="${cell}">결정일</th></tr></thead>`,
    '<tbody>',
    ...rows.map((r) => {
      const t =
        r.safe.title === null
          ? `<em style="color:#666">${escapeHtml(SEALED_TITLE_PLACEHOLDER)}</em>`
          : escapeHtml(r.safe.title);
      return `<tr><td style="${cell}"><a href="${escapeHtml(r.safe.link)}">${escapeHtml(r.safe.caseNumber)}</a></td><td style="${cell}">${t}</td><td style="${cell}">${escapeHtml(formatKoreanDate(r.decidedOn))}</td></tr>`;
    }),
    '</tbody>',
    '</table>',
  ].join('\n');

  return {
    template: EXEMPTION_QUARTERLY_TEMPLATE,
    to: [{ name: input.recipient.name, address: input.recipient.email }],
    subject,
    text,
    html: htmlDocument(
      subject,
      [`<p>${escapeHtml(greeting)}</p>`, `<p>${escapeHtml(intro)}</p>`, table].join('\n'),
      footer,
    ),
    headers: automaticMailHeaders(EXEMPTION_QUARTERLY_TEMPLATE),
    caseIds: [...new Set(input.exempted.map((e) => e.case.caseId))],
  };
}
