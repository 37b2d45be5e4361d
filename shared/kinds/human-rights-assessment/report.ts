import { kindRowsTable, SECTIONS } from '../../domain/report-table.ts';

/** 자치법규 제·개정안 사전 인권영향평가: N건 (인권위원회 보고). */
export const humanRightsTable = kindRowsTable({
  id: 'human-rights',
  order: 80,
  sectionKo: SECTIONS.committees,
  titleKo: '자치법규 사전 인권영향평가 (인권위원회 보고)',
  notesKo: ['원안 동의는 검토의견 통보로, 개선 권고는 소관부서의 수용 여부 회신으로 처리 완료됩니다.'],
});
