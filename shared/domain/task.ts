/**
 * Human tasks (docs/design.md#3-humans-decide-through-task-tokens): each human step of a lifecycle opens a task for a person or a
 * role with a due date and the decisions it allows; the workflow waits on the task's token. The
 * deadline lives on the task, so reminders and escalation read tasks, not executions.
 */
import * as z from 'zod';
import { caseStageSchema } from './case.ts';
import { committeeKindSchema, type CommitteeKind } from './committee-kinds.ts';
import { IllegalTransitionError, ForbiddenError, ValidationError } from './errors.ts';
import { hasAnyRole, roleSchema, teamSchema, type Actor } from './roles.ts';

/** The task types of the core's review steps; each kind adds its own (kind.ts `taskTypes`). */
export const CORE_TASK_TYPES = ['assign', 'investigate', 'review', 'approve'] as const;
/** A task type: the core's or a kind's; the registry knows them all (kind-registry.ts). */
export const taskTypeSchema = z.string().min(1).max(64);
export type TaskType = string;

/** The core's decisions; each kind adds its own with their forms (kind.ts `decisions`). */
export const CORE_DECISION_LABELS: Record<string, string> = {
  assign: '배정',
  submit: '제출',
  approve: '승인',
  return: '반려(보완 요구)',
};
export const decisionSchema = z.string().min(1).max(64);
export type Decision = string;

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

/** The core's decision forms: a return needs reasons, an assignment needs a person; kinds add theirs. */
export const coreDecisionForms = [
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
] as const;

/** A decision as the core handles it: the decision's name and its form's fields, checked by the registry's schema. */
export interface AnyDecisionForm {
  decision: string;
  [field: string]: unknown;
}

/** When a task is due and why: a statutory period (with its article), the step's default, or the case's own limit. */
export interface TaskDue {
  dueAt: string;
  basis: {
    labelKo: string;
    article?: string;
    confidence?: string;
    source: 'statutory' | 'default' | 'case-limit' | 'case-date';
  };
}

export function canActOnTask(actor: Actor, task: TaskRecord, staffTeam: string | undefined): boolean {
  if ('sub' in task.assignee) return task.assignee.sub === actor.sub;
  if (!hasAnyRole(actor, [task.assignee.role])) return false;
  return task.assignee.team === undefined || task.assignee.team === staffTeam || hasAnyRole(actor, ['head', 'admin']);
}

/** The checks a completion must pass before anything is written; each says what is wrong. */
export function assertCanComplete(
  actor: Actor,
  task: TaskRecord,
  form: { decision: string },
  staffTeam: string | undefined,
  /** The committee whose secretary records this decision at its meeting (checked by the caller). */
  committeeAuthority: CommitteeKind | undefined,
  /** Korean labels of decisions (the registry's, which knows every kind's). */
  labelOf: (decision: string) => string,
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
      `이 업무에서 할 수 없는 결정입니다 (가능: ${task.allowedDecisions.map(labelOf).join(', ')})`,
      { field: 'decision', rule: 'decision_not_allowed' },
    );
  }
}
