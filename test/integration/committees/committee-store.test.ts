/**
 * Committees on DynamoDB Local: committees and meetings under version conditions, cadence meetings
 * created once, the cases waiting for a committee read from their own index (and gone from it once
 * decided or cancelled), and a meeting's decision written in the case's own transaction — with the
 * task it completes and the minutes in the case history — exactly once.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../../infra/local/demo-data.ts';
import { committeeFromInput, committeeInputSchema, type Meeting } from '#shared/domain/committee.ts';
import { VersionConflictError } from '#shared/domain/errors.ts';
import { committeeMeetingsAhead } from '#shared/usecases/committee-meetings-ahead.ts';
import { actorOf, createCommitteeWorld, type CommitteeWorld } from './committee-fixture.ts';

let w: CommitteeWorld;
beforeAll(async () => {
  w = await createCommitteeWorld();
});
afterAll(async () => w?.close());

const secretary = actorOf(DEMO_USERS.secretary);

describe('committee records', () => {
  it('has the five demo committees, seeded once however often seeding runs', async () => {
    const { seedDemoCommittees } = await import('../../../infra/local/demo-data.ts');
    expect(await seedDemoCommittees(w.committeeRepository)).toBe(0);
    const all = await w.committeeRepository.list();
    expect(all.map((c) => c.kind).sort()).toEqual([
      'ethics',
      'human-rights',
      'mediation',
      'personnel',
      'petition-review',
    ]);
    expect(all.every((c) => c.version === 1)).toBe(true);
  });

  it('updates a committee only over the version it was read at', async () => {
    const current = (await w.committeeRepository.get('human-rights'))!;
    const input = committeeInputSchema.parse({
      nameKo: current.nameKo,
      members: current.members,
      secretarySub: current.secretarySub,
      cadence: current.cadence,
      expectedVersion: 1,
    });
    const head = actorOf(DEMO_USERS.head);
    const updated = await w.committees.putCommittee(head, 'human-rights', { ...input, nameKo: '영등포구 인권위원회' });
    expect(updated).toMatchObject({ created: false, committee: { version: 2, nameKo: '영등포구 인권위원회' } });
    // Someone who read version 1 cannot overwrite version 2.
    await expect(
      w.committeeRepository.put(committeeFromInput('human-rights', input, head.sub, 'now', { ...current, version: 1 })),
    ).rejects.toBeInstanceOf(VersionConflictError);
    await expect(w.committees.putCommittee(head, 'human-rights', input)).rejects.toMatchObject({
      field: 'expectedVersion',
      rule: 'stale_version',
    });
    await expect(
      w.committees.putCommittee(secretary, 'human-rights', { ...input, expectedVersion: 2 }),
    ).rejects.toMatchObject({ statusCode: 403 });
    await expect(
      w.committees.putCommittee(head, 'human-rights', {
        ...input,
        expectedVersion: 2,
        secretarySub: DEMO_USERS.investigator.sub,
      }),
    ).rejects.toMatchObject({ field: 'secretarySub', rule: 'not_a_secretary' });
    expect((await w.committeeRepository.get('human-rights'))!.version).toBe(2);
  });
});

describe('meetings', () => {
  it('creates the cadence meetings ahead once: the ethics and mediation committees in December 2026, nothing twice', async () => {
    const job = committeeMeetingsAhead({
      committees: w.committeeRepository,
      calendar: w.calendar,
      clock: w.clock,
      log: () => undefined,
    });
    const first = await job.run(new Date('2026-12-01T06:00:00+09:00'), 1);
    expect(first.created.sort()).toEqual(['ethics-2026-12', 'mediation-2026-12']);
    const again = await job.run(new Date('2026-12-01T06:00:00+09:00'), 1);
    expect(again).toMatchObject({
      created: [],
      existing: expect.arrayContaining(['ethics-2026-12', 'mediation-2026-12']),
    });
    const december = await w.committeeRepository.meetingsBetween('ethics', '2026-12-01', '2026-12-31');
    expect(december.map((m) => [m.meetingId, m.scheduledAt, m.source])).toEqual([
      ['ethics-2026-12', '2026-12-15T15:00:00+09:00', 'cadence'],
    ]);
    // Six months ahead from May 2027 reaches the June meetings (2027-06-10 Thu, 2027-06-15 Tue) and 인권위원회's September one.
    const ahead = await job.run(new Date('2027-05-01T06:00:00+09:00'), 4);
    expect(ahead.created.sort()).toEqual(['ethics-2027-06', 'human-rights-2027-09', 'mediation-2027-06']);
  });

  it('saves a meeting only over the version it was read at', async () => {
    const meeting = (await w.committeeRepository.getMeeting('mediation-2026-12'))!;
    await w.committeeRepository.saveMeeting({ ...meeting, place: '구청 별관 회의실', version: meeting.version + 1 });
    await expect(
      w.committeeRepository.saveMeeting({ ...meeting, place: '다른 곳', version: meeting.version + 1 } as Meeting),
    ).rejects.toBeInstanceOf(VersionConflictError);
    expect((await w.committeeRepository.getMeeting('mediation-2026-12'))!.place).toBe('구청 별관 회의실');
  });
});

describe('cases waiting for a committee and the decision of a meeting', () => {
  it('lists only the open tasks a committee decides, from its own index, and drops them once decided or cancelled', async () => {
    const a = await w.caseWaitingFor('petition-review', '청원 가');
    const b = await w.caseWaitingFor('petition-review', '청원 나');
    const other = await w.caseWaitingFor('mediation', '다수인 민원');
    const waiting = await w.taskRepository.openForCommittee('petition-review');
    expect(waiting.map((t) => t.taskId).sort()).toEqual([a.taskId, b.taskId].sort());
    expect((await w.taskRepository.openForCommittee('mediation')).map((t) => t.taskId)).toEqual([other.taskId]);
    // The secretary still sees them among their tasks.
    expect((await w.tasks.listMyTasks(secretary, 100)).map((t) => t.taskId)).toEqual(
      expect.arrayContaining([a.taskId, b.taskId, other.taskId]),
    );

    const task = (await w.taskRepository.get(b.caseId, b.taskId))!;
    await w.table.doc.send(new TransactWriteCommand({ TransactItems: [w.taskRepository.cancel(task)] }));
    expect((await w.taskRepository.openForCommittee('petition-review')).map((t) => t.taskId)).toEqual([a.taskId]);
  });

  it('records a decision with the task, the minutes and the decision item in one transaction — and only once', async () => {
    w.setNow('2026-12-10T15:00:00+09:00');
    const c = await w.caseWaitingFor('mediation', '반복 다수인 민원 종결 심의');
    const meeting = (await w.committeeRepository.getMeeting('mediation-2026-12'))!;
    const opened = await w.committees.recordAttendance(secretary, meeting.meetingId, {
      presentMemberIds: ['md-chair', 'md-head', 'md-lawyer'],
    });
    expect(opened.result.agenda?.map((i) => i.taskId)).toEqual(expect.arrayContaining([c.taskId]));
    const votes = { for: ['md-chair', 'md-head', 'md-lawyer'], against: [], abstain: [] };

    const result = await w.committees.recordDecision(
      secretary,
      meeting.meetingId,
      c.taskId,
      { votes, form: { decision: 'approve', comment: '종결 처리 의결' } },
      { key: 'decide-mediation-0001', request: { op: 'test', c: c.taskId } },
    );
    expect(result.result.task).toMatchObject({ status: 'completed', completedBy: secretary.sub, decision: 'approve' });
    expect(result.workflowNotified).toBe(true);
    expect(w.signalled.at(-1)?.output).toMatchObject({ decision: 'approve', taskId: c.taskId, by: secretary.sub });
    const history = await w.caseRepository.history(c.caseId);
    expect(history.map((e) => e.type).slice(-2)).toEqual(['TASK_COMPLETED', 'COMMITTEE_MINUTES']);
    expect(history.at(-1)!.data).toMatchObject({
      committee: 'mediation',
      meetingId: meeting.meetingId,
      enrolled: 5,
      present: 3,
      votesFor: 3,
      decision: 'approve',
      decisionLabel: '승인',
    });
    expect(await w.committeeRepository.decision(meeting.meetingId, c.taskId)).toMatchObject({
      caseId: c.caseId,
      decision: 'approve',
      votingPresent: 3,
      requiredFor: 2,
    });

    // The same request again answers with the first result and writes nothing.
    const replay = await w.committees.recordDecision(
      secretary,
      meeting.meetingId,
      c.taskId,
      { votes, form: { decision: 'approve', comment: '종결 처리 의결' } },
      { key: 'decide-mediation-0001', request: { op: 'test', c: c.taskId } },
    );
    expect(replay.replayed).toBe(true);
    // Any other attempt is refused.
    await expect(
      w.committees.recordDecision(secretary, meeting.meetingId, c.taskId, {
        votes,
        form: { decision: 'return', reasons: '재검토' },
      }),
    ).rejects.toMatchObject({ statusCode: 409 });
    expect((await w.caseRepository.history(c.caseId)).length).toBe(history.length);
  });

  it('recuses a member recorded as concerned in the case after the meeting opened', async () => {
    w.setNow('2026-12-21T10:00:00+09:00');
    const scheduled = await w.committees.scheduleMeeting(secretary, 'petition-review', {
      scheduledAt: '2026-12-21T10:00:00+09:00',
    });
    const meetingId = scheduled.result.meetingId;
    const waiting = await w.taskRepository.openForCommittee('petition-review');
    await w.committees.recordAttendance(secretary, meetingId, {
      presentMemberIds: ['pr-chair', 'pr-lawyer', 'pr-professor', 'pr-resident'],
    });
    const item = waiting[0]!;
    // 한서준 (pr-lawyer) turns out to be concerned in the case: the task is hidden from him from now on.
    await w.table.doc.send(
      new TransactWriteCommand({ TransactItems: [w.taskRepository.hideFrom(item, [DEMO_USERS.member.sub])] }),
    );
    const votes = { for: ['pr-chair', 'pr-lawyer', 'pr-professor'], against: [], abstain: [] };
    await expect(
      w.committees.recordDecision(secretary, meetingId, item.taskId, { votes, form: { decision: 'approve' } }),
    ).rejects.toMatchObject({ field: 'votes.for.1', rule: 'recused_member' });
    const done = await w.committees.recordDecision(secretary, meetingId, item.taskId, {
      votes: { ...votes, for: ['pr-chair', 'pr-professor', 'pr-resident'] },
      form: { decision: 'approve' },
    });
    expect(done.decision).toMatchObject({ recusedMemberIds: ['pr-lawyer'], votingPresent: 3, requiredFor: 2 });
  });

  it('lets only the secretary record a recusal, also one a member declares; a member cannot recuse themselves', async () => {
    w.setNow('2026-12-22T10:00:00+09:00');
    const c = await w.caseWaitingFor('petition-review', '회피 기록 심사');
    const scheduled = await w.committees.scheduleMeeting(secretary, 'petition-review', {
      scheduledAt: '2026-12-22T10:00:00+09:00',
    });
    const meetingId = scheduled.result.meetingId;
    await w.committees.recordAttendance(secretary, meetingId, {
      presentMemberIds: ['pr-chair', 'pr-lawyer', 'pr-professor', 'pr-resident'],
    });
    const member = actorOf(DEMO_USERS.member);
    const recusal = { taskId: c.taskId, memberId: 'pr-lawyer', reason: '신청인의 친족', declaredBy: 'member' as const };
    await expect(w.committees.recordRecusal(member, meetingId, recusal)).rejects.toMatchObject({ statusCode: 403 });
    expect((await w.committees.recordRecusal(secretary, meetingId, recusal)).result.recusals).toEqual(
      expect.arrayContaining([expect.objectContaining({ memberId: 'pr-lawyer', source: 'declared-by-member' })]),
    );
  });

  it('refuses to complete, as a committee, a task that committee does not decide', async () => {
    const c = await w.caseWaitingFor('ethics', '재산등록 심사');
    await expect(
      w.tasks.completeTask(secretary, c.caseId, c.taskId, { decision: 'approve' }, undefined, {
        kind: 'mediation',
        minutes: {},
        also: [],
      }),
    ).rejects.toMatchObject({ field: 'taskId', rule: 'not_this_committee' });
    expect((await w.taskRepository.get(c.caseId, c.taskId))!.status).toBe('open');
  });
});
