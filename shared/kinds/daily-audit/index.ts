/** 일상감사 (주요 사업·계약의 사전 검토): runs the generic review lifecycle until it declares its own. */
import { reviewKind } from '../case-review/review-kind.ts';

export const dailyAudit = reviewKind({
  kind: 'daily-audit',
  labelKo: '일상감사',
  team: 'audit',
  reportTable: 'prevention',
});
