/**
 * The HTTP API end to end on the local system: real HTTP, real JWT verification, the Lambda
 * handlers in process, DynamoDB Local underneath.
 */
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_USER_POOL, localIssuer } from '../../infra/local/local-settings.ts';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => t.system.close());

const intake = {
  kind: 'grievance',
  title: '공사장 소음 고충민원',
  channel: '응답소',
  department: '건축과',
  receivedAt: '2026-11-20T10:30:00+09:00',
};

/** Registers a case and waits until its workflow has parked at the first task, so the case is still. */
async function createCase(body: Record<string, unknown> = intake, as: 'clerk' | 'team-lead' = 'clerk') {
  const res = await t.call('POST', '/cases', { as, body });
  expect(res.status).toBe(201);
  await t.system.stepFunctions.settle();
  const current = await t.call('GET', `/cases/${res.body.case.caseId}`, { as: 'head' });
  return current.body as { caseId: string; caseNumber: string; version: number };
}

async function historyOf(caseId: string) {
  const res = await t.call('GET', `/cases/${caseId}/history`, { as: 'head' });
  expect(res.status).toBe(200);
  return res.body as { events: { type: string; seq: number }[]; verification: { ok: boolean } };
}

describe('system endpoints', () => {
  it('answers /health with every component ok', async () => {
    const res = await t.call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.checks.table).toBe('ok');
  });

  it('serves an OpenAPI 3.1 document generated from the schemas, listing every route', async () => {
    const res = await t.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/me', '/me/cases', '/cases', '/cases/{caseId}', '/cases/{caseId}/notes']),
    );
    const createRef: string = res.body.paths['/cases'].post.requestBody.content['application/json'].schema.$ref;
    expect(createRef).toBe('#/components/schemas/CreateCaseRequest');
    const createSchema = res.body.components.schemas.CreateCaseRequest;
    expect(createSchema.required).toEqual(expect.arrayContaining(['kind', 'title']));
    expect(createSchema.properties.kind.$ref).toBe('#/components/schemas/CaseKind');
    expect(res.body.components.schemas.CaseKind.enum).toContain('external-referral');
  });

  it('tells a signed-in user who they are, with team and Korean role labels', async () => {
    const res = await t.call('GET', '/me', { as: 'investigator' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      sub: t.users.investigator.sub,
      name: '박준형',
      roles: ['investigator'],
      roleLabels: ['조사관'],
      team: 'investigation',
      teamLabel: '조사팀',
    });
  });
});

describe('cases', () => {
  it('registers a case with a readable number, returns it, and records the intake in a verifying history', async () => {
    const res = await t.call('POST', '/cases', { as: 'clerk', body: intake });
    expect(res.status).toBe(201);
    expect(res.body.case).toMatchObject({
      stage: 'intake',
      stageLabel: '접수',
      kindLabel: '고충민원',
      version: 1,
      sealed: false,
    });
    expect(res.body.case.caseNumber).toMatch(/^\d{4}-민원-\d{4}$/);
    expect(res.headers.get('location')).toContain(`/cases/${res.body.case.caseId}`);
    const got = await t.call('GET', `/cases/${res.body.case.caseId}`, { as: 'clerk' });
    expect(got.status).toBe(200);
    expect(got.body.title).toBe('공사장 소음 고충민원');
    await t.system.stepFunctions.settle();
    const history = await historyOf(res.body.case.caseId);
    expect(history.events.map((e) => e.type)).toEqual(['CASE_CREATED', 'STAGE_CHANGED', 'TASK_OPENED']);
    expect(history.verification.ok).toBe(true);
  });

  it("lists the caller's assigned cases", async () => {
    const assigned = await createCase(
      // An investigator of the investigation team handles the investigation team's kinds (not grievances).
      { kind: 'property-review', title: '배정된 사건', assigneeSub: t.users.investigator.sub },
      'team-lead',
    );
    const res = await t.call('GET', '/me/cases?limit=50', { as: 'investigator' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { caseId: string }) => c.caseId)).toContain(assigned.caseId);
  });

  it('appends a note and records it in history', async () => {
    const c = await createCase();
    const res = await t.call('POST', `/cases/${c.caseId}/notes`, {
      as: 'clerk',
      body: { text: '민원인과 통화: 야간 공사 시간 확인' },
    });
    expect(res.status).toBe(201);
    expect(res.body.case.version).toBe(c.version + 1);
    expect((await historyOf(c.caseId)).events.map((e) => e.type).at(-1)).toBe('NOTE_ADDED');
  });

  it('lets one of two concurrent updates win; the other gets 409 with the current version and history has one update', async () => {
    const c = await createCase();
    const [a, b] = await Promise.all([
      t.call('PATCH', `/cases/${c.caseId}`, { as: 'team-lead', body: { expectedVersion: c.version, title: '제목 A' } }),
      t.call('PATCH', `/cases/${c.caseId}`, { as: 'team-lead', body: { expectedVersion: c.version, title: '제목 B' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const conflict = a.status === 409 ? a : b;
    expect(conflict.body.error).toMatchObject({
      code: 'VERSION_CONFLICT',
      field: 'expectedVersion',
      currentVersion: c.version + 1,
    });
    const history = await historyOf(c.caseId);
    expect(history.events.filter((e) => e.type === 'CASE_UPDATED')).toHaveLength(1);
  });

  it('creates one case for a repeated Idempotency-Key and answers the repeat with the same case', async () => {
    const headers = { 'idempotency-key': 'intake-2026-11-25-0001' };
    const first = await t.call('POST', '/cases', { as: 'clerk', body: intake, headers });
    const second = await t.call('POST', '/cases', { as: 'clerk', body: intake, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.case.caseId).toBe(first.body.case.caseId);
    expect(second.body.case.caseNumber).toBe(first.body.case.caseNumber);
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  it('400 naming the missing field, in Korean and English', async () => {
    const res = await t.call('POST', '/cases', { as: 'clerk', body: { kind: 'grievance' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'title', rule: 'invalid_type' });
    expect(res.body.error.messageKo).toContain('필수');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('400 for a wrong type, an unknown kind, an unknown field and a body that is not JSON', async () => {
    const wrongType = await t.call('POST', '/cases', { as: 'clerk', body: { ...intake, title: 42 } });
    expect(wrongType.body.error).toMatchObject({ field: 'title', rule: 'invalid_type' });
    const unknownKind = await t.call('POST', '/cases', { as: 'clerk', body: { ...intake, kind: 'parking-ticket' } });
    expect(unknownKind.body.error).toMatchObject({ field: 'kind', rule: 'invalid_value' });
    const extra = await t.call('POST', '/cases', { as: 'clerk', body: { ...intake, priority: 'high' } });
    expect(extra.body.error).toMatchObject({ field: 'priority', rule: 'unrecognized_keys' });
    const notJson = await t.call('POST', '/cases', {
      as: 'clerk',
      rawBody: '{"kind": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatchObject({ field: 'body', rule: 'invalid_json' });
    for (const r of [wrongType, unknownKind, extra]) expect(r.status).toBe(400);
  });

  it('writes nothing when a request is rejected', async () => {
    const c = await createCase();
    const before = (await historyOf(c.caseId)).events.length;
    const bad = await t.call('PATCH', `/cases/${c.caseId}`, {
      as: 'team-lead',
      body: { expectedVersion: c.version, dueDate: '2026-13-45' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('dueDate');
    const stale = await t.call('PATCH', `/cases/${c.caseId}`, {
      as: 'team-lead',
      body: { expectedVersion: c.version - 1, title: '새 제목' },
    });
    expect(stale.status).toBe(409);
    const got = await t.call('GET', `/cases/${c.caseId}`, { as: 'team-lead' });
    expect(got.body.version).toBe(c.version);
    expect((await historyOf(c.caseId)).events).toHaveLength(before);
  });

  it('404 for an unknown case and 400 for something that is not a case id', async () => {
    const unknown = await t.call('GET', '/cases/01JZZZZZZZZZZZZZZZZZZZZZZZ', { as: 'head' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', field: 'caseId' });
    const malformed = await t.call('GET', '/cases/not-a-case', { as: 'head' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.field).toBe('caseId');
  });

  it('403 for a role without permission: an auditor cannot register or annotate, a committee member cannot read', async () => {
    const c = await createCase();
    const before = (await historyOf(c.caseId)).events.length;
    const register = await t.call('POST', '/cases', { as: 'auditor', body: intake });
    expect(register.status).toBe(403);
    const note = await t.call('POST', `/cases/${c.caseId}/notes`, { as: 'auditor', body: { text: '감사인 메모' } });
    expect(note.status).toBe(403);
    const read = await t.call('GET', `/cases/${c.caseId}`, { as: 'member' });
    expect(read.status).toBe(403);
    const auditorRead = await t.call('GET', `/cases/${c.caseId}`, { as: 'auditor' });
    expect(auditorRead.status).toBe(200);
    expect((await historyOf(c.caseId)).events).toHaveLength(before);
  });

  it('403 when an intake clerk tries to assign, and 400 when the assignee is not staff', async () => {
    const assign = await t.call('POST', '/cases', {
      as: 'clerk',
      body: { ...intake, assigneeSub: t.users.investigator.sub },
    });
    expect(assign.status).toBe(403);
    expect(assign.body.error.field).toBe('assigneeSub');
    const nobody = await t.call('POST', '/cases', {
      as: 'team-lead',
      body: { ...intake, assigneeSub: 'no-such-person' },
    });
    expect(nobody.status).toBe(400);
    expect(nobody.body.error).toMatchObject({ field: 'assigneeSub', rule: 'unknown_staff' });
  });

  it('401 without a token, with an expired token, and with a forged token', async () => {
    const none = await t.call('GET', '/me');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');

    const u = t.users.head;
    const expired = await t.system.issuer.mint(
      { sub: u.sub, email: u.email, name: u.name, roles: u.roles },
      { now: new Date(Date.now() - 9 * 3600_000), expiresInSeconds: 3600 },
    );
    const expiredRes = await t.call('GET', '/me', { token: expired });
    expect(expiredRes.status).toBe(401);
    expect(expiredRes.body.error.rule).toBe('token_expired');

    const { privateKey } = await generateKeyPair('RS256');
    const kid = t.system.issuer.jwks.keys[0]!.kid!;
    const forged = await new SignJWT({ 'cognito:groups': ['admin'], token_use: 'id', email: 'x@x' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject(u.sub)
      .setIssuer(localIssuer())
      .setAudience(LOCAL_USER_POOL.clientId)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const forgedRes = await t.call('POST', '/cases', { token: forged, body: intake });
    expect(forgedRes.status).toBe(401);
    expect(forgedRes.body.error.rule).toBe('token_invalid');
  });

  it('401 for a token meant for another app client (wrong audience)', async () => {
    const res = await t.call('GET', '/me', { token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' });
    expect(res.status).toBe(401);
  });
});

describe('deadline calculator', () => {
  it('answers the worked example: a grievance received 2026-09-22 10:30 is due 2026-10-02, skipping 추석 and a Sunday', async () => {
    const res = await t.call(
      'GET',
      `/deadlines/preview?kind=grievance&receivedAt=${encodeURIComponent('2026-09-22T10:30:00+09:00')}`,
      { as: 'clerk' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      periodId: 'grievance.answer',
      dueDate: '2026-10-02',
      dueAt: '2026-10-02T18:00:00+09:00',
    });
    expect(res.body.article).toContain('제17조');
    expect(res.body.skipped.map((d: { date: string }) => d.date)).toEqual(
      expect.arrayContaining(['2026-09-24', '2026-09-25', '2026-09-26', '2026-09-27']),
    );
    expect(res.body.explanation.length).toBeGreaterThan(1);
  });

  it('says which field is wrong: a kind without a statutory period, a receipt time without an offset', async () => {
    const none = await t.call(
      'GET',
      `/deadlines/preview?kind=daily-audit&receivedAt=${encodeURIComponent('2026-09-22T10:30:00+09:00')}`,
      { as: 'clerk' },
    );
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ field: 'kind', rule: 'no_statutory_period' });
    const noOffset = await t.call('GET', '/deadlines/preview?kind=grievance&receivedAt=2026-09-22T10:30:00', {
      as: 'clerk',
    });
    expect(noOffset.status).toBe(400);
    expect(noOffset.body.error.field).toBe('receivedAt');
  });
});
