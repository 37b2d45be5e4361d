/**
 * The office report's 응답소 현장민원 table (shared/domain/office-report.ts): the monthly analysis's
 * figures for the report's period — received, completed, delayed, delay rate, average and
 * 90th-percentile handling hours — overall, by department and by field. Open complaints are judged
 * late as of the period's end (or now, for a period not over), so a frozen report of a past period
 * checks equal until a record itself changes. By item: `npm run field-analysis` and the monthly mail.
 */
import type { ComputedTable, ReportRow } from '../../domain/report-table.ts';
import { analyseMonth, type GroupStats } from './analysis.ts';
import type { FieldComplaintRecord } from './complaint-record.ts';
import { TO_COMPLETE_KO } from './standards.ts';

export const FIELD_COMPLAINTS_TABLE_ID = 'field-complaints';

const percent = (rate: number) => Math.round(rate * 1000) / 10;

function cells(g: GroupStats): ReportRow['cells'] {
  return {
    received: g.received,
    completed: g.completed,
    delayed: g.delayed,
    delayRate: g.received === 0 ? null : percent(g.delayRate),
    avgHours: g.avgHours ?? null,
    p90Hours: g.p90Hours ?? null,
  };
}

export function fieldComplaintsTable(
  stored: readonly { record: FieldComplaintRecord; version: number }[],
  asOf: string,
): ComputedTable {
  const analysis = analyseMonth(
    'period',
    stored.map((s) => s.record),
    asOf,
  );
  return {
    table: {
      id: FIELD_COMPLAINTS_TABLE_ID,
      sectionKo: '④ 생활 속 주민불편 및 고충민원 관리',
      titleKo: '응답소 현장민원 처리 현황 (지연율·처리시간)',
      columns: [
        { key: 'received', labelKo: '접수', unit: '건' },
        { key: 'completed', labelKo: '처리', unit: '건' },
        { key: 'delayed', labelKo: '지연', unit: '건' },
        { key: 'delayRate', labelKo: '지연율', unit: '%' },
        { key: 'avgHours', labelKo: '평균 처리시간', unit: '시간' },
        { key: 'p90Hours', labelKo: '90% 처리시간', unit: '시간' },
      ],
      rows: [
        { key: 'total', labelKo: '계', cells: cells(analysis.overall) },
        ...analysis.byDepartment.map((g) => ({ key: `department:${g.key}`, labelKo: g.key, cells: cells(g) })),
        ...analysis.byField.map((g) => ({ key: `field:${g.key}`, labelKo: `분야 · ${g.key}`, cells: cells(g) })),
      ],
      notesKo: [
        '기간 안에 접수된(접수일시, 한국 시각) 응답소 현장민원 기록입니다. 사건이 아니라 가져온 응답소 자료입니다.',
        `지연: 항목별 기준시간을 넘겨 처리했거나 ${asOf} 현재 기준시간이 지나도록 미처리. 지연율 = 지연 ÷ 접수. 기준시간표는 ${TO_COMPLETE_KO}.`,
        '처리시간: 처리된 민원의 접수부터 처리완료까지의 시계시간. 90%는 최근순위법(⌈0.9·n⌉번째 값).',
      ],
    },
    basis: stored.map((s) => ({ id: s.record.number, version: s.version })),
  };
}
