/**
 * Human tasks (docs/design.md#3-humans-decide-through-task-tokens): each human step of a lifecycle opens a task for a person or a
 * role with a due date and the decisions it allows; the workflow waits on the task's token. The
 * deadline lives on the task, so reminders and escalation read tasks, not executions.
 */
import { z } from 'zod';
import { caseStageSchema } from './case.ts';
import { committeeKindSchema, type CommitteeKind } from './committee-kinds.ts';
import { IllegalTransitionError, ForbiddenError, ValidationError } from './errors.ts';
import { misconductDecisionForms } from './misconduct.ts';
import { petitionDecisionForms } from './petition.ts';
import { grievanceDecisionForms } from './grievance.ts';
import { hasAnyRole, roleSchema, teamSchema, type Actor } from './roles.ts';

export const TASK_TYPES = [
  'assign',
  'investigate',
  'review',
  'approve',
  // The disposition of a misconduct investigation (misconduct.workflow.ts)
  'request-discipline',
  'record-resolution',
  'issue-warning',
  'confirm-acknowledgement',
  'issue-corrective-order',
  'confirm-correction',
  'notify-agency',
  // Petitions (petition.workflow.ts)
  'screen-petition',
  'review-disclosure',
  'decide-disclosure',
  'review-petition',
  'decide-petition',
  'notify-petitioner',
  'decide-objection',
  // Grievance complaints (grievance.workflow.ts)
  'grievance-triage',
  'grievance-audit',
  'grievance-answer',
  'grievance-mediation',
] as const;
export const taskTypeSchema = z.enum(TASK_TYPES);
export type TaskType = z.infer<typeof taskTypeSchema>;

export const DECISIONS = [
  'assign',
  'submit',
  'approve',
  'return',
  'propose',
  'endorse',
  'send-request',
  'record-resolution',
  'issue',
  'acknowledge',
  'issue-order',
  'confirm-correction',
  'send-result-notice',
  // Petitions (petition.ts petitionDecisionForms)
  'process-petition',
  'decline-petition',
  'close-duplicate',
  'recommend-disclosure',
  'recommend-nondisclosure',
  'disclose',
  'withhold-disclosure',
  'recommend-acceptance',
  'recommend-rejection',
  'accept-petition',
  'reject-petition',
  'send-petition-notice',
  'uphold-objection',
  'dismiss-objection',
  // Grievance complaints (grievance.ts grievanceDecisionForms)
  'triage',
  'answer',
  'close-as-repeated',
  'approve-closure',
  'reject-closure',
] as const;
export const decisionSchema = z.enum(DECISIONS);
export type Decision = z.infer<typeof decisionSchema>;

export const DECISION_LABELS: Record<Decision, string> = {
  assign: '배정',
  submit: '제출',
  approve: '승인',
  return: '반려(보완 요구)',
  propose: '조사결과·처분안 제출',
  endorse: '검토 완료(결재 상신)',
  'send-request': '징계의결 요구',
  'record-resolution': '징계의결 결과 등록',
  issue: '훈계·주의 처분',
  acknowledge: '수령 확인',
  'issue-order': '시정 요구',
  'confirm-correction': '시정 이행 확인',
  'send-result-notice': '처리결과 회신',
  'process-petition': '처리 대상으로 결정',
  'decline-petition': '처리하지 않음(제6조 사유 통지)',
  'close-duplicate': '반복청원 종결(제16조)',
  'recommend-disclosure': '공개 적합 의결',
  'recommend-nondisclosure': '공개 부적합 의결',
  disclose: '공개 결정',
  'withhold-disclosure': '공개 부적합 결정',
  'recommend-acceptance': '채택 의결',
  'recommend-rejection': '불채택 의결',
  'accept-petition': '청원 채택(처리)',
  'reject-petition': '청원 불채택',
  'send-petition-notice': '처리결과 통지',
  'uphold-objection': '이의신청 인용',
  'dismiss-objection': '이의신청 기각',
  triage: '처리부서·담당자 지정',
  answer: '답변(처리결과 통지)',
  'close-as-repeated': '반복민원 종결(민원처리법 제23조)',
  'approve-closure': '종결 의결(민원조정위원회)',
  'reject-closure': '종결 불가 의결(답변 처리)',
};

/** Who a task is for: a named person (e.g. the case's assignee) or anyone with a role (optionally in a team). */
export const taskAssigneeSchema = z.union([
  z.object({ sub: z.string().min(1) }),
  z.object({ role: roleSchema, team: teamSchema.optional() }),
]);
export type TaskAssignee = z.infer<typeof taskAssigneeSchema>;

export const taskRecordSchema = z.object({
  taskId: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  caseTitle: z.string(),
  sealed: z.boolean(),
  type: taskTypeSchema,
  titleKo: z.string(),
  stage: caseStageSchema,
  assignee: taskAssigneeSchema,
  allowedDecisions: z.array(decisionSchema).min(1),
  openedAt: z.string(),
  dueAt: z.string(),
  status: z.enum(['open', 'completed', 'cancelled']),
  executionArn: z.string(),
  stateName: z.string(),
  taskToken: z.string(),
  completedAt: z.string().optional(),
  completedBy: z.string().optional(),
  decision: decisionSchema.optional(),
  /** Whether the workflow has been told of the decision (SendTaskSuccess accepted). */
  delivered: z.boolean().optional(),
  /** Where the due date comes from: a statutory period (with its article) or the step's default. */
  dueBasis: z
    .object({
      labelKo: z.string(),
      article: z.string().optional(),
      confidence: z.string().optional(),
      source: z.enum(['statutory', 'default', 'case-limit', 'case-date']),
    })
    .optional(),
  /** Staff who must not see this task: the officials concerned by its case. */
  hiddenFrom: z.array(z.string()).optional(),
  /** The committee whose meeting decides this task (committee-kinds.ts); it waits on that committee's agenda. */
  committee: committeeKindSchema.optional(),
});
export type TaskRecord = z.infer<typeof taskRecordSchema>;

/** A decision with the form its kind needs: a return needs reasons, an assignment needs a person. */
export const decisionFormSchema = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('assign'),
    assigneeSub: z.string().trim().min(1).max(128),
    comment: z.string().trim().max(2000).optional(),
  }),
  z.strictObject({
    decision: z.literal('submit'),
    findings: z.string().trim().min(1).max(20_000),
    comment: z.string().trim().max(2000).optional(),
  }),
  z.strictObject({ decision: z.literal('approve'), comment: z.string().trim().max(2000).optional() }),
  z.strictObject({ decision: z.literal('return'), reasons: z.string().trim().min(1).max(5000) }),
  ...misconductDecisionForms,
  ...petitionDecisionForms,
  ...grievanceDecisionForms,
]);
export type DecisionForm = z.infer<typeof decisionFormSchema>;

export function canActOnTask(actor: Actor, task: TaskRecord, staffTeam: string | undefined): boolean {
  if ('sub' in task.assignee) return task.assignee.sub === actor.sub;
  if (!hasAnyRole(actor, [task.assignee.role])) return false;
  return task.assignee.team === undefined || task.assignee.team === staffTeam || hasAnyRole(actor, ['head', 'admin']);
}

/** The checks a completion must pass before anything is written; each says what is wrong. */
export function assertCanComplete(
  actor: Actor,
  task: TaskRecord,
  form: DecisionForm,
  staffTeam: string | undefined,
  /** The committee whose secretary records this decision at its meeting (checked by the caller). */
  committeeAuthority?: CommitteeKind,
): void {
  if (task.status !== 'open') {
    throw new IllegalTransitionError(
      `Task ${task.taskId} is already ${task.status}`,
      `이미 처리된 업무입니다 (${task.status === 'completed' ? '완료' : '취소'})`,
      {
        field: 'taskId',
        rule: 'task_not_open',
      },
    );
  }
  if (committeeAuthority !== undefined && task.committee !== committeeAuthority) {
    throw new ValidationError(
      `Task ${task.taskId} is not decided by the ${committeeAuthority} committee`,
      '이 위원회가 의결하는 업무가 아닙니다',
      { field: 'taskId', rule: 'not_this_committee' },
    );
  }
  if (committeeAuthority === undefined && !canActOnTask(actor, task, staffTeam)) {
    throw new ForbiddenError('This task is assigned to someone else', '다른 사람에게 배정된 업무입니다', {
      field: 'taskId',
      rule: 'not_your_task',
    });
  }
  if (!task.allowedDecisions.includes(form.decision)) {
    throw new ValidationError(
      `Decision "${form.decision}" is not allowed here; allowed: ${task.allowedDecisions.join(', ')}`,
      `이 업무에서 할 수 없는 결정입니다 (가능: ${task.allowedDecisions.map((d) => DECISION_LABELS[d]).join(', ')})`,
      { field: 'decision', rule: 'decision_not_allowed' },
    );
  }
}
