/**
 * The kinds of case the office handles, in its own vocabulary (2023 work report, docs/office.md#volumes-in-2023).
 * Each belongs to a team; the team gives the case-number word.
 */
import { z } from 'zod';
import type { Team } from './roles.ts';

export const CASE_KINDS = [
  'self-audit',
  'daily-audit',
  'contract-review',
  'proactive-admin',
  'external-referral',
  'internal-investigation',
  'property-review',
  'disclosure-refusal',
  'human-rights-assessment',
  'grievance',
  'whistleblower-report',
  'taxpayer-consultation',
  'petition',
  'field-complaint',
  'patrol-finding',
] as const;

export const caseKindSchema = z.enum(CASE_KINDS);
export type CaseKind = z.infer<typeof caseKindSchema>;

export interface CaseKindInfo {
  team: Team;
  labelKo: string;
  /** Cases whose people must stay protected (e.g. 공익신고자 보호법): identity fields are sealed. */
  sealedByDefault: boolean;
}

export const CASE_KIND_INFO: Record<CaseKind, CaseKindInfo> = {
  'self-audit': { team: 'audit', labelKo: '자체감사', sealedByDefault: false },
  'daily-audit': { team: 'audit', labelKo: '일상감사', sealedByDefault: false },
  'contract-review': { team: 'audit', labelKo: '계약심사', sealedByDefault: false },
  'proactive-admin': { team: 'audit', labelKo: '적극행정 면책·사전컨설팅', sealedByDefault: false },
  'external-referral': { team: 'investigation', labelKo: '외부기관 통보사항 조사', sealedByDefault: true },
  'internal-investigation': { team: 'investigation', labelKo: '내부조사·민원사항 조사', sealedByDefault: true },
  'property-review': { team: 'investigation', labelKo: '재산등록 심사', sealedByDefault: false },
  'disclosure-refusal': { team: 'investigation', labelKo: '고지거부 심사', sealedByDefault: false },
  'human-rights-assessment': { team: 'investigation', labelKo: '자치법규 인권영향평가', sealedByDefault: false },
  grievance: { team: 'complaints', labelKo: '고충민원', sealedByDefault: false },
  'whistleblower-report': { team: 'complaints', labelKo: '공익신고', sealedByDefault: true },
  'taxpayer-consultation': { team: 'complaints', labelKo: '납세자보호 상담', sealedByDefault: false },
  petition: { team: 'complaints', labelKo: '청원', sealedByDefault: false },
  'field-complaint': { team: 'patrol', labelKo: '응답소 현장민원', sealedByDefault: false },
  'patrol-finding': { team: 'patrol', labelKo: '순찰 지적사항', sealedByDefault: false },
};

/** Where a complaint came in (grievances and field complaints). */
export const CHANNELS = [
  '응답소',
  '구청장에게 바란다',
  '국민신문고',
  '전화',
  '방문',
  '서신',
  '익명신고',
  '기타',
] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;
