/**
 * 징계시효 알림: one mail per person listing the misconduct cases whose discipline limitation date
 * comes within 90, 30 or 7 days, nearest first. Like the deadline digest it shows only the case
 * number, title (none for a sealed case), link and the limitation date.
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

export const LIMITATION_ALARM_TEMPLATE = 'limitation-alarm';

/** Days before the limitation date at which staff are told (issue 6), most urgent first. */
export const LIMITATION_ALARM_DAYS = [7, 30, 90] as const;
export type LimitationAlarmDays = (typeof LIMITATION_ALARM_DAYS)[number];

export const limitationAlarmInputSchema = z.strictObject({
  template: z.literal(LIMITATION_ALARM_TEMPLATE),
  recipient: mailRecipientSchema,
  asOf: z.iso.date(),
  items: z
    .array(
      z.strictObject({
        daysBefore: z.union(LIMITATION_ALARM_DAYS.map((d) => z.literal(d))),
        daysLeft: z.number().int().min(0),
        case: mailCaseSchema,
      }),
    )
    .min(1, 'an alarm with nothing in it is not sent')
    .max(500),
});

export type LimitationAlarmInput = z.infer<typeof limitationAlarmInputSchema>;

export const limitationAlarmLabel = (daysBefore: LimitationAlarmDays) => `징계시효 ${daysBefore}일 전`;

export function renderLimitationAlarm(input: LimitationAlarmInput, options: MailBuildOptions): BuiltMail {
  const asOf = formatKoreanDate(input.asOf);
  const rows = input.items
    .map((item) => ({ ...item, safe: toMailSafeCase(item.case, options.baseUrl) }))
    .sort((a, b) => a.daysLeft - b.daysLeft || a.safe.caseNumber.localeCompare(b.safe.caseNumber, 'ko'));
  const subject = `[${options.officeName}] 징계시효 알림 ${asOf}: ${rows.length}건`;
  const greeting = `${input.recipient.name} 님,`;
  const intro = `${asOf} 기준으로 징계시효 만료가 다가오는 사건이 ${rows.length}건 있습니다. 시효 만료 전에 징계의결 요구 여부를 결정하십시오.`;
  const hasSealed = rows.some((r) => r.safe.title === null);
  const footer = [
    ...(hasSealed ? ['비공개 사건은 메일에 제목을 싣지 않습니다. 링크를 열어 시스템에서 확인하십시오.'] : []),
    ...footerLines(options.officeName),
  ];
  const title = (t: string | null) => t ?? SEALED_TITLE_PLACEHOLDER;

  const text = [
    greeting,
    '',
    intro,
    '',
    ...rows.flatMap((r) => [
      `- [${limitationAlarmLabel(r.daysBefore)}] ${r.safe.caseNumber} ${title(r.safe.title)}`,
      `  시효 만료일: ${formatKoreanDate(r.safe.dueDate)} (D-${r.daysLeft})`,
      `  ${r.safe.link}`,
    ]),
    '',
    ...footer,
    '',
  ].join('\n');

  const cell = 'padding:6px 10px;border-bottom:1px solid #ddd;text-align:left';
  const table = [
    '<table style="border-collapse:collapse;width:100%;max-width:720px">',
    `<thead><tr><th style="${cell}">알림</th><th style="${cell}">사건번호</th><th style="${cell}">제목</th><th style="${cell}">시효 만료일</th></tr></thead>`,
    '<tbody>',
    ...rows.map((r) => {
      const t =
        r.safe.title === null
          ? `<em style="color:#666">${escapeHtml(SEALED_TITLE_PLACEHOLDER)}</em>`
          : escapeHtml(r.safe.title);
      return `<tr><td style="${cell}">${escapeHtml(limitationAlarmLabel(r.daysBefore))}</td><td style="${cell}"><a href="${escapeHtml(r.safe.link)}">${escapeHtml(r.safe.caseNumber)}</a></td><td style="${cell}">${t}</td><td style="${cell}">${escapeHtml(formatKoreanDate(r.safe.dueDate))} (D-${r.daysLeft})</td></tr>`;
    }),
    '</tbody>',
    '</table>',
  ].join('\n');

  return {
    template: LIMITATION_ALARM_TEMPLATE,
    to: [{ name: input.recipient.name, address: input.recipient.email }],
    subject,
    text,
    html: htmlDocument(
      subject,
      [`<p>${escapeHtml(greeting)}</p>`, `<p>${escapeHtml(intro)}</p>`, table].join('\n'),
      footer,
    ),
    headers: automaticMailHeaders(LIMITATION_ALARM_TEMPLATE),
    caseIds: [...new Set(input.items.map((item) => item.case.caseId))],
  };
}
