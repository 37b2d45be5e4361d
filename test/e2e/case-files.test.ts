/**
 * Files on a case through the HTTP API and the local S3-compatible server: presigned upload, the
 * server's own SHA-256 check on completion, downloads as history events — on a sealed case a
 * SENSITIVE_READ with a one-minute URL, only for those who may read the case — and the daily
 * clean-up of uploads whose URL was handed out but never completed.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#shared/domain/roles.ts';
import { lambdaContext } from '../../infra/local/api-server.ts';
import { handler as cleanupJob } from '../../functions/jobs/upload-cleanup.handler.ts';
import { composeFileStore } from '../../functions/wiring/case-files.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { PendingUploadStore } from '#shared/store/pending-upload-store.ts';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => t.system.close());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const PDF = new TextEncoder().encode('%PDF-1.4\n% 공익신고 증거 사본\n1 0 obj << >> endobj\n%%EOF\n');

async function sealedCase() {
  const res = await t.call('POST', '/cases', {
    as: 'head',
    body: {
      kind: 'internal-investigation',
      title: '비공개 조사 사건 (파일 첨부)',
      receivedAt: '2026-11-02T10:00:00+09:00',
      sealed: true,
      assigneeSub: t.users.investigator.sub,
      misconduct: {
        category: 'neglect-of-duty',
        conductDate: '2026-01-05',
        origin: 'complaint',
        officials: [{ name: '관련자', department: '도로관리과', grade: '지방시설주사(6급)' }],
      },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.case.caseId as string;
}

async function upload(as: Role, caseId: string, name: string, bytes: Uint8Array, declared = sha256(bytes)) {
  const start = await t.call('POST', `/cases/${caseId}/files`, {
    as,
    body: { name, contentType: 'application/pdf', size: bytes.length, sha256: declared },
  });
  expect(start.status, JSON.stringify(start.body)).toBe(201);
  const put = await fetch(start.body.uploadUrl, { method: 'PUT', headers: start.body.headers, body: bytes });
  expect(put.status).toBe(200);
  const fileId = start.body.fileId as string;
  const complete = await t.call('POST', `/cases/${caseId}/files/${fileId}/complete`, { as, body: { name } });
  return { fileId, complete };
}

describe('files on a sealed case', () => {
  let caseId: string;
  let fileId: string;

  beforeAll(async () => {
    caseId = await sealedCase();
  });

  it('uploads through a presigned URL and records the hash the server computed', async () => {
    const done = await upload('investigator', caseId, '신고 증거.pdf', PDF);
    fileId = done.fileId;
    expect(done.complete.status, JSON.stringify(done.complete.body)).toBe(201);
    const attached = done.complete.body.events.find((e: { type: string }) => e.type === 'FILE_ATTACHED');
    expect(attached.data).toMatchObject({ fileId, name: '신고 증거.pdf', size: PDF.length, sha256: sha256(PDF) });
    const list = await t.call('GET', `/cases/${caseId}/files`, { as: 'investigator' });
    expect(list.body.files).toEqual([expect.objectContaining({ fileId, sha256: sha256(PDF), size: PDF.length })]);
  });

  it('completing the same upload again changes nothing', async () => {
    const again = await t.call('POST', `/cases/${caseId}/files/${fileId}/complete`, {
      as: 'investigator',
      body: { name: '신고 증거.pdf' },
    });
    expect(again.status).toBe(201);
    expect(again.body.events).toEqual([]);
    const list = await t.call('GET', `/cases/${caseId}/files`, { as: 'investigator' });
    expect(list.body.files).toHaveLength(1);
  });

  it('lets the assignee download through a one-minute URL, recorded as a SENSITIVE_READ with the hash', async () => {
    const res = await t.call('POST', `/cases/${caseId}/files/${fileId}/download`, { as: 'investigator' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(new URL(res.body.downloadUrl).searchParams.get('X-Amz-Expires')).toBe('60');
    const got = await fetch(res.body.downloadUrl);
    expect(got.status).toBe(200);
    expect(sha256(new Uint8Array(await got.arrayBuffer()))).toBe(sha256(PDF));
    expect(got.headers.get('content-disposition')).toContain(encodeURIComponent('신고 증거.pdf'));

    const history = await t.call('GET', `/cases/${caseId}/history`, { as: 'head' });
    const reads = history.body.events.filter(
      (e: { type: string; data: { what?: string } }) => e.type === 'SENSITIVE_READ' && e.data.what === 'file',
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      actor: { sub: t.users.investigator.sub },
      data: { fileId, name: '신고 증거.pdf', size: PDF.length, sha256: sha256(PDF) },
    });
    const verified = await t.call('GET', `/cases/${caseId}/verify`, { as: 'head' });
    expect(verified.body).toMatchObject({ ok: true });
  });

  it('refuses others with 403 and records nothing for them', async () => {
    const before = (await t.call('GET', `/cases/${caseId}/history`, { as: 'head' })).body.events.length;
    for (const as of ['clerk', 'secretary'] as Role[]) {
      expect((await t.call('POST', `/cases/${caseId}/files/${fileId}/download`, { as })).status).toBe(403);
      expect((await t.call('GET', `/cases/${caseId}/files`, { as })).status).toBe(403);
      const start = await t.call('POST', `/cases/${caseId}/files`, {
        as,
        body: { name: 'x.pdf', contentType: 'application/pdf', size: 3, sha256: sha256(PDF) },
      });
      expect(start.status).toBe(403);
    }
    const after = (await t.call('GET', `/cases/${caseId}/history`, { as: 'head' })).body.events.length;
    expect(after).toBe(before);
  });

  it('discards an upload whose bytes do not match the declared SHA-256', async () => {
    const bad = await upload('investigator', caseId, '바뀐 파일.pdf', PDF, sha256(new TextEncoder().encode('other')));
    expect(bad.complete.status).toBe(422);
    expect(bad.complete.body.error).toMatchObject({ field: 'sha256', rule: 'hash_mismatch' });
    const list = await t.call('GET', `/cases/${caseId}/files`, { as: 'investigator' });
    expect(list.body.files).toHaveLength(1);
  });

  it('refuses a type the office does not take, and a type that does not match the extension', async () => {
    const exe = await t.call('POST', `/cases/${caseId}/files`, {
      as: 'investigator',
      body: { name: 'run.exe', contentType: 'application/octet-stream', size: 10, sha256: sha256(PDF) },
    });
    expect(exe.status).toBe(400);
    expect(exe.body.error).toMatchObject({ field: 'name', rule: 'file_type' });
    const mismatch = await t.call('POST', `/cases/${caseId}/files`, {
      as: 'investigator',
      body: { name: '사진.png', contentType: 'application/pdf', size: 10, sha256: sha256(PDF) },
    });
    expect(mismatch.body.error).toMatchObject({ field: 'contentType', rule: 'file_type_mismatch' });
    const huge = await t.call('POST', `/cases/${caseId}/files`, {
      as: 'investigator',
      body: { name: '큰 파일.pdf', contentType: 'application/pdf', size: 60 * 1024 * 1024, sha256: sha256(PDF) },
    });
    expect(huge.status).toBe(400);
  });
});

describe('files on an open case', () => {
  it('records a download as FILE_DOWNLOADED with a five-minute URL', async () => {
    const res = await t.call('POST', '/cases', {
      as: 'clerk',
      body: {
        kind: 'grievance',
        title: '일반 사건 (파일)',
        channel: '응답소',
        receivedAt: '2026-11-02T10:00:00+09:00',
        grievance: { complainant: { name: '민원인', contact: '010-1234-5678' } },
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const caseId = res.body.case.caseId as string;
    const { fileId, complete } = await upload('clerk', caseId, '현장 사진.pdf', PDF);
    expect(complete.status).toBe(201);
    const dl = await t.call('POST', `/cases/${caseId}/files/${fileId}/download`, { as: 'investigator' });
    expect(dl.status).toBe(200);
    expect(new URL(dl.body.downloadUrl).searchParams.get('X-Amz-Expires')).toBe('300');
    const history = await t.call('GET', `/cases/${caseId}/history`, { as: 'head' });
    expect(history.body.events.find((e: { type: string }) => e.type === 'FILE_DOWNLOADED')).toMatchObject({
      actor: { sub: t.users.investigator.sub },
      data: { fileId, sha256: sha256(PDF) },
    });
  });
});

describe('uploads never completed', () => {
  it('the daily clean-up deletes what was put but never recorded, and keeps every recorded file', async () => {
    const caseId = await sealedCase();
    const kept = await upload('investigator', caseId, '기록된 파일.pdf', PDF);
    expect(kept.complete.status).toBe(201);
    // A completion that crashed after the case recorded the file, before the marker went.
    const pending = new PendingUploadStore(createDocumentClient(), t.tableName);
    await pending.add({
      fileId: kept.fileId,
      caseId,
      objectKey: `cases/${caseId}/${kept.fileId}`,
      expiresAt: new Date().toISOString(),
    });
    const start = await t.call('POST', `/cases/${caseId}/files`, {
      as: 'investigator',
      body: { name: '버려진 파일.pdf', contentType: 'application/pdf', size: PDF.length, sha256: sha256(PDF) },
    });
    expect(start.status).toBe(201);
    expect((await fetch(start.body.uploadUrl, { method: 'PUT', headers: start.body.headers, body: PDF })).status).toBe(
      200,
    );
    const files = composeFileStore();
    const orphan = `cases/${caseId}/${start.body.fileId}`;
    expect(await files.inspect(orphan)).toBeDefined();

    // While the URL may still be used (15 minutes, and an hour's grace), nothing goes.
    const run = (at: Date) =>
      cleanupJob(
        { job: 'upload-cleanup', scheduledTime: at.toISOString() },
        lambdaContext('gamsa-upload-cleanup', 60_000),
      );
    const early = (await run(new Date(Date.now() + 30 * 60_000))) as { removed: number; alreadyRecorded: number };
    expect(await files.inspect(orphan)).toBeDefined();

    const later = new Date(Date.now() + 2 * 3_600_000);
    const report = (await run(later)) as { removed: number; alreadyRecorded: number };
    expect(report.removed).toBeGreaterThanOrEqual(1);
    expect(report.alreadyRecorded + early.alreadyRecorded).toBe(1);
    expect(await files.inspect(orphan)).toBeUndefined();
    expect(await files.inspect(`cases/${caseId}/${kept.fileId}`)).toMatchObject({ sha256: sha256(PDF) });
    const dl = await t.call('POST', `/cases/${caseId}/files/${kept.fileId}/download`, { as: 'investigator' });
    expect(dl.status).toBe(200);
    expect(await pending.expiredBefore(later.toISOString(), 100)).toEqual([]);
    expect(await run(later)).toMatchObject({ removed: 0, alreadyRecorded: 0 });
  });
});
