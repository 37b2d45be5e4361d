/**
 * What auditors ask of a case over HTTP on the local system: can the record be trusted (verify),
 * what happened filtered by type / actor / period (timeline), how did it stand on a date (as of),
 * and who looked at a sealed case (recorded reads).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => t.system.close());

const today = koreaDate(new Date());
const yesterday = koreaDate(new Date(Date.now() - 86_400_000));

async function grievance(title = '가로등 고장 고충민원') {
  const res = await t.call('POST', '/cases', {
    as: 'clerk',
    body: { kind: 'grievance', title, summary: '첫 요지', channel: '응답소', department: '도로관리과' },
  });
  expect(res.status).toBe(201);
  await t.system.stepFunctions.settle();
  return (await t.call('GET', `/cases/${res.body.case.caseId}`, { as: 'head' })).body as {
    caseId: string;
    caseNumber: string;
    version: number;
  };
}

describe('verification endpoint', () => {
  it('answers an auditor with the verified chain of a case', async () => {
    const c = await grievance();
    const res = await t.call('GET', `/cases/${c.caseId}/verify`, { as: 'auditor' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ caseId: c.caseId, caseNumber: c.caseNumber, ok: true });
    expect(res.body.checked).toBe(res.body.historySeq);
    expect(res.body.firstBreak).toBeUndefined();
    expect(res.body.verifiedAt).toMatch(/\+09:00$/);
  });

  it('denies verification of a sealed case to a committee member without access', async () => {
    const res = await t.call('POST', '/cases', {
      as: 'team-lead',
      body: { kind: 'whistleblower-report', title: '공익신고' },
    });
    const denied = await t.call('GET', `/cases/${res.body.case.caseId}/verify`, { as: 'member' });
    expect(denied.status).toBe(403);
    expect((await t.call('GET', `/cases/${res.body.case.caseId}/verify`, { as: 'auditor' })).status).toBe(200);
  });

  it('has no write method on the verification route', async () => {
    const c = await grievance();
    const res = await t.call('POST', `/cases/${c.caseId}/verify`, { as: 'auditor', body: {} });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('timeline', () => {
  it('shows each event with actor, role, Korea time, Korean time, stages and labels, and filters by type', async () => {
    const c = await grievance();
    const all = await t.call('GET', `/cases/${c.caseId}/history`, { as: 'auditor' });
    expect(all.status).toBe(200);
    const created = all.body.events[0];
    expect(created).toMatchObject({
      type: 'CASE_CREATED',
      typeLabel: '사건 접수',
      actor: { sub: t.users.clerk.sub, role: 'clerk' },
      actorRoleLabel: '접수 담당',
      date: today,
      stageAfterLabel: '접수',
    });
    expect(created.atKorea).toMatch(/^\d{4}년 \d{1,2}월 \d{1,2}일\([일월화수목금토]\) \d{2}:\d{2}$/);

    const stages = await t.call('GET', `/cases/${c.caseId}/history?type=STAGE_CHANGED`, { as: 'auditor' });
    expect(stages.body.events.length).toBeGreaterThan(0);
    expect(stages.body.events.every((e: { type: string }) => e.type === 'STAGE_CHANGED')).toBe(true);
    expect(stages.body.total).toBe(all.body.events.length);
    expect(stages.body.verification.ok).toBe(true);
  });

  it('filters by actor and by Korean-date period', async () => {
    const c = await grievance();
    await t.call('POST', `/cases/${c.caseId}/notes`, { as: 'team-lead', body: { text: '팀장 메모' } });
    const byLead = await t.call('GET', `/cases/${c.caseId}/history?actor=${t.users['team-lead'].sub}`, {
      as: 'auditor',
    });
    expect(byLead.body.events.map((e: { type: string }) => e.type)).toEqual(['NOTE_ADDED']);
    const multi = await t.call(
      'GET',
      `/cases/${c.caseId}/history?type=NOTE_ADDED,CASE_CREATED&from=${today}&to=${today}`,
      { as: 'auditor' },
    );
    expect(multi.body.events.map((e: { type: string }) => e.type)).toEqual(['CASE_CREATED', 'NOTE_ADDED']);
    const before = await t.call('GET', `/cases/${c.caseId}/history?to=${yesterday}`, { as: 'auditor' });
    expect(before.body.events).toEqual([]);
  });

  it('rejects an unknown event type and a period that ends before it starts', async () => {
    const c = await grievance();
    const badType = await t.call('GET', `/cases/${c.caseId}/history?type=NOPE`, { as: 'auditor' });
    expect(badType.status).toBe(400);
    expect(badType.body.error.field).toContain('type');
    const badPeriod = await t.call('GET', `/cases/${c.caseId}/history?from=${today}&to=${yesterday}`, {
      as: 'auditor',
    });
    expect(badPeriod.status).toBe(400);
  });
});

describe('as of a date', () => {
  it('rebuilds the case from its history at the end of the given day and refuses a day before intake', async () => {
    const c = await grievance('원래 제목');
    await t.call('PATCH', `/cases/${c.caseId}`, {
      as: 'team-lead',
      body: { expectedVersion: c.version, title: '바뀐 제목', summary: '바뀐 요지' },
    });
    const res = await t.call('GET', `/cases/${c.caseId}?asOf=${today}`, { as: 'auditor' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      caseId: c.caseId,
      asOf: today,
      title: '바뀐 제목',
      summary: '바뀐 요지',
      department: '도로관리과',
      kindLabel: '고충민원',
      verification: { ok: true },
    });
    expect(res.body.notReconstructed).toContain('misconduct');
    const early = await t.call('GET', `/cases/${c.caseId}?asOf=${yesterday}`, { as: 'auditor' });
    expect(early.status).toBe(404);
    expect(early.body.error.rule).toBe('before_intake');
  });
});

describe('sensitive reads', () => {
  it('records reads of a sealed case over HTTP, one event per reader and hour with its count, and a PATCH with the version read before still succeeds', async () => {
    const created = await t.call('POST', '/cases', {
      as: 'team-lead',
      body: { kind: 'whistleblower-report', title: '공익신고 — 예산 부정 사용' },
    });
    const caseId = created.body.case.caseId as string;
    await t.system.stepFunctions.settle();
    const version = (await t.call('GET', `/cases/${caseId}`, { as: 'head' })).body.version as number;
    expect((await t.call('GET', `/cases/${caseId}`, { as: 'auditor' })).status).toBe(200);
    const patched = await t.call('PATCH', `/cases/${caseId}`, {
      as: 'team-lead',
      body: { expectedVersion: version, summary: '요지 보완' },
    });
    expect(patched.status).toBe(200);
    // A console polling the case's tasks: every call is a read, none adds an event of its own.
    for (let i = 0; i < 20; i++)
      expect((await t.call('GET', `/cases/${caseId}/tasks`, { as: 'auditor' })).status).toBe(200);
    const history = await t.call('GET', `/cases/${caseId}/history?type=SENSITIVE_READ`, { as: 'head' });
    const reads = history.body.events as {
      actor: { sub: string };
      data: { what: string };
      reads: number;
      readsByWhat: Record<string, number>;
    }[];
    expect(reads.map((r) => [r.actor.sub, r.data.what, r.reads, r.readsByWhat])).toEqual([
      // The head's read of the history itself is counted before the answer is built.
      [t.users.head.sub, 'case', 2, { case: 1, history: 1 }],
      [t.users.auditor.sub, 'case', 21, { case: 1, tasks: 20 }],
    ]);
    expect(history.body.verification.ok).toBe(true);
    const verified = await t.call('GET', `/cases/${caseId}/verify`, { as: 'auditor' });
    expect(verified.body.ok).toBe(true);
    const again = await t.call('GET', `/cases/${caseId}/history?type=SENSITIVE_READ`, { as: 'head' });
    expect(again.body.events).toHaveLength(2);
    expect(again.body.events[0]).toMatchObject({ actor: { sub: t.users.head.sub }, reads: 3 });
  });
});
