/**
 * The generic review lifecycle (assign → investigate → approve, workflows/case-review.workflow.ts)
 * that kinds run until they declare their own: no details, decisions or due rules beyond the core's.
 */
import type { Team } from '../../domain/roles.ts';
import { defineKind, type KindModule } from '../../domain/kind.ts';

export const CASE_REVIEW_WORKFLOW = 'case-review';

export function reviewKind<const K extends string>(spec: {
  kind: K;
  labelKo: string;
  team: Team;
  sealedByDefault?: boolean;
  defaultPeriod?: string;
  reportTables?: KindModule['reportTables'];
  search?: KindModule['search'];
}) {
  return defineKind({
    kind: spec.kind,
    labelKo: spec.labelKo,
    team: spec.team,
    sealedByDefault: spec.sealedByDefault ?? false,
    workflow: CASE_REVIEW_WORKFLOW,
    ...(spec.defaultPeriod !== undefined && { defaultPeriod: spec.defaultPeriod }),
    ...(spec.reportTables !== undefined && { reportTables: spec.reportTables }),
    ...(spec.search !== undefined && { search: spec.search }),
  });
}
