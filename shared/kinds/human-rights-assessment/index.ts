/** 자치법규 인권영향평가: runs the generic review lifecycle until it declares its own. */
import { reviewKind } from '../case-review/review-kind.ts';

export const humanRightsAssessment = reviewKind({
  kind: 'human-rights-assessment',
  labelKo: '자치법규 인권영향평가',
  team: 'investigation',
});
