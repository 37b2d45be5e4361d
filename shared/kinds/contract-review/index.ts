/** 계약심사 (공사·용역·물품 계약의 원가 심사): runs the generic review lifecycle until it declares its own. */
import { reviewKind } from '../case-review/review-kind.ts';

export const contractReview = reviewKind({
  kind: 'contract-review',
  labelKo: '계약심사',
  team: 'audit',
  reportTable: 'prevention',
});
