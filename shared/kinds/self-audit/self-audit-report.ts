/**
 * The office report's table of self-audit findings (지적사항), contributed by the kind: per
 * disposition demanded, the findings of the self-audits received in the period, those cancelled by a
 * reconsideration, the follow-ups done or under an action plan, and the amounts — to recover,
 * actually recovered, saved. Only counts and sums leave: no title, no official, no department.
 */
import type { CaseRecord } from '../../domain/case.ts';
import {
  casesOf,
  SECTIONS,
  type ComputedTable,
  type KindReportTable,
  type ReportRow,
} from '../../domain/report-table.ts';
import { DISPOSITIONS, findingsOf, SELF_AUDIT_DISPOSITIONS, type Finding } from './findings.ts';

export const SELF_AUDIT_FINDINGS_TABLE = 'self-audit-findings';

function row(key: string, labelKo: string, findings: readonly Finding[]): ReportRow {
  const active = findings.filter((f) => f.status === 'active');
  const sum = (pick: (f: Finding) => number | undefined) => active.reduce((n, f) => n + (pick(f) ?? 0), 0);
  return {
    key,
    labelKo,
    cells: {
      findings: findings.length,
      cancelled: findings.length - active.length,
      done: active.filter((f) => f.followUp.result).length,
      planned: active.filter((f) => !f.followUp.result && f.followUp.actionPlan).length,
      recoverWon: sum((f) => f.recoverWon),
      recoveredWon: sum((f) => f.followUp.result?.recoveredWon),
      savedWon: sum((f) => f.savedWon),
    },
  };
}

/** `audits`: the self-audit cases received in the period; `sectionKo`: the report's section for audits. */
export function selfAuditFindingsTable(audits: readonly CaseRecord[], sectionKo: string): ComputedTable {
  const findings = audits.flatMap((c) => findingsOf(c));
  const notified = audits.filter((c) => (c as { selfAudit?: { resultNotice?: unknown } }).selfAudit?.resultNotice);
  return {
    table: {
      id: SELF_AUDIT_FINDINGS_TABLE,
      sectionKo,
      titleKo: '자체감사 지적사항 (처분요구별 건수·금액)',
      columns: [
        { key: 'findings', labelKo: '지적', unit: '건' },
        { key: 'cancelled', labelKo: '재심의 취소', unit: '건' },
        { key: 'done', labelKo: '이행 완료', unit: '건' },
        { key: 'planned', labelKo: '조치계획 이행 중', unit: '건' },
        { key: 'recoverWon', labelKo: '회수 대상액', unit: '원' },
        { key: 'recoveredWon', labelKo: '회수액', unit: '원' },
        { key: 'savedWon', labelKo: '절감액', unit: '원' },
      ],
      rows: [
        row('total', '계', findings),
        ...SELF_AUDIT_DISPOSITIONS.map((d) =>
          row(
            d,
            DISPOSITIONS[d].labelKo,
            findings.filter((f) => f.disposition === d),
          ),
        ),
      ],
      notesKo: [
        `기간 안에 접수된 자체감사 ${audits.length}건(결과 통보 ${notified.length}건)의 지적사항입니다. 처분요구는 재심의로 바뀐 뒤의 것입니다.`,
        '금액은 재심의로 취소되지 않은 지적사항만 더합니다. 회수액은 이행결과에 기록된 금액입니다.',
      ],
    },
    basis: audits.map((c) => ({ id: c.caseId, version: c.version })),
  };
}

/** The table as the self-audit module contributes it to the office report (kind.ts `reportTables`). */
export const selfAuditReportTable: KindReportTable = {
  id: SELF_AUDIT_FINDINGS_TABLE,
  order: 55,
  build: ({ byKind, kinds }) =>
    selfAuditFindingsTable(
      kinds.flatMap((kind) => casesOf(byKind, kind)),
      SECTIONS.audit,
    ),
};
