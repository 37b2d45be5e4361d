/** 고지거부 심사 (공직자윤리법): runs the generic review lifecycle until it declares its own. */
import { reviewKind } from '../case-review/review-kind.ts';
import { ethicsTable } from '../report-tables.ts';

export const disclosureRefusal = reviewKind({
  kind: 'disclosure-refusal',
  labelKo: '고지거부 심사',
  team: 'investigation',
  reportTables: [ethicsTable],
  defaultPeriod: 'ethics.disclosure-refusal-review',
});
