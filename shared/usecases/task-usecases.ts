/**
 * Human tasks in a lifecycle: the workflow opens them (a step), people complete them (the API), and
 * the decision goes back to the workflow by its task token. The case record is the source of truth:
 * a decision is committed with the case, its history and an outbox intent to tell the workflow; the
 * relay delivers the intent (at once, and again from the outbox after a crash: outbox-relay.ts).
 */
import { ulid } from 'ulid';
import type { Calendar } from '../calendar/index.ts';
import { moveToStage, suspendedError, type CaseRecord, type CaseStage } from '../domain/case.ts';
import { ForbiddenError, IllegalTransitionError, NotFoundError, VersionConflictError } from '../domain/errors.ts';
import type { EventActor, EventDraft, HistoryEvent } from '../domain/history.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import { primaryRole, type Actor, type Role, type Team } from '../domain/roles.ts';
import type { KindRegistry } from '../domain/kind-registry.ts';
import {
  assertCanComplete,
  principalOf,
  type AnyDecisionForm,
  type OnBehalfOf,
  type TaskRecord,
  type TaskType,
} from '../domain/task.ts';
import { checkAssignee, recordException } from '../policies/assignment.ts';
import { canReadCase, teamTasksScope } from '../policies/case-access.ts';
import { KINDS } from '../kinds/registry.ts';
import type { CommitteeKind } from '../domain/committee-kinds.ts';
import { dueAfterBusinessDays } from '../policies/task-deadlines.ts';
import {
  type AtomicWrite,
  type CaseRepository,
  type IdempotencyStore,
  type OutboxStore,
  RelatedItemConflictError,
  type StaffRepository,
  type TaskRepository,
} from './ports.ts';
import type { OutboxIntent } from '../domain/outbox.ts';
import type { TaskSignaller } from '../workflow/case-workflows.ts';
import { outboxRelay } from './outbox-relay.ts';
import { runIdempotent, type IdempotencyRequest } from './idempotent.ts';

export interface TaskUseCaseDeps {
  cases: CaseRepository;
  tasks: TaskRepository;
  staff: Pick<StaffRepository, 'get' | 'listByTeam'>;
  idempotency: Pick<IdempotencyStore, 'find'>;
  signaller: TaskSignaller;
  /** Where a decision's delivery is recorded with the decision (without it, a crash can strand it). */
  outbox?: OutboxStore;
  calendar: Calendar;
  /** The kinds of case (default: the office's); their modules decide what a decision changes. */
  kinds?: KindRegistry;
  clock?: () => Date;
  newId?: () => string;
  log?: (entry: Record<string, unknown>) => void;
}

export interface OpenTaskInput {
  caseId: string;
  taskType: TaskType;
  titleKo: string;
  stage: CaseStage;
  assignTo: 'case-assignee' | { role: Role; team?: Team | 'case-team' };
  allowedDecisions: TaskRecord['allowedDecisions'];
  dueInBusinessDays: number;
  /** A due-date rule that replaces the business-day default (statutory periods, case limits). */
  dueRule?: string;
  /** The committee whose meeting decides this task (it waits on that committee's agenda). */
  committee?: CommitteeKind;
  taskToken: string;
  executionArn: string;
  stateName: string;
}

/** A workflow step failed for a reason retrying will not fix; its name is what a Catch matches. */
export class CaseHasNoAssigneeError extends Error {
  override name = 'CaseHasNoAssigneeError';
}
export class CaseNotFoundForStepError extends Error {
  override name = 'CaseNotFoundForStepError';
}
/** A step reached a suspended case (지방공무원법 제73조): it must not act; resumption starts a new execution. */
export class CaseSuspendedForStepError extends Error {
  override name = 'CaseSuspendedForStepError';
}

const SYSTEM_ACTOR: EventActor = { sub: 'system:workflow', name: '업무흐름', role: 'system' };
const MAX_CONFLICT_RETRIES = 8;

export function taskUseCases(deps: TaskUseCaseDeps) {
  const clock = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? (() => ulid());
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const relay = deps.outbox
    ? outboxRelay({ outbox: deps.outbox, cases: deps.cases, tasks: deps.tasks, signaller: deps.signaller, clock, log })
    : undefined;
  const kinds = deps.kinds ?? KINDS;

  /** System steps race with people's edits only on the version: reload and try again. */
  async function withFreshCase<T, A = undefined>(
    caseId: string,
    work: (c: CaseRecord, alongside: A) => Promise<T>,
    /** A read made at the same time as the case's (e.g. its tasks), again on every attempt. */
    readAlongside?: () => Promise<A>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const [c, alongside] = await Promise.all([deps.cases.get(caseId), readAlongside?.() as Promise<A>]);
      if (!c) throw new CaseNotFoundForStepError(`case ${caseId} does not exist`);
      try {
        return await work(c, alongside);
      } catch (error) {
        if (error instanceof VersionConflictError && attempt < MAX_CONFLICT_RETRIES) continue;
        throw error;
      }
    }
  }

  async function deliver(task: TaskRecord, output: Record<string, unknown>): Promise<boolean> {
    try {
      await deps.signaller.succeed(task.taskToken, output);
      await deps.tasks.markDelivered(task);
      return true;
    } catch (error) {
      // The decision is committed with its outbox intent; the relay tells the workflow later.
      log({
        level: 'warn',
        message: 'workflow not yet told of a decision',
        taskId: task.taskId,
        caseId: task.caseId,
        error: error instanceof Error ? error.name : String(error),
      });
      return false;
    }
  }

  /**
   * A team lead's task falls to the head when no lead of the team may take it: every active lead is
   * excluded from the case (an official concerned), or the team has none. Why is kept on the task.
   */
  async function fallsToHead(
    assignee: TaskRecord['assignee'],
    excluded: readonly string[],
  ): Promise<'excluded' | 'vacant' | undefined> {
    if ('sub' in assignee || assignee.role !== 'team-lead' || assignee.team === undefined) return undefined;
    const leads = (await deps.staff.listByTeam(assignee.team)).filter((m) => m.active && m.roles.includes('team-lead'));
    if (leads.length === 0) return 'vacant';
    return leads.every((m) => excluded.includes(m.sub)) ? 'excluded' : undefined;
  }

  function outputOf(task: TaskRecord, form: AnyDecisionForm, actor: Actor) {
    return { ...form, taskId: task.taskId, taskType: task.type, by: actor.sub };
  }

  return {
    /** Step: open (or, after a restart of the same state, re-open with the new token) a human task. */
    async openHumanTask(input: OpenTaskInput): Promise<{ taskId: string; reopened: boolean; dueAt: string }> {
      return withFreshCase(
        input.caseId,
        async (c, tasksOfCase) => {
          if (c.stage === 'suspended')
            throw new CaseSuspendedForStepError(`case ${c.caseNumber} is suspended; no task opens until it is resumed`);
          // The latest task of this execution tells a re-run of the same visit (after a crash) from a
          // new visit of the state (e.g. rework after a return, which follows another task).
          const latest = tasksOfCase
            .filter((t) => t.executionArn === input.executionArn)
            .sort((a, b) => a.taskId.localeCompare(b.taskId))
            .at(-1);
          if (latest && latest.stateName === input.stateName && latest.status !== 'cancelled') {
            if (latest.taskToken !== input.taskToken) await deps.tasks.replaceToken(latest, input.taskToken);
            const current = { ...latest, taskToken: input.taskToken };
            if (latest.status === 'completed') {
              // Decided before the restart: hand the recorded decision to the re-run task at once.
              await deliver(current, {
                decision: latest.decision,
                taskId: latest.taskId,
                taskType: latest.type,
                by: latest.completedBy,
                redelivered: true,
              });
            }
            return { taskId: latest.taskId, reopened: true, dueAt: latest.dueAt };
          }
          let assignee: TaskRecord['assignee'];
          if (input.assignTo === 'case-assignee') {
            if (!c.assigneeSub)
              throw new CaseHasNoAssigneeError(`case ${c.caseNumber} has no assignee for a ${input.taskType} task`);
            assignee = { sub: c.assigneeSub };
          } else {
            const team = input.assignTo.team === 'case-team' ? c.team : input.assignTo.team;
            assignee = { role: input.assignTo.role, ...(team !== undefined && { team }) };
          }
          const now = toKoreaIso(clock());
          const due = input.dueRule
            ? kinds.taskDue(input.dueRule, { c, now, calendar: deps.calendar })
            : { dueAt: dueAfterBusinessDays(deps.calendar, now, input.dueInBusinessDays), basis: undefined };
          const hiddenFrom = [...(kinds.get(c.kind).guards?.hiddenFrom?.(c) ?? [])];
          const fallen = await fallsToHead(assignee, hiddenFrom);
          let onBehalfOf: OnBehalfOf | undefined;
          if (fallen) {
            onBehalfOf = principalOf(assignee, fallen);
            assignee = { role: 'head' };
          }
          const task: TaskRecord = {
            taskId: newId(),
            caseId: c.caseId,
            caseNumber: c.caseNumber,
            caseTitle: c.title,
            sealed: c.sealed,
            type: input.taskType,
            titleKo: input.titleKo,
            stage: input.stage,
            assignee,
            allowedDecisions: input.allowedDecisions,
            openedAt: now,
            dueAt: due.dueAt,
            ...(due.basis && { dueBasis: due.basis }),
            ...(hiddenFrom.length > 0 && { hiddenFrom }),
            ...(input.committee !== undefined && { committee: input.committee }),
            ...(onBehalfOf !== undefined && { onBehalfOf }),
            status: 'open',
            executionArn: input.executionArn,
            stateName: input.stateName,
            taskToken: input.taskToken,
          };
          const staged = moveToStage(c, input.stage, SYSTEM_ACTOR, now, { by: 'workflow', state: input.stateName });
          const drafts: EventDraft[] = [
            ...staged.drafts,
            {
              type: 'TASK_OPENED',
              at: now,
              actor: SYSTEM_ACTOR,
              data: {
                taskId: task.taskId,
                taskType: task.type,
                titleKo: task.titleKo,
                assignee,
                ...(onBehalfOf !== undefined && { onBehalfOf }),
                dueAt: task.dueAt,
                ...(due.basis && { dueBasis: due.basis }),
                allowedDecisions: task.allowedDecisions,
                executionArn: input.executionArn,
              },
            },
          ];
          await deps.cases.commit(
            c,
            { next: { ...staged.next, executionArn: input.executionArn }, drafts },
            undefined,
            [deps.tasks.putOpen(task)],
          );
          return { taskId: task.taskId, reopened: false, dueAt: task.dueAt };
        },
        // Read with the case, not after it: one round trip instead of two.
        () => deps.tasks.ofCase(input.caseId),
      );
    },

    /** Step: a system stage change (e.g. closing); does nothing when the case is already there. */
    async changeStage(input: {
      caseId: string;
      stage: CaseStage;
      stateName: string;
    }): Promise<{ stage: CaseStage; version: number; changed: boolean }> {
      return withFreshCase(input.caseId, async (c) => {
        // A retried step finds the stage already changed: `changed` stays false, so it is counted once.
        if (c.stage === input.stage) return { stage: c.stage, version: c.version, changed: false };
        if (c.stage === 'suspended')
          throw new CaseSuspendedForStepError(`case ${c.caseNumber} is suspended; it stays where it is until resumed`);
        const now = toKoreaIso(clock());
        const change = moveToStage(c, input.stage, SYSTEM_ACTOR, now, { by: 'workflow', state: input.stateName });
        const written = await deps.cases.commit(c, change);
        return { stage: written.case.stage, version: written.case.version, changed: true };
      });
    },

    async listMyTasks(actor: Actor, limit: number): Promise<TaskRecord[]> {
      const member = await deps.staff.get(actor.sub);
      // An official concerned never sees their own case, not even as a task title in a role queue.
      return (await deps.tasks.openForActor(actor, member?.team, limit)).filter(
        (t) => !t.hiddenFrom?.includes(actor.sub),
      );
    },

    /**
     * A team's open tasks for its lead or the head, each with who holds it. A task is listed only when
     * its case may be read by the caller (an official concerned, a lead among them, never sees it).
     */
    async listTeamTasks(
      actor: Actor,
      asked: Team | undefined,
      limit: number,
    ): Promise<{ team: Team; items: TaskRecord[]; holders: Record<string, string> }> {
      const member = await deps.staff.get(actor.sub);
      const team = teamTasksScope(actor, asked, member?.team as Team | undefined);
      const members = await deps.staff.listByTeam(team);
      const open = (
        await deps.tasks.openForTeam(
          team,
          members.map((m) => m.sub),
          limit,
        )
      ).filter((t) => !t.hiddenFrom?.includes(actor.sub));
      const cases = await deps.cases.getMany(open.map((t) => t.caseId));
      const items = open.filter((t) => {
        const c = cases.get(t.caseId);
        return c !== undefined && canReadCase(actor, c);
      });
      const held = new Set(items.flatMap((t) => ('sub' in t.assignee ? [t.assignee.sub] : [])));
      const holders = Object.fromEntries(members.filter((m) => held.has(m.sub)).map((m) => [m.sub, m.name]));
      return { team, items, holders };
    },

    async tasksOfCase(caseId: string): Promise<TaskRecord[]> {
      return deps.tasks.ofCase(caseId);
    },

    /** API: a person completes a task with a decision; the workflow then moves on. */
    async completeTask(
      actor: Actor,
      caseId: string,
      taskId: string,
      form: AnyDecisionForm,
      idempotency?: IdempotencyRequest,
      /**
       * A committee's decision recorded at its meeting (committee-usecases.ts, which checks the actor
       * is that committee's secretary): the task must be one the committee decides, the minutes go
       * into the case history and `also` (the meeting's decision item) into the same transaction.
       */
      committee?: { kind: CommitteeKind; minutes: Record<string, unknown>; also: AtomicWrite[] },
    ) {
      const now = clock();
      const intentFor = (t: TaskRecord): OutboxIntent => ({
        type: 'task-success',
        caseId,
        taskId,
        output: outputOf(t, form, actor),
      });
      const assigning = kinds.isAssigning(form.decision) ? String(form.assigneeSub) : undefined;
      const outcome = await runIdempotent(deps.idempotency, actor.sub, idempotency, now, async (claimFor) => {
        // Independent reads in one round trip's time (they were one after another).
        const [task, c, member, assigneeMember] = await Promise.all([
          deps.tasks.get(caseId, taskId),
          deps.cases.get(caseId),
          deps.staff.get(actor.sub),
          assigning === undefined ? undefined : deps.staff.get(assigning),
        ]);
        if (!task)
          throw new NotFoundError(`No task ${taskId} in case ${caseId}`, '해당 업무를 찾을 수 없습니다', {
            field: 'taskId',
            rule: 'not_found',
          });
        if (!c)
          throw new NotFoundError(`No case with id ${caseId}`, `사건(${caseId})을 찾을 수 없습니다`, {
            field: 'caseId',
            rule: 'not_found',
          });
        const kind = kinds.get(c.kind);
        kind.guards?.assertMayHandle?.(c, actor.sub, 'taskId');
        if (c.stage === 'suspended') throw kind.guards?.suspendedError?.(c) ?? suspendedError(c);
        const authority = assertCanComplete(actor, task, form, member?.team, committee?.kind, kinds.decisionLabel);
        const ownFindings = c.assigneeSub === actor.sub || kind.guards?.authoredFindings?.(c, actor.sub) === true;
        if ((task.type === 'approve' || task.type === 'review') && ownFindings) {
          const verb = task.type === 'approve' ? '결재할' : '검토할';
          throw new ForbiddenError(
            `You cannot ${task.type} your own findings`,
            `본인이 작성한 조사 결과는 본인이 ${verb} 수 없습니다`,
            { field: 'taskId', rule: 'self_approval' },
          );
        }
        const newAssignee = assigning;
        let exception: ReturnType<typeof checkAssignee>;
        if (newAssignee !== undefined) {
          exception = checkAssignee({
            actor,
            kind,
            sub: newAssignee,
            member: assigneeMember,
            override: {
              overrideAssignmentRule: form.overrideAssignmentRule as boolean | undefined,
              overrideReason: form.overrideReason as string | undefined,
            },
          });
          kind.guards?.assertMayHandle?.(c, newAssignee);
        }
        await kind.decisions?.check?.(c, form, deps.cases);
        const at = toKoreaIso(now);
        // Acting for someone (대결): their name from the directory, so the history says whose task it was.
        let onBehalfOf = authority.onBehalfOf;
        if (onBehalfOf?.sub !== undefined && onBehalfOf.name === undefined) {
          const principal = await deps.staff.get(onBehalfOf.sub);
          if (principal) onBehalfOf = principalOf({ sub: onBehalfOf.sub }, onBehalfOf.reason, principal.name);
        }
        const eventActor: EventActor = {
          sub: actor.sub,
          ...(actor.name !== undefined && { name: actor.name }),
          role: primaryRole(actor),
          ...(onBehalfOf !== undefined && { onBehalfOf }),
        };
        const { decision, ...details } = form;
        const drafts: EventDraft[] = [
          {
            type: 'TASK_COMPLETED',
            at,
            actor: eventActor,
            data: { taskId, taskType: task.type, decision, decisionLabel: kinds.decisionLabel(decision), ...details },
          },
        ];
        if (committee) drafts.push({ type: 'COMMITTEE_MINUTES', at, actor: eventActor, data: committee.minutes });
        const next: CaseRecord = { ...c, updatedAt: at, version: c.version + 1 };
        if (newAssignee !== undefined) {
          next.assigneeSub = newAssignee;
          drafts.push(
            ...recordException(
              [
                {
                  type: 'ASSIGNED' as const,
                  at,
                  actor: eventActor,
                  data: { assigneeSub: newAssignee, previous: c.assigneeSub ?? null },
                },
              ],
              exception,
            ),
          );
        }
        // What the decision changes on the case is the kind's to say (kind.ts `decisions.apply`).
        const applied = kind.decisions?.apply?.(c, task, form, { actorSub: actor.sub, at, calendar: deps.calendar });
        if (applied) {
          Object.assign(next, applied.patch);
          drafts.push(...applied.drafts.map((d) => ({ ...d, at, actor: eventActor })));
        }
        try {
          const written: { case: CaseRecord; events: HistoryEvent[] } = await deps.cases.commit(
            c,
            { next, drafts },
            claimFor,
            [
              deps.tasks.complete(task, { sub: actor.sub, decision, at }),
              ...(committee?.also ?? []),
              ...(deps.outbox ? [deps.outbox.put(intentFor(task), now)] : []),
            ],
          );
          return {
            ...written,
            task: { ...task, status: 'completed' as const, completedAt: at, completedBy: actor.sub, decision },
          };
        } catch (error) {
          if (error instanceof RelatedItemConflictError) {
            throw new IllegalTransitionError(
              `Task ${taskId} was completed by someone else`,
              '다른 사람이 이미 처리한 업무입니다',
              { field: 'taskId', rule: 'task_not_open', cause: error },
            );
          }
          throw error;
        }
      });
      // A fresh commit completed the very task it read: the write is conditional on the task's token, so
      // that token is the one to deliver with (no read: if the workflow re-opens the task with a new
      // token afterwards, the old one answers "used" and the relay reads the task and follows). A replayed
      // result (same Idempotency-Key) holds the case and events only: the task is read, and may be
      // delivered already.
      const stored = outcome.replayed
        ? ((await deps.tasks.get(caseId, taskId)) ?? outcome.result.task)
        : outcome.result.task;
      const workflowNotified =
        stored.delivered === true ||
        (relay
          ? (await relay.deliverNow(intentFor(stored), now, outcome.replayed ? undefined : stored)).delivered
          : await deliver(stored, outputOf(stored, form, actor)));
      return { ...outcome, result: { ...outcome.result, task: stored }, workflowNotified };
    },
  };
}

export type TaskUseCases = ReturnType<typeof taskUseCases>;
