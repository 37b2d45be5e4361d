/** Korean names of the API's enum values that responses do not label themselves. */
import type { CaseKind } from '../api/types.ts';

export const KIND_LABELS: Record<CaseKind, string> = {
  'self-audit': '자체감사',
  'daily-audit': '일상감사',
  'contract-review': '계약심사',
  'proactive-admin': '적극행정 면책·사전컨설팅',
  'external-referral': '외부기관 통보사항 조사',
  'internal-investigation': '내부조사·민원사항 조사',
  'property-review': '재산등록 심사',
  'disclosure-refusal': '고지거부 심사',
  'human-rights-assessment': '자치법규 인권영향평가',
  grievance: '고충민원',
  'whistleblower-report': '공익신고',
  'taxpayer-consultation': '납세자보호 상담',
  petition: '청원',
  'field-complaint': '응답소 현장민원',
  'patrol-finding': '순찰 지적사항',
};

export const STAGE_LABELS: Record<string, string> = {
  intake: '접수',
  assignment: '배정',
  investigation: '조사',
  review: '검토',
  approval: '결재',
  disposition: '처분',
  suspended: '중지',
  closed: '종결',
};
