/** 응답소 현장민원: runs the generic review lifecycle until it declares its own. */
import { reviewKind } from '../case-review/review-kind.ts';

export const fieldComplaint = reviewKind({
  kind: 'field-complaint',
  labelKo: '응답소 현장민원',
  team: 'patrol',
  // Tens of thousands of cases a year: searches prefer any other partition.
  search: { large: true },
});
