/**
 * The office report's quarterly table of proactive administration, contributed by the kind: per
 * quarter, the exemption requests and the head's decisions (exempted / not), which 감사원 is told of
 * within 10 days of each quarter's end (공공감사법 시행령 제13조의4⑤), and the pre-consultations with
 * their opinions and committee referrals. Requests count in the quarter they were made, decisions in
 * the quarter they were taken. Only counts leave: no matter, no department, no person.
 */
import type { CaseRecord } from '../../domain/case.ts';
import { casesOf, SECTIONS, type KindReportTable, type ReportRow } from '../../domain/report-table.ts';
import { quarterOf } from './proactive-admin-deadlines.ts';
import { isExempted, type ProactiveAdminRecord } from './proactive-admin.ts';

export const PROACTIVE_ADMIN_QUARTERLY_TABLE = 'proactive-admin-quarterly';

const recordOf = (c: CaseRecord) => (c as { proactiveAdmin?: ProactiveAdminRecord }).proactiveAdmin;

function row(
  key: string,
  labelKo: string,
  records: readonly ProactiveAdminRecord[],
  inQuarter: (on: string) => boolean,
): ReportRow {
  const exemptions = records.filter((r) => r.track === 'exemption');
  const consultations = records.filter((r) => r.track === 'pre-consulting');
  const decided = exemptions.filter((r) => r.decision && inQuarter(r.decision.decidedOn));
  return {
    key,
    labelKo,
    cells: {
      exemptionRequests: exemptions.filter((r) => inQuarter(r.requestedOn)).length,
      exempted: decided.filter((r) => isExempted(r)).length,
      notExempted: decided.filter((r) => !isExempted(r)).length,
      consultations: consultations.filter((r) => inQuarter(r.requestedOn)).length,
      opinions: consultations.filter((r) => r.decision && inQuarter(r.decision.decidedOn)).length,
      committee: consultations.filter((r) => r.committee && inQuarter(r.committee.referredOn)).length,
    },
  };
}

export const proactiveAdminReportTable: KindReportTable = {
  id: PROACTIVE_ADMIN_QUARTERLY_TABLE,
  order: 58,
  build: ({ byKind, kinds }) => {
    const cases = kinds.flatMap((kind) => casesOf(byKind, kind));
    const records = cases.map(recordOf).filter((r): r is ProactiveAdminRecord => r !== undefined);
    return {
      table: {
        id: PROACTIVE_ADMIN_QUARTERLY_TABLE,
        sectionKo: SECTIONS.audit,
        titleKo: '적극행정 면책·사전컨설팅 (분기별)',
        columns: [
          { key: 'exemptionRequests', labelKo: '면책 신청', unit: '건' },
          { key: 'exempted', labelKo: '면책 결정', unit: '건' },
          { key: 'notExempted', labelKo: '불면책 결정', unit: '건' },
          { key: 'consultations', labelKo: '사전컨설팅 요청', unit: '건' },
          { key: 'opinions', labelKo: '사전컨설팅 의견', unit: '건' },
          { key: 'committee', labelKo: '위원회 자문', unit: '건' },
        ],
        rows: [
          row('total', '계', records, () => true),
          ...[1, 2, 3, 4].map((q) => row(`q${q}`, `${q}분기`, records, (on) => quarterOf(on) === q)),
        ],
        notesKo: [
          `기간 안에 접수된 적극행정 사건 ${records.length}건입니다. 신청·요청은 신청일의 분기, 결정·의견은 결재일의 분기에 셉니다.`,
          '면책 결정은 매 분기 종료 후 10일 이내 감사원에 통보합니다 (공공감사법 시행령 제13조의4⑤); 사건마다 통보 기한이 기록됩니다.',
        ],
      },
      basis: cases.map((c) => ({ id: c.caseId, version: c.version })),
    };
  },
};

/** The exemption decisions taken between `from` and `to` (Korea dates), for the quarterly report to 감사원. */
export function exemptionDecisionsIn(
  cases: readonly CaseRecord[],
  from: string,
  to: string,
): { exempted: { c: CaseRecord; decidedOn: string }[]; notExempted: number } {
  const decided = cases.flatMap((c) => {
    const r = recordOf(c);
    const on = r?.track === 'exemption' ? r.decision?.decidedOn : undefined;
    return on !== undefined && on >= from && on <= to ? [{ c, r, decidedOn: on }] : [];
  });
  return {
    exempted: decided
      .filter((d) => isExempted(d.r))
      .map(({ c, decidedOn }) => ({ c, decidedOn }))
      .sort((a, b) => a.decidedOn.localeCompare(b.decidedOn) || a.c.caseNumber.localeCompare(b.c.caseNumber)),
    notExempted: decided.filter((d) => !isExempted(d.r)).length,
  };
}
