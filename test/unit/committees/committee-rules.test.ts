/**
 * The committee rules as pure functions: who counts (members in their term), quorum (재적 과반
 * 출석, 출석 과반 찬성 — 청원법 시행령 제3조 — or what a committee sets), recusal of members
 * concerned with a case, who may vote, one decision per item, decisions the task allows, and the
 * cadence meetings (e.g. the ethics committee in June and December, on a business day).
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import {
  attendanceQuorum,
  automaticRecusals,
  cadenceMeetings,
  checkMeetingTime,
  committeeFromInput,
  committeeInputSchema,
  membersInTerm,
  recordAttendance,
  recordRecusal,
  tallyDecision,
  type AgendaItem,
  type Committee,
  type CommitteeInput,
  type Meeting,
} from '#shared/domain/committee.ts';
import { ForbiddenError, type ValidationError } from '#shared/domain/errors.ts';
import { assertCommitteeRecorder } from '#shared/domain/committee.ts';

const calendar = createCalendar();
const isBusinessDay = (d: string) => calendar.isBusinessDay(d);
const TERM = { termStart: '2025-07-01', termEnd: '2027-06-30' };

function input(over: Partial<CommitteeInput> = {}): CommitteeInput {
  return committeeInputSchema.parse({
    nameKo: '인사위원회',
    secretarySub: 'secretary-sub',
    members: [
      { memberId: 'm1', name: '송기철', affiliation: '부구청장', chair: true, ...TERM },
      { memberId: 'm2', name: '고영수', affiliation: '행정국장', staffSub: 'staff-2', ...TERM },
      { memberId: 'm3', name: '진미경', affiliation: '복지국장', ...TERM },
      { memberId: 'm4', name: '석도현', affiliation: '변호사', external: true, ...TERM },
      { memberId: 'm5', name: '모지안', affiliation: '공인노무사', external: true, ...TERM },
      { memberId: 'old', name: '곽명진', affiliation: '전 위촉위원', termStart: '2023-07-01', termEnd: '2025-06-30' },
    ],
    cadence: { type: 'months', months: [6, 12], dayOfMonth: 15, labelKo: '연 2회', basis: '업무계획' },
    ...over,
  });
}

const committee: Committee = committeeFromInput('personnel', input(), 'admin', '2026-01-02T09:00:00+09:00');

const item = (taskId: string, hiddenFrom?: string[]): AgendaItem => ({
  taskId,
  caseId: `case-${taskId}`,
  caseNumber: `2026-조사-${taskId}`,
  title: null,
  sealed: true,
  taskTitle: '인사위원회 징계의결 결과 등록',
  allowedDecisions: ['record-resolution'],
  waitingSince: '2026-11-20T09:00:00+09:00',
  dueAt: '2026-12-20T18:00:00+09:00',
  ...(hiddenFrom && { hiddenFrom }),
});

const scheduled: Meeting = {
  meetingId: 'personnel-test',
  committee: 'personnel',
  scheduledAt: '2026-12-15T14:00:00+09:00',
  status: 'scheduled',
  source: 'manual',
  recusals: [],
  version: 1,
  createdAt: '2026-12-01T09:00:00+09:00',
  createdBy: 'secretary-sub',
};
const meetingDay = new Date('2026-12-15T14:30:00+09:00');
const open = (present: string[], agenda = [item('T1'), item('T2', ['staff-2'])]) =>
  recordAttendance(committee, scheduled, present, agenda, 'secretary-sub', meetingDay);
const fieldAndRule = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return {
      type: (error as Error).constructor.name,
      field: (error as ValidationError).field,
      rule: (error as ValidationError).rule,
    };
  }
  throw new Error('expected a refusal');
};

describe('members and quorum', () => {
  it('counts only members within their term on the meeting day (재적위원)', () => {
    expect(membersInTerm(committee, '2026-12-15').map((m) => m.memberId)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(membersInTerm(committee, '2025-06-30').map((m) => m.memberId)).toEqual(['old']);
  });

  it('needs a majority of the enrolled members present: 3 of 5, not 2 (청원법 시행령 제3조)', () => {
    expect(attendanceQuorum(committee, '2026-12-15', ['m1', 'm2'])).toMatchObject({
      enrolled: 5,
      present: 2,
      required: 3,
      met: false,
    });
    expect(attendanceQuorum(committee, '2026-12-15', ['m1', 'm2', 'm3'])).toMatchObject({
      enrolled: 5,
      present: 3,
      required: 3,
      met: true,
    });
    // A former member present does not count.
    expect(attendanceQuorum(committee, '2026-12-15', ['m1', 'm2', 'old'])).toMatchObject({ present: 2, met: false });
  });

  it('applies a committee’s own stricter rule (two thirds present)', () => {
    const strict = committeeFromInput(
      'ethics',
      input({ quorum: { attendance: 'two-thirds', decision: 'majority', article: '조례' } }),
      'admin',
      '2026-01-02T09:00:00+09:00',
    );
    expect(attendanceQuorum(strict, '2026-12-15', ['m1', 'm2', 'm3'])).toMatchObject({ required: 4, met: false });
  });

  it('refuses a committee with two chairs or a member listed twice', () => {
    const twoChairs = input({
      members: [
        ...input()
          .members.slice(0, 2)
          .map((m) => ({ ...m, chair: true })),
        ...input().members.slice(2),
      ],
    });
    expect(fieldAndRule(() => committeeFromInput('personnel', twoChairs, 'a', 'now'))).toMatchObject({
      field: 'members',
      rule: 'one_chair',
    });
    const dup = input({ members: [...input().members, { ...input().members[2]! }] });
    expect(fieldAndRule(() => committeeFromInput('personnel', dup, 'a', 'now'))).toMatchObject({
      field: 'members.6.memberId',
      rule: 'duplicate_member',
    });
  });
});

describe('attendance and recusal', () => {
  it('opens the meeting with the first attendance, freezes the agenda and recuses a member listed as an official concerned', () => {
    const held = open(['m1', 'm2', 'm3']);
    expect(held.status).toBe('held');
    expect(held.agenda?.map((i) => i.taskId)).toEqual(['T1', 'T2']);
    expect(held.recusals).toEqual([
      expect.objectContaining({ taskId: 'T2', memberId: 'm2', source: 'official-concerned' }),
    ]);
    // A correction later keeps the frozen agenda, whatever waits now.
    const corrected = recordAttendance(
      committee,
      held,
      ['m1', 'm2', 'm3', 'm4'],
      [item('T9')],
      'secretary-sub',
      meetingDay,
    );
    expect(corrected.agenda?.map((i) => i.taskId)).toEqual(['T1', 'T2']);
    expect(corrected.version).toBe(held.version + 1);
  });

  it('refuses attendance of a non-member, a member outside their term, and before the meeting day', () => {
    expect(fieldAndRule(() => open(['m1', 'x9']))).toMatchObject({ field: 'presentMemberIds.1', rule: 'not_a_member' });
    expect(fieldAndRule(() => open(['old']))).toMatchObject({ field: 'presentMemberIds.0', rule: 'outside_term' });
    expect(
      fieldAndRule(() =>
        recordAttendance(committee, scheduled, ['m1'], [], 's', new Date('2026-12-14T10:00:00+09:00')),
      ),
    ).toMatchObject({ rule: 'meeting_not_yet' });
  });

  it('records a declared recusal with its reason once, and refuses it before the meeting opens', () => {
    expect(
      fieldAndRule(() =>
        recordRecusal(
          committee,
          scheduled,
          { taskId: 'T1', memberId: 'm4', reason: '친족', declaredBy: 'member' },
          's',
          meetingDay,
        ),
      ),
    ).toMatchObject({ rule: 'meeting_not_open' });
    const held = open(['m1', 'm2', 'm3', 'm4']);
    const recused = recordRecusal(
      committee,
      held,
      { taskId: 'T1', memberId: 'm4', reason: '징계 대상자의 친족', declaredBy: 'member' },
      'staff-4',
      meetingDay,
    );
    expect(recused.recusals.at(-1)).toMatchObject({
      taskId: 'T1',
      memberId: 'm4',
      source: 'declared-by-member',
      reason: '징계 대상자의 친족',
    });
    expect(
      fieldAndRule(() =>
        recordRecusal(
          committee,
          recused,
          { taskId: 'T1', memberId: 'm4', reason: '중복', declaredBy: 'secretary' },
          's',
          meetingDay,
        ),
      ),
    ).toMatchObject({ rule: 'already_recused' });
    expect(
      fieldAndRule(() =>
        recordRecusal(
          committee,
          recused,
          { taskId: 'T7', memberId: 'm4', reason: '안건 아님', declaredBy: 'secretary' },
          's',
          meetingDay,
        ),
      ),
    ).toMatchObject({ field: 'taskId', rule: 'not_on_agenda' });
  });

  it('finds no recusal for members without a staff id or not concerned', () => {
    expect(automaticRecusals(committee, [item('T1', ['someone-else'])], 'now')).toEqual([]);
  });
});

describe('votes and decisions', () => {
  const held = open(['m1', 'm2', 'm3', 'm4']);
  const votes = (f: string[], against: string[] = [], abstain: string[] = []) => ({ for: f, against, abstain });

  it('refuses any decision without a quorum', () => {
    const thin = open(['m1', 'm2']);
    const refusal = fieldAndRule(() =>
      tallyDecision(committee, thin, 'T1', votes(['m1', 'm2']), 'record-resolution', false),
    );
    expect(refusal).toEqual({ type: 'IllegalTransitionError', field: 'attendance', rule: 'quorum_not_met' });
  });

  it('refuses a decision before the meeting opens', () => {
    expect(
      fieldAndRule(() => tallyDecision(committee, scheduled, 'T1', votes(['m1']), 'record-resolution', false)),
    ).toMatchObject({ rule: 'meeting_not_open' });
  });

  it('refuses the vote of a recused member, of a non-member, of an absent member, and a member voting twice', () => {
    expect(
      fieldAndRule(() => tallyDecision(committee, held, 'T2', votes(['m1', 'm2', 'm3']), 'record-resolution', false)),
    ).toEqual({ type: 'ValidationError', field: 'votes.for.1', rule: 'recused_member' });
    expect(
      fieldAndRule(() => tallyDecision(committee, held, 'T1', votes(['m1', 'zz']), 'record-resolution', false)),
    ).toMatchObject({ field: 'votes.for.1', rule: 'not_a_member' });
    expect(
      fieldAndRule(() => tallyDecision(committee, held, 'T1', votes(['m1', 'm5']), 'record-resolution', false)),
    ).toMatchObject({ field: 'votes.for.1', rule: 'absent_member' });
    expect(
      fieldAndRule(() => tallyDecision(committee, held, 'T1', votes(['m1', 'm2'], ['m1']), 'record-resolution', false)),
    ).toMatchObject({ field: 'votes.against.0', rule: 'duplicate_vote' });
    expect(
      fieldAndRule(() => tallyDecision(committee, held, 'T1', votes(['m1', 'old']), 'record-resolution', false)),
    ).toMatchObject({ field: 'votes.for.1', rule: 'outside_term' });
  });

  it('refuses deciding an item twice, an item not on the agenda, and a decision the task does not allow', () => {
    expect(
      fieldAndRule(() => tallyDecision(committee, held, 'T1', votes(['m1', 'm2', 'm3']), 'record-resolution', true)),
    ).toEqual({ type: 'IllegalTransitionError', field: 'taskId', rule: 'already_decided' });
    expect(
      fieldAndRule(() => tallyDecision(committee, held, 'T5', votes(['m1', 'm2', 'm3']), 'record-resolution', false)),
    ).toMatchObject({ field: 'taskId', rule: 'not_on_agenda' });
    expect(
      fieldAndRule(() => tallyDecision(committee, held, 'T1', votes(['m1', 'm2', 'm3']), 'approve', false)),
    ).toMatchObject({ field: 'form.decision', rule: 'decision_not_allowed' });
  });

  it('carries a decision with a majority of the members present who may vote, and not with half', () => {
    // T1: 4 present, nobody recused → 3 needed.
    expect(
      fieldAndRule(() =>
        tallyDecision(committee, held, 'T1', votes(['m1', 'm2'], ['m3', 'm4']), 'record-resolution', false),
      ),
    ).toMatchObject({ field: 'votes.for', rule: 'majority_not_reached' });
    expect(
      tallyDecision(committee, held, 'T1', votes(['m1', 'm2', 'm3'], ['m4']), 'record-resolution', false),
    ).toMatchObject({ votingPresent: 4, requiredFor: 3, enrolled: 5, present: 4, recusedMemberIds: [] });
    // T2: m2 is recused → 3 voting, 2 needed.
    expect(tallyDecision(committee, held, 'T2', votes(['m1', 'm3']), 'record-resolution', false)).toMatchObject({
      votingPresent: 3,
      requiredFor: 2,
      recusedMemberIds: ['m2'],
    });
  });

  it('lets only the committee’s secretary (or an administrator) record', () => {
    expect(() => assertCommitteeRecorder({ sub: 'secretary-sub', roles: ['secretary'] }, committee)).not.toThrow();
    expect(() => assertCommitteeRecorder({ sub: 'admin-sub', roles: ['admin'] }, committee)).not.toThrow();
    expect(() => assertCommitteeRecorder({ sub: 'other-secretary', roles: ['secretary'] }, committee)).toThrow(
      ForbiddenError,
    );
    expect(() => assertCommitteeRecorder({ sub: 'head', roles: ['head'] }, committee)).toThrow(ForbiddenError);
  });
});

describe('cadence and meeting times', () => {
  it('places the ethics committee’s June and December meetings on the 15th or the next business day, with stable ids', () => {
    const ethics = committeeFromInput('ethics', input(), 'admin', 'now');
    // 2026-06-15 is a Monday; 2026-12-15 a Tuesday.
    expect(cadenceMeetings(ethics, '2026-06', 6, isBusinessDay)).toEqual([
      { meetingId: 'ethics-2026-06', scheduledAt: '2026-06-15T14:00:00+09:00', yearMonth: '2026-06' },
      { meetingId: 'ethics-2026-12', scheduledAt: '2026-12-15T14:00:00+09:00', yearMonth: '2026-12' },
    ]);
    expect(cadenceMeetings(ethics, '2026-07', 1, isBusinessDay)).toEqual([]);
  });

  it('moves a cadence meeting off a holiday: 추석 2026 (9/24–9/26) pushes a 9/24 meeting to 9/28', () => {
    const autumn = committeeFromInput(
      'human-rights',
      input({
        cadence: { type: 'months', months: [9], dayOfMonth: 24, time: '10:00', labelKo: '9월', basis: '업무계획' },
      }),
      'a',
      'now',
    );
    expect(cadenceMeetings(autumn, '2026-09', 0, isBusinessDay)).toEqual([
      { meetingId: 'human-rights-2026-09', scheduledAt: '2026-09-28T10:00:00+09:00', yearMonth: '2026-09' },
    ]);
  });

  it('creates nothing ahead for a committee that meets as needed', () => {
    const asNeeded = committeeFromInput(
      'petition-review',
      input({ cadence: { type: 'as-needed', minimumPerYear: 0, labelKo: '수시', basis: '청원법 제21조①' } }),
      'a',
      'now',
    );
    expect(cadenceMeetings(asNeeded, '2026-01', 12, isBusinessDay)).toEqual([]);
  });

  it('refuses a meeting on a Saturday or a public holiday, or without Korea time', () => {
    const now = new Date('2026-11-25T09:00:00+09:00');
    expect(fieldAndRule(() => checkMeetingTime('2026-11-28T10:00:00+09:00', now, isBusinessDay))).toMatchObject({
      field: 'scheduledAt',
      rule: 'not_a_business_day',
    });
    expect(fieldAndRule(() => checkMeetingTime('2026-12-25T10:00:00+09:00', now, isBusinessDay))).toMatchObject({
      rule: 'not_a_business_day',
    });
    expect(fieldAndRule(() => checkMeetingTime('2026-12-10T01:00:00Z', now, isBusinessDay))).toMatchObject({
      rule: 'korea_time',
    });
    expect(() => checkMeetingTime('2026-12-10T14:00:00+09:00', now, isBusinessDay)).not.toThrow();
  });
});
