/**
 * Roles that match the office, through the HTTP API on the local system: the head acts for a task's
 * assignee (대결) and the history says for whom; a team lead's task falls to the head when the lead
 * is an official concerned; an assignee must be of the kind's team and role, unless the head
 * overrides the rule with a reason that is recorded. Every refusal names the field and rule and
 * changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../infra/local/demo-data.ts';
import type { Role } from '#shared/domain/roles.ts';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => t.system.close());

const complaintsInvestigator = DEMO_STAFF.find((m) => m.name === '신예린')!;
const otherInvestigator = DEMO_STAFF.find((m) => m.name === '조현우')!;

interface Task {
  taskId: string;
  caseId: string;
  type: string;
  status: string;
  assignee: Record<string, string>;
  onBehalfOf?: Record<string, string>;
}

interface Event {
  type: string;
  actor: { sub: string; role: string; onBehalfOf?: Record<string, string> };
  data: Record<string, unknown>;
  onBehalfOfLabel?: string;
}

async function openTask(caseId: string, type: string): Promise<Task> {
  await t.system.stepFunctions.settle();
  const res = await t.call('GET', `/cases/${caseId}/tasks`, { as: 'head' });
  expect(res.status).toBe(200);
  const task = (res.body.items as Task[]).find((x) => x.type === type && x.status === 'open');
  expect(task, `no open ${type} task`).toBeDefined();
  return task!;
}

const complete = (as: Role, task: Task, body: Record<string, unknown>) =>
  t.call('POST', `/cases/${task.caseId}/tasks/${task.taskId}/complete`, { as, body });

/** The changes on the case (reads of a sealed case are recorded too, and are left out here). */
async function changes(caseId: string): Promise<Event[]> {
  await t.system.stepFunctions.settle();
  const res = await t.call('GET', `/cases/${caseId}/history`, { as: 'auditor' });
  expect(res.body.verification.ok).toBe(true);
  return (res.body.events as Event[]).filter((e) => e.type !== 'SENSITIVE_READ');
}

async function intake(as: Role, body: Record<string, unknown>) {
  const res = await t.call('POST', '/cases', { as, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.case.caseId as string;
}

const referral = (officials: unknown[]) => ({
  category: 'abuse-of-authority',
  conductDate: '2025-03-02',
  officials,
  referral: {
    agency: '경찰',
    noticeType: '범죄처분결과 통보',
    noticeNumber: '영등포경찰서 수사과-2026-0901',
    noticeDate: '2026-11-02',
  },
});
const outsider = { name: '김도윤', department: '도로관리과', grade: '지방시설주사(6급)' };

describe('acting for another (대결)', () => {
  it("lets the head do a team lead's task, recorded on behalf of the team lead; the admin still may not", async () => {
    const caseId = await intake('clerk', { kind: 'case-review', title: '일반 검토 — 대결 배정' });
    const assign = await openTask(caseId, 'assign');
    expect(assign.assignee).toEqual({ role: 'team-lead', team: 'investigation' });

    const admin = await complete('admin', assign, { decision: 'assign', assigneeSub: t.users.investigator.sub });
    expect(admin.status).toBe(403);
    expect(admin.body.error).toMatchObject({ field: 'taskId', rule: 'not_your_task' });

    const done = await complete('head', assign, { decision: 'assign', assigneeSub: t.users.investigator.sub });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const events = await changes(caseId);
    const completed = events.find((e) => e.type === 'TASK_COMPLETED')!;
    expect(completed.actor).toEqual({
      sub: t.users.head.sub,
      name: t.users.head.name,
      role: 'head',
      onBehalfOf: { role: 'team-lead', team: 'investigation', labelKo: '조사팀 팀장', reason: 'acting' },
    });
    expect(completed.onBehalfOfLabel).toBe('대결 — 조사팀 팀장');
    expect(events.find((e) => e.type === 'ASSIGNED')!.actor.onBehalfOf).toMatchObject({ reason: 'acting' });
    // The case moved on: the investigator has the investigation.
    expect((await openTask(caseId, 'investigate')).assignee).toEqual({ sub: t.users.investigator.sub });
  });

  it('acts for a named assignee too, and names them from the staff directory', async () => {
    const caseId = await intake('team-lead', {
      kind: 'case-review',
      title: '일반 검토 — 조사관 부재',
      assigneeSub: t.users.investigator.sub,
    });
    const investigate = await openTask(caseId, 'investigate');
    const done = await complete('head', investigate, { decision: 'submit', findings: '조사관 부재 중 대결 처리' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const completed = (await changes(caseId)).find((e) => e.type === 'TASK_COMPLETED')!;
    expect(completed.actor.onBehalfOf).toEqual({
      sub: t.users.investigator.sub,
      name: t.users.investigator.name,
      labelKo: t.users.investigator.name,
      reason: 'acting',
    });
  });

  it('gives the assignment to the head when the team lead is an official concerned, and the case moves on', async () => {
    const lead = t.users['team-lead'];
    const caseId = await intake('clerk', {
      kind: 'external-referral',
      title: '조사팀장 관련 통보',
      misconduct: referral([{ name: lead.name, department: '감사담당관', grade: '조사팀장(6급)', staffSub: lead.sub }]),
    });
    await t.system.stepFunctions.settle();
    const headTasks = await t.call('GET', '/me/tasks', { as: 'head' });
    const assign = (headTasks.body.items as Task[]).find((x) => x.caseId === caseId)!;
    expect(assign).toMatchObject({
      type: 'assign',
      assignee: { role: 'head' },
      onBehalfOf: { role: 'team-lead', team: 'investigation', reason: 'excluded' },
    });
    const leadTasks = await t.call('GET', '/me/tasks', { as: 'team-lead' });
    expect((leadTasks.body.items as Task[]).some((x) => x.caseId === caseId)).toBe(false);

    const byLead = await complete('team-lead', assign, { decision: 'assign', assigneeSub: t.users.investigator.sub });
    expect(byLead.status).toBe(403);
    const done = await complete('head', assign, { decision: 'assign', assigneeSub: t.users.investigator.sub });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const events = await changes(caseId);
    expect(events.find((e) => e.type === 'TASK_OPENED')!.data.onBehalfOf).toMatchObject({ reason: 'excluded' });
    expect(events.find((e) => e.type === 'TASK_COMPLETED')!.actor).toMatchObject({
      sub: t.users.head.sub,
      onBehalfOf: { role: 'team-lead', team: 'investigation', reason: 'excluded' },
    });
    expect((await openTask(caseId, 'investigate')).assignee).toEqual({ sub: t.users.investigator.sub });
  });
});

describe("assignment follows the kind's team and role", () => {
  it('refuses a clerk, another team’s investigator and a team lead as investigator of a sealed referral, changing nothing', async () => {
    const caseId = await intake('clerk', {
      kind: 'external-referral',
      title: '외부기관 통보 — 배정 기준',
      misconduct: referral([outsider]),
    });
    const assign = await openTask(caseId, 'assign');
    const before = (await changes(caseId)).length;
    const version = (await t.call('GET', `/cases/${caseId}`, { as: 'head' })).body.version;

    for (const [sub, rule] of [
      [t.users.clerk.sub, 'assignee_not_in_team'],
      [complaintsInvestigator.sub, 'assignee_not_in_team'],
      [t.users['team-lead'].sub, 'assignee_lacks_role'],
    ] as const) {
      const res = await complete('team-lead', assign, { decision: 'assign', assigneeSub: sub });
      expect(res.status, sub).toBe(422);
      expect(res.body.error).toMatchObject({ field: 'assigneeSub', rule });
      expect(res.body.error.messageKo).toMatch(/조사팀|조사관/);
    }
    const byLead = await complete('team-lead', assign, {
      decision: 'assign',
      assigneeSub: t.users.clerk.sub,
      overrideAssignmentRule: true,
      overrideReason: '인력 부족',
    });
    expect(byLead.status).toBe(403);
    expect(byLead.body.error).toMatchObject({ field: 'overrideAssignmentRule', rule: 'role_cannot_override' });
    const noReason = await complete('head', assign, {
      decision: 'assign',
      assigneeSub: complaintsInvestigator.sub,
      overrideAssignmentRule: true,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({ field: 'overrideReason', rule: 'required_with_override' });

    expect((await changes(caseId)).length).toBe(before);
    const unchanged = await t.call('GET', `/cases/${caseId}`, { as: 'head' });
    expect(unchanged.body).toMatchObject({ version, stage: 'assignment' });
    expect(unchanged.body.assigneeSub).toBeUndefined();
    expect((await openTask(caseId, 'assign')).taskId).toBe(assign.taskId);

    const valid = await complete('team-lead', assign, { decision: 'assign', assigneeSub: otherInvestigator.sub });
    expect(valid.status, JSON.stringify(valid.body)).toBe(200);
  });

  it('records the head’s override with its reason in the ASSIGNED event', async () => {
    const caseId = await intake('clerk', {
      kind: 'external-referral',
      title: '외부기관 통보 — 배정 기준 예외',
      misconduct: referral([outsider]),
    });
    const assign = await openTask(caseId, 'assign');
    const done = await complete('head', assign, {
      decision: 'assign',
      assigneeSub: complaintsInvestigator.sub,
      overrideAssignmentRule: true,
      overrideReason: '민원 현장 사정에 밝은 직원 지원',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const assigned = (await changes(caseId)).find((e) => e.type === 'ASSIGNED')!;
    expect(assigned.data).toMatchObject({
      assigneeSub: complaintsInvestigator.sub,
      override: {
        rule: 'assignee_not_in_team',
        reason: '민원 현장 사정에 밝은 직원 지원',
        expected: { teams: ['investigation'], roles: ['investigator'] },
      },
    });
    expect(assigned.actor).toMatchObject({ sub: t.users.head.sub, onBehalfOf: { reason: 'acting' } });
  });

  it('applies the same rule at intake, on edit and on reassignment', async () => {
    const atIntake = await t.call('POST', '/cases', {
      as: 'team-lead',
      body: {
        kind: 'external-referral',
        title: '접수 시 배정',
        assigneeSub: t.users.clerk.sub,
        misconduct: referral([outsider]),
      },
    });
    expect(atIntake.status).toBe(422);
    expect(atIntake.body.error).toMatchObject({ field: 'assigneeSub', rule: 'assignee_not_in_team' });

    const grievanceId = await intake('clerk', { kind: 'grievance', title: '소음 고충민원', channel: '응답소' });
    await t.system.stepFunctions.settle();
    const current = await t.call('GET', `/cases/${grievanceId}`, { as: 'head' });
    const edited = await t.call('PATCH', `/cases/${grievanceId}`, {
      as: 'team-lead',
      body: { expectedVersion: current.body.version, assigneeSub: t.users.investigator.sub },
    });
    expect(edited.status).toBe(422);
    expect(edited.body.error).toMatchObject({ field: 'assigneeSub', rule: 'assignee_not_in_team' });
    const toHandler = await t.call('PATCH', `/cases/${grievanceId}`, {
      as: 'team-lead',
      body: { expectedVersion: current.body.version, assigneeSub: complaintsInvestigator.sub },
    });
    expect(toHandler.status, JSON.stringify(toHandler.body)).toBe(200);

    const moved = await t.call('POST', `/cases/${grievanceId}/reassign`, {
      as: 'team-lead',
      body: { assigneeSub: t.users.secretary.sub, reason: '업무 조정' },
    });
    expect(moved.status).toBe(422);
    expect(moved.body.error).toMatchObject({ field: 'assigneeSub', rule: 'assignee_lacks_role' });
  });
});
