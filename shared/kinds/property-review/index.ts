/** 재산등록 심사 (공직자윤리법): runs the generic review lifecycle until it declares its own. */
import { reviewKind } from '../case-review/review-kind.ts';
import { ethicsTable } from '../report-tables.ts';

export const propertyReview = reviewKind({
  kind: 'property-review',
  labelKo: '재산등록 심사',
  team: 'investigation',
  reportTables: [ethicsTable],
  defaultPeriod: 'ethics.public-official-review',
});
