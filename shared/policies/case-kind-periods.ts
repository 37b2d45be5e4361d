/**
 * The statutory period that times each kind of case, for the deadline calculator staff use before
 * intake: each kind module names its own (`defaultPeriod`). Kinds without a statutory period (e.g.
 * daily audits) have none; a specific period can always be asked for by its id.
 */
import type { CaseKind } from '../domain/case.ts';
import { KINDS } from '../kinds/registry.ts';
import { periodIdSchema, type PeriodId } from './statutory-periods.ts';

export const DEFAULT_PERIOD_BY_KIND: Partial<Record<CaseKind, PeriodId>> = Object.fromEntries(
  KINDS.modules.flatMap((m) =>
    m.defaultPeriod === undefined ? [] : [[m.kind, periodIdSchema.parse(m.defaultPeriod)]],
  ),
);
