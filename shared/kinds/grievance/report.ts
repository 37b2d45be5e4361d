import type { CaseRecord } from '../../domain/case.ts';
import { CHANNELS, type Channel } from '../../domain/channels.ts';
import {
  basisOf,
  cases건,
  casesOf,
  receivedClosedOpen,
  SECTIONS,
  type ReportRow,
  type KindReportTable,
} from '../../domain/report-table.ts';

/** The report's channel groups: 응답소 / 구청장에게 바란다 / 전화·방문, then the other channels. */
export const GRIEVANCE_CHANNEL_GROUPS: readonly { key: string; labelKo: string; channels: readonly Channel[] }[] = [
  { key: '응답소', labelKo: '응답소 민원', channels: ['응답소'] },
  { key: '구청장에게 바란다', labelKo: '구청장에게 바란다 민원', channels: ['구청장에게 바란다'] },
  { key: '전화·방문', labelKo: '전화·방문', channels: ['전화', '방문'] },
  ...CHANNELS.filter((ch) => !['응답소', '구청장에게 바란다', '전화', '방문'].includes(ch)).map((ch) => ({
    key: ch,
    labelKo: ch,
    channels: [ch] as const,
  })),
];
export const NO_CHANNEL_KEY = '경로 미기재';

/** 고충민원 접수 및 관리: 총 N건, by channel in the report's grouping. */
export const grievanceTable: KindReportTable = {
  id: 'grievances',
  order: 30,
  build({ byKind, kinds }) {
    const cases = kinds.flatMap((kind) => casesOf(byKind, kind));
    const row = (key: string, labelKo: string, of: readonly CaseRecord[]): ReportRow => ({
      key,
      labelKo,
      cells: receivedClosedOpen(of),
    });
    const rows = [
      row('total', '계', cases),
      ...GRIEVANCE_CHANNEL_GROUPS.map((g) =>
        row(
          g.key,
          g.labelKo,
          cases.filter((c) => c.channel !== undefined && g.channels.includes(c.channel)),
        ),
      ),
      row(
        NO_CHANNEL_KEY,
        NO_CHANNEL_KEY,
        cases.filter((c) => c.channel === undefined),
      ),
    ];
    return {
      table: {
        id: 'grievances',
        sectionKo: SECTIONS.complaints,
        titleKo: '고충민원 접수 및 관리 (접수 경로별)',
        columns: [cases건('received', '접수'), cases건('closed', '처리 완료'), cases건('open', '처리 중')],
        rows,
        notesKo: [],
      },
      basis: basisOf(cases),
    };
  },
};
