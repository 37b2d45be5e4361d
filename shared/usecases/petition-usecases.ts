/**
 * Petitions beyond "complete a task": the one extension of the processing period (청원법 제21조③),
 * objections (제22조), and the two workflow steps that read the petition — where it stands
 * (`nextStep`) and the end of the public comment period (`commentPeriodEnded`).
 *
 * An extension moves the statutory due date and, in the same transaction, the due date of every open
 * task timed by it. An objection reopens a closed petition, or interrupts an open one (its open
 * tasks are cancelled with the case, its execution stopped), and a new execution, named so starting
 * it is idempotent, decides the objection first and then continues where the petition stood.
 */
import type { Calendar } from '../calendar/index.ts';
import type { CaseRecord } from '../domain/case.ts';
import { ForbiddenError, VersionConflictError } from '../domain/errors.ts';
import type { HistoryEvent } from '../domain/history.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import {
  closeCommentPeriod,
  commentPeriodEndsAt,
  extendPetition,
  fileObjection,
  nextPetitionStep,
  type ExtensionInput,
  type ObjectionInput,
  type PetitionStep,
} from '../kinds/petition/petition.ts';
import { hasAnyRole, type Actor, type Role } from '../domain/roles.ts';
import type { TaskType } from '../domain/task.ts';
import { assertCanRead } from '../policies/case-access.ts';
import { petitionTaskDue, type PetitionDueRule } from '../kinds/petition/petition-deadlines.ts';
import { type CaseRepository, type IdempotencyStore, RelatedItemConflictError, type TaskRepository } from './ports.ts';
import type { WorkflowStarter } from '../workflow/case-workflows.ts';
import { runIdempotent, type IdempotencyRequest } from './idempotent.ts';
import { CaseNotFoundForStepError } from './task-usecases.ts';
import {
  assertExpectedVersion,
  eventActorOf,
  loadCase,
  startPendingExecution,
  tasksChangedError,
} from './case-operations.ts';

export interface PetitionUseCaseDeps {
  cases: CaseRepository;
  tasks: TaskRepository;
  idempotency: Pick<IdempotencyStore, 'find'>;
  calendar: Calendar;
  workflows?: WorkflowStarter;
  clock?: () => Date;
  log?: (entry: Record<string, unknown>) => void;
}

/** The workflow asked a petition step of a case that is not a petition. */
export class NotAPetitionError extends Error {
  override name = 'NotAPetitionError';
}

/** Extending is the office's decision (제21조③ "청원기관의 장"): managers only. */
const EXTENDERS: readonly Role[] = ['team-lead', 'head', 'admin'];
/** Objections are received like petitions: by intake staff and managers. */
const OBJECTION_RECEIVERS: readonly Role[] = ['clerk', 'team-lead', 'head', 'admin'];

/** Which due rule times each petition task (petition.workflow.ts), to move open tasks when the period moves. */
const DUE_RULE_OF_TASK: Partial<Record<TaskType, PetitionDueRule>> = {
  'screen-petition': 'petition.screen',
  'review-petition': 'petition.decision',
  'decide-petition': 'petition.decision',
  'notify-petitioner': 'petition.decision',
};

export function petitionUseCases(deps: PetitionUseCaseDeps) {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const eventActor = eventActorOf;

  const load = (caseId: string) => loadCase(deps.cases, caseId);

  const checkVersion = assertExpectedVersion;

  const tasksChanged = tasksChangedError;

  /** Starts the execution an objection committed, after stopping the one parked at a cancelled task. */
  const startObjectionExecution = (caseId: string, previousExecutionArn: string | undefined) =>
    startPendingExecution({ cases: deps.cases, workflows: deps.workflows, log }, caseId, {
      purpose: 'petition objection',
      previousExecution: () => previousExecutionArn,
    });

  return {
    /** POST /cases/{caseId}/petition/extension — once, up to 60 days, with the reason and the notice (제21조③). */
    async extend(actor: Actor, caseId: string, input: ExtensionInput, idempotency?: IdempotencyRequest) {
      if (!hasAnyRole(actor, EXTENDERS)) {
        throw new ForbiddenError(
          'Only a team lead, the head of office or an admin can extend a petition',
          '청원 처리기간 연장은 팀장, 감사담당관 또는 관리자만 할 수 있습니다',
          { rule: 'role_cannot_extend' },
        );
      }
      const now = clock();
      return runIdempotent(
        deps.idempotency,
        actor.sub,
        idempotency,
        now,
        async (claimFor): Promise<{ case: CaseRecord; events: HistoryEvent[] }> => {
          const c = await load(caseId);
          assertCanRead(actor, c);
          checkVersion(c, input.expectedVersion);
          const { expectedVersion: _v, ...extension } = input;
          const change = extendPetition(c, extension, eventActor(actor), toKoreaIso(now), deps.calendar);
          // Open tasks timed by the processing period move with it, in the same transaction.
          const open = (await deps.tasks.ofCase(caseId)).filter((t) => t.status === 'open');
          const moves = open.flatMap((task) => {
            const rule = DUE_RULE_OF_TASK[task.type];
            if (!rule) return [];
            const due = petitionTaskDue(rule, { c: change.next, now: task.openedAt, calendar: deps.calendar });
            return due.dueAt === task.dueAt ? [] : [{ task, due }];
          });
          const draft = change.drafts[0]!;
          draft.data = {
            ...draft.data,
            movedTasks: moves.map((m) => ({
              taskId: m.task.taskId,
              taskType: m.task.type,
              before: m.task.dueAt,
              after: m.due.dueAt,
            })),
          };
          try {
            return await deps.cases.commit(
              c,
              change,
              claimFor,
              moves.map((m) => deps.tasks.moveDue(m.task, m.due.dueAt, m.due.basis)),
            );
          } catch (error) {
            if (error instanceof RelatedItemConflictError) throw tasksChanged(error);
            throw error;
          }
        },
      );
    },

    /** POST /cases/{caseId}/petition/objection — reopens or interrupts the petition to decide the objection within 15 days. */
    async fileObjection(actor: Actor, caseId: string, input: ObjectionInput, idempotency?: IdempotencyRequest) {
      if (!hasAnyRole(actor, OBJECTION_RECEIVERS)) {
        throw new ForbiddenError('Your role cannot receive objections', '이의신청을 접수할 권한이 없습니다', {
          rule: 'role_cannot_receive_objection',
        });
      }
      const now = clock();
      let previousExecutionArn: string | undefined;
      const outcome = await runIdempotent(
        deps.idempotency,
        actor.sub,
        idempotency,
        now,
        async (claimFor): Promise<{ case: CaseRecord; events: HistoryEvent[] }> => {
          const c = await load(caseId);
          assertCanRead(actor, c);
          const open = (await deps.tasks.ofCase(caseId)).filter((t) => t.status === 'open');
          const executionName = `${c.caseId}-objection-${(c.petition?.objections.length ?? 0) + 1}`;
          const change = fileObjection(
            c,
            input,
            open.length,
            eventActor(actor),
            toKoreaIso(now),
            executionName,
            deps.calendar,
          );
          const draft = change.drafts[0]!;
          draft.data = { ...draft.data, cancelledTasks: open.map((t) => t.taskId) };
          previousExecutionArn = c.stage === 'closed' ? undefined : c.executionArn;
          try {
            return await deps.cases.commit(
              c,
              { next: change.next, drafts: change.drafts },
              claimFor,
              open.map((t) => deps.tasks.cancel(t)),
            );
          } catch (error) {
            if (error instanceof RelatedItemConflictError) throw tasksChanged(error);
            throw error;
          }
        },
      );
      // Also on a replay: a start that failed the first time is tried again (the name keeps it single).
      const workflowStarted = await startObjectionExecution(caseId, previousExecutionArn);
      return { ...outcome, workflowStarted };
    },

    /** Workflow step: where the petition stands; for the comment period, when it ends. */
    async nextStep(caseId: string): Promise<{ next: PetitionStep; waitUntil: string | null }> {
      const c = await deps.cases.get(caseId);
      if (!c) throw new CaseNotFoundForStepError(`case ${caseId} does not exist`);
      if (!c.petition) throw new NotAPetitionError(`case ${c.caseNumber} is not a petition`);
      const next = nextPetitionStep(c.petition);
      const waitUntil = next === 'wait-for-comments' ? commentPeriodEndsAt(c.petition) : undefined;
      // Always present (null when not waiting): the state's ResultSelector reads it.
      return { next, waitUntil: waitUntil ?? null };
    },

    /** Workflow step after the Wait: the comment period has run; recorded once (a re-run changes nothing). */
    async commentPeriodEnded(caseId: string): Promise<{ closedOn: string | null }> {
      for (let attempt = 1; ; attempt++) {
        const c = await deps.cases.get(caseId);
        if (!c) throw new CaseNotFoundForStepError(`case ${caseId} does not exist`);
        if (!c.petition) throw new NotAPetitionError(`case ${c.caseNumber} is not a petition`);
        const change = closeCommentPeriod(
          c,
          { sub: 'system:workflow', name: '업무흐름', role: 'system' },
          toKoreaIso(clock()),
        );
        if (!change) return { closedOn: c.petition.commentPeriod?.closedOn ?? null };
        try {
          const written = await deps.cases.commit(c, change);
          return { closedOn: written.case.petition?.commentPeriod?.closedOn ?? null };
        } catch (error) {
          if (error instanceof VersionConflictError && attempt < 8) continue;
          throw error;
        }
      }
    },
  };
}

export type PetitionUseCases = ReturnType<typeof petitionUseCases>;
