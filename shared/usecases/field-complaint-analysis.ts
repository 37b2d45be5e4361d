/**
 * 월별 운영실태 분석 from the stored records: the month and the month before, each one gsi2
 * partition (never a scan), with the change against the month before; in December also the year's
 * department ranking (the office's own formula). What the monthly mail and the office-report table
 * are to show; `renderMonthlyMarkdown` is the text form the command prints.
 */
import {
  analyseMonth,
  analyseYear,
  DEFAULT_RANKING_SETTINGS,
  type GroupTrend,
  type MonthAnalysis,
  monthOverMonth,
  type RankedDepartment,
  type RankingSettings,
  rankDepartments,
} from '../kinds/field-complaint/analysis.ts';
import { TO_COMPLETE_KO } from '../kinds/field-complaint/standards.ts';
import type { FieldComplaintRecords } from './field-complaint-import.ts';

export interface MonthlyFieldReport {
  month: string;
  asOf: string;
  overall: GroupTrend;
  byDepartment: GroupTrend[];
  byField: GroupTrend[];
  byItem: GroupTrend[];
  /** December only: the year's departments ranked. */
  ranking?: { labelKo: string; departments: RankedDepartment[] };
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export async function monthlyFieldReport(
  store: Pick<FieldComplaintRecords, 'month'>,
  month: string,
  asOf: string,
  ranking: RankingSettings = DEFAULT_RANKING_SETTINGS,
): Promise<MonthlyFieldReport> {
  const before = previousMonth(month);
  const [current, previous] = await Promise.all([store.month(month), store.month(before)]);
  const now: MonthAnalysis = analyseMonth(month, current, asOf);
  const then = analyseMonth(before, previous, asOf);
  const report: MonthlyFieldReport = {
    month,
    asOf,
    overall: monthOverMonth([now.overall], [then.overall])[0]!,
    byDepartment: monthOverMonth(now.byDepartment, then.byDepartment),
    byField: monthOverMonth(now.byField, then.byField),
    byItem: monthOverMonth(now.byItem, then.byItem),
  };
  if (month.endsWith('-12')) {
    const year = month.slice(0, 4);
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const records = (await Promise.all(months.map((m) => (m === month ? current : store.month(m))))).flat();
    report.ranking = { labelKo: ranking.labelKo, departments: rankDepartments(analyseYear(records, asOf), ranking) };
  }
  return report;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const signed = (v: number | undefined, unit: string) =>
  v === undefined ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(1)}${unit}`;
const hours = (v: number | undefined) => (v === undefined ? '—' : `${v.toFixed(1)}시간`);

function table(titleKo: string, groups: readonly GroupTrend[]): string[] {
  return [
    `### ${titleKo}`,
    '',
    '| 구분 | 접수 | 처리 | 미처리 | 지연 | 지연율 | 전월 대비 | 평균 처리시간 | 90% 처리시간 | 전월 대비 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...groups.map(
      (g) =>
        `| ${g.key} | ${g.received} | ${g.completed} | ${g.open} | ${g.delayed} | ${pct(g.delayRate)} | ${signed(g.delayRateChangePts, '%p')} | ${hours(g.avgHours)} | ${hours(g.p90Hours)} | ${signed(g.avgHoursChange, '시간')} |`,
    ),
    '',
  ];
}

export function renderMonthlyMarkdown(report: MonthlyFieldReport): string {
  const [y, m] = report.month.split('-');
  const lines = [
    `## 응답소 현장민원 월별 운영실태 분석 — ${y}년 ${Number(m)}월`,
    '',
    `기준 시각 ${report.asOf}. 지연 = 항목별 기준시간을 넘겨 처리했거나 기준시간이 지나도록 미처리. 항목별 기준시간은 ${TO_COMPLETE_KO}.`,
    '',
    ...table('전체', [report.overall]),
    ...table('부서별', report.byDepartment),
    ...table('분야별', report.byField),
    ...table('항목별', report.byItem),
  ];
  if (report.ranking) {
    lines.push(
      `### ${y}년 우수부서 평가 (${report.ranking.labelKo})`,
      '',
      '| 순위 | 부서 | 점수 | 접수 | 지연율 | 평균 처리시간 | 만족 비율 | 선정 |',
      '| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |',
      ...report.ranking.departments.map(
        (d) =>
          `| ${d.rank} | ${d.key} | ${d.score.toFixed(2)} | ${d.received} | ${pct(d.delayRate)} | ${hours(d.avgHours)} | ${d.satisfiedShare === undefined ? '—' : pct(d.satisfiedShare)} | ${d.awardKo ?? ''} |`,
      ),
      '',
    );
  }
  return lines.join('\n');
}
