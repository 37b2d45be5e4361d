/**
 * Bad input gets a clear answer and changes nothing: text that is not valid UTF-16, dates the legal
 * calendar cannot count from, malformed paths and tokens without an expiry are refused with a 4xx
 * naming what is wrong — never a 500 — and a refused intake takes no 접수번호.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
beforeAll(async () => {
  t = await startTestSystem();
}, 180_000);
afterAll(async () => t.system.close());

const LONE = '\ud800';

describe('text with a lone UTF-16 surrogate', () => {
  it('is refused with 400 naming the field, on intake, notes and edits', async () => {
    const intake = await t.call('POST', '/cases', {
      as: 'clerk',
      rawBody: `{"kind":"case-review","title":"소음 ${'\\ud800'} 민원"}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(intake.status).toBe(400);
    expect(intake.body.error).toMatchObject({ field: 'title', rule: 'lone_surrogate' });
    expect(intake.body.error.messageKo).toContain('title');

    const created = await t.call('POST', '/cases', {
      as: 'clerk',
      body: { kind: 'case-review', title: '정상 사건' },
    });
    expect(created.status).toBe(201);
    const caseId = created.body.case.caseId as string;
    const note = await t.call('POST', `/cases/${caseId}/notes`, {
      as: 'clerk',
      body: { text: `메모 ${LONE}` },
      headers: { 'idempotency-key': 'note-lone-surrogate-1' },
    });
    expect(note.status).toBe(400);
    expect(note.body.error).toMatchObject({ field: 'text', rule: 'lone_surrogate' });
    const patch = await t.call('PATCH', `/cases/${caseId}`, {
      as: 'clerk',
      body: { expectedVersion: created.body.case.version, summary: `요지 ${'\udc00'}끝` },
    });
    expect(patch.status).toBe(400);
    expect(patch.body.error).toMatchObject({ field: 'summary', rule: 'lone_surrogate' });
    const history = await t.call('GET', `/cases/${caseId}/history`, { as: 'head' });
    expect(history.body.events.map((e: { type: string }) => e.type)).not.toContain('NOTE_ADDED');
  });
});

describe('received dates', () => {
  it('refuses a preview in year 9999 with 400 naming receivedAt', async () => {
    const res = await t.call(
      'GET',
      `/deadlines/preview?kind=petition&receivedAt=${encodeURIComponent('9999-12-31T23:59:59+09:00')}`,
      { as: 'clerk' },
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ field: 'receivedAt', rule: 'outside_calendar' });
  });

  it('refuses an intake received before the holiday data (2017) or in the future (2099), registering nothing', async () => {
    for (const [receivedAt, rule] of [
      ['2017-12-28T10:00:00+09:00', 'outside_calendar'],
      ['2099-01-05T10:00:00+09:00', 'outside_calendar'],
      [new Date(Date.now() + 3 * 24 * 3600_000).toISOString(), 'in_future'],
    ] as const) {
      const res = await t.call('POST', '/cases', {
        as: 'clerk',
        body: { kind: 'grievance', title: '기한 밖 고충민원', channel: '응답소', department: '건축과', receivedAt },
      });
      expect(res.status, receivedAt).toBe(400);
      expect(res.body.error).toMatchObject({ field: 'receivedAt', rule });
    }
  });
});

describe('the 접수번호 register', () => {
  it('has no gap where an intake was refused', async () => {
    const first = await t.call('POST', '/cases', { as: 'clerk', body: { kind: 'case-review', title: '첫 사건' } });
    expect(first.status).toBe(201);
    const refused = await t.call('POST', '/cases', {
      as: 'clerk',
      body: {
        kind: 'case-review',
        title: '기한이 접수보다 앞선 사건',
        receivedAt: '2026-03-10T10:00:00+09:00',
        dueDate: '2026-03-01',
      },
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const next = await t.call('POST', '/cases', { as: 'clerk', body: { kind: 'case-review', title: '다음 사건' } });
    expect(next.status).toBe(201);
    const serial = (n: string) => Number(n.split('-').at(-1));
    expect(serial(next.body.case.caseNumber)).toBe(serial(first.body.case.caseNumber) + 1);
  });

  it('gives concurrent intakes distinct consecutive numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.call('POST', '/cases', { as: 'clerk', body: { kind: 'case-review', title: `동시 접수 ${i}` } }),
      ),
    );
    for (const r of results) expect(r.status).toBe(201);
    const serials = results.map((r) => Number(String(r.body.case.caseNumber).split('-').at(-1))).sort((a, b) => a - b);
    expect(new Set(serials).size).toBe(6);
    expect(serials.at(-1)! - serials[0]!).toBe(5);
  });
});

describe('paths and tokens', () => {
  it('answers 400 to malformed percent-encoding in a path', async () => {
    const res = await t.call('GET', '/cases/%zz', { as: 'head' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ field: 'caseId', rule: 'malformed_percent_encoding' });
  });

  it('refuses a token without exp, as API Gateway does', async () => {
    const u = t.users.head;
    const token = await t.system.issuer.mint(
      { sub: u.sub, email: u.email, name: u.name, roles: u.roles },
      { expiresInSeconds: null },
    );
    const res = await t.call('GET', '/me', { token });
    expect(res.status).toBe(401);
    expect(res.body.error.rule).toBe('token_without_expiry');
  });
});
