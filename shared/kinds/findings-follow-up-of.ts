/**
 * For the findings use cases: the follow-up of a case whose kind holds findings (self-audits, audits
 * received) — which open task carries the earliest 이행 due date, and who is on the audit's team
 * besides its assignee. The findings themselves are shared (self-audit/findings.ts), and so is how an
 * open finding's 이행 becomes the task's due date (findings-follow-up.ts).
 */
import type { Calendar } from '../calendar/index.ts';
import type { CaseRecord } from '../domain/case.ts';
import type { AnyDecisionForm, TaskDue } from '../domain/task.ts';
import {
  receivedFollowUpTaskDue,
  reopenAuditReceived,
  type AuditReceivedRecord,
} from './audit-received/audit-received.ts';
import { followUpTaskDue, reopenSelfAudit, type SelfAuditRecord } from './self-audit/self-audit.ts';

export interface ReopenContext {
  actorSub: string;
  /** Korea time ISO. */
  at: string;
  calendar: Calendar;
  newId: () => string;
}

export interface FindingsFollowUp {
  /** The task type whose due date follows the earliest 이행 still owed. */
  taskType: string;
  /** That due date, or undefined when the case is not at its follow-up step. */
  taskDue(now: string, calendar: Calendar): TaskDue | undefined;
  /** Staff named on the audit (a self-audit's plan and fieldwork), who may record findings. */
  team: readonly string[];
  /** How the investigation a discipline finding opens is titled. */
  titlePrefixKo: string;
  /** A 재심의 reaching the closed audit: the details it reopens with (closure taken back), or a refusal. */
  reopen(
    form: AnyDecisionForm,
    ctx: ReopenContext,
  ): { patch: Record<string, unknown>; eventData: Record<string, unknown> };
}

export function findingsFollowUpOf(c: CaseRecord): FindingsFollowUp | undefined {
  const sa = (c as CaseRecord & { selfAudit?: SelfAuditRecord }).selfAudit;
  if (c.kind === 'self-audit' && sa)
    return {
      taskType: 'self-audit-follow-up',
      taskDue: (now, calendar) => (sa.resultNotice && !sa.closure ? followUpTaskDue(sa, now, calendar) : undefined),
      team: [...sa.plan.staffSubs, ...(sa.fieldwork?.members ?? [])],
      titlePrefixKo: '자체감사 지적사항',
      reopen: (form, { actorSub, at, calendar, newId }) => {
        const applied = reopenSelfAudit(c, form, actorSub, at, calendar, newId);
        return { patch: { selfAudit: applied.record }, eventData: applied.eventData };
      },
    };
  const ar = (c as CaseRecord & { auditReceived?: AuditReceivedRecord }).auditReceived;
  if (c.kind === 'audit-received' && ar)
    return {
      taskType: 'audit-received-follow-up',
      taskDue: (now, calendar) =>
        ar.resultNotice && !ar.closure ? receivedFollowUpTaskDue(ar, now, calendar) : undefined,
      team: [],
      titlePrefixKo: '외부기관 감사 처분요구',
      reopen: (form, { actorSub, at, calendar, newId }) => {
        const applied = reopenAuditReceived(c, form, at, calendar, newId, actorSub);
        return { patch: { auditReceived: applied.record }, eventData: applied.eventData };
      },
    };
  return undefined;
}
