/**
 * A team's open tasks through the HTTP API (GET /me/tasks?scope=team): the team lead sees who holds
 * what in their team, the head any team; others are refused naming the rule; a task whose case the
 * caller may not read (the lead is an official the case concerns) is not listed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem } from '../support/local-system.ts';
import { headOfOffice, staffApi, staffNamed } from '../support/staff-api.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
const { call, decide, openTask } = staffApi(() => t);

const head = headOfOffice;
const lead = staffNamed('최유진');
const investigator = staffNamed('박준형');
const clerk = staffNamed('이하은');
const auditLead = staffNamed('강민수');

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => t?.system.close());

interface Listed {
  taskId: string;
  caseId: string;
  type: string;
  assignee: { sub?: string; role?: string; team?: string };
  dueAt: string;
}

async function intake(as: typeof lead, body: Record<string, unknown>): Promise<string> {
  const res = await call(as, 'POST', '/cases', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.case.caseId as string;
}

describe('a team lead’s team view', () => {
  let heldByInvestigator: string;
  let waitingForLead: string;
  let concerningLead: string;

  beforeAll(async () => {
    heldByInvestigator = await intake(lead, {
      kind: 'case-review',
      title: '팀 업무 — 조사관 보유',
      assigneeSub: investigator.sub,
    });
    waitingForLead = await intake(clerk, { kind: 'case-review', title: '팀 업무 — 배정 대기' });
    concerningLead = await intake(clerk, {
      kind: 'external-referral',
      title: '팀 업무 — 조사팀장 관련 통보',
      misconduct: {
        category: 'abuse-of-authority',
        conductDate: '2025-03-02',
        officials: [{ name: lead.name, department: '감사담당관', grade: '조사팀장(6급)', staffSub: lead.sub }],
        referral: {
          agency: '경찰',
          noticeType: '범죄처분결과 통보',
          noticeNumber: '영등포경찰서 수사과-2026-1204',
          noticeDate: '2026-11-02',
        },
      },
    });
    // The lead is excluded, so the head assigns; the investigation is then held by the lead's own investigator.
    await decide(head, concerningLead, 'assign', { decision: 'assign', assigneeSub: investigator.sub });
    expect((await openTask(concerningLead)).assignee).toEqual({ sub: investigator.sub });
    await t.system.stepFunctions.settle();
  });

  it('lists the open tasks of the lead’s own team with who holds each, soonest due first', async () => {
    const res = await call(lead, 'GET', '/me/tasks?scope=team');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.team).toBe('investigation');
    const items = res.body.items as Listed[];
    const held = items.find((i) => i.caseId === heldByInvestigator);
    expect(held).toMatchObject({ type: 'investigate', assignee: { sub: investigator.sub } });
    expect(res.body.holders[investigator.sub]).toBe(investigator.name);
    expect(items.find((i) => i.caseId === waitingForLead)).toMatchObject({
      type: 'assign',
      assignee: { role: 'team-lead', team: 'investigation' },
    });
    const dues = items.map((i) => i.dueAt);
    expect(dues).toEqual([...dues].sort());
    // Only the team's: its members' own tasks and its role queues.
    const members = new Set(
      (await call(head, 'GET', '/staff?team=investigation')).body.items.map((m: { sub: string }) => m.sub),
    );
    for (const i of items) expect(i.assignee.sub ? members.has(i.assignee.sub) : i.assignee.team).toBeTruthy();
    for (const i of items.filter((x) => !x.assignee.sub)) expect(i.assignee.team).toBe('investigation');
  });

  it('leaves out a task whose case the lead may not read (an official it concerns), which the head sees', async () => {
    const byLead = await call(lead, 'GET', '/me/tasks?scope=team');
    expect((byLead.body.items as Listed[]).some((i) => i.caseId === concerningLead)).toBe(false);
    expect(JSON.stringify(byLead.body)).not.toContain('조사팀장 관련 통보');

    const byHead = await call(head, 'GET', '/me/tasks?scope=team&team=investigation');
    expect(byHead.status).toBe(200);
    const items = byHead.body.items as Listed[];
    expect(items.find((i) => i.caseId === concerningLead)).toMatchObject({
      type: 'investigate',
      assignee: { sub: investigator.sub },
    });
    expect(items.some((i) => i.caseId === heldByInvestigator)).toBe(true);
  });

  it('refuses an investigator, another team’s lead, and asks the head to name a team', async () => {
    const byInvestigator = await call(investigator, 'GET', '/me/tasks?scope=team');
    expect(byInvestigator.status).toBe(403);
    expect(byInvestigator.body.error).toMatchObject({ field: 'scope', rule: 'team_lead_or_head' });
    expect(byInvestigator.body.error.messageKo).toContain('팀장과 감사담당관만');

    const otherLead = await call(auditLead, 'GET', '/me/tasks?scope=team&team=investigation');
    expect(otherLead.status).toBe(403);
    expect(otherLead.body.error).toMatchObject({ rule: 'team_lead_or_head' });
    expect(otherLead.body.error.messageKo).toContain('조사팀의 업무는');
    // Their own team is theirs to see, and holds none of the investigation team's tasks.
    const ownTeam = await call(auditLead, 'GET', '/me/tasks?scope=team');
    expect(ownTeam.body.team).toBe('audit');
    expect((ownTeam.body.items as Listed[]).some((i) => i.caseId === heldByInvestigator)).toBe(false);

    const headNoTeam = await call(head, 'GET', '/me/tasks?scope=team');
    expect(headNoTeam.status).toBe(400);
    expect(headNoTeam.body.error).toMatchObject({ field: 'team', rule: 'required' });

    const badTeam = await call(head, 'GET', '/me/tasks?scope=team&team=nowhere');
    expect(badTeam.status).toBe(400);
    expect(badTeam.body.error.field).toBe('team');
  });

  it('keeps the personal list as it was', async () => {
    const mine = await call(investigator, 'GET', '/me/tasks');
    expect(mine.status).toBe(200);
    expect(mine.body.team).toBeUndefined();
    expect((mine.body.items as Listed[]).some((i) => i.caseId === heldByInvestigator)).toBe(true);
  });
});
