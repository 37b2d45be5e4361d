/**
 * The lifecycles by name. Which one runs a case is its kind's to say (`workflow` in its module,
 * shared/kinds/); this file only holds the definitions those names refer to.
 */
import type { KindRegistry } from '#shared/domain/kind-registry.ts';
import { KINDS } from '#shared/kinds/registry.ts';
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
import { WHISTLEBLOWER_WORKFLOW, whistleblowerDefinition } from './whistleblower.workflow.ts';
import { DAILY_AUDIT_WORKFLOW, dailyAuditDefinition } from './daily-audit.workflow.ts';
import { CONTRACT_REVIEW_WORKFLOW, contractReviewDefinition } from './contract-review.workflow.ts';
import { SELF_AUDIT_WORKFLOW, selfAuditDefinition } from './self-audit.workflow.ts';
import { PROACTIVE_ADMIN_WORKFLOW, proactiveAdminDefinition } from './proactive-admin.workflow.ts';
import { AUDIT_RECEIVED_WORKFLOW, auditReceivedDefinition } from './audit-received.workflow.ts';
import { TAXPAYER_WORKFLOW, taxpayerDefinition } from './taxpayer-consultation.workflow.ts';
import { HUMAN_RIGHTS_WORKFLOW, humanRightsDefinition } from './human-rights-assessment.workflow.ts';
import { PATROL_FINDING_WORKFLOW, patrolFindingDefinition } from './patrol-finding.workflow.ts';
import { PROPERTY_REVIEW_WORKFLOW, propertyReviewDefinition } from './property-review.workflow.ts';
import { DISCLOSURE_REFUSAL_WORKFLOW, disclosureRefusalDefinition } from './disclosure-refusal.workflow.ts';
import { CITIZEN_CHECK_WORKFLOW, citizenCheckDefinition } from './citizen-check.workflow.ts';

export const WORKFLOWS: Record<string, AslDefinition> = {
  [CASE_REVIEW_WORKFLOW]: caseReviewDefinition,
  [EXTERNAL_REFERRAL_WORKFLOW]: externalReferralDefinition,
  [INTERNAL_INVESTIGATION_WORKFLOW]: internalInvestigationDefinition,
  [GRIEVANCE_WORKFLOW]: grievanceDefinition,
  [PETITION_WORKFLOW]: petitionDefinition,
  [WHISTLEBLOWER_WORKFLOW]: whistleblowerDefinition,
  [DAILY_AUDIT_WORKFLOW]: dailyAuditDefinition,
  [CONTRACT_REVIEW_WORKFLOW]: contractReviewDefinition,
  [SELF_AUDIT_WORKFLOW]: selfAuditDefinition,
  [PROACTIVE_ADMIN_WORKFLOW]: proactiveAdminDefinition,
  [AUDIT_RECEIVED_WORKFLOW]: auditReceivedDefinition,
  [TAXPAYER_WORKFLOW]: taxpayerDefinition,
  [HUMAN_RIGHTS_WORKFLOW]: humanRightsDefinition,
  [PATROL_FINDING_WORKFLOW]: patrolFindingDefinition,
  [PROPERTY_REVIEW_WORKFLOW]: propertyReviewDefinition,
  [DISCLOSURE_REFUSAL_WORKFLOW]: disclosureRefusalDefinition,
  [CITIZEN_CHECK_WORKFLOW]: citizenCheckDefinition,
};

/** The workflow that runs a kind of case (its module says which). */
export function workflowForKind(kind: string, kinds: KindRegistry = KINDS): string {
  return kinds.get(kind).workflow;
}
