/**
 * Identities the law protects, through the local HTTP API: whistleblower reports are always sealed,
 * the reporter's identity goes into the vault (never the case), and only a handler the identity
 * custodian granted can read it — every request, decision and read in the case's hash chain.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => t.system.close());

const REPORTER = {
  name: '변학도',
  phone: '010-9876-5432',
  address: '서울특별시 영등포구 당산로 41',
  relationship: '같은 과 직원',
  consentToDisclosure: false,
};
const report = {
  kind: 'whistleblower-report',
  title: '청소 용역 계약 부당 집행 공익신고',
  summary: '용역 대금 과다 지급 의혹',
  receivedAt: '2026-11-20T10:30:00+09:00',
};
const leaks = (body: unknown) => {
  const text = JSON.stringify(body);
  return ['변학도', '9876-5432', '98765432', '당산로 41'].filter((s) => text.includes(s));
};

describe('sealing is compulsory for protected kinds', () => {
  it('refuses an unsealed whistleblower report with 422 and the article, registering nothing', async () => {
    const res = await t.call('POST', '/cases', { as: 'clerk', body: { ...report, sealed: false } });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'UNPROCESSABLE', field: 'sealed', rule: 'sealing_required' });
    expect(res.body.error.message).toContain('공익신고자 보호법 제12조①');
    expect(res.body.error.messageKo).toContain('공익신고자 보호법 제12조①');
    const search = await t.call('GET', `/cases/search?q=${encodeURIComponent('청소 용역')}`, { as: 'head' });
    expect(search.status).toBe(200);
    expect(search.body.items ?? []).toHaveLength(0);
  });

  it('refuses sealed:false on the anonymous channel and seals such a case when sealed is left out', async () => {
    const anon = { kind: 'grievance', title: '익명 제보', channel: '익명신고', receivedAt: report.receivedAt };
    const refused = await t.call('POST', '/cases', { as: 'clerk', body: { ...anon, sealed: false } });
    expect(refused.status).toBe(422);
    const created = await t.call('POST', '/cases', { as: 'clerk', body: anon });
    expect(created.status).toBe(201);
    expect(created.body.case.sealed).toBe(true);
  });
});

describe('the reporter identity at intake', () => {
  it('refuses free text that carries the reporter’s name or phone, without echoing them', async () => {
    for (const body of [
      { ...report, summary: '신고인 변학도 진술', reporter: REPORTER },
      { ...report, title: '01098765432 제보 건', reporter: REPORTER },
    ]) {
      const res = await t.call('POST', '/cases', { as: 'clerk', body });
      expect(res.status).toBe(400);
      expect(res.body.error.rule).toBe('reporter_identity_in_text');
      expect(leaks(res.body)).toEqual([]);
    }
  });

  it('refuses a reporter identity on a kind without a vault', async () => {
    const res = await t.call('POST', '/cases', {
      as: 'clerk',
      body: { kind: 'grievance', title: '소음', channel: '응답소', reporter: REPORTER },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ field: 'reporter', rule: 'not_for_kind' });
  });

  it('keeps the identity off the case and its history, and only ciphertext in the table', async () => {
    const res = await t.call('POST', '/cases', { as: 'clerk', body: { ...report, reporter: REPORTER } });
    expect(res.status).toBe(201);
    expect(res.body.case).toMatchObject({
      sealed: true,
      protectedIdentity: { held: true, consentToDisclosure: false },
    });
    expect(leaks(res.body)).toEqual([]);
    const caseId = res.body.case.caseId as string;
    // The case page's lines (details.view) show the report, never its reporter, even to the head.
    const read = await t.call('GET', `/cases/${caseId}`, { as: 'head' });
    expect(read.body.detailsView).toContainEqual({ labelKo: '접수경로', value: '직접 접수' });
    expect(leaks(read.body.detailsView)).toEqual([]);
    const history = await t.call('GET', `/cases/${caseId}/history`, { as: 'head' });
    expect(history.body.events.find((e: { type: string }) => e.type === 'IDENTITY_SEALED').data).toEqual({
      fields: ['name', 'phone', 'address', 'relationship'],
      consentToDisclosure: false,
    });
    expect(leaks(history.body)).toEqual([]);
    const doc = createDocumentClient(new DynamoDBClient({ endpoint: t.system.dynamoEndpoint }));
    const stored = await doc.send(
      new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: `IDENTITY#${caseId}`, sk: 'REPORTER' } }),
    );
    expect(stored.Item).toMatchObject({ algorithm: 'AES-256-GCM', keyId: expect.stringMatching(/^file:/) });
    expect(leaks(stored.Item)).toEqual([]);
  });
});

describe('the identity custodian', () => {
  let caseId: string;
  beforeAll(async () => {
    const res = await t.call('POST', '/cases', {
      as: 'team-lead',
      body: { ...report, reporter: REPORTER, assigneeSub: t.users.investigator.sub },
    });
    expect(res.status).toBe(201);
    caseId = res.body.case.caseId;
    await t.system.stepFunctions.settle();
  });

  it('refuses everyone a read without a grant, and requests from anyone but the handler', async () => {
    for (const role of ['investigator', 'head', 'admin', 'auditor', 'custodian', 'clerk'] as const) {
      const read = await t.call('GET', `/cases/${caseId}/identity`, { as: role });
      expect(read.status).toBe(403);
      expect(leaks(read.body)).toEqual([]);
    }
    const byClerk = await t.call('POST', `/cases/${caseId}/identity/requests`, {
      as: 'clerk',
      body: { reason: '확인하고 싶음' },
    });
    expect(byClerk.status).toBe(403);
    const byAdmin = await t.call('POST', `/cases/${caseId}/identity/requests`, {
      as: 'admin',
      body: { reason: '확인하고 싶음' },
    });
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body.error.rule).toBe('role_never_sees_identity');
  });

  it('records a refused and a granted request, lets only the grantee read, and shows auditors who read when', async () => {
    const ask = (reason: string) =>
      t.call('POST', `/cases/${caseId}/identity/requests`, { as: 'investigator', body: { reason } });
    const first = await ask('신고자에게 보완요구를 보내야 함');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'pending', statusLabel: '결정 대기' });

    const inTray = await t.call('GET', '/identity-requests', { as: 'custodian' });
    expect(inTray.body.items.map((r: { requestId: string }) => r.requestId)).toContain(first.body.requestId);
    expect((await t.call('GET', '/identity-requests', { as: 'head' })).status).toBe(403);

    const decide = (requestId: string, body: unknown, as: 'custodian' | 'head' = 'custodian') =>
      t.call('POST', `/cases/${caseId}/identity/requests/${requestId}/decision`, { as, body });
    expect((await decide(first.body.requestId, { decision: 'grant', reason: '필요하다고 봄' }, 'head')).status).toBe(
      403,
    );
    const refused = await decide(first.body.requestId, { decision: 'refuse', reason: '우편 송달로 대체 가능' });
    expect(refused.status).toBe(200);
    expect(refused.body.status).toBe('refused');
    const notYet = await t.call('GET', `/cases/${caseId}/identity?requestId=${first.body.requestId}`, {
      as: 'investigator',
    });
    expect(notYet.status).toBe(403);
    expect(notYet.body.error.rule).toBe('not_granted');

    const second = await ask('조치결과를 신고자에게 통지해야 함 (법 제10조④)');
    const granted = await decide(second.body.requestId, { decision: 'grant', reason: '결과 통지 목적', days: 3 });
    expect(granted.body).toMatchObject({ status: 'granted', decision: { expiresAt: expect.any(String) } });

    const read = await t.call('GET', `/cases/${caseId}/identity`, { as: 'investigator' });
    expect(read.status).toBe(200);
    expect(read.body.reporter).toEqual(REPORTER);
    expect(read.body.request.reads).toBe(1);
    for (const role of ['head', 'admin', 'auditor', 'custodian', 'team-lead'] as const) {
      expect((await t.call('GET', `/cases/${caseId}/identity`, { as: role })).status).toBe(403);
    }

    const audit = await t.call('GET', `/cases/${caseId}/identity/requests`, { as: 'auditor' });
    expect(audit.status).toBe(200);
    expect(audit.body.items).toMatchObject([
      { requesterSub: t.users.investigator.sub, status: 'refused', reads: 0 },
      { requesterSub: t.users.investigator.sub, status: 'granted', reads: 1, decision: { by: t.users.custodian.sub } },
    ]);
    expect(leaks(audit.body)).toEqual([]);

    const history = await t.call('GET', `/cases/${caseId}/history`, { as: 'auditor' });
    expect(history.status).toBe(200);
    expect(history.body.verification.ok).toBe(true);
    const identityEvents = history.body.events
      .filter((e: { type: string }) => e.type.startsWith('IDENTITY_'))
      .map((e: { type: string; actor: { sub: string } }) => [e.type, e.actor.sub]);
    expect(identityEvents).toEqual([
      ['IDENTITY_SEALED', t.users['team-lead'].sub],
      ['IDENTITY_ACCESS_REQUESTED', t.users.investigator.sub],
      ['IDENTITY_ACCESS_REFUSED', t.users.custodian.sub],
      ['IDENTITY_ACCESS_REQUESTED', t.users.investigator.sub],
      ['IDENTITY_ACCESS_GRANTED', t.users.custodian.sub],
      ['IDENTITY_READ', t.users.investigator.sub],
    ]);
    expect(leaks(history.body)).toEqual([]);
  });

  it('lets the grant lapse when the case is handed to someone else', async () => {
    const current = await t.call('GET', `/cases/${caseId}`, { as: 'head' });
    const moved = await t.call('POST', `/cases/${caseId}/reassign`, {
      as: 'head',
      body: {
        assigneeSub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000021',
        reason: '업무 조정',
        expectedVersion: current.body.version,
      },
    });
    expect(moved.status).toBe(200);
    const read = await t.call('GET', `/cases/${caseId}/identity`, { as: 'investigator' });
    expect(read.status).toBe(403);
  });
});

describe('complainants’ and petitioners’ personal data is need-to-know', () => {
  const complainant = { name: '이몽룡', contact: '010-1234-6666', address: '서울특별시 영등포구 당산로 1' };
  let grievanceId: string;
  let petitionId: string;
  beforeAll(async () => {
    const g = await t.call('POST', '/cases', {
      as: 'clerk',
      body: { kind: 'grievance', title: '도로 파손 고충', channel: '전화', grievance: { complainant } },
    });
    expect(g.status).toBe(201);
    grievanceId = g.body.case.caseId;
    const p = await t.call('POST', '/cases', {
      as: 'clerk',
      body: {
        kind: 'petition',
        title: '어린이 공원 조성 청원',
        petition: {
          form: 'individual',
          public: false,
          petitioner: { name: '성춘향', address: '서울특별시 영등포구 여의대로 5', phone: '010-2222-3333' },
        },
      },
    });
    expect(p.status).toBe(201);
    petitionId = p.body.case.caseId;
    await t.system.stepFunctions.settle();
  });

  it('shows the complainant whole to the registering clerk, the head and the owning team’s lead', async () => {
    for (const role of ['clerk', 'head'] as const) {
      const res = await t.call('GET', `/cases/${grievanceId}`, { as: role });
      expect(res.body.grievance.complainant).toEqual(complainant);
      expect(res.body.personalDataMasked).toBeUndefined();
      expect(res.body.detailsView).toContainEqual({ labelKo: '민원인', value: '이몽룡 · 010-1234-6666' });
    }
  });

  it('masks the complainant and petitioner for everyone else who may read the case', async () => {
    // The demo team lead leads the investigation team, not the complaints team that owns these cases.
    for (const role of ['investigator', 'secretary', 'team-lead', 'admin', 'auditor'] as const) {
      const res = await t.call('GET', `/cases/${grievanceId}`, { as: role });
      expect(res.status, role).toBe(200);
      expect(res.body.grievance.complainant).toEqual({
        name: '이*룡',
        contact: '010-****-6666',
        address: '서울특별시 영등포구 ***',
      });
      expect(res.body.personalDataMasked).toBe(true);
      // The case page's lines are written from the masked record: the masked form, never the whole.
      expect(res.body.detailsView, role).toContainEqual({ labelKo: '민원인', value: '이*룡 · 010-****-6666' });
      expect(JSON.stringify(res.body.detailsView)).not.toMatch(/이몽룡|1234-6666|당산로 1/);
      const history = await t.call('GET', `/cases/${grievanceId}/history`, { as: role });
      expect(JSON.stringify(history.body)).not.toContain('이몽룡');
      const petition = await t.call('GET', `/cases/${petitionId}`, { as: role });
      expect(petition.body.petition.petitioner).toEqual({
        name: '성*향',
        address: '서울특별시 영등포구 ***',
        phone: '010-****-3333',
      });
      expect(JSON.stringify(petition.body.detailsView)).not.toMatch(/성춘향|2222-3333|여의대로 5/);
      expect(petition.body.detailsView).toContainEqual({ labelKo: '청원인', value: '성*향 · 010-****-3333' });
    }
  });

  it('shows the complainant to the person the case is assigned to', async () => {
    const current = await t.call('GET', `/cases/${grievanceId}`, { as: 'head' });
    const moved = await t.call('PATCH', `/cases/${grievanceId}`, {
      as: 'head',
      body: {
        expectedVersion: current.body.version,
        assigneeSub: t.users.investigator.sub,
        // A grievance is the complaints team's; handing it to the investigation team is the head's recorded exception.
        overrideAssignmentRule: true,
        overrideReason: '조사팀 지원',
      },
    });
    expect(moved.status).toBe(200);
    const res = await t.call('GET', `/cases/${grievanceId}`, { as: 'investigator' });
    expect(res.body.grievance.complainant).toEqual(complainant);
  });
});
