/**
 * The office report's tables of audits received (외부기관 감사 수감), contributed by the kind: the
 * demands (처분요구) by the body that audited and by disposition, with their 이행 — on time, late,
 * under an action plan, overdue — and, per audit, the 경고's publication on time or late (행정감사규정
 * 제18조④), the 재심의 filed (제20조), the resolutions lighter than a requested 중징계 and whether
 * each was reported before it was carried out (제18조⑥), and the audits whose results the auditing
 * body may still reconsider of its own motion (제21조, 2 years). Only counts and sums leave.
 *
 * "Overdue" and "within 2 years" are read at the report's `asOf` day (the period's last day, or the
 * day it is made if earlier), so a frozen report of a past period reads the same later.
 */
import { createCalendar, type Calendar } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import {
  casesOf,
  SECTIONS,
  type ComputedTable,
  type KindReportTable,
  type ReportColumn,
  type ReportRow,
} from '../../domain/report-table.ts';
import { DISPOSITIONS, DISPOSITION_KEYS, type Finding } from '../self-audit/findings.ts';
import { AUDITING_BODIES, exOfficioUntilOf, type AuditReceivedRecord } from './audit-received.ts';

export const AUDITS_RECEIVED_TABLE = 'audits-received';
export const AUDITS_RECEIVED_DEMANDS_TABLE = 'audits-received-demands';

let calendar: Calendar | undefined;
const calendarOf = () => (calendar ??= createCalendar());

const recordOf = (c: CaseRecord) => (c as { auditReceived?: AuditReceivedRecord }).auditReceived;

const DEMAND_COLUMNS: ReportColumn[] = [
  { key: 'demands', labelKo: '처분요구', unit: '건' },
  { key: 'cancelled', labelKo: '재심의 취소', unit: '건' },
  { key: 'doneOnTime', labelKo: '기한 내 이행', unit: '건' },
  { key: 'doneLate', labelKo: '기한 후 이행', unit: '건' },
  { key: 'planned', labelKo: '조치계획 이행 중', unit: '건' },
  { key: 'overdue', labelKo: '기한 경과 미이행', unit: '건' },
  { key: 'recoverWon', labelKo: '회수 대상액', unit: '원' },
];

function demandCells(findings: readonly Finding[], asOf: string | undefined): Record<string, number> {
  const active = findings.filter((f) => f.status === 'active');
  const result = (f: Finding) => f.followUp.result;
  const overdue = (f: Finding) =>
    !result(f) && asOf !== undefined && f.followUp.dueOn !== undefined && f.followUp.dueOn < asOf;
  return {
    demands: findings.length,
    cancelled: findings.length - active.length,
    doneOnTime: active.filter((f) => result(f) && result(f)!.completedOn <= (f.followUp.dueOn ?? '9999')).length,
    doneLate: active.filter((f) => result(f) && result(f)!.completedOn > (f.followUp.dueOn ?? '9999')).length,
    planned: active.filter((f) => !result(f) && f.followUp.actionPlan && !overdue(f)).length,
    overdue: active.filter(overdue).length,
    recoverWon: active.reduce((n, f) => n + (f.recoverWon ?? 0), 0),
  };
}

function auditRow(key: string, labelKo: string, records: readonly AuditReceivedRecord[], asOf?: string): ReportRow {
  const warned = records.filter((r) => r.findings.some((f) => f.status === 'active' && f.disposition === 'warning'));
  const lighter = records.flatMap((r) => r.disciplineResolutions.filter((x) => x.lighter));
  return {
    key,
    labelKo,
    cells: {
      audits: records.length,
      received: records.filter((r) => r.resultNotice).length,
      ...demandCells(
        records.flatMap((r) => r.findings),
        asOf,
      ),
      warningOnTime: warned.filter((r) => r.warningPublication?.onTime).length,
      warningLate: warned.filter((r) => r.warningPublication && !r.warningPublication.onTime).length,
      warningUnpublished: warned.filter((r) => !r.warningPublication).length,
      reconsiderations: records.reduce((n, r) => n + r.reconsiderations.length, 0),
      lighter: lighter.length,
      lighterReported: lighter.filter((x) => x.reportedOn && (!x.executedOn || x.reportedOn <= x.executedOn)).length,
      exOfficioOpen:
        asOf === undefined
          ? 0
          : records.filter((r) => {
              const until = exOfficioUntilOf(r, calendarOf());
              return until !== undefined && asOf <= until;
            }).length,
    },
  };
}

function recordsOf(byKind: Parameters<KindReportTable['build']>[0]['byKind'], kinds: readonly string[]) {
  const cases = kinds.flatMap((kind) => casesOf(byKind, kind));
  return {
    records: cases.map(recordOf).filter((r): r is AuditReceivedRecord => r !== undefined),
    basis: cases.map((c) => ({ id: c.caseId, version: c.version })),
  };
}

const asOfNote = (asOf: string | undefined) =>
  `기한 경과와 직권 재심의 가능 여부는 ${asOf ?? '(기준일 없음)'} 기준입니다 (기간 말일과 작성일 중 이른 날).`;

export const auditsReceivedTable: KindReportTable = {
  id: AUDITS_RECEIVED_TABLE,
  order: 56,
  build: ({ byKind, kinds, asOf }): ComputedTable => {
    const { records, basis } = recordsOf(byKind, kinds);
    return {
      table: {
        id: AUDITS_RECEIVED_TABLE,
        sectionKo: SECTIONS.audit,
        titleKo: '외부기관 감사 수감 (감사기관별 처분요구·이행·경고 공개·징계 의결)',
        columns: [
          { key: 'audits', labelKo: '수감', unit: '건' },
          { key: 'received', labelKo: '결과 수령', unit: '건' },
          ...DEMAND_COLUMNS,
          { key: 'warningOnTime', labelKo: '경고 기한 내 공개', unit: '건' },
          { key: 'warningLate', labelKo: '경고 기한 후 공개', unit: '건' },
          { key: 'warningUnpublished', labelKo: '경고 미공개', unit: '건' },
          { key: 'reconsiderations', labelKo: '재심의 신청', unit: '건' },
          { key: 'lighter', labelKo: '중징계 요구보다 경한 의결', unit: '건' },
          { key: 'lighterReported', labelKo: '그중 집행 전 통보', unit: '건' },
          { key: 'exOfficioOpen', labelKo: '직권 재심의 가능 기간 중', unit: '건' },
        ],
        rows: [
          auditRow('total', '계', records, asOf),
          ...Object.entries(AUDITING_BODIES).map(([body, labelKo]) =>
            auditRow(
              body,
              labelKo,
              records.filter((r) => r.audit.auditingBody === body),
              asOf,
            ),
          ),
        ],
        notesKo: [
          `기간 안에 접수된 외부기관 감사 ${records.length}건입니다. 처분요구는 재심의로 바뀐 뒤의 것이고, 이행 기한은 감사결과 수령일부터 60일(행정감사규정 제18조⑤) 또는 조치계획의 완료 예정일입니다.`,
          '경고 공개는 경고 처분요구가 있는 감사 단위로 셉니다 (수령일부터 10일, 제18조④). 경한 의결의 통보는 집행 전에 한 것만 셉니다 (제18조⑥).',
          asOfNote(asOf),
        ],
      },
      basis,
    };
  },
};

export const auditsReceivedDemandsTable: KindReportTable = {
  id: AUDITS_RECEIVED_DEMANDS_TABLE,
  order: 57,
  build: ({ byKind, kinds, asOf }): ComputedTable => {
    const { records, basis } = recordsOf(byKind, kinds);
    const findings = records.flatMap((r) => r.findings);
    return {
      table: {
        id: AUDITS_RECEIVED_DEMANDS_TABLE,
        sectionKo: SECTIONS.audit,
        titleKo: '외부기관 감사 처분요구 (처분요구별 이행)',
        columns: DEMAND_COLUMNS,
        rows: [
          { key: 'total', labelKo: '계', cells: demandCells(findings, asOf) },
          ...DISPOSITION_KEYS.map((d) => ({
            key: d,
            labelKo: DISPOSITIONS[d].labelKo,
            cells: demandCells(
              findings.filter((f) => f.disposition === d),
              asOf,
            ),
          })),
        ],
        notesKo: [asOfNote(asOf)],
      },
      basis,
    };
  },
};
