/**
 * The committees that decide the office's cases (docs/office.md#committees, docs/legal-basis.md#committees).
 * A workflow step names the committee that decides it (workflows/asl.ts humanTask `committee`).
 */
import * as z from 'zod';

export const COMMITTEE_KINDS = ['petition-review', 'mediation', 'ethics', 'personnel', 'human-rights'] as const;
export const committeeKindSchema = z.enum(COMMITTEE_KINDS);
export type CommitteeKind = z.infer<typeof committeeKindSchema>;

export const COMMITTEE_KIND_LABELS: Record<CommitteeKind, string> = {
  'petition-review': '청원심의회',
  mediation: '민원조정위원회',
  ethics: '공직자윤리위원회',
  personnel: '인사위원회',
  'human-rights': '인권위원회',
};
