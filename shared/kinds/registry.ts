/**
 * The office's kinds of case, one line each. Each line is a kind module (one folder under
 * shared/kinds/, declared with `defineKind` from shared/domain/kind.ts):
 *
 *   defineKind({ kind, labelKo, team, sealedByDefault, workflow,   // who it is and which lifecycle runs it
 *     taskTypes, details: { key, record, intake, open, notForKind },  // its own fields on the case
 *     decisions: { forms, labels, assigning, check, apply },          // what its tasks decide
 *     guards: { assertMayHandle, hiddenFrom, authoredFindings, assertPatch, suspendedError },
 *     dueRules: { rules, due }, sealedFields })
 *
 * `createKindRegistry(list)` (shared/domain/kind-registry.ts) turns a list into what the case core
 * asks; the use cases take a registry (default: `KINDS` below), so a test can add a kind of its own
 * by building a registry from `OFFICE_KINDS` plus its module. A new process is one folder and one
 * line here; the order is the order of reports and exports.
 */
import * as z from 'zod';
import { caseChanges } from '../domain/case-changes.ts';
import { createKindRegistry } from '../domain/kind-registry.ts';
import type { coreDecisionForms } from '../domain/task.ts';
import { auditReceived } from './audit-received/index.ts';
import { caseReview } from './case-review/index.ts';
import { citizenCheck } from './citizen-check/index.ts';
import { contractReview } from './contract-review/index.ts';
import { dailyAudit } from './daily-audit/index.ts';
import { disclosureRefusal } from './disclosure-refusal/index.ts';
import { fieldComplaint } from './field-complaint/index.ts';
import { grievance } from './grievance/index.ts';
import { humanRightsAssessment } from './human-rights-assessment/index.ts';
import { externalReferral, internalInvestigation } from './misconduct/index.ts';
import { patrolFinding } from './patrol-finding/index.ts';
import { petition } from './petition/index.ts';
import { proactiveAdmin } from './proactive-admin/index.ts';
import { propertyReview } from './property-review/index.ts';
import { selfAudit } from './self-audit/index.ts';
import { taxpayerConsultation } from './taxpayer-consultation/index.ts';
import { whistleblowerReport } from './whistleblower-report/index.ts';

export const OFFICE_KINDS = [
  selfAudit,
  auditReceived,
  dailyAudit,
  contractReview,
  proactiveAdmin,
  citizenCheck,
  externalReferral,
  internalInvestigation,
  propertyReview,
  disclosureRefusal,
  humanRightsAssessment,
  grievance,
  whistleblowerReport,
  taxpayerConsultation,
  petition,
  fieldComplaint,
  patrolFinding,
  caseReview,
] as const;

export const KINDS = createKindRegistry(OFFICE_KINDS);

type OfficeKindModule = (typeof OFFICE_KINDS)[number];
/** The office's kinds by name (a registry with a test's own kind has more). */
export type OfficeKind = OfficeKindModule['kind'];
export const CASE_KINDS: readonly OfficeKind[] = KINDS.kinds;

type FormsOf<M> = M extends { decisions: { forms: readonly (infer F)[] } }
  ? F extends z.ZodType
    ? z.infer<F>
    : never
  : never;
/** Every decision form of the office's kinds, typed (the schema is the registry's). */
export type DecisionForm = z.infer<(typeof coreDecisionForms)[number]> | FormsOf<OfficeKindModule>;
export type Decision = DecisionForm['decision'];
export const decisionFormSchema = KINDS.decisionFormSchema as z.ZodType<DecisionForm>;

/** Intake, edits and reassignment bound to the office's kinds. */
export const { openCase, updateDetails, reassignCase } = caseChanges(KINDS);

/** A kind of the office, as the API accepts it (an enum, so the OpenAPI document lists them). */
export const caseKindSchema = z.enum(KINDS.kinds as [OfficeKind, ...OfficeKind[]]);

type DueRulesOf<M> = M extends { dueRules: { rules: readonly (infer R)[] } } ? R : never;
/** The named due rules workflow steps may use (`dueRule` in workflows/asl.ts humanTask). */
export type TaskDueRule = DueRulesOf<OfficeKindModule>;
export const TASK_DUE_RULES = KINDS.dueRules as readonly [TaskDueRule, ...TaskDueRule[]];
