/** Which date rule a proactive-administration task is due by, read from the case record. */
import type { Calendar } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import type { TaskDue } from '../../domain/task.ts';
import type { ProactiveAdminRecord } from './proactive-admin.ts';
import {
  committeeAwaitingDue,
  committeeReplyDue,
  decisionNoticeDue,
  exemptionDecisionDue,
  outcomeDue,
  PROACTIVE_ADMIN_DUE_RULES,
  preConsultingOpinionDue,
  type ProactiveAdminDueRule,
} from './proactive-admin-deadlines.ts';

export { PROACTIVE_ADMIN_DUE_RULES, type ProactiveAdminDueRule };

export function proactiveAdminTaskDue(
  rule: ProactiveAdminDueRule,
  ctx: { c: CaseRecord & { proactiveAdmin?: ProactiveAdminRecord }; now: string; calendar: Calendar },
): TaskDue {
  const r = ctx.c.proactiveAdmin;
  const today = ctx.now.slice(0, 10);
  switch (rule) {
    case 'proactive-admin.review':
      return r?.track === 'exemption' && r.auditEndedOn !== undefined
        ? exemptionDecisionDue(r.auditEndedOn, ctx.calendar)
        : preConsultingOpinionDue(r?.requestedOn ?? today, ctx.calendar);
    case 'proactive-admin.committee-reply': {
      const committee = r?.committee;
      if (committee?.replyDueOn !== undefined && committee.chairRequestedOn !== undefined)
        return committeeReplyDue(committee.replyDueOn, committee.chairRequestedOn, committee.extension !== undefined);
      return committeeAwaitingDue(committee?.referredOn ?? today, ctx.calendar);
    }
    case 'proactive-admin.notice':
      return decisionNoticeDue(r?.decision?.decidedOn ?? today, ctx.calendar);
    case 'proactive-admin.outcome':
      return outcomeDue(r?.notice?.targetNotifiedOn ?? today, ctx.calendar);
  }
}
