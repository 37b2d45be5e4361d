/**
 * Committees and their meetings (issue 5): the office registers each committee; its secretary
 * schedules meetings, records attendance (which opens the meeting and freezes its agenda — the
 * cases then waiting for the committee), recusals, and per agenda item the votes and the decision.
 * Recording a decision completes the case's waiting task through the ordinary completion use case
 * (case, history with the minutes, task and the meeting's decision item in one transaction, then
 * SendTaskSuccess), so each case's workflow moves on from the meeting.
 */
import { ulid } from 'ulid';
import type { Calendar } from '../calendar/index.ts';
import {
  agendaItemOf,
  assertCanManageCommittees,
  assertCanReadMeeting,
  assertCanSchedule,
  assertCommitteeRecorder,
  attendanceQuorum,
  automaticRecusals,
  cancelMeeting,
  checkMeetingTime,
  committeeFromInput,
  meetingDate,
  minutesOf,
  recordAttendance,
  recordRecusal,
  rescheduleMeeting,
  tallyDecision,
  type AgendaItem,
  type Committee,
  type CommitteeInput,
  type CommitteeKind,
  type ItemDecision,
  type Meeting,
  type Votes,
} from '../domain/committee.ts';
import { IllegalTransitionError, NotFoundError, ValidationError, VersionConflictError } from '../domain/errors.ts';
import { koreaDate, toKoreaIso } from '../domain/korea-time.ts';
import { addDays } from '../calendar/korea-dates.ts';
import type { Actor } from '../domain/roles.ts';
import { KINDS, type DecisionForm } from '../kinds/registry.ts';
import type {
  CaseRepository,
  CommitteeRepository,
  IdempotencyStore,
  StaffRepository,
  TaskRepository,
} from './ports.ts';
import { runIdempotent, type IdempotencyRequest } from './idempotent.ts';
import type { TaskUseCases } from './task-usecases.ts';

export interface CommitteeUseCaseDeps {
  committees: CommitteeRepository;
  tasks: Pick<TaskRepository, 'openForCommittee' | 'get'>;
  /** For the 보고 안건: the closed cases of the kinds reported to the committee. */
  cases: Pick<CaseRepository, 'receivedBetween'>;
  completion: Pick<TaskUseCases, 'completeTask'>;
  staff: Pick<StaffRepository, 'get'>;
  idempotency: Pick<IdempotencyStore, 'find'>;
  calendar: Calendar;
  clock?: () => Date;
  newId?: () => string;
}

export interface MeetingView {
  meeting: Meeting;
  committee: Pick<Committee, 'kind' | 'nameKo' | 'secretarySub' | 'quorum'>;
  /** The agenda: frozen once the meeting opened, otherwise the cases waiting for the committee now. */
  agenda: (AgendaItem & { recusedMemberIds: string[]; decision?: ItemDecision })[];
  agendaFrozen: boolean;
  /** 보고 안건: cases of the kinds reported to this committee, closed since its previous meeting that sat. */
  reports: ReportedCase[];
  quorum: ReturnType<typeof attendanceQuorum>;
  undecided: number;
}

/** A closed case reported to a committee (no vote): the kind writes its line. */
export interface ReportedCase {
  caseId: string;
  caseNumber: string;
  kind: string;
  kindLabelKo: string;
  closedOn: string;
  line: string;
}

/** How far back a reported case may have been received, and the window when the committee never sat before. */
const REPORT_RECEIVED_WITHIN_DAYS = 3 * 365;
const FIRST_REPORT_WINDOW_DAYS = 365;

const notFoundCommittee = (kind: string) =>
  new NotFoundError(`No committee ${kind} is registered`, `등록되지 않은 위원회입니다 (${kind})`, {
    field: 'committee',
    rule: 'not_found',
  });
const notFoundMeeting = (id: string) =>
  new NotFoundError(`No meeting ${id}`, `회의(${id})를 찾을 수 없습니다`, { field: 'meetingId', rule: 'not_found' });

export function committeeUseCases(deps: CommitteeUseCaseDeps) {
  const clock = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? (() => ulid());
  const isBusinessDay = (d: string) => deps.calendar.isBusinessDay(d);

  async function committeeOf(kind: CommitteeKind): Promise<Committee> {
    const committee = await deps.committees.get(kind);
    if (!committee) throw notFoundCommittee(kind);
    return committee;
  }

  async function meetingAndCommittee(meetingId: string): Promise<{ meeting: Meeting; committee: Committee }> {
    const meeting = await deps.committees.getMeeting(meetingId);
    if (!meeting) throw notFoundMeeting(meetingId);
    return { meeting, committee: await committeeOf(meeting.committee) };
  }

  /** The cases waiting for the committee now, as agenda items. */
  async function liveAgenda(kind: CommitteeKind): Promise<AgendaItem[]> {
    return (await deps.tasks.openForCommittee(kind)).map(agendaItemOf);
  }

  /**
   * The 보고 안건 of a meeting: cases of the reporting kinds closed after the committee's previous meeting that
   * sat (or within a year when none did) up to this meeting's day. A cancelled meeting reports nothing.
   */
  async function reportsFor(actor: Actor, meeting: Meeting, committee: Committee): Promise<ReportedCase[]> {
    const kinds = KINDS.reportedTo(committee.kind);
    if (kinds.length === 0 || meeting.status === 'cancelled') return [];
    const day = meetingDate(meeting);
    const sat = (
      await deps.committees.meetingsBetween(committee.kind, addDays(day, -FIRST_REPORT_WINDOW_DAYS), addDays(day, -1))
    )
      .filter((m) => m.meetingId !== meeting.meetingId && (m.status === 'held' || m.status === 'closed'))
      .map(meetingDate)
      .sort();
    const after = sat.at(-1) ?? addDays(day, -FIRST_REPORT_WINDOW_DAYS);
    const reports: ReportedCase[] = [];
    for (const k of kinds) {
      for await (const c of deps.cases.receivedBetween(k.kind, addDays(day, -REPORT_RECEIVED_WITHIN_DAYS), day)) {
        if (c.stage !== 'closed' || c.closedAt === undefined) continue;
        if ((k.guards?.hiddenFrom?.(c) ?? []).includes(actor.sub)) continue;
        const closedOn = koreaDate(new Date(c.closedAt));
        if (closedOn <= after || closedOn > day) continue;
        reports.push({
          caseId: c.caseId,
          caseNumber: c.caseNumber,
          kind: c.kind,
          kindLabelKo: k.labelKo,
          closedOn,
          line: k.reportedTo!.line(c),
        });
      }
    }
    return reports.sort((a, b) => a.closedOn.localeCompare(b.closedOn) || a.caseNumber.localeCompare(b.caseNumber));
  }

  async function view(actor: Actor, meeting: Meeting, committee: Committee): Promise<MeetingView> {
    const frozen = meeting.agenda !== undefined;
    // A cancelled meeting has no agenda: the cases waiting for the committee go to its next meeting.
    const items = meeting.agenda ?? (meeting.status === 'cancelled' ? [] : await liveAgenda(committee.kind));
    const decisions = await deps.committees.decisions(meeting.meetingId);
    const recusals = frozen
      ? meeting.recusals
      : [...meeting.recusals, ...automaticRecusals(committee, items, toKoreaIso(clock()))];
    // An official concerned never sees their own case, not even as an agenda line.
    const visible = items.filter((i) => !(i.hiddenFrom ?? []).includes(actor.sub));
    return {
      meeting,
      committee: {
        kind: committee.kind,
        nameKo: committee.nameKo,
        secretarySub: committee.secretarySub,
        quorum: committee.quorum,
      },
      agenda: visible.map(({ hiddenFrom: _hidden, ...item }) => {
        const decision = decisions.find((d) => d.taskId === item.taskId);
        return {
          ...item,
          recusedMemberIds: recusals.filter((r) => r.taskId === item.taskId).map((r) => r.memberId),
          ...(decision && { decision }),
        };
      }),
      agendaFrozen: frozen,
      reports: await reportsFor(actor, meeting, committee),
      quorum: attendanceQuorum(committee, meetingDate(meeting), meeting.attendance?.presentMemberIds ?? []),
      undecided: items.filter((i) => !decisions.some((d) => d.taskId === i.taskId)).length,
    };
  }

  async function checkStaff(field: string, sub: string, role?: 'secretary') {
    const member = await deps.staff.get(sub);
    if (!member?.active)
      throw new ValidationError(`No active staff member ${sub}`, `직원(${sub})을 찾을 수 없습니다`, {
        field,
        rule: 'unknown_staff',
      });
    if (role && !member.roles.includes(role) && !member.roles.includes('admin')) {
      throw new ValidationError(
        `${member.name} is not a committee secretary`,
        `${member.name}은(는) 위원회 간사 역할이 없습니다`,
        { field, rule: 'not_a_secretary' },
      );
    }
  }

  /** Closes a meeting whose every agenda item has a decision (best effort: the next decision or read retries). */
  async function closeIfDone(meetingId: string): Promise<Meeting | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const meeting = await deps.committees.getMeeting(meetingId);
      if (!meeting || meeting.status !== 'held') return meeting;
      const decided = new Set((await deps.committees.decisions(meetingId)).map((d) => d.taskId));
      if (!(meeting.agenda ?? []).every((i) => decided.has(i.taskId))) return meeting;
      try {
        return await deps.committees.saveMeeting({
          ...meeting,
          status: 'closed',
          closedAt: clock().toISOString(),
          version: meeting.version + 1,
        });
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
    return deps.committees.getMeeting(meetingId);
  }

  return {
    async listCommittees(): Promise<Committee[]> {
      return deps.committees.list();
    },

    async getCommittee(kind: CommitteeKind): Promise<Committee> {
      return committeeOf(kind);
    },

    /** Registers or updates a committee (head of office, administrator). */
    async putCommittee(
      actor: Actor,
      kind: CommitteeKind,
      input: CommitteeInput,
    ): Promise<{ committee: Committee; created: boolean }> {
      assertCanManageCommittees(actor);
      const previous = await deps.committees.get(kind);
      if (previous && input.expectedVersion === undefined) {
        throw new ValidationError(
          'Updating a committee needs expectedVersion',
          '위원회를 수정하려면 expectedVersion(현재 버전)이 필요합니다',
          { field: 'expectedVersion', rule: 'required_for_update' },
        );
      }
      await checkStaff('secretarySub', input.secretarySub, 'secretary');
      for (const [i, m] of input.members.entries())
        if (m.staffSub !== undefined) await checkStaff(`members.${i}.staffSub`, m.staffSub);
      const committee = committeeFromInput(kind, input, actor.sub, toKoreaIso(clock()), previous);
      return { committee: await deps.committees.put(committee), created: previous === undefined };
    },

    async scheduleMeeting(
      actor: Actor,
      kind: CommitteeKind,
      input: { scheduledAt: string; place?: string },
      idempotency?: IdempotencyRequest,
    ) {
      const committee = await committeeOf(kind);
      assertCanSchedule(actor, committee);
      const now = clock();
      checkMeetingTime(input.scheduledAt, now, isBusinessDay);
      return runIdempotent(deps.idempotency, actor.sub, idempotency, now, async (claimFor) => {
        const meeting: Meeting = {
          meetingId: newId(),
          committee: kind,
          scheduledAt: input.scheduledAt,
          ...(input.place !== undefined && { place: input.place }),
          status: 'scheduled',
          source: 'manual',
          recusals: [],
          version: 1,
          createdAt: toKoreaIso(now),
          createdBy: actor.sub,
        };
        await deps.committees.createMeeting(meeting, claimFor(meeting));
        return meeting;
      });
    },

    async listMeetings(actor: Actor, kind: CommitteeKind, from: string, to: string): Promise<Meeting[]> {
      const committee = await committeeOf(kind);
      assertCanReadMeeting(actor, committee);
      return deps.committees.meetingsBetween(kind, from, to);
    },

    async getMeeting(actor: Actor, meetingId: string): Promise<MeetingView> {
      const { meeting, committee } = await meetingAndCommittee(meetingId);
      assertCanReadMeeting(actor, committee);
      return view(actor, meeting, committee);
    },

    /** Records who is present; the first recording opens the meeting and freezes its agenda. */
    async recordAttendance(
      actor: Actor,
      meetingId: string,
      input: { presentMemberIds: string[]; expectedVersion?: number },
      idempotency?: IdempotencyRequest,
    ) {
      const now = clock();
      return runIdempotent(deps.idempotency, actor.sub, idempotency, now, async (claimFor) => {
        const { meeting, committee } = await meetingAndCommittee(meetingId);
        assertCommitteeRecorder(actor, committee);
        if (input.expectedVersion !== undefined && input.expectedVersion !== meeting.version) {
          throw new VersionConflictError(
            `Meeting is at version ${meeting.version}`,
            `다른 사용자가 먼저 회의 기록을 변경했습니다 (현재 버전 ${meeting.version})`,
            { field: 'expectedVersion', rule: 'stale_version', meta: { currentVersion: meeting.version } },
          );
        }
        const agendaNow = meeting.status === 'scheduled' ? await liveAgenda(committee.kind) : [];
        const next = recordAttendance(committee, meeting, input.presentMemberIds, agendaNow, actor.sub, now);
        await deps.committees.saveMeeting(next, claimFor(next));
        return next;
      });
    },

    /** Moves a meeting that has not sat yet to another business day (secretary, head of office, admin). */
    async rescheduleMeeting(
      actor: Actor,
      meetingId: string,
      input: { scheduledAt: string; reason: string; expectedVersion: number },
      idempotency?: IdempotencyRequest,
    ) {
      const now = clock();
      return runIdempotent(deps.idempotency, actor.sub, idempotency, now, async (claimFor) => {
        const { meeting, committee } = await meetingAndCommittee(meetingId);
        assertCanSchedule(actor, committee);
        const next = rescheduleMeeting(meeting, input, actor.sub, now, isBusinessDay);
        await deps.committees.saveMeeting(next, claimFor(next));
        return next;
      });
    },

    /** Cancels a meeting that has not sat yet (secretary, head of office, admin); its record stays, with the reason. */
    async cancelMeeting(
      actor: Actor,
      meetingId: string,
      input: { reason: string; expectedVersion: number },
      idempotency?: IdempotencyRequest,
    ) {
      const now = clock();
      return runIdempotent(deps.idempotency, actor.sub, idempotency, now, async (claimFor) => {
        const { meeting, committee } = await meetingAndCommittee(meetingId);
        assertCanSchedule(actor, committee);
        const next = cancelMeeting(meeting, input, actor.sub, now);
        await deps.committees.saveMeeting(next, claimFor(next));
        return next;
      });
    },

    /** A member concerned with an item's case steps aside from it (declared by the member or the secretary). */
    async recordRecusal(
      actor: Actor,
      meetingId: string,
      input: { taskId: string; memberId: string; reason: string; declaredBy: 'member' | 'secretary' },
      idempotency?: IdempotencyRequest,
    ) {
      const now = clock();
      return runIdempotent(deps.idempotency, actor.sub, idempotency, now, async (claimFor) => {
        const { meeting, committee } = await meetingAndCommittee(meetingId);
        // The secretary records every recusal, also one a member declares at the meeting (declaredBy:
        // 'member'): the minutes are the secretary's, and nobody takes themselves off an item alone.
        assertCommitteeRecorder(actor, committee);
        const next = recordRecusal(committee, meeting, input, actor.sub, now);
        await deps.committees.saveMeeting(next, claimFor(next));
        return next;
      });
    },

    /**
     * Records the votes and the decision on one agenda item; the decision completes the case's task
     * (with the decision form the task needs) and the minutes join the case's history in the same
     * transaction. A retry with the same Idempotency-Key answers with the first result.
     */
    async recordDecision(
      actor: Actor,
      meetingId: string,
      taskId: string,
      input: { votes: Votes; form: DecisionForm },
      idempotency?: IdempotencyRequest,
    ) {
      const { meeting, committee } = await meetingAndCommittee(meetingId);
      assertCommitteeRecorder(actor, committee);
      const now = clock();
      const replay = idempotency
        ? await deps.idempotency.find(actor.sub, idempotency.key, Math.floor(now.getTime() / 1000))
        : undefined;
      const existing = await deps.committees.decision(meetingId, taskId);
      let itemDecision: ItemDecision | undefined = existing;
      let completion: Awaited<ReturnType<TaskUseCases['completeTask']>>;
      if (replay) {
        // Same key: the completion use case replays the remembered result (or refuses a different request).
        const item = meeting.agenda?.find((i) => i.taskId === taskId);
        if (!item)
          throw new ValidationError(`Task ${taskId} is not on this meeting's agenda`, '이 회의의 안건이 아닙니다', {
            field: 'taskId',
            rule: 'not_on_agenda',
          });
        completion = await deps.completion.completeTask(actor, item.caseId, taskId, input.form, idempotency);
      } else {
        // An official concerned recorded after the meeting opened is recused too (the task's live list).
        const onAgenda = meeting.agenda?.find((i) => i.taskId === taskId);
        let effective = meeting;
        if (onAgenda) {
          const live = await deps.tasks.get(onAgenda.caseId, taskId);
          const late = automaticRecusals(
            committee,
            [{ ...onAgenda, hiddenFrom: live?.hiddenFrom ?? [] }],
            toKoreaIso(now),
          ).filter((r) => !meeting.recusals.some((x) => x.taskId === r.taskId && x.memberId === r.memberId));
          if (late.length > 0) effective = { ...meeting, recusals: [...meeting.recusals, ...late] };
        }
        const tally = tallyDecision(
          committee,
          effective,
          taskId,
          input.votes,
          input.form.decision,
          existing !== undefined,
        );
        const { item, ...counted } = tally;
        const at = toKoreaIso(now);
        itemDecision = {
          ...counted,
          meetingId,
          caseNumber: item.caseNumber,
          decisionLabel: KINDS.decisionLabel(input.form.decision),
          recordedAt: at,
          recordedBy: actor.sub,
        };
        const minutes = minutesOf(committee, effective, itemDecision, input.form);
        try {
          completion = await deps.completion.completeTask(actor, item.caseId, taskId, input.form, idempotency, {
            kind: committee.kind,
            minutes,
            also: [deps.committees.decisionPut(itemDecision)],
          });
        } catch (error) {
          if (error instanceof IllegalTransitionError && error.rule === 'task_not_open') {
            if (await deps.committees.decision(meetingId, taskId)) {
              throw new IllegalTransitionError('This agenda item already has a decision', '이미 의결한 안건입니다', {
                field: 'taskId',
                rule: 'already_decided',
                cause: error,
              });
            }
            throw new IllegalTransitionError(
              'The case no longer waits for this committee (its task was completed or cancelled)',
              '이 사건은 더 이상 위원회 의결을 기다리지 않습니다 (업무가 이미 처리되었거나 취소됨)',
              {
                field: 'taskId',
                rule: 'task_not_open',
                cause: error,
              },
            );
          }
          throw error;
        }
      }
      const after = (await closeIfDone(meetingId)) ?? meeting;
      return {
        ...completion,
        meeting: after,
        decision: itemDecision ?? (await deps.committees.decision(meetingId, taskId)),
      };
    },
  };
}

export type CommitteeUseCases = ReturnType<typeof committeeUseCases>;
