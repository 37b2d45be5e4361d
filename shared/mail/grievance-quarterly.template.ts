/**
 * 분기별 고충민원 처리실태 분석: one mail to the head of office with the last quarter's grievances
 * counted by channel and by department, the on-time rate and the overdue list. The overdue list
 * shows case numbers and links like every other mail (sealed cases without a title).
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

export const GRIEVANCE_QUARTERLY_TEMPLATE = 'grievance-quarterly-report';

const countRow = z.strictObject({ label: z.string().min(1).max(100), count: z.number().int().min(0) });

export const grievanceQuarterlyInputSchema = z.strictObject({
  template: z.literal(GRIEVANCE_QUARTERLY_TEMPLATE),
  recipient: mailRecipientSchema,
  /** e.g. `2026년 3분기` */
  quarterLabel: z.string().min(1).max(40),
  from: z.iso.date(),
  to: z.iso.date(),
  received: z.number().int().min(0),
  byChannel: z.array(countRow).max(50),
  byDepartment: z.array(countRow).max(500),
  /** Cases with a processing deadline that were closed by the end of the quarter. */
  closedWithDeadline: z.number().int().min(0),
  closedOnTime: z.number().int().min(0),
  overdue: z.array(z.strictObject({ case: mailCaseSchema, open: z.boolean() })).max(500),
});

export type GrievanceQuarterlyInput = z.infer<typeof grievanceQuarterlyInputSchema>;

/** On-time rate as staff write it (`93.5%`), or `-` with nothing closed. */
export function onTimeRate(input: Pick<GrievanceQuarterlyInput, 'closedWithDeadline' | 'closedOnTime'>): string {
  return input.closedWithDeadline === 0
    ? '-'
    : `${((input.closedOnTime / input.closedWithDeadline) * 100).toFixed(1)}%`;
}

export function renderGrievanceQuarterly(input: GrievanceQuarterlyInput, options: MailBuildOptions): BuiltMail {
  const subject = `[${options.officeName}] ${input.quarterLabel} 고충민원 처리실태 분석`;
  const period = `${formatKoreanDate(input.from)} ~ ${formatKoreanDate(input.to)}`;
  const rate = onTimeRate(input);
  const overdue = input.overdue.map((o) => ({ ...o, safe: toMailSafeCase(o.case, options.baseUrl) }));
  const greeting = `${input.recipient.name} 님,`;
  const intro = `${input.quarterLabel}(${period}) 고충민원 처리실태입니다. 접수 ${input.received}건, 기한 내 처리율 ${rate} (기한 있는 종결 ${input.closedWithDeadline}건 중 ${input.closedOnTime}건), 기한 경과 ${overdue.length}건.`;
  const footer = footerLines(options.officeName);
  const title = (t: string | null) => t ?? SEALED_TITLE_PLACEHOLDER;
  const status = (open: boolean) => (open ? '미처리' : '기한 후 처리');

  const text = [
    greeting,
    '',
    intro,
    '',
    '[접수 경로별]',
    ...input.byChannel.map((r) => `- ${r.label}: ${r.count}건`),
    '',
    '[부서별]',
    ...input.byDepartment.map((r) => `- ${r.label}: ${r.count}건`),
    '',
    `[기한 경과] ${overdue.length}건`,
    ...overdue.flatMap((o) => [
      `- ${o.safe.caseNumber} ${title(o.safe.title)} (처리기한 ${formatKoreanDate(o.safe.dueDate)}, ${status(o.open)})`,
      `  ${o.safe.link}`,
    ]),
    '',
    ...footer,
    '',
  ].join('\n');

  const cell = 'padding:6px 10px;border-bottom:1px solid #ddd;text-align:left';
  const countTable = (heading: string, rows: readonly { label: string; count: number }[]) =>
    [
      `<h2 style="font-size:16px;margin:20px 0 8px">${escapeHtml(heading)}</h2>`,
      '<table style="border-collapse:collapse;max-width:480px">',
      ...rows.map(
        (r) => `<tr><td style="${cell}">${escapeHtml(r.label)}</td><td style="${cell}">${r.count}건</td></tr>`,
      ),
      '</table>',
    ].join('\n');
  const overdueTable = [
    `<h2 style="font-size:16px;margin:20px 0 8px">기한 경과 (${overdue.length}건)</h2>`,
    '<table style="border-collapse:collapse;width:100%;max-width:720px">',
    `<thead><tr><th style="${cell}">사건번호</th><th style="${cell}">제목</th><th style="${cell}">처리기한</th><th style="${cell}">상태</th></tr></thead>`,
    '<tbody>',
    ...overdue.map((o) => {
      const t =
        o.safe.title === null
          ? `<em style="color:#666">${escapeHtml(SEALED_TITLE_PLACEHOLDER)}</em>`
          : escapeHtml(o.safe.title);
      return `<tr><td style="${cell}"><a href="${escapeHtml(o.safe.link)}">${escapeHtml(o.safe.caseNumber)}</a></td><td style="${cell}">${t}</td><td style="${cell}">${escapeHtml(formatKoreanDate(o.safe.dueDate))}</td><td style="${cell}">${status(o.open)}</td></tr>`;
    }),
    '</tbody>',
    '</table>',
  ].join('\n');

  return {
    template: GRIEVANCE_QUARTERLY_TEMPLATE,
    to: [{ name: input.recipient.name, address: input.recipient.email }],
    subject,
    text,
    html: htmlDocument(
      subject,
      [
        `<p>${escapeHtml(greeting)}</p>`,
        `<p>${escapeHtml(intro)}</p>`,
        countTable('접수 경로별', input.byChannel),
        countTable('부서별', input.byDepartment),
        overdueTable,
      ].join('\n'),
      footer,
    ),
    headers: automaticMailHeaders(GRIEVANCE_QUARTERLY_TEMPLATE),
    caseIds: [...new Set(input.overdue.map((o) => o.case.caseId))],
  };
}
