/**
 * Human tasks (docs/design.md#3-humans-decide-through-task-tokens): each human step of a lifecycle opens a task for a person or a
 * role with a due date and the decisions it allows; the workflow waits on the task's token. The
 * deadline lives on the task, so reminders and escalation read tasks, not executions.
 */
import * as z from 'zod';
import { caseStageSchema } from './case.ts';
import { committeeKindSchema, type CommitteeKind } from './committee-kinds.ts';
import { IllegalTransitionError, ForbiddenError, ValidationError } from './errors.ts';
import { hasAnyRole, ROLE_LABELS, roleSchema, TEAM_LABELS, teamSchema, type Actor } from './roles.ts';

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

/**
 * Whom a person acts for when they do a task that is not theirs (대결, docs/office.md#acting-for-another):
 * the task's own assignee, and why — the head acting for anyone of the office (`acting`), or a team
 * lead's task that fell to the head because every lead of the team is excluded from the case
 * (an official concerned: `excluded`) or the team has no lead (`vacant`).
 */
export const onBehalfOfSchema = z.object({
  sub: z.string().optional(),
  name: z.string().optional(),
  role: roleSchema.optional(),
  team: teamSchema.optional(),
  labelKo: z.string(),
  reason: z.enum(['acting', 'excluded', 'vacant']),
});
export type OnBehalfOf = z.infer<typeof onBehalfOfSchema>;

export const ON_BEHALF_REASON_LABELS: Record<OnBehalfOf['reason'], string> = {
  acting: '대결',
  excluded: '대결(팀장 제척)',
  vacant: '대결(팀장 공석)',
};

/** The assignee a task is done for, as history names them. */
export function principalOf(assignee: TaskAssignee, reason: OnBehalfOf['reason'], name?: string): OnBehalfOf {
  if ('sub' in assignee)
    return { sub: assignee.sub, ...(name !== undefined && { name }), labelKo: name ?? assignee.sub, reason };
  const labelKo = assignee.team
    ? `${TEAM_LABELS[assignee.team]} ${ROLE_LABELS[assignee.role]}`
    : ROLE_LABELS[assignee.role];
  return { role: assignee.role, ...(assignee.team !== undefined && { team: assignee.team }), labelKo, reason };
}

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
  /** Set when the task fell to the head at opening in place of its own assignee (a team lead excluded or absent). */
  onBehalfOf: onBehalfOfSchema.optional(),
});
export type TaskRecord = z.infer<typeof taskRecordSchema>;

/** The fields an assignment may carry to go outside the kind's team and role (head only; policies/assignment.ts). */
export const assignmentOverrideShape = {
  overrideAssignmentRule: z
    .boolean()
    .optional()
    .describe('배정 기준(사건 종류의 팀·역할) 밖의 직원을 배정 — 감사담당관만, 사유 필수, 이력에 기록'),
  overrideReason: z.string().trim().min(1).max(500).optional().describe('배정 기준 예외 사유'),
};

/** The core's decision forms: a return needs reasons, an assignment needs a person; kinds add theirs. */
export const coreDecisionForms = [
  z.strictObject({
    decision: z.literal('assign'),
    assigneeSub: z.string().trim().min(1).max(128),
    ...assignmentOverrideShape,
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

/**
 * By what right `actor` does the task: as its assignee (`onBehalfOf` undefined unless the task fell
 * to them for someone else), or as the head acting for its assignee (대결). A committee's decision
 * is never the head's to take: it is the committee's, recorded by its secretary.
 */
export function taskAuthority(
  actor: Actor,
  task: TaskRecord,
  staffTeam: string | undefined,
): { onBehalfOf?: OnBehalfOf } | undefined {
  if (canActOnTask(actor, task, staffTeam)) return task.onBehalfOf ? { onBehalfOf: task.onBehalfOf } : {};
  if (task.committee === undefined && hasAnyRole(actor, ['head'])) {
    return { onBehalfOf: principalOf(task.assignee, 'acting') };
  }
  return undefined;
}

/** The checks a completion must pass before anything is written; each says what is wrong. Returns the actor's authority. */
export function assertCanComplete(
  actor: Actor,
  task: TaskRecord,
  form: { decision: string },
  staffTeam: string | undefined,
  /** The committee whose secretary records this decision at its meeting (checked by the caller). */
  committeeAuthority: CommitteeKind | undefined,
  /** Korean labels of decisions (the registry's, which knows every kind's). */
  labelOf: (decision: string) => string,
): { onBehalfOf?: OnBehalfOf } {
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
  const authority = committeeAuthority === undefined ? taskAuthority(actor, task, staffTeam) : {};
  if (!authority) {
    throw new ForbiddenError(
      'This task is assigned to someone else (only its assignee, or the head of office acting for them, may do it)',
      '다른 사람에게 배정된 업무입니다 (담당자 또는 대결하는 감사담당관만 처리할 수 있습니다)',
      { field: 'taskId', rule: 'not_your_task' },
    );
  }
  if (!task.allowedDecisions.includes(form.decision)) {
    throw new ValidationError(
      `Decision "${form.decision}" is not allowed here; allowed: ${task.allowedDecisions.join(', ')}`,
      `이 업무에서 할 수 없는 결정입니다 (가능: ${task.allowedDecisions.map(labelOf).join(', ')})`,
      { field: 'decision', rule: 'decision_not_allowed' },
    );
  }
  return authority;
}
