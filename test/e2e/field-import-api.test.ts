/**
 * The 응답소 import through the HTTP API, as the console does it, on DynamoDB Local and the local
 * S3-compatible server: a generated 5,000-row XLSX with bad rows is uploaded to the presigned URL,
 * started (202 at once), run by the worker through the local Lambda endpoint, and polled until done —
 * the counts equal the generator's tally and every bad row is reported by its row number; importing
 * the same file again changes nothing. Who may import, a file whose hash does not match, and the
 * list of recent imports (newest first).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../infra/local/demo-data.ts';
import { type SampleTally, writeSample } from '../../infra/ops/field-complaint-sample.ts';
import { startTestSystem } from '../support/local-system.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ROWS = 5000;
let t: Awaited<ReturnType<typeof startTestSystem>>;
let bytes: Uint8Array;
let tally: SampleTally;
let patrolLead: string;
let patrolStaff: string;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  t = await startTestSystem();
  const mint = (m: (typeof DEMO_STAFF)[number]) =>
    t.system.issuer.mint({ sub: m.sub, email: m.email, name: m.name, roles: m.roles });
  patrolLead = await mint(DEMO_STAFF.find((m) => m.team === 'patrol' && m.roles.includes('team-lead'))!);
  patrolStaff = await mint(DEMO_STAFF.find((m) => m.team === 'patrol' && m.roles.includes('investigator'))!);
  const path = join(mkdtempSync(join(tmpdir(), 'field-import-api-')), '응답소_현장민원.xlsx');
  tally = await writeSample(path, { rows: ROWS, from: '2026-01', months: 6, badEvery: 97, seed: 21 });
  bytes = readFileSync(path);
}, 120_000);
afterAll(async () => t?.system.close());

async function upload(token: string, body: Uint8Array, declared = sha256(body)) {
  const start = await t.call('POST', '/field-complaints/imports/uploads', {
    token,
    body: { name: '응답소_현장민원_상반기.xlsx', contentType: XLSX, size: body.length, sha256: declared },
  });
  expect(start.status, JSON.stringify(start.body)).toBe(201);
  const put = await fetch(start.body.uploadUrl, { method: 'PUT', headers: start.body.headers, body });
  expect(put.status).toBe(200);
  return start.body.fileId as string;
}

async function importFile(token: string, key: string) {
  const fileId = await upload(token, bytes);
  const started = await t.call('POST', '/field-complaints/imports', {
    token,
    body: { fileId },
    headers: { 'idempotency-key': key },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body).toMatchObject({ importId: fileId, status: 'queued', attempt: 1, sha256: sha256(bytes) });
  // The console polls; the test polls the same route until the job is done.
  let job = started.body;
  for (let i = 0; i < 600 && (job.status === 'queued' || job.status === 'running'); i++) {
    await new Promise((r) => setTimeout(r, 200));
    job = (await t.call('GET', `/field-complaints/imports/${fileId}`, { token })).body;
  }
  return { fileId, job, started };
}

describe('응답소 import through the API', () => {
  it('refuses staff outside the patrol team with the reason, before anything is stored', async () => {
    const res = await t.call('POST', '/field-complaints/imports/uploads', {
      as: 'investigator',
      body: { name: 'a.xlsx', contentType: XLSX, size: 10, sha256: 'a'.repeat(64) },
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ rule: 'field_import_team_only' });
    expect(res.body.error.messageKo).toContain('순찰팀');
    expect((await t.call('GET', '/field-complaints/imports', { as: 'investigator' })).status).toBe(403);
  });

  it('names the field of a bad request in Korean', async () => {
    const res = await t.call('POST', '/field-complaints/imports/uploads', {
      token: patrolStaff,
      body: { name: '내보내기.pdf', contentType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ field: 'name', rule: 'file_type' });
    expect(res.body.error.messageKo).toContain('XLSX 또는 CSV');
    const start = await t.call('POST', '/field-complaints/imports', { token: patrolStaff, body: { fileId: 'x' } });
    expect(start.status).toBe(400);
    expect(start.body.error.field).toBe('fileId');
  });

  it('discards an upload whose bytes do not hash to what was declared, and starts nothing', async () => {
    // Another hash than the bytes' own: its first digit changed (always to a different one; a fixed '0'
    // left the hash unchanged whenever the true one began with 0, one run in sixteen).
    const wrong = sha256(bytes.slice(0, 2000)).replace(/^./, (digit) => (digit === '0' ? '1' : '0'));
    const fileId = await upload(patrolStaff, bytes.slice(0, 2000), wrong);
    const res = await t.call('POST', '/field-complaints/imports', { token: patrolStaff, body: { fileId } });
    // The presigned PUT is signed over the declared hash; the server's own hash is what decides.
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error).toMatchObject({ field: 'sha256', rule: 'hash_mismatch' });
    expect((await t.call('GET', `/field-complaints/imports/${fileId}`, { token: patrolStaff })).status).toBe(404);
  });

  it('imports 5,000 rows asynchronously: counts equal the tally, each bad row reported by its row number', async () => {
    const { fileId, job } = await importFile(patrolLead, 'field-import-first-0001');
    expect(tally.bad).toBeGreaterThan(40);
    expect(job.status).toBe('done');
    expect(job.counts).toEqual({ read: ROWS, created: tally.good, updated: 0, unchanged: 0, failed: tally.bad });
    expect(job.errors.map((e: { row: number }) => e.row).sort((a: number, b: number) => a - b)).toEqual(
      [...tally.badRows.keys()].sort((a, b) => a - b),
    );
    expect(job.errors.every((e: { reasonKo: string }) => e.reasonKo.length > 5)).toBe(true);
    expect(job.startedAt).toMatch(/\+09:00$/);
    expect(job.finishedAt).toMatch(/\+09:00$/);
    expect(job.byName).toBe('홍성민');
    // The same request again (same key) answers the job it started and starts nothing.
    const again = await t.call('POST', '/field-complaints/imports', {
      token: patrolLead,
      body: { fileId },
      headers: { 'idempotency-key': 'field-import-first-0001' },
    });
    expect(again.status).toBe(200);
    // A new key for a finished job: the job as it stands, no new run.
    const fresh = await t.call('POST', '/field-complaints/imports', { token: patrolLead, body: { fileId } });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ status: 'done', attempt: 1 });
  }, 180_000);

  it('changes nothing when the same file is imported again, and lists both imports newest first', async () => {
    const { fileId, job } = await importFile(patrolStaff, 'field-import-second-0001');
    expect(job.status).toBe('done');
    expect(job.counts).toEqual({ read: ROWS, created: 0, updated: 0, unchanged: tally.good, failed: tally.bad });
    const list = await t.call('GET', '/field-complaints/imports?limit=5', { as: 'head' });
    expect(list.status).toBe(200);
    const done = list.body.items.filter((j: { status: string }) => j.status === 'done');
    expect(done[0].importId).toBe(fileId);
    expect(done).toHaveLength(2);
    expect(done[1].counts.created).toBe(tally.good);
  }, 180_000);
});
