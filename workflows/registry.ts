/** Which workflow runs which kind of case. Kinds not listed yet run the basic review lifecycle. */
import type { CaseKind } from '../shared/domain/case-kinds.ts';
import type { AslDefinition } from './asl.ts';
import { CASE_REVIEW_WORKFLOW, caseReviewDefinition } from './case-review.workflow.ts';

export const WORKFLOWS: Record<string, AslDefinition> = {
  [CASE_REVIEW_WORKFLOW]: caseReviewDefinition,
};

export function workflowForKind(_kind: CaseKind): string {
  return CASE_REVIEW_WORKFLOW;
}
