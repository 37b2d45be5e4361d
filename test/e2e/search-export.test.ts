/**
 * Search and export over HTTP on the local system: an auditor searches and exports (CSV for Excel,
 * JSON), sealed identity never leaves, the export is on record, a committee member is refused, and
 * the search and export routes take no writes.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#shared/domain/roles.ts';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
const IDENTITY = '김비밀관련자';
let sealedCase: { caseId: string; caseNumber: string };
let grievanceCase: { caseId: string; caseNumber: string };

beforeAll(async () => {
  t = await startTestSystem();
  const g = await t.call('POST', '/cases', {
    as: 'clerk',
    body: {
      kind: 'grievance',
      title: '문래동 "가로등", 고장\n재민원',
      channel: '응답소',
      department: '도로관리과',
      grievance: { complainant: { name: `${IDENTITY}민원인`, contact: '010-1234-5678' } },
    },
  });
  expect(g.status).toBe(201);
  grievanceCase = g.body.case;
  const s = await t.call('POST', '/cases', {
    as: 'team-lead',
    body: {
      kind: 'internal-investigation',
      title: '도로관리과 직원 비위 의혹',
      department: '도로관리과',
      misconduct: {
        category: 'neglect-of-duty',
        conductDate: '2026-01-05',
        origin: 'complaint',
        officials: [{ name: IDENTITY, department: '도로관리과', grade: '지방시설주사(6급)' }],
      },
    },
  });
  expect(s.status).toBe(201);
  sealedCase = s.body.case;
  await t.system.stepFunctions.settle();
});
afterAll(async () => t.system.close());

async function raw(path: string, as: Role) {
  const res = await fetch(`${t.system.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${await t.tokenFor(as)}` },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('search over HTTP', () => {
  it('lets an auditor search by department and sees the sealed case without its title or officials', async () => {
    const res = await t.call('GET', '/cases/search?department=도로관리과&limit=10', { as: 'auditor' });
    expect(res.status).toBe(200);
    const numbers = res.body.items.map((i: { caseNumber: string }) => i.caseNumber);
    expect(numbers).toEqual(expect.arrayContaining([sealedCase.caseNumber, grievanceCase.caseNumber]));
    const sealed = res.body.items.find((i: { caseId: string }) => i.caseId === sealedCase.caseId);
    expect(sealed).toMatchObject({ sealed: true, title: '비공개 사건', kindLabel: '내부조사·민원사항 조사' });
    expect(JSON.stringify(res.body)).not.toContain(IDENTITY);
    expect(res.body).toMatchObject({ sort: 'received', order: 'desc', index: 'search-department' });
  });

  it('pages with an opaque cursor and refuses an edited one', async () => {
    const first = await t.call('GET', '/cases/search?department=도로관리과&limit=1', { as: 'auditor' });
    expect(first.body.items).toHaveLength(1);
    const second = await t.call(
      'GET',
      `/cases/search?department=도로관리과&limit=1&cursor=${encodeURIComponent(first.body.cursor)}`,
      { as: 'auditor' },
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].caseId).not.toBe(first.body.items[0].caseId);
    const edited = `${first.body.cursor.slice(0, -2)}AA`;
    const bad = await t.call(
      'GET',
      `/cases/search?department=도로관리과&limit=1&cursor=${encodeURIComponent(edited)}`,
      { as: 'auditor' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ field: 'cursor', rule: 'invalid_cursor' });
  });

  it('names the field and rule of a bad filter', async () => {
    const res = await t.call('GET', '/cases/search?kind=nonsense', { as: 'auditor' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('kind');
  });

  it('denies a committee member (no read rights across cases) with 403', async () => {
    const res = await t.call('GET', '/cases/search', { as: 'member' });
    expect(res.status).toBe(403);
    expect(res.body.error.rule).toBe('role_cannot_search');
    expect((await raw('/cases/export?format=csv', 'member')).status).toBe(403);
    expect((await raw(`/cases/${grievanceCase.caseId}/history/export`, 'member')).status).toBe(403);
  });

  it('takes no writes on the search and export routes', async () => {
    for (const path of ['/cases/search', '/cases/export', `/cases/${sealedCase.caseId}/history/export`, '/exports']) {
      for (const method of ['POST', 'PUT', 'DELETE']) {
        const res = await t.call(method, path, { as: 'auditor', body: { kind: 'grievance' } });
        expect([404, 405], `${method} ${path}`).toContain(res.status);
      }
    }
  });
});

describe('export over HTTP', () => {
  it('gives an auditor a CSV that Excel reads as Korean: BOM, CRLF, quoted fields, no identity', async () => {
    const res = await raw('/cases/export?format=csv&department=도로관리과', 'auditor');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.bytes.toString('utf8');
    expect(text).toContain('\r\n');
    expect(text).not.toContain(IDENTITY);
    expect(text).not.toContain('010-1234-5678');
    const rows = parse(text, { bom: true }) as string[][];
    expect(rows[0]!.slice(0, 4)).toEqual(['사건번호', '사건 종류', '담당 팀', '제목']);
    const byNumber = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byNumber.get(grievanceCase.caseNumber)![3]).toBe('문래동 "가로등", 고장\n재민원');
    expect(byNumber.get(sealedCase.caseNumber)![3]).toBe('비공개 사건');
    expect(res.headers.get('x-export-rows')).toBe(String(rows.length - 1));
  });

  it('exports a sealed case timeline as JSON without identity and records it on the case history', async () => {
    const res = await raw(`/cases/${sealedCase.caseId}/history/export?format=json`, 'auditor');
    expect(res.status).toBe(200);
    const body = JSON.parse(res.bytes.toString('utf8'));
    expect(body.case).toMatchObject({ caseNumber: sealedCase.caseNumber, title: '비공개 사건' });
    expect(body.verification.ok).toBe(true);
    expect(body.rows[0]).toMatchObject({ seq: 1, type: 'CASE_CREATED', typeLabel: '사건 접수' });
    expect(res.bytes.toString('utf8')).not.toContain(IDENTITY);

    const history = await t.call('GET', `/cases/${sealedCase.caseId}/history?type=EXPORTED`, { as: 'auditor' });
    expect(history.body.events).toHaveLength(1);
    expect(history.body.events[0]).toMatchObject({
      typeLabel: '이력 내보내기',
      actor: { sub: t.users.auditor.sub, role: 'auditor' },
      data: { format: 'json', via: 'api' },
    });
    expect(history.body.verification.ok).toBe(true);
  });

  it('lists the exports of the month for an auditor', async () => {
    const month = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 7);
    const res = await t.call('GET', `/exports?month=${month}`, { as: 'auditor' });
    expect(res.status).toBe(200);
    const scopes = res.body.items.map((r: { scope: string }) => r.scope);
    expect(scopes).toEqual(expect.arrayContaining(['search', 'timeline']));
    expect(res.body.items.find((r: { scope: string }) => r.scope === 'search')).toMatchObject({
      status: 'completed',
      filters: { department: '도로관리과' },
      actor: { sub: t.users.auditor.sub },
    });
  });
});
