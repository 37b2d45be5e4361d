/**
 * 일반 검토 (a case no other kind fits, e.g. a one-off inquiry the head of office asks the
 * investigation team to look into): the generic review lifecycle — assign → investigate → approve —
 * with no details, decisions or due rules beyond the core's.
 */
import { reviewKind } from './review-kind.ts';

export const caseReview = reviewKind({
  kind: 'case-review',
  labelKo: '일반 검토',
  team: 'investigation',
});
