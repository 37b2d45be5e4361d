/**
 * An example request body for every route that takes one, shown in the OpenAPI document. Each is
 * checked against the route's body schema by test/unit/api/openapi.test.ts, so none can drift.
 */
import { grievance } from '#shared/kinds/grievance/index.ts';
import type { ApiRouteName } from './routes.ts';

const CASE_VERSION = 3;

export const requestExamples: Partial<Record<ApiRouteName, unknown>> = {
  'create-case': {
    kind: grievance.kind,
    title: '공사장 소음 고충민원',
    channel: '응답소',
    department: '건축과',
    receivedAt: '2026-11-20T10:30:00+09:00',
  },
  'update-case': { expectedVersion: CASE_VERSION, title: '공사장 야간 소음 고충민원', department: '건축과' },
  'append-note': { text: '민원인과 통화: 야간 공사 시간 확인' },
  'identity-request': { reason: '신고자에게 보완요구를 보내야 함' },
  'identity-decide': { decision: 'grant', reason: '보완요구 발송에 필요', days: 7 },
  'complete-task': { decision: 'assign', assigneeSub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000021', comment: '조사팀 배정' },
  'add-official': { name: '김공무', department: '건축과', grade: '지방시설주사(6급)' },
  'add-evidence': { label: '현장 사진 12매', reference: 'EDMS-2026-00123', obtainedOn: '2026-11-21' },
  'file-upload-start': {
    name: '현장 사진.jpg',
    contentType: 'image/jpeg',
    size: 2_481_152,
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    subject: { type: 'finding', id: 'F1' },
  },
  'file-upload-complete': { name: '현장 사진.jpg', subject: { type: 'finding', id: 'F1' } },
  'field-import-upload': {
    name: '응답소_현장민원_2026-11.xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    size: 812_544,
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  },
  'field-import-start': { fileId: '01JF3K8Q2R7V4X9Z5B6C8D0E1G' },
  'reassign-case': {
    assigneeSub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000021',
    reason: '담당자 장기 출장',
    expectedVersion: CASE_VERSION,
  },
  'suspend-case': {
    reason: 'criminal-investigation',
    startNoticeReceivedOn: '2026-11-24',
    agency: '서울중앙지방검찰청',
  },
  'resume-case': { basis: 'end-notice', endNoticeReceivedOn: '2027-02-03' },
  'petition-extension': { days: 60, reason: '관계기관 협의 필요', noticeSentOn: '2026-12-01' },
  'petition-objection': {
    ground: 'not-processed-in-time',
    filedOn: '2026-12-15',
    content: '처리기간이 지났으나 결과 통지를 받지 못했습니다',
  },
  'grievance-extension': { days: 5, reason: '현장 측정 일정' },
  'grievance-clock-stop': { action: 'start', from: '2026-11-25', reason: '현장 악취 측정' },
  'grievance-links': { caseIds: ['01JD5Z9V3X8Q2W4E6R7T9Y1A3N'], reason: '같은 공사장, 같은 요구' },
  'property-add-registrants': {
    registrants: [
      {
        registrantNo: 'R2026-0001',
        name: '홍길동',
        category: 'district-official',
        department: '도로관리과',
        position: '지방시설주사(6급)',
        registrationType: 'yearly',
        eventOn: '2026-01-01',
      },
    ],
  },
  'property-registrant-action': {
    action: 'order',
    kind: 'supplement',
    issuedOn: '2026-03-09',
    receivedOn: '2026-03-10',
  },
  'citizen-check-report': {
    results: [
      { item: 'construction', outcome: 'no-issue' },
      { item: 'unpaid-wages', outcome: 'finding', note: '장비대금 2개월 체불 진술' },
    ],
  },
  'citizen-check-reply': { repliedOn: '2026-05-20', action: '체불 장비대금 지급 완료' },
  'citizen-auditor-put': { field: 'dong', dong: '신길1동', cohort: 8, termStart: '2025-07-01', termEnd: '2027-06-30' },
  'self-audit-add-finding': {
    title: '보조금 정산 부적정',
    description: '사업 종료 후 집행잔액 1,200만원을 반납받지 않음',
    disposition: 'correction',
    department: '복지정책과',
    officials: [{ name: '김공무', department: '복지정책과', grade: '지방행정주사(6급)' }],
    recoverWon: 12_000_000,
    legalBasis: '지방자치단체 보조금 관리에 관한 법률 제31조',
  },
  'self-audit-update-finding': {
    followUpResult: { completedOn: '2026-12-01', content: '집행잔액 반납 완료', recoveredWon: 12_000_000 },
  },
  'self-audit-finding-misconduct': { category: 'neglect-of-duty', conductDate: '2026-06-30' },
  'audit-reopen': {
    decision: 'record-reconsideration-request',
    requestedOn: '2026-12-01',
    receivedOn: '2026-12-02',
    reasons: '지적사항 2의 사실관계 오인',
    findingNumbers: [2],
  },
  'grievance-progress-notice': { kind: 'extension', sentAt: '2026-11-26T09:00:00+09:00', method: '서면' },
  'committee-put': {
    nameKo: '청원심의회',
    members: [
      {
        memberId: 'pr-chair',
        name: '김위원장',
        affiliation: '부구청장',
        chair: true,
        termStart: '2026-01-01',
        termEnd: '2027-12-31',
      },
    ],
    secretarySub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000007',
    quorum: { attendance: 'majority', decision: 'majority' },
    cadence: { type: 'as-needed', labelKo: '안건이 있을 때', basis: '청원법 시행령 제3조' },
  },
  'committee-schedule-meeting': { scheduledAt: '2026-12-10T14:00:00+09:00', place: '구청 3층 소회의실' },
  'committee-reschedule-meeting': {
    scheduledAt: '2026-12-11T10:00:00+09:00',
    reason: '위원장 일정',
    expectedVersion: 1,
  },
  'committee-cancel-meeting': { reason: '상정 안건 없음', expectedVersion: 1 },
  'committee-record-attendance': { presentMemberIds: ['pr-chair', 'pr-lawyer', 'pr-professor'] },
  'committee-record-recusal': {
    taskId: '01JD5Z9V3X8Q2W4E6R7T9Y1A3M',
    memberId: 'ps-lawyer',
    reason: '징계 대상 공무원의 소송대리인이었음',
    declaredBy: 'secretary',
  },
  'committee-record-decision': {
    votes: { for: ['pr-chair', 'pr-lawyer', 'pr-professor'] },
    form: { decision: 'recommend-disclosure', opinion: '공공시설 운영 사항으로 공개 적합' },
  },
  'office-report-freeze': { from: '2026-01-01', to: '2026-06-30' },
  'mail-suppression-lift': { email: 'jiwon.seo@example.go.kr' },
  'put-reminder-preferences': { nonUrgent: 'weekly', pausedUntil: '2026-12-31' },
};
