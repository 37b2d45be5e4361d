/** 순찰 지적사항: runs the generic review lifecycle until it declares its own. */
import { reviewKind } from '../case-review/review-kind.ts';

export const patrolFinding = reviewKind({
  kind: 'patrol-finding',
  labelKo: '순찰 지적사항',
  team: 'patrol',
  // Tens of thousands of cases a year: searches prefer any other partition.
  search: { large: true },
});
