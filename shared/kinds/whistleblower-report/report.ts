import { kindRowsTable, SECTIONS } from '../../domain/report-table.ts';

/** 공익신고 접수 및 관리: N건 (counts only — the reporter's identity is sealed). */
export const whistleblowerTable = kindRowsTable({
  id: 'whistleblower',
  order: 40,
  sectionKo: SECTIONS.complaints,
  titleKo: '공익신고 접수 및 관리',
  notesKo: ['신고자 신원은 공개하지 않으며 건수만 집계합니다.'],
});
