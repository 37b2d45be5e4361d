/**
 * The office report's table of property-review campaigns: per campaign (one registration cycle),
 * its registrants by state — the same tally the campaign case keeps, written with each registrant —
 * and a total row. Only counts leave: no registrant, no department.
 */
import type { CaseRecord } from '../../domain/case.ts';
import { casesOf, SECTIONS, type KindReportTable, type ReportRow } from '../../domain/report-table.ts';
import { campaignTitleKo, emptyTally, type CampaignRecord, type CampaignTally } from './campaign.ts';
import { REGISTRANT_STATES, type RegistrantState } from './registrants.ts';

export const PROPERTY_REVIEW_TABLE = 'property-review-campaigns';

const recordOf = (c: CaseRecord) => (c as { propertyReview?: CampaignRecord }).propertyReview;
const cells = (t: CampaignTally) => ({ ...t }) as Record<string, number>;

export const propertyReviewReportTable: KindReportTable = {
  id: PROPERTY_REVIEW_TABLE,
  order: 21,
  build: ({ byKind, kinds }) => {
    const cases = kinds.flatMap((kind) => casesOf(byKind, kind)).filter((c) => recordOf(c) !== undefined);
    const total = emptyTally();
    const rows: ReportRow[] = cases.map((c) => {
      const r = recordOf(c)!;
      for (const k of Object.keys(total) as (RegistrantState | 'total')[]) total[k] += r.tally[k];
      return { key: c.caseId, labelKo: `${campaignTitleKo(r)} (${c.caseNumber})`, cells: cells(r.tally) };
    });
    return {
      table: {
        id: PROPERTY_REVIEW_TABLE,
        sectionKo: SECTIONS.misconduct,
        titleKo: '공직자 재산등록 심사 (심사 주기별 진행)',
        columns: [
          { key: 'total', labelKo: '의무자', unit: '명' },
          ...(Object.entries(REGISTRANT_STATES) as [RegistrantState, string][]).map(([key, labelKo]) => ({
            key,
            labelKo,
            unit: '명' as const,
          })),
        ],
        rows: [{ key: 'total', labelKo: '계', cells: cells(total) }, ...rows],
        notesKo: [
          '한 사건이 한 신고 주기의 일괄 심사이고, 의무자는 그 아래 기록입니다. 수치는 의무자 기록과 같은 쓰기에서 갱신되는 집계입니다.',
        ],
      },
      basis: cases.map((c) => ({ id: c.caseId, version: c.version })),
    };
  },
};
