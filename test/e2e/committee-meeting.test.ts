/**
 * A committee meeting end to end on the local system (HTTP API, local Step Functions running the
 * misconduct ASL, DynamoDB Local): three discipline cases wait for the personnel committee
 * (인사위원회); its secretary schedules a meeting, whose agenda builds itself from them; without a
 * quorum nothing can be decided; a recused member cannot vote; bad input and people other than the
 * secretary are refused and change nothing; the recorded decisions resume all three workflows,
 * and each case's history carries the minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import { addDays } from '#shared/calendar/korea-dates.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import type { Role } from '#shared/domain/roles.ts';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
const calendar = createCalendar();
const today = koreaDate(new Date());

interface Task {
  taskId: string;
  caseId: string;
  type: string;
  status: string;
  committee?: string;
}

async function openTask(as: Role, caseId: string, type: string): Promise<Task | undefined> {
  await t.system.stepFunctions.settle();
  const res = await t.call('GET', '/me/tasks?limit=100', { as });
  expect(res.status).toBe(200);
  return (res.body.items as Task[]).find((task) => task.caseId === caseId && task.type === type);
}

async function step(as: Role, caseId: string, type: string, body: Record<string, unknown>) {
  const task = await openTask(as, caseId, type);
  expect(task, `${type} task for ${as}`).toBeDefined();
  const res = await t.call('POST', `/cases/${caseId}/tasks/${task!.taskId}/complete`, { as, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function history(caseId: string) {
  await t.system.stepFunctions.settle();
  const res = await t.call('GET', `/cases/${caseId}/history`, { as: 'auditor' });
  expect(res.status).toBe(200);
  expect(res.body.verification.ok).toBe(true);
  return (res.body.events as { type: string; data: Record<string, any> }[]).filter((e) => e.type !== 'SENSITIVE_READ');
}

async function caseVersion(caseId: string): Promise<number> {
  const res = await t.call('GET', `/cases/${caseId}`, { as: 'auditor' });
  expect(res.status).toBe(200);
  return res.body.version;
}

/** A discipline case walked to the step where it waits for the personnel committee's resolution. */
async function caseWaitingForCommittee(title: string): Promise<string> {
  const res = await t.call('POST', '/cases', {
    as: 'team-lead',
    body: {
      kind: 'external-referral',
      title,
      assigneeSub: t.users.investigator.sub,
      misconduct: {
        category: 'abuse-of-authority',
        conductDate: '2025-03-02',
        officials: [{ name: '김도윤', department: '도로관리과', grade: '지방시설주사(6급)' }],
        referral: {
          agency: '경찰',
          noticeType: '범죄처분결과 통보',
          noticeNumber: '영등포경찰서 수사과-2026-0711',
          noticeDate: addDays(today, -3),
        },
      },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const caseId = res.body.case.caseId as string;
  await step('investigator', caseId, 'investigate', {
    decision: 'propose',
    findings: '비위 사실 확인',
    disposition: { type: 'discipline', severity: '경징계' },
  });
  await step('team-lead', caseId, 'review', { decision: 'endorse' });
  await step('head', caseId, 'approve', { decision: 'approve' });
  await step('investigator', caseId, 'request-discipline', {
    decision: 'send-request',
    requestedOn: today,
    documentNumber: '감사담당관-2026-301',
  });
  const waiting = await openTask('investigator', caseId, 'record-resolution');
  expect(waiting?.committee).toBe('personnel');
  return caseId;
}

/** The most recent business day on or before today: the meeting sits that day. */
function meetingDay(): string {
  let d = today;
  while (!calendar.isBusinessDay(d)) d = addDays(d, -1);
  return d;
}

let caseIds: string[] = [];
let meetingId: string;
const agendaTask = new Map<string, string>();
const resolution = (resolutionKo: string) => ({
  decision: 'record-resolution',
  resolution: resolutionKo,
  resolvedOn: today,
  documentNumber: '인사위원회-2026-12',
});
const fourFor = { for: ['ps-chair', 'ps-admin', 'ps-welfare', 'ps-professor'], against: [], abstain: [] };

beforeAll(async () => {
  t = await startTestSystem();
  caseIds = [];
  for (const title of ['범죄처분결과 통보 — 갑', '범죄처분결과 통보 — 을', '범죄처분결과 통보 — 병'])
    caseIds.push(await caseWaitingForCommittee(title));
}, 120_000);
afterAll(async () => t.system.close());

async function meeting() {
  const res = await t.call('GET', `/meetings/${meetingId}`, { as: 'secretary' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function decide(caseIndex: number, body: unknown, as: Role = 'secretary', headers: Record<string, string> = {}) {
  const taskId = agendaTask.get(caseIds[caseIndex]!)!;
  return t.call('POST', `/meetings/${meetingId}/items/${taskId}/decision`, { as, body, headers });
}

/** The request is refused with this status and error, and neither the case, its history, its task nor the meeting changed. */
async function refusedAndUnchanged(
  caseIndex: number,
  act: () => Promise<{ status: number; body: any }>,
  status: number,
  error: Record<string, unknown>,
) {
  const caseId = caseIds[caseIndex]!;
  const version = await caseVersion(caseId);
  const events = (await history(caseId)).length;
  const before = await meeting();
  const res = await act();
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error).toMatchObject(error);
  expect(await caseVersion(caseId)).toBe(version);
  expect((await history(caseId)).length).toBe(events);
  expect((await openTask('investigator', caseId, 'record-resolution'))?.status).toBe('open');
  const after = await meeting();
  expect(after.meeting.version).toBe(before.meeting.version);
  expect(after.undecided).toBe(before.undecided);
}

describe('a personnel committee meeting that decides three discipline cases', () => {
  it('lists the committee with its members, secretary, quorum rule and cadence', async () => {
    const res = await t.call('GET', '/committees', { as: 'auditor' });
    expect(res.status).toBe(200);
    const personnel = res.body.items.find((c: { kind: string }) => c.kind === 'personnel');
    expect(personnel).toMatchObject({
      nameKo: '인사위원회',
      kindLabel: '인사위원회',
      secretarySub: t.users.secretary.sub,
      quorum: { attendance: 'majority', decision: 'majority' },
    });
    expect(personnel.members).toHaveLength(8);
    expect(res.body.items.map((c: { kind: string }) => c.kind).sort()).toEqual([
      'ethics',
      'human-rights',
      'mediation',
      'personnel',
      'petition-review',
    ]);
  });

  it('lets only the secretary or the head of office schedule, and only on a business day', async () => {
    const day = meetingDay();
    const byInvestigator = await t.call('POST', '/committees/personnel/meetings', {
      as: 'investigator',
      body: { scheduledAt: `${day}T10:00:00+09:00` },
    });
    expect(byInvestigator.status).toBe(403);
    let sunday = today;
    while (new Date(`${sunday}T00:00:00Z`).getUTCDay() !== 0) sunday = addDays(sunday, 1);
    const onSunday = await t.call('POST', '/committees/personnel/meetings', {
      as: 'secretary',
      body: { scheduledAt: `${sunday}T10:00:00+09:00` },
    });
    expect(onSunday.status).toBe(400);
    expect(onSunday.body.error).toMatchObject({ field: 'scheduledAt', rule: 'not_a_business_day' });

    const res = await t.call('POST', '/committees/personnel/meetings', {
      as: 'secretary',
      body: { scheduledAt: `${day}T10:00:00+09:00`, place: '구청 본관 3층 소회의실' },
      headers: { 'idempotency-key': 'meeting-personnel-0001' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.meeting).toMatchObject({ committee: 'personnel', status: 'scheduled', statusLabel: '개최 예정' });
    meetingId = res.body.meeting.meetingId;
    const again = await t.call('POST', '/committees/personnel/meetings', {
      as: 'secretary',
      body: { scheduledAt: `${day}T10:00:00+09:00`, place: '구청 본관 3층 소회의실' },
      headers: { 'idempotency-key': 'meeting-personnel-0001' },
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ replayed: true, meeting: { meetingId } });
  });

  it('builds the agenda from the cases waiting for the committee, without sealed titles', async () => {
    const view = await meeting();
    expect(view.agendaFrozen).toBe(false);
    expect(view.agenda.map((i: { caseId: string }) => i.caseId).sort()).toEqual([...caseIds].sort());
    for (const item of view.agenda) {
      agendaTask.set(item.caseId, item.taskId);
      expect(item).toMatchObject({
        sealed: true,
        title: null,
        taskTitle: '인사위원회 징계의결 결과 등록',
        allowedDecisions: ['record-resolution'],
      });
    }
    const byOutsider = await t.call('GET', `/meetings/${meetingId}`, { as: 'member' });
    expect(byOutsider.status).toBe(403);
  });

  it('refuses attendance from someone other than the secretary, and a member outside their term', async () => {
    const byMember = await t.call('POST', `/meetings/${meetingId}/attendance`, {
      as: 'investigator',
      body: { presentMemberIds: ['ps-chair'] },
    });
    expect(byMember.status).toBe(403);
    expect(byMember.body.error).toMatchObject({ rule: 'not_committee_secretary' });
    const former = await t.call('POST', `/meetings/${meetingId}/attendance`, {
      as: 'secretary',
      body: { presentMemberIds: ['ps-chair', 'ps-former'] },
    });
    expect(former.status).toBe(400);
    expect(former.body.error).toMatchObject({ field: 'presentMemberIds.1', rule: 'outside_term' });
    expect((await meeting()).meeting).toMatchObject({ status: 'scheduled', version: 1 });
  });

  it('opens without a quorum (3 of 7) but refuses every decision, changing nothing', async () => {
    const res = await t.call('POST', `/meetings/${meetingId}/attendance`, {
      as: 'secretary',
      body: { presentMemberIds: ['ps-chair', 'ps-admin', 'ps-lawyer'] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const view = await meeting();
    expect(view).toMatchObject({ agendaFrozen: true, quorum: { enrolled: 7, present: 3, required: 4, met: false } });
    await refusedAndUnchanged(
      0,
      () => decide(0, { votes: { for: ['ps-chair', 'ps-admin', 'ps-lawyer'] }, form: resolution('견책') }),
      409,
      { field: 'attendance', rule: 'quorum_not_met' },
    );
  });

  it('with a quorum, refuses a recused member’s vote, bad input and anyone but the secretary — changing nothing', async () => {
    const version = (await meeting()).meeting.version;
    const res = await t.call('POST', `/meetings/${meetingId}/attendance`, {
      as: 'secretary',
      body: {
        presentMemberIds: ['ps-chair', 'ps-admin', 'ps-welfare', 'ps-lawyer', 'ps-professor'],
        expectedVersion: version,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await meeting()).quorum).toMatchObject({ enrolled: 7, present: 5, met: true });

    const recusal = await t.call('POST', `/meetings/${meetingId}/recusals`, {
      as: 'secretary',
      body: {
        taskId: agendaTask.get(caseIds[0]!)!,
        memberId: 'ps-lawyer',
        reason: '징계 대상 공무원의 소송대리인이었음',
        declaredBy: 'secretary',
      },
    });
    expect(recusal.status, JSON.stringify(recusal.body)).toBe(201);

    await refusedAndUnchanged(
      0,
      () => decide(0, { votes: { for: ['ps-chair', 'ps-lawyer', 'ps-admin'] }, form: resolution('견책') }),
      400,
      { field: 'votes.for.1', rule: 'recused_member' },
    );
    await refusedAndUnchanged(
      0,
      () => decide(0, { votes: { for: ['ps-chair', 'nobody'] }, form: resolution('견책') }),
      400,
      { field: 'votes.for.1', rule: 'not_a_member' },
    );
    await refusedAndUnchanged(
      0,
      () => decide(0, { votes: { for: ['ps-chair', 'ps-retired'] }, form: resolution('견책') }),
      400,
      { field: 'votes.for.1', rule: 'absent_member' },
    );
    await refusedAndUnchanged(
      0,
      () =>
        decide(0, {
          votes: { for: ['ps-chair', 'ps-admin'], against: ['ps-welfare', 'ps-professor'] },
          form: resolution('견책'),
        }),
      400,
      { field: 'votes.for', rule: 'majority_not_reached' },
    );
    await refusedAndUnchanged(0, () => decide(0, { votes: fourFor, form: { decision: 'approve' } }), 400, {
      field: 'form.decision',
      rule: 'decision_not_allowed',
    });
    await refusedAndUnchanged(0, () => decide(0, { votes: fourFor, form: resolution('감봉') }), 400, {
      field: 'months',
      rule: 'months_required',
    });
    await refusedAndUnchanged(0, () => decide(0, { form: resolution('견책') }), 400, { field: 'votes' });
    await refusedAndUnchanged(0, () => decide(0, fourFor), 400, {});
    await refusedAndUnchanged(0, () => decide(0, { votes: fourFor, form: resolution('견책') }, 'investigator'), 403, {
      rule: 'not_committee_secretary',
    });
    await refusedAndUnchanged(0, () => decide(0, { votes: fourFor, form: resolution('견책') }, 'head'), 403, {
      rule: 'not_committee_secretary',
    });
  });

  it('records the three decisions, which resume all three workflows and leave the minutes in each case’s history', async () => {
    const results = await Promise.all([
      decide(0, { votes: fourFor, form: resolution('견책') }, 'secretary', {
        'idempotency-key': 'decision-case-a-0001',
      }),
      decide(1, {
        votes: { for: ['ps-chair', 'ps-admin', 'ps-welfare'], against: ['ps-lawyer'], abstain: ['ps-professor'] },
        form: { ...resolution('감봉'), months: 1 },
      }),
      decide(2, {
        votes: { for: ['ps-chair', 'ps-admin', 'ps-welfare', 'ps-lawyer', 'ps-professor'] },
        form: resolution('불문경고'),
      }),
    ]);
    for (const res of results) {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({
        workflowNotified: true,
        task: { status: 'completed', decision: 'record-resolution', committee: 'personnel' },
      });
    }

    const replay = await decide(0, { votes: fourFor, form: resolution('견책') }, 'secretary', {
      'idempotency-key': 'decision-case-a-0001',
    });
    expect(replay.status, JSON.stringify(replay.body)).toBe(200);
    expect(replay.body.replayed).toBe(true);

    const expected = [
      { resolution: '견책', votesFor: 4, votesAgainst: 0, abstentions: 0, recused: ['ps-lawyer'] },
      { resolution: '감봉', votesFor: 3, votesAgainst: 1, abstentions: 1, recused: [] },
      { resolution: '불문경고', votesFor: 5, votesAgainst: 0, abstentions: 0, recused: [] },
    ];
    for (const [i, caseId] of caseIds.entries()) {
      // The workflow moved on: the result notice to the referring agency is now open.
      expect(await openTask('investigator', caseId, 'notify-agency'), `case ${i} moved on`).toBeDefined();
      expect(await openTask('investigator', caseId, 'record-resolution')).toBeUndefined();
      const events = await history(caseId);
      const minutes = events.filter((e) => e.type === 'COMMITTEE_MINUTES');
      expect(minutes).toHaveLength(1);
      expect(minutes[0]!.data).toMatchObject({
        committee: 'personnel',
        committeeName: '인사위원회',
        meetingId,
        enrolled: 7,
        present: 5,
        votesFor: expected[i]!.votesFor,
        votesAgainst: expected[i]!.votesAgainst,
        abstentions: expected[i]!.abstentions,
        decision: 'record-resolution',
      });
      expect(minutes[0]!.data.recused.map((r: { memberId: string }) => r.memberId)).toEqual(expected[i]!.recused);
      expect(events.find((e) => e.type === 'RESOLUTION_RECORDED')?.data).toMatchObject({
        type: expected[i]!.resolution,
      });
      const types = events.map((e) => e.type);
      expect(types.indexOf('COMMITTEE_MINUTES')).toBe(types.lastIndexOf('TASK_COMPLETED') + 1);
    }

    const view = await meeting();
    expect(view.meeting).toMatchObject({ status: 'closed', statusLabel: '종료' });
    expect(view.undecided).toBe(0);
    expect(view.agenda.every((i: { decision?: unknown }) => i.decision !== undefined)).toBe(true);
  });

  it('refuses deciding an item of a closed meeting again', async () => {
    const res = await decide(1, { votes: fourFor, form: { ...resolution('감봉'), months: 2 } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ rule: 'meeting_not_open' });
  });
});

describe('a petition waiting for the petition review committee (청원심의회)', () => {
  it('is decided at the committee’s meeting, which a member of that committee may read, and its workflow moves on to the disclosure decision', async () => {
    const person = { name: '김민지', address: '서울특별시 ○○구 ○○로 12', phone: '010-0000-0000' };
    const intake = await t.call('POST', '/cases', {
      as: 'clerk',
      body: {
        kind: 'petition',
        title: '어린이공원 놀이시설 교체 청원',
        petition: { form: 'joint', public: true, petitioner: person, representatives: [person], signatories: 120 },
      },
    });
    expect(intake.status, JSON.stringify(intake.body)).toBe(201);
    const caseId = intake.body.case.caseId as string;
    await step('clerk', caseId, 'screen-petition', { decision: 'process-petition' });
    const waiting = await openTask('secretary', caseId, 'review-disclosure');
    expect(waiting?.committee).toBe('petition-review');

    const scheduled = await t.call('POST', '/committees/petition-review/meetings', {
      as: 'secretary',
      body: { scheduledAt: `${meetingDay()}T15:00:00+09:00` },
    });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(201);
    const id = scheduled.body.meeting.meetingId as string;
    // 한서준 sits on this committee (as its lawyer member), so he may read its meeting.
    const asMember = await t.call('GET', `/meetings/${id}`, { as: 'member' });
    expect(asMember.status, JSON.stringify(asMember.body)).toBe(200);
    expect(asMember.body.agenda.map((i: { caseId: string }) => i.caseId)).toEqual([caseId]);
    expect(asMember.body.agenda[0]).toMatchObject({ sealed: false, title: '어린이공원 놀이시설 교체 청원' });

    const attendance = await t.call('POST', `/meetings/${id}/attendance`, {
      as: 'secretary',
      body: { presentMemberIds: ['pr-chair', 'pr-lawyer', 'pr-professor'] },
    });
    expect(attendance.status, JSON.stringify(attendance.body)).toBe(200);
    const decided = await t.call('POST', `/meetings/${id}/items/${waiting!.taskId}/decision`, {
      as: 'secretary',
      body: {
        votes: { for: ['pr-chair', 'pr-lawyer', 'pr-professor'] },
        form: { decision: 'recommend-disclosure', opinion: '공공시설 운영 사항으로 공개 적합' },
      },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({
      workflowNotified: true,
      meeting: { status: 'closed' },
      decision: { decision: 'recommend-disclosure', present: 3, enrolled: 5 },
    });

    await t.system.stepFunctions.settle();
    const tasks = await t.call('GET', `/cases/${caseId}/tasks`, { as: 'auditor' });
    expect(tasks.status).toBe(200);
    expect(
      tasks.body.items.find((task: Task) => task.type === 'decide-disclosure' && task.status === 'open'),
    ).toBeDefined();
    const minutes = (await history(caseId)).find((e) => e.type === 'COMMITTEE_MINUTES');
    expect(minutes?.data).toMatchObject({
      committee: 'petition-review',
      committeeName: '청원심의회',
      meetingId: id,
      votesFor: 3,
      decision: 'recommend-disclosure',
      decisionLabel: '공개 적합 의결',
    });
  });
});
