/** 자체감사 (감사 계획에 따른 종합·특정·복무감사): runs the generic review lifecycle until it declares its own. */
import { reviewKind } from '../case-review/review-kind.ts';

export const selfAudit = reviewKind({
  kind: 'self-audit',
  labelKo: '자체감사',
  team: 'audit',
});
