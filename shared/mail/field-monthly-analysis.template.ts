/**
 * 응답소 현장민원 월별 운영실태 분석: one mail to the head of office and to each department's contact
 * with the month's delay rate and handling times — overall, by department, field and item — and the
 * change against the month before; in December the year's department ranking. Figures only: no
 * 응답소 number, no complainant, no handler, no result text reaches this mail (the schema has no
 * field that could carry one). A department's contact sees their department's line first.
 */
import * as z from 'zod';
import { formatKoreanDateTime } from '../domain/korea-time.ts';
import { formatKoreanDate } from './korean-date-format.ts';
import { escapeHtml, mailRecipientSchema, type BuiltMail, type MailBuildOptions } from './mail-content.ts';
import { reportMail, type ReportSection } from './report-mail-layout.ts';

export const FIELD_MONTHLY_TEMPLATE = 'field-monthly-analysis';

const count = z.number().int().min(0);
const hours = z.number().min(0).optional();
const groupRowSchema = z.strictObject({
  key: z.string().min(1).max(200),
  received: count,
  completed: count,
  delayed: count,
  /** 0..1 */
  delayRate: z.number().min(0).max(1),
  delayRateChangePts: z.number().optional(),
  avgHours: hours,
  p90Hours: hours,
  avgHoursChange: z.number().optional(),
});
export type FieldMonthlyRow = z.infer<typeof groupRowSchema>;

export const fieldMonthlyInputSchema = z.strictObject({
  template: z.literal(FIELD_MONTHLY_TEMPLATE),
  recipient: mailRecipientSchema,
  /** `YYYY-MM` */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  from: z.iso.date(),
  to: z.iso.date(),
  /** When open complaints were judged late (the run's scheduled time). */
  asOf: z.iso.datetime({ offset: true }),
  /** How the standard times stand, e.g. `서울시 기준표로 보완 필요`. */
  standardsNoteKo: z.string().min(1).max(100),
  overall: groupRowSchema,
  byDepartment: z.array(groupRowSchema).max(500),
  byField: z.array(groupRowSchema).max(200),
  byItem: z.array(groupRowSchema).max(1000),
  /** The recipient's own department (a department's contact). */
  ownDepartment: z.string().min(1).max(200).optional(),
  /** For the head: departments in the month that have no contact in the staff directory. */
  departmentsWithoutContact: z.array(z.string().min(1).max(200)).max(500).optional(),
  /** December: the year's ranking. */
  ranking: z
    .strictObject({
      labelKo: z.string().min(1).max(100),
      departments: z
        .array(
          z.strictObject({
            rank: z.number().int().min(1),
            key: z.string().min(1).max(200),
            score: z.number(),
            awardKo: z.string().max(20).optional(),
          }),
        )
        .max(500),
    })
    .optional(),
});

export type FieldMonthlyInput = z.infer<typeof fieldMonthlyInputSchema>;

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const signed = (v: number | undefined, unit: string) =>
  v === undefined ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)}${unit}`;
const h = (v: number | undefined) => (v === undefined ? '—' : `${v.toFixed(1)}시간`);

function textLine(r: FieldMonthlyRow): string {
  return `- ${r.key}: 접수 ${r.received.toLocaleString('ko-KR')} · 처리 ${r.completed.toLocaleString('ko-KR')} · 지연 ${r.delayed.toLocaleString('ko-KR')} (지연율 ${pct(r.delayRate)}, 전월 대비 ${signed(r.delayRateChangePts, '%p')}) · 평균 ${h(r.avgHours)} · 90% ${h(r.p90Hours)} (평균 전월 대비 ${signed(r.avgHoursChange, '시간')})`;
}

const HEADERS = ['구분', '접수', '처리', '지연', '지연율', '전월 대비', '평균 처리시간', '90% 처리시간', '전월 대비'];
const cell = 'padding:4px 8px;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap';
const first = 'padding:4px 8px;border-bottom:1px solid #ddd;text-align:left';

/** One table of groups (plain text: a line per group); the recipient's own department highlighted. */
function groupSection(headingKo: string, rows: readonly FieldMonthlyRow[], own?: string): ReportSection {
  const values = (r: FieldMonthlyRow) => [
    r.received.toLocaleString('ko-KR'),
    r.completed.toLocaleString('ko-KR'),
    r.delayed.toLocaleString('ko-KR'),
    pct(r.delayRate),
    signed(r.delayRateChangePts, '%p'),
    h(r.avgHours),
    h(r.p90Hours),
    signed(r.avgHoursChange, '시간'),
  ];
  return {
    text: [`[${headingKo}]`, ...rows.map(textLine), ''],
    html: [
      `<h2 style="font-size:16px;margin:20px 0 8px">${escapeHtml(headingKo)}</h2>`,
      '<table style="border-collapse:collapse;width:100%;max-width:900px">',
      `<thead><tr>${HEADERS.map((x, i) => `<th style="${i === 0 ? first : cell}">${escapeHtml(x)}</th>`).join('')}</tr></thead>`,
      '<tbody>',
      ...rows.map(
        (r) =>
          `<tr${r.key === own ? ' style="background:#fff6d6"' : ''}><td style="${first}">${escapeHtml(r.key)}</td>${values(
            r,
          )
            .map((v) => `<td style="${cell}">${escapeHtml(v)}</td>`)
            .join('')}</tr>`,
      ),
      '</tbody></table>',
    ].join('\n'),
  };
}

const paragraph = (text: string): ReportSection => ({ text: [text, ''], html: `<p>${escapeHtml(text)}</p>` });

export function renderFieldMonthly(input: FieldMonthlyInput, options: MailBuildOptions): BuiltMail {
  const [year, month] = input.month.split('-').map(Number) as [number, number];
  const monthLabel = `${year}년 ${month}월`;
  const o = input.overall;
  const intro = `${monthLabel}(${formatKoreanDate(input.from)} ~ ${formatKoreanDate(input.to)}) 접수 ${o.received.toLocaleString('ko-KR')}건 중 지연 ${o.delayed.toLocaleString('ko-KR')}건, 지연율 ${pct(o.delayRate)}(전월 대비 ${signed(o.delayRateChangePts, '%p')}), 평균 처리시간 ${h(o.avgHours)}, 90% 처리시간 ${h(o.p90Hours)}입니다.`;
  const basis = `지연: 항목별 기준시간을 넘겨 처리했거나 ${formatKoreanDateTime(new Date(input.asOf))} 현재 기준시간이 지나도록 미처리. 처리시간은 처리된 민원의 접수부터 처리완료까지(시계시간). 항목별 기준시간은 ${input.standardsNoteKo}.`;
  const own = input.ownDepartment ? input.byDepartment.find((r) => r.key === input.ownDepartment) : undefined;
  const missing = input.departmentsWithoutContact ?? [];
  const ranking: ReportSection[] = input.ranking
    ? [
        {
          text: [
            `[${year}년 우수부서 평가] ${input.ranking.labelKo}`,
            ...input.ranking.departments.map(
              (d) => `- ${d.rank}위 ${d.key} ${d.score.toFixed(2)}점${d.awardKo ? ` (${d.awardKo})` : ''}`,
            ),
            '',
          ],
          html: [
            `<h2 style="font-size:16px;margin:20px 0 8px">${escapeHtml(`${year}년 우수부서 평가 (${input.ranking.labelKo})`)}</h2>`,
            `<ol>${input.ranking.departments
              .map(
                (d) =>
                  `<li>${escapeHtml(`${d.key} ${d.score.toFixed(2)}점${d.awardKo ? ` (${d.awardKo})` : ''}`)}</li>`,
              )
              .join('')}</ol>`,
          ].join('\n'),
        },
      ]
    : [];
  return reportMail({
    template: FIELD_MONTHLY_TEMPLATE,
    recipient: input.recipient,
    subject: `[${options.officeName}] ${monthLabel} 응답소 현장민원 운영실태 분석`,
    introKo: intro,
    sections: [
      ...(own
        ? [{ text: [`[귀 부서] ${textLine(own).slice(2)}`, ''], html: groupSection('귀 부서', [own]).html }]
        : []),
      groupSection(`부서별 (${input.byDepartment.length}개 부서)`, input.byDepartment, input.ownDepartment),
      groupSection('분야별', input.byField),
      groupSection('항목별', input.byItem),
      ...ranking,
      ...(missing.length > 0
        ? [paragraph(`[담당자 미등록 부서] 이 메일을 받지 못한 부서: ${missing.join(', ')}`)]
        : []),
      paragraph(basis),
    ],
    caseIds: [],
    options,
  });
}
