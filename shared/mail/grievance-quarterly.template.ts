/**
 * 분기별 고충민원 처리실태 분석: one mail to the head of office with the last quarter's grievances
 * counted by channel and by department, the on-time rate and the overdue list. The overdue list
 * shows case numbers and links like every other mail (sealed cases without a title).
 */
import * as z from 'zod';
import { formatKoreanDate } from './korean-date-format.ts';
import { mailCaseSchema, toMailSafeCase } from './mail-case.ts';
import { mailRecipientSchema, type BuiltMail, type MailBuildOptions } from './mail-content.ts';
import { casesSection, figuresSection, reportMail } from './report-mail-layout.ts';

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
  const period = `${formatKoreanDate(input.from)} ~ ${formatKoreanDate(input.to)}`;
  const status = (open: boolean) => (open ? '미처리' : '기한 후 처리');
  const counts = (heading: string, rows: readonly { label: string; count: number }[]) =>
    figuresSection(
      heading,
      rows.map((r) => ({ label: r.label, value: `${r.count}건` })),
    );
  return reportMail({
    template: GRIEVANCE_QUARTERLY_TEMPLATE,
    recipient: input.recipient,
    subject: `[${options.officeName}] ${input.quarterLabel} 고충민원 처리실태 분석`,
    introKo: `${input.quarterLabel}(${period}) 고충민원 처리실태입니다. 접수 ${input.received}건, 기한 내 처리율 ${onTimeRate(input)} (기한 있는 종결 ${input.closedWithDeadline}건 중 ${input.closedOnTime}건), 기한 경과 ${input.overdue.length}건.`,
    sections: [
      counts('접수 경로별', input.byChannel),
      counts('부서별', input.byDepartment),
      casesSection(
        '기한 경과',
        ['처리기한', '상태'],
        input.overdue.map((o) => {
          const safe = toMailSafeCase(o.case, options.baseUrl);
          const due = formatKoreanDate(safe.dueDate);
          return { safe, cells: [due, status(o.open)], textNote: `처리기한 ${due}, ${status(o.open)}` };
        }),
      ),
    ],
    caseIds: input.overdue.map((o) => o.case.caseId),
    options,
  });
}
