/**
 * Office report tables that several kinds share (each kind names the table in `reportTables`).
 * A table one kind owns lives in that kind's folder (e.g. misconduct/report.ts).
 */
import { kindRowsTable, SECTIONS } from '../domain/report-table.ts';

/** 재산등록 심사 / 재산등록 고지거부 신청 접수 및 심사 — persons (명). */
export const ethicsTable = kindRowsTable({
  id: 'ethics',
  order: 20,
  sectionKo: SECTIONS.misconduct,
  titleKo: '공직자 재산등록 심사 및 고지거부 심사',
  columns: [
    { key: 'received', labelKo: '접수', unit: '명' },
    { key: 'closed', labelKo: '심사 완료', unit: '명' },
    { key: 'open', labelKo: '심사 중', unit: '명' },
  ],
  notesKo: ['한 사건이 한 사람의 심사입니다.'],
});

/** 일상감사 / 계약심사 (사전예방 중심의 감사활동). */
export const preventionTable = kindRowsTable({
  id: 'prevention',
  order: 60,
  sectionKo: SECTIONS.audit,
  titleKo: '사전예방 중심의 감사활동 (일상감사·계약심사)',
});
