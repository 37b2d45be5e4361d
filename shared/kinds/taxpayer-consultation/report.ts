import { kindRowsTable, SECTIONS } from '../../domain/report-table.ts';

/** 지방세 고충민원 및 재산세 등에 대한 세무 상담: N건. */
export const taxpayerTable = kindRowsTable({
  id: 'taxpayer',
  order: 50,
  sectionKo: SECTIONS.complaints,
  titleKo: '지방세 납세자보호관 세무 상담',
});
