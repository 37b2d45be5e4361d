/**
 * The statutory period that times each kind of case, for the deadline calculator staff use before
 * intake. Kinds without a statutory period (e.g. daily audits) have none; a specific period can
 * always be asked for by its id.
 */
import type { CaseKind } from '../domain/case.ts';
import type { PeriodId } from './statutory-periods.ts';

export const DEFAULT_PERIOD_BY_KIND: Partial<Record<CaseKind, PeriodId>> = {
  grievance: 'grievance.answer',
  petition: 'petition.decision',
  'whistleblower-report': 'whistleblower.result-notice',
  'external-referral': 'discipline.request-after-notice',
  'property-review': 'ethics.public-official-review',
  'disclosure-refusal': 'ethics.disclosure-refusal-review',
  'proactive-admin': 'active-admin.audit-opinion',
};
