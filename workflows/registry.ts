/** Which workflow runs which kind of case. Kinds not listed yet run the basic review lifecycle. */
import type { CaseKind } from '../shared/domain/case-kinds.ts';
import type { AslDefinition } from './asl.ts';
import { CASE_REVIEW_WORKFLOW, caseReviewDefinition } from './case-review.workflow.ts';
import {
  EXTERNAL_REFERRAL_WORKFLOW,
  externalReferralDefinition,
  INTERNAL_INVESTIGATION_WORKFLOW,
  internalInvestigationDefinition,
} from './misconduct.workflow.ts';
import { GRIEVANCE_WORKFLOW, grievanceDefinition } from './grievance.workflow.ts';
import { PETITION_WORKFLOW, petitionDefinition } from './petition.workflow.ts';

export const WORKFLOWS: Record<string, AslDefinition> = {
  [CASE_REVIEW_WORKFLOW]: caseReviewDefinition,
  [EXTERNAL_REFERRAL_WORKFLOW]: externalReferralDefinition,
  [INTERNAL_INVESTIGATION_WORKFLOW]: internalInvestigationDefinition,
  [GRIEVANCE_WORKFLOW]: grievanceDefinition,
  [PETITION_WORKFLOW]: petitionDefinition,
};

const BY_KIND: Partial<Record<CaseKind, string>> = {
  'external-referral': EXTERNAL_REFERRAL_WORKFLOW,
  'internal-investigation': INTERNAL_INVESTIGATION_WORKFLOW,
  grievance: GRIEVANCE_WORKFLOW,
  petition: PETITION_WORKFLOW,
};

export function workflowForKind(kind: CaseKind): string {
  return BY_KIND[kind] ?? CASE_REVIEW_WORKFLOW;
}
