/**
 * Committees as first-class records (issue 5): who sits on each committee and for how long, who
 * keeps its minutes, how many must attend and agree, and how often it meets; its meetings, with
 * an agenda built from the cases waiting for it, attendance, recusals, votes and one decision per
 * agenda item. Pure rules only — every refusal says which field broke which rule.
 *
 * Quorum: 재적위원 과반수 출석, 출석위원 과반수 찬성 unless a committee's rules say otherwise. That
 * rule is the petition review committee's (청원법 시행령 제3조); for the other committees it is only a
 * default until someone reads their ordinance, so it says "구 규칙 확인 필요" rather than cite a law. 재적 counts only
 * members within their term on the meeting day; a member recused from an item does not vote on it
 * and is not counted among those present for that item's majority.
 */
import * as z from 'zod';
import { addDays, dayOfWeek, type IsoDate } from '../calendar/korea-dates.ts';
import { COMMITTEE_KIND_LABELS, committeeKindSchema, type CommitteeKind } from './committee-kinds.ts';
import { inTerm, termFields, termInOrder } from './term.ts';
import { ForbiddenError, IllegalTransitionError, ValidationError, VersionConflictError } from './errors.ts';
import { koreaDate, toKoreaIso } from './korea-time.ts';
import { hasAnyRole, type Actor } from './roles.ts';
import { KINDS } from '../kinds/registry.ts';
import type { AnyDecisionForm, Decision, TaskRecord } from './task.ts';

export { COMMITTEE_KIND_LABELS, COMMITTEE_KINDS, committeeKindSchema, type CommitteeKind } from './committee-kinds.ts';

const koreaDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?\+09:00$/,
    'must be Korea time with its offset, e.g. 2026-12-10T14:00:00+09:00',
  );

// ── committee ──────────────────────────────────────────────────────────────────────────────────────

export const memberIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'memberId: 2–40 lower-case letters, digits or "-"');

export const committeeMemberSchema = z
  .strictObject({
    memberId: memberIdSchema.describe('위원 ID (위원회 안에서 고유)'),
    name: z.string().trim().min(1).max(50).describe('성명'),
    affiliation: z.string().trim().min(1).max(100).describe('소속·직위 (예: 변호사, 부구청장)'),
    staffSub: z.string().trim().min(1).max(128).optional().describe('이 시스템 사용자인 위원의 직원 ID (내부위원)'),
    email: z.email().optional().describe('안건 안내 메일 주소 (외부위원)'),
    chair: z.boolean().default(false).describe('위원장 여부'),
    external: z.boolean().default(false).describe('위촉(외부)위원 여부'),
    ...termFields,
  })
  .refine(...termInOrder);
export type CommitteeMember = z.infer<typeof committeeMemberSchema>;

/** What a committee without its own quorum rule shows: the usual rule, not a cited article. */
const DEFAULT_QUORUM_ARTICLE = '재적 과반 출석·출석 과반 찬성 (위원회 규정 — 구 규칙 확인 필요)';

export const quorumRuleSchema = z
  .strictObject({
    attendance: z
      .enum(['majority', 'two-thirds'])
      .default('majority')
      .describe('의사정족수: 재적위원 과반수(majority) 또는 3분의 2 이상(two-thirds) 출석'),
    decision: z
      .enum(['majority', 'two-thirds'])
      .default('majority')
      .describe('의결정족수: 출석위원 과반수 또는 3분의 2 이상 찬성'),
    article: z.string().trim().min(1).max(200).default(DEFAULT_QUORUM_ARTICLE),
  })
  .describe('정족수 규칙');
export type QuorumRule = z.infer<typeof quorumRuleSchema>;

export const DEFAULT_QUORUM: QuorumRule = {
  attendance: 'majority',
  decision: 'majority',
  article: DEFAULT_QUORUM_ARTICLE,
};

/** How often a committee meets, as data with its basis (docs/design.md#5-rules-are-data-with-citations). */
export const cadenceSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('months'),
    months: z.array(z.number().int().min(1).max(12)).min(1).max(12).describe('정기회의 개최 월'),
    dayOfMonth: z.number().int().min(1).max(28).default(15).describe('희망 일자 (휴일이면 다음 근무일)'),
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time: HH:MM')
      .default('14:00'),
    labelKo: z.string().trim().min(1).max(200),
    basis: z.string().trim().min(1).max(300).describe('근거 (조문·업무계획)'),
  }),
  z.strictObject({
    type: z.literal('as-needed'),
    minimumPerYear: z.number().int().min(0).max(12).default(0),
    labelKo: z.string().trim().min(1).max(200),
    basis: z.string().trim().min(1).max(300),
  }),
]);
export type Cadence = z.infer<typeof cadenceSchema>;

export const committeeInputSchema = z
  .strictObject({
    nameKo: z.string().trim().min(1).max(100).describe('위원회 이름'),
    members: z.array(committeeMemberSchema).min(1).max(30).describe('위원'),
    secretarySub: z.string().trim().min(1).max(128).describe('간사 (직원 ID)'),
    quorum: quorumRuleSchema.optional().describe('정족수 (생략하면 재적 과반 출석·출석 과반 찬성)'),
    cadence: cadenceSchema.describe('개최 주기'),
    expectedVersion: z.number().int().positive().optional().describe('수정 시 변경 전 버전 (낙관적 동시성)'),
  })
  .describe('위원회 등록·수정');
export type CommitteeInput = z.infer<typeof committeeInputSchema>;

export const committeeSchema = z.object({
  /** One committee of each kind in this office, so its id is its kind. */
  committeeId: committeeKindSchema,
  kind: committeeKindSchema,
  nameKo: z.string(),
  members: z.array(committeeMemberSchema),
  secretarySub: z.string(),
  quorum: quorumRuleSchema,
  cadence: cadenceSchema,
  version: z.number().int().positive(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Committee = z.infer<typeof committeeSchema>;

const invalid = (field: string, rule: string, message: string, messageKo: string) =>
  new ValidationError(message, messageKo, { field, rule });

/** Builds the stored committee from an admin's input, checking what a schema cannot. */
export function committeeFromInput(
  kind: CommitteeKind,
  input: CommitteeInput,
  actorSub: string,
  now: string,
  previous?: Committee,
): Committee {
  const ids = input.members.map((m) => m.memberId);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined)
    throw invalid(
      `members.${ids.lastIndexOf(dup)}.memberId`,
      'duplicate_member',
      `member id ${dup} appears twice`,
      `위원 ID(${dup})가 중복되었습니다`,
    );
  const subs = input.members.flatMap((m) => (m.staffSub ? [m.staffSub] : []));
  const dupSub = subs.find((s, i) => subs.indexOf(s) !== i);
  if (dupSub !== undefined)
    throw invalid(
      'members',
      'duplicate_staff_member',
      `staff member ${dupSub} is listed twice`,
      '같은 직원이 두 번 위원으로 등록되었습니다',
    );
  const chairs = input.members.filter((m) => m.chair);
  if (chairs.length > 1)
    throw invalid('members', 'one_chair', 'a committee has at most one chair at a time', '위원장은 한 명이어야 합니다');
  if (input.cadence.type === 'months' && new Set(input.cadence.months).size !== input.cadence.months.length) {
    throw invalid('cadence.months', 'duplicate_month', 'a month is listed twice', '개최 월이 중복되었습니다');
  }
  if (previous && input.expectedVersion !== undefined && input.expectedVersion !== previous.version) {
    throw new IllegalTransitionError(
      `Committee ${kind} is at version ${previous.version}, not ${input.expectedVersion}`,
      `다른 사용자가 먼저 위원회 정보를 변경했습니다 (현재 버전 ${previous.version})`,
      {
        field: 'expectedVersion',
        rule: 'stale_version',
      },
    );
  }
  return {
    committeeId: kind,
    kind,
    nameKo: input.nameKo,
    members: input.members,
    secretarySub: input.secretarySub,
    quorum: input.quorum ?? DEFAULT_QUORUM,
    cadence: input.cadence,
    version: (previous?.version ?? 0) + 1,
    updatedAt: now,
    updatedBy: actorSub,
  };
}

/** Members who count on a date (재적위원): within their term. */
export function membersInTerm(committee: Pick<Committee, 'members'>, date: IsoDate): CommitteeMember[] {
  return committee.members.filter((m) => inTerm(m, date));
}

const needed = (rule: 'majority' | 'two-thirds', of: number) =>
  rule === 'majority' ? Math.floor(of / 2) + 1 : Math.ceil((of * 2) / 3);

export interface QuorumStatus {
  enrolled: number;
  present: number;
  required: number;
  met: boolean;
  rule: QuorumRule['attendance'];
  article: string;
}

/** 의사정족수 on the meeting day. */
export function attendanceQuorum(
  committee: Committee,
  meetingDate: IsoDate,
  presentMemberIds: readonly string[],
): QuorumStatus {
  const enrolled = membersInTerm(committee, meetingDate);
  const present = enrolled.filter((m) => presentMemberIds.includes(m.memberId)).length;
  const required = needed(committee.quorum.attendance, enrolled.length);
  return {
    enrolled: enrolled.length,
    present,
    required,
    met: enrolled.length > 0 && present >= required,
    rule: committee.quorum.attendance,
    article: committee.quorum.article,
  };
}

// ── meeting ────────────────────────────────────────────────────────────────────────────────────────

export const MEETING_STATUSES = ['scheduled', 'held', 'closed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: '개최 예정',
  held: '개최(의결 중)',
  closed: '종료',
  cancelled: '취소',
};

/** A meeting that sat (its attendance was recorded): what the office report counts as held. A cancelled meeting never did. */
export const meetingWasHeld = (meeting: { status: MeetingStatus }) =>
  meeting.status === 'held' || meeting.status === 'closed';

export const meetingIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/, 'meetingId: 3–64 letters, digits or "-"');

/** A case waiting for the committee, as the agenda shows it: never a sealed case's title or anyone's identity. */
export const agendaItemSchema = z.object({
  taskId: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  /** The case title, or null for a sealed case (공익신고 등): open the case to read it. */
  title: z.string().nullable(),
  sealed: z.boolean(),
  taskTitle: z.string(),
  allowedDecisions: z.array(z.string()),
  waitingSince: z.string(),
  dueAt: z.string(),
  /** Staff who must not see this item (officials concerned): committee members among them are recused. */
  hiddenFrom: z.array(z.string()).optional(),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const RECUSAL_SOURCES = ['official-concerned', 'declared-by-member', 'declared-by-secretary'] as const;
export const recusalSchema = z.object({
  taskId: z.string(),
  memberId: z.string(),
  source: z.enum(RECUSAL_SOURCES),
  reason: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type Recusal = z.infer<typeof recusalSchema>;

export const meetingSchema = z.object({
  meetingId: z.string(),
  committee: committeeKindSchema,
  scheduledAt: z.string(),
  place: z.string().optional(),
  status: z.enum(MEETING_STATUSES),
  /** `cadence`: created ahead by the committee-meetings-ahead job from the committee's cadence. */
  source: z.enum(['manual', 'cadence']),
  /** Frozen when the meeting opens (its attendance is first recorded); until then the agenda is live. */
  agenda: z.array(agendaItemSchema).optional(),
  attendance: z
    .object({ presentMemberIds: z.array(z.string()), recordedAt: z.string(), recordedBy: z.string() })
    .optional(),
  recusals: z.array(recusalSchema).default([]),
  openedAt: z.string().optional(),
  closedAt: z.string().optional(),
  /** Each move of the meeting before it sat: from when to when, why, by whom. */
  reschedules: z
    .array(z.object({ from: z.string(), to: z.string(), reason: z.string(), at: z.string(), by: z.string() }))
    .optional(),
  /** Set when the meeting was cancelled before it sat (status `cancelled`). */
  cancellation: z.object({ reason: z.string(), at: z.string(), by: z.string() }).optional(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const votesSchema = z
  .strictObject({
    for: z.array(memberIdSchema).max(30).describe('찬성 위원'),
    against: z.array(memberIdSchema).max(30).default([]).describe('반대 위원'),
    abstain: z.array(memberIdSchema).max(30).default([]).describe('기권 위원'),
  })
  .describe('표결');
export type Votes = z.infer<typeof votesSchema>;

/** One agenda item's decision, kept beside the meeting (one item each, so two items never conflict). */
export const itemDecisionSchema = z.object({
  meetingId: z.string(),
  taskId: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  decision: z.string(),
  decisionLabel: z.string(),
  votes: z.object({ for: z.array(z.string()), against: z.array(z.string()), abstain: z.array(z.string()) }),
  recusedMemberIds: z.array(z.string()),
  enrolled: z.number().int(),
  present: z.number().int(),
  votingPresent: z.number().int(),
  requiredFor: z.number().int(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type ItemDecision = z.infer<typeof itemDecisionSchema>;

export const meetingDate = (meeting: Pick<Meeting, 'scheduledAt'>): IsoDate => meeting.scheduledAt.slice(0, 10);

export function agendaItemOf(task: TaskRecord): AgendaItem {
  return {
    taskId: task.taskId,
    caseId: task.caseId,
    caseNumber: task.caseNumber,
    title: task.sealed ? null : task.caseTitle,
    sealed: task.sealed,
    taskTitle: task.titleKo,
    allowedDecisions: task.allowedDecisions,
    waitingSince: task.openedAt,
    dueAt: task.dueAt,
    ...(task.hiddenFrom && task.hiddenFrom.length > 0 && { hiddenFrom: task.hiddenFrom }),
  };
}

/** Members concerned with an item's case (listed officials with a staff id): recused without asking. */
export function automaticRecusals(committee: Committee, agenda: readonly AgendaItem[], at: string): Recusal[] {
  return agenda.flatMap((item) =>
    committee.members
      .filter((m) => m.staffSub !== undefined && (item.hiddenFrom ?? []).includes(m.staffSub))
      .map((m) => ({
        taskId: item.taskId,
        memberId: m.memberId,
        source: 'official-concerned' as const,
        reason: '사건의 관련 공무원으로 등록된 위원 (제척)',
        recordedAt: at,
        recordedBy: 'system',
      })),
  );
}

const refuse = (rule: string, field: string, message: string, messageKo: string) =>
  new IllegalTransitionError(message, messageKo, { field, rule });

/** Opens the meeting (first attendance) or corrects its attendance while decisions are still being recorded. */
export function recordAttendance(
  committee: Committee,
  meeting: Meeting,
  presentMemberIds: readonly string[],
  agendaNow: readonly AgendaItem[],
  actorSub: string,
  now: Date,
): Meeting {
  if (meeting.status === 'closed')
    throw refuse('meeting_closed', 'meetingId', 'The meeting is closed', '이미 종료된 회의입니다');
  if (meeting.status === 'cancelled')
    throw refuse('meeting_cancelled', 'meetingId', 'The meeting was cancelled', '취소된 회의입니다');
  const date = meetingDate(meeting);
  if (koreaDate(now) < date)
    throw refuse(
      'meeting_not_yet',
      'meetingId',
      `The meeting is on ${date}; attendance is recorded on the day`,
      `회의일(${date}) 전에는 출석을 기록할 수 없습니다`,
    );
  const enrolled = membersInTerm(committee, date);
  presentMemberIds.forEach((id, i) => {
    if (presentMemberIds.indexOf(id) !== i)
      throw invalid(
        `presentMemberIds.${i}`,
        'duplicate_member',
        `member ${id} is listed twice`,
        `위원(${id})이 중복되었습니다`,
      );
    if (!committee.members.some((m) => m.memberId === id))
      throw invalid(
        `presentMemberIds.${i}`,
        'not_a_member',
        `${id} is not a member of this committee`,
        `${id}은(는) 이 위원회의 위원이 아닙니다`,
      );
    if (!enrolled.some((m) => m.memberId === id))
      throw invalid(
        `presentMemberIds.${i}`,
        'outside_term',
        `member ${id} is not within their term on ${date}`,
        `위원(${id})의 임기가 아닙니다 (${date})`,
      );
  });
  const at = now.toISOString();
  const opening = meeting.status === 'scheduled';
  const agenda = opening ? [...agendaNow] : (meeting.agenda ?? []);
  const auto = opening ? automaticRecusals(committee, agenda, at) : [];
  return {
    ...meeting,
    status: 'held',
    agenda,
    attendance: { presentMemberIds: [...presentMemberIds], recordedAt: at, recordedBy: actorSub },
    recusals: [
      ...meeting.recusals,
      ...auto.filter((r) => !meeting.recusals.some((x) => x.taskId === r.taskId && x.memberId === r.memberId)),
    ],
    ...(opening && { openedAt: at }),
    version: meeting.version + 1,
  };
}

export function findAgendaItem(meeting: Meeting, taskId: string): AgendaItem {
  const item = meeting.agenda?.find((i) => i.taskId === taskId);
  if (!item) {
    throw new ValidationError(`Task ${taskId} is not on this meeting's agenda`, '이 회의의 안건이 아닙니다', {
      field: 'taskId',
      rule: 'not_on_agenda',
    });
  }
  return item;
}

export function recordRecusal(
  committee: Committee,
  meeting: Meeting,
  input: { taskId: string; memberId: string; reason: string; declaredBy: 'member' | 'secretary' },
  actorSub: string,
  now: Date,
): Meeting {
  if (meeting.status !== 'held')
    throw refuse(
      'meeting_not_open',
      'meetingId',
      'Recusals are recorded at the meeting, once it is open (attendance recorded)',
      '회의가 개최(출석 기록)된 뒤에 제척·회피를 기록할 수 있습니다',
    );
  findAgendaItem(meeting, input.taskId);
  if (!committee.members.some((m) => m.memberId === input.memberId)) {
    throw invalid(
      'memberId',
      'not_a_member',
      `${input.memberId} is not a member of this committee`,
      `${input.memberId}은(는) 이 위원회의 위원이 아닙니다`,
    );
  }
  if (meeting.recusals.some((r) => r.taskId === input.taskId && r.memberId === input.memberId)) {
    throw refuse(
      'already_recused',
      'memberId',
      'This member is already recused from this item',
      '이미 이 안건에서 제척·회피된 위원입니다',
    );
  }
  const recusal: Recusal = {
    taskId: input.taskId,
    memberId: input.memberId,
    source: input.declaredBy === 'member' ? 'declared-by-member' : 'declared-by-secretary',
    reason: input.reason,
    recordedAt: now.toISOString(),
    recordedBy: actorSub,
  };
  return { ...meeting, recusals: [...meeting.recusals, recusal], version: meeting.version + 1 };
}

/**
 * Everything that must hold before a decision on an agenda item is recorded; returns the tally for
 * the minutes. Refuses: a meeting not open, an item not on the agenda or decided already, no quorum,
 * a vote by a non-member, an absent or recused member, a decision the item's task does not allow,
 * and a decision without the required majority.
 */
export function tallyDecision(
  committee: Committee,
  meeting: Meeting,
  taskId: string,
  votes: Votes,
  decision: Decision,
  alreadyDecided: boolean,
): Omit<ItemDecision, 'meetingId' | 'recordedAt' | 'recordedBy' | 'decisionLabel' | 'caseNumber'> & {
  item: AgendaItem;
} {
  if (meeting.status !== 'held') {
    throw refuse(
      'meeting_not_open',
      'meetingId',
      meeting.status === 'closed' ? 'The meeting is closed' : 'Record the attendance first: the meeting is not open',
      meeting.status === 'closed' ? '이미 종료된 회의입니다' : '출석을 먼저 기록하세요 (회의가 개최되지 않았습니다)',
    );
  }
  const item = findAgendaItem(meeting, taskId);
  if (alreadyDecided)
    throw refuse('already_decided', 'taskId', 'This agenda item already has a decision', '이미 의결한 안건입니다');
  const date = meetingDate(meeting);
  const present = meeting.attendance?.presentMemberIds ?? [];
  const quorum = attendanceQuorum(committee, date, present);
  if (!quorum.met) {
    throw new IllegalTransitionError(
      `No quorum: ${quorum.present} of ${quorum.enrolled} members present, ${quorum.required} needed (${quorum.article})`,
      `의사정족수 미달: 재적 ${quorum.enrolled}명 중 ${quorum.present}명 출석 (${quorum.required}명 이상 출석해야 의결할 수 있습니다, ${quorum.article})`,
      {
        field: 'attendance',
        rule: 'quorum_not_met',
        meta: { enrolled: quorum.enrolled, present: quorum.present, required: quorum.required },
      },
    );
  }
  const recused = meeting.recusals.filter((r) => r.taskId === taskId).map((r) => r.memberId);
  const seen = new Set<string>();
  for (const side of ['for', 'against', 'abstain'] as const) {
    votes[side].forEach((id, i) => {
      const field = `votes.${side}.${i}`;
      if (seen.has(id))
        throw invalid(field, 'duplicate_vote', `member ${id} voted twice`, `위원(${id})의 표가 중복되었습니다`);
      seen.add(id);
      if (!committee.members.some((m) => m.memberId === id))
        throw invalid(
          field,
          'not_a_member',
          `${id} is not a member of this committee and cannot vote`,
          `${id}은(는) 이 위원회의 위원이 아니어서 표결할 수 없습니다`,
        );
      if (!membersInTerm(committee, date).some((m) => m.memberId === id))
        throw invalid(
          field,
          'outside_term',
          `member ${id} is not within their term`,
          `위원(${id})의 임기가 아니어서 표결할 수 없습니다`,
        );
      if (!present.includes(id))
        throw invalid(
          field,
          'absent_member',
          `member ${id} is not recorded as present`,
          `위원(${id})은 출석하지 않아 표결할 수 없습니다`,
        );
      if (recused.includes(id))
        throw invalid(
          field,
          'recused_member',
          `member ${id} is recused from this item and cannot vote`,
          `위원(${id})은 이 안건에서 제척·회피되어 표결할 수 없습니다`,
        );
    });
  }
  if (!item.allowedDecisions.includes(decision)) {
    throw invalid(
      'form.decision',
      'decision_not_allowed',
      `Decision "${decision}" is not allowed for this item; allowed: ${item.allowedDecisions.join(', ')}`,
      `이 안건에서 할 수 없는 결정입니다 (가능: ${item.allowedDecisions.map((d) => KINDS.decisionLabel(d)).join(', ')})`,
    );
  }
  const votingPresent = present.filter(
    (id) => !recused.includes(id) && membersInTerm(committee, date).some((m) => m.memberId === id),
  ).length;
  const requiredFor = needed(committee.quorum.decision, votingPresent);
  if (votes.for.length < requiredFor) {
    throw new ValidationError(
      `Not carried: ${votes.for.length} for, ${requiredFor} of ${votingPresent} voting members needed`,
      `의결정족수 미달: 찬성 ${votes.for.length}명 (표결 가능 출석위원 ${votingPresent}명 중 ${requiredFor}명 이상 찬성해야 합니다)`,
      { field: 'votes.for', rule: 'majority_not_reached', meta: { votingPresent, requiredFor } },
    );
  }
  return {
    item,
    taskId,
    caseId: item.caseId,
    decision,
    votes: { for: [...votes.for], against: [...votes.against], abstain: [...votes.abstain] },
    recusedMemberIds: recused,
    enrolled: quorum.enrolled,
    present: quorum.present,
    votingPresent,
    requiredFor,
  };
}

/** The minutes a decided item leaves in its case's history (names of members, no case content). */
export function minutesOf(
  committee: Committee,
  meeting: Meeting,
  decision: Omit<ItemDecision, 'recordedAt' | 'recordedBy'>,
  form: AnyDecisionForm,
): Record<string, unknown> {
  const nameOf = (id: string) => committee.members.find((m) => m.memberId === id)?.name ?? id;
  return {
    committee: committee.kind,
    committeeName: committee.nameKo,
    meetingId: meeting.meetingId,
    meetingAt: meeting.scheduledAt,
    taskId: decision.taskId,
    enrolled: decision.enrolled,
    present: decision.present,
    quorumRule: committee.quorum,
    votesFor: decision.votes.for.length,
    votesAgainst: decision.votes.against.length,
    abstentions: decision.votes.abstain.length,
    recused: decision.recusedMemberIds.map((id) => ({
      memberId: id,
      name: nameOf(id),
      reason: meeting.recusals.find((r) => r.taskId === decision.taskId && r.memberId === id)?.reason,
    })),
    decision: form.decision,
    decisionLabel: decision.decisionLabel,
  };
}

/** Only a meeting that has not sat yet (status `scheduled`) may be moved or cancelled. */
function assertStillScheduled(meeting: Meeting, action: 'reschedule' | 'cancel'): void {
  if (meeting.status === 'scheduled') return;
  const verb = action === 'reschedule' ? 'moved' : 'cancelled';
  const verbKo = action === 'reschedule' ? '일정을 변경할' : '취소할';
  if (meeting.status === 'cancelled')
    throw refuse(
      'meeting_cancelled',
      'meetingId',
      `The meeting was cancelled and cannot be ${verb}`,
      `이미 취소된 회의는 ${verbKo} 수 없습니다`,
    );
  throw refuse(
    meeting.status === 'held' ? 'meeting_held' : 'meeting_closed',
    'meetingId',
    `The meeting has already sat (${meeting.status}) and cannot be ${verb}`,
    `이미 개최된 회의(${MEETING_STATUS_LABELS[meeting.status]})는 ${verbKo} 수 없습니다`,
  );
}

function assertMeetingVersion(meeting: Meeting, expectedVersion: number): void {
  if (expectedVersion === meeting.version) return;
  throw new VersionConflictError(
    `Meeting is at version ${meeting.version}, not ${expectedVersion}`,
    `다른 사용자가 먼저 회의 기록을 변경했습니다 (현재 버전 ${meeting.version})`,
    {
      field: 'expectedVersion',
      rule: 'stale_version',
      meta: { currentVersion: meeting.version },
    },
  );
}

/** Moves a meeting that has not sat yet to another time (a business day, as when scheduling). */
export function rescheduleMeeting(
  meeting: Meeting,
  input: { scheduledAt: string; reason: string; expectedVersion: number },
  actorSub: string,
  now: Date,
  isBusinessDay: (d: IsoDate) => boolean,
): Meeting {
  assertStillScheduled(meeting, 'reschedule');
  checkMeetingTime(input.scheduledAt, now, isBusinessDay);
  assertMeetingVersion(meeting, input.expectedVersion);
  if (input.scheduledAt === meeting.scheduledAt)
    throw invalid(
      'scheduledAt',
      'unchanged',
      'The meeting is already at this time',
      '이미 그 일시로 정해진 회의입니다',
    );
  const change = {
    from: meeting.scheduledAt,
    to: input.scheduledAt,
    reason: input.reason,
    at: toKoreaIso(now),
    by: actorSub,
  };
  return {
    ...meeting,
    scheduledAt: input.scheduledAt,
    reschedules: [...(meeting.reschedules ?? []), change],
    version: meeting.version + 1,
  };
}

/** Cancels a meeting that has not sat yet: it keeps its record, leaves every notice and the agenda, and never counts as held. */
export function cancelMeeting(
  meeting: Meeting,
  input: { reason: string; expectedVersion: number },
  actorSub: string,
  now: Date,
): Meeting {
  assertStillScheduled(meeting, 'cancel');
  assertMeetingVersion(meeting, input.expectedVersion);
  return {
    ...meeting,
    status: 'cancelled',
    cancellation: { reason: input.reason, at: toKoreaIso(now), by: actorSub },
    version: meeting.version + 1,
  };
}

// ── roles ──────────────────────────────────────────────────────────────────────────────────────────

/** Who records for a committee: its secretary, or an administrator. */
export function assertCommitteeRecorder(actor: Actor, committee: Committee): void {
  if (actor.sub === committee.secretarySub || hasAnyRole(actor, ['admin'])) return;
  throw new ForbiddenError(
    `Only the secretary of ${committee.nameKo} records its meetings`,
    `${committee.nameKo}의 간사만 회의를 기록할 수 있습니다`,
    { field: 'meetingId', rule: 'not_committee_secretary' },
  );
}

/** Who schedules meetings: the committee's secretary, the head of office, an administrator. */
export function assertCanSchedule(actor: Actor, committee: Committee): void {
  if (actor.sub === committee.secretarySub || hasAnyRole(actor, ['head', 'admin'])) return;
  throw new ForbiddenError(
    'Only the committee secretary or the head of office schedules meetings',
    '위원회 간사 또는 감사담당관만 회의를 정할 수 있습니다',
    { field: 'committee', rule: 'not_committee_secretary' },
  );
}

/** Who reads a meeting: its secretary and members, the head of office, auditors, administrators. */
export function assertCanReadMeeting(actor: Actor, committee: Committee): void {
  if (
    actor.sub === committee.secretarySub ||
    committee.members.some((m) => m.staffSub === actor.sub) ||
    hasAnyRole(actor, ['head', 'admin', 'auditor', 'secretary'])
  )
    return;
  throw new ForbiddenError(
    'Only the committee, its secretary, the head of office and auditors read its meetings',
    '위원회 위원·간사, 감사담당관, 감사인만 회의를 볼 수 있습니다',
    { field: 'meetingId', rule: 'not_committee_reader' },
  );
}

export function assertCanManageCommittees(actor: Actor): void {
  if (hasAnyRole(actor, ['admin', 'head'])) return;
  throw new ForbiddenError(
    'Only the head of office or an administrator registers committees',
    '감사담당관 또는 관리자만 위원회를 등록·수정할 수 있습니다',
    { field: 'committee', rule: 'not_allowed' },
  );
}

// ── cadence ────────────────────────────────────────────────────────────────────────────────────────

/** A deterministic id for the cadence meeting of a month, so creating it twice makes one meeting. */
export const cadenceMeetingId = (kind: CommitteeKind, yearMonth: string) => `${kind}-${yearMonth}`;

/**
 * The cadence meetings of the months from `fromMonth` (YYYY-MM) over `monthsAhead` more months:
 * the preferred day, or the first business day after it.
 */
export function cadenceMeetings(
  committee: Committee,
  fromMonth: string,
  monthsAhead: number,
  isBusinessDay: (d: IsoDate) => boolean,
): { meetingId: string; scheduledAt: string; yearMonth: string }[] {
  if (committee.cadence.type !== 'months') return [];
  const { months, dayOfMonth, time } = committee.cadence;
  const [y0, m0] = fromMonth.split('-').map(Number) as [number, number];
  const out: { meetingId: string; scheduledAt: string; yearMonth: string }[] = [];
  for (let i = 0; i <= monthsAhead; i++) {
    const total = y0 * 12 + (m0 - 1) + i;
    const year = Math.floor(total / 12);
    const month = (total % 12) + 1;
    if (!months.includes(month)) continue;
    const yearMonth = `${year}-${String(month).padStart(2, '0')}`;
    let date = `${yearMonth}-${String(dayOfMonth).padStart(2, '0')}`;
    for (let guard = 0; !isBusinessDay(date) && guard < 20; guard++) date = addDays(date, 1);
    out.push({
      meetingId: cadenceMeetingId(committee.kind, yearMonth),
      scheduledAt: `${date}T${time}:00+09:00`,
      yearMonth,
    });
  }
  return out;
}

/** Checks a requested meeting time: Korea time, a business day, not long past. */
export function checkMeetingTime(scheduledAt: string, now: Date, isBusinessDay: (d: IsoDate) => boolean): void {
  if (!koreaDateTime.safeParse(scheduledAt).success)
    throw invalid(
      'scheduledAt',
      'korea_time',
      'scheduledAt must be Korea time (+09:00)',
      '회의 일시는 한국 시간(+09:00)으로 입력하세요',
    );
  const date = scheduledAt.slice(0, 10);
  if (!isBusinessDay(date)) {
    const weekday = dayOfWeek(date);
    throw invalid(
      'scheduledAt',
      'not_a_business_day',
      `${date} is not a business day`,
      `${date}은(는) ${weekday === 6 ? '토요일' : '공휴일'}입니다 — 근무일로 정하세요`,
    );
  }
  if (date < addDays(koreaDate(now), -366))
    throw invalid(
      'scheduledAt',
      'too_far_past',
      'a meeting more than a year ago cannot be scheduled',
      '1년보다 오래된 회의는 등록할 수 없습니다',
    );
  if (date > addDays(koreaDate(now), 731))
    throw invalid(
      'scheduledAt',
      'too_far_ahead',
      'a meeting more than two years ahead cannot be scheduled',
      '2년 이후의 회의는 등록할 수 없습니다',
    );
}

export const committeeLabel = (kind: CommitteeKind) => COMMITTEE_KIND_LABELS[kind];
