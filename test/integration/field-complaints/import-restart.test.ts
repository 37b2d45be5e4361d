/**
 * An import started through the API whose worker dies mid-file (here: hangs after writing part of the
 * file, as a frozen or killed Lambda would) on DynamoDB Local and the local S3-compatible server: while
 * the job's last save is recent the same start returns it as it stands; once it is stale the same start
 * queues the next attempt, whose run finishes the file idempotently (the rows the dead worker wrote are
 * found unchanged, every good row is stored exactly once); a repeated delivery of a run does nothing,
 * and the dead worker, waking, cannot overwrite the finished job.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFilesServer, type FilesServer } from '../../../infra/local/files-server.ts';
import { type SampleTally, writeSample } from '../../../infra/ops/field-complaint-sample.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { FieldComplaintStore } from '#shared/store/field-complaint-store.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { S3FileStore } from '#shared/store/s3-file-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import type { FieldComplaintRecords } from '#shared/usecases/field-complaint-import.ts';
import { type FieldImportRun, fieldImportJobUseCases } from '#shared/usecases/field-complaint-import-jobs.ts';
import { createTestTable } from '../../support/test-table.ts';
import { openExport } from '#shared/kinds/field-complaint/export-file.ts';

const ROWS = 3000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const lead: Actor = { sub: 'patrol-lead-restart', name: '홍성민', roles: ['team-lead'] };
let table: Awaited<ReturnType<typeof createTestTable>>;
let files: FilesServer;
let tally: SampleTally;
let bytes: Buffer;
let now = new Date('2026-12-04T01:00:00Z');
const runs: FieldImportRun[] = [];

beforeAll(async () => {
  table = await createTestTable('field-import-restart');
  files = await startFilesServer({ bucket: 'restart-files', accessKeyId: 'local', secretAccessKey: 'local' });
  const path = join(mkdtempSync(join(tmpdir(), 'field-restart-')), 'export.xlsx');
  tally = await writeSample(path, { rows: ROWS, from: '2026-01', months: 3, badEvery: 101, seed: 33 });
  bytes = readFileSync(path);
  await new StaffRepository(table.doc, table.tableName).putIfAbsent({
    sub: lead.sub,
    name: '홍성민',
    email: 'restart.lead@gamsa.local',
    team: 'patrol',
    roles: ['team-lead'],
    active: true,
  });
}, 120_000);
afterAll(async () => {
  await files?.close();
  await table?.drop();
});

const fileStore = () =>
  new S3FileStore(
    new S3Client({
      endpoint: files.endpoint,
      forcePathStyle: true,
      region: 'ap-northeast-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
    files.bucket,
  );

function useCases(records?: FieldComplaintRecords) {
  const store = new FieldComplaintStore(table.doc, table.tableName);

  return fieldImportJobUseCases({
    jobs: store,
    records: records ?? store,
    files: fileStore(),
    staff: new StaffRepository(table.doc, table.tableName),
    idempotency: new IdempotencyStore(table.doc, table.tableName),
    // Lambda's asynchronous queue: the test delivers the runs itself.
    dispatch: async (run) => {
      runs.push(run);
    },
    calendar: createCalendar(),
    openExport,
    clock: () => now,
    saveEvery: 500,
  });
}

/** The real store, except that after `alive` batches of new records the worker stops answering (it died). */
function dyingRecords(alive: number) {
  const store = new FieldComplaintStore(table.doc, table.tableName);
  let batches = 0;
  let wake!: () => void;
  const woken = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const records: FieldComplaintRecords = {
    getMany: (numbers) => store.getMany(numbers),
    createMany: async (list, importId) => {
      if (++batches > alive) await woken;
      return store.createMany(list, importId);
    },
    update: (record, version, change) => store.update(record, version, change),
    saveJob: (job) => store.saveJob(job),
    getJob: (importId) => store.getJob(importId),
    changesOf: (number) => store.changesOf(number),
    month: (month) => store.month(month),
  };
  return { records, wake };
}

const storedCount = async () => {
  const store = new FieldComplaintStore(table.doc, table.tableName);
  const months = await Promise.all(['2026-01', '2026-02', '2026-03', '2026-04'].map((m) => store.month(m)));
  return months.flat().length;
};

describe('a field import whose worker dies', () => {
  it('is started again once stale and finishes idempotently; the dead worker cannot overwrite it', async () => {
    const api = useCases();
    const upload = await api.startUpload(lead, {
      name: '응답소_1분기.xlsx',
      contentType: XLSX,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect((await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body: bytes })).status).toBe(200);
    const first = await api.start(lead, upload.fileId, {
      key: 'restart-test-0001',
      request: { fileId: upload.fileId },
    });
    expect(first).toMatchObject({ dispatched: true, job: { status: 'queued', attempt: 1 } });
    expect(runs).toEqual([{ importId: upload.fileId, attempt: 1 }]);

    // Attempt 1 writes 10 batches of new records, then hangs.
    const dying = dyingRecords(10);
    const deadRun = useCases(dying.records).run(runs[0]!);
    let job = await api.get(lead, upload.fileId);
    for (let i = 0; i < 200 && (job.status !== 'running' || job.counts.read < 1000); i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = await api.get(lead, upload.fileId);
    }
    expect(job).toMatchObject({ status: 'running', attempt: 1, restartable: false });
    const writtenByTheDead = await storedCount();
    expect(writtenByTheDead).toBeGreaterThan(0);
    expect(writtenByTheDead).toBeLessThanOrEqual(1000);

    // Still fresh: the same start (a new request) returns it as it stands and starts nothing.
    const early = await api.start(lead, upload.fileId);
    expect(early).toMatchObject({ dispatched: false, job: { status: 'running', attempt: 1 } });
    expect(runs).toHaveLength(1);

    // Past the stale time (longer than a worker may live): the same start queues attempt 2.
    now = new Date(now.getTime() + 21 * 60_000);
    expect((await api.get(lead, upload.fileId)).restartable).toBe(true);
    const again = await api.start(lead, upload.fileId);
    expect(again).toMatchObject({ dispatched: true, job: { status: 'queued', attempt: 2 } });
    expect(runs.at(-1)).toEqual({ importId: upload.fileId, attempt: 2 });

    const done = await api.run(runs.at(-1)!);
    expect(done?.status).toBe('done');
    expect(done?.counts).toEqual({
      read: ROWS,
      // The dead worker wrote exactly its 10 batches of 100 new records (chunks of 100 good rows).
      created: tally.good - 1000,
      updated: 0,
      unchanged: 1000,
      failed: tally.bad,
    });
    expect(await storedCount()).toBe(tally.good);

    // A second delivery of the same run finds it claimed; attempt 1's run is no longer anyone's turn.
    expect(await api.run(runs.at(-1)!)).toBeUndefined();
    expect(await api.run(runs[0]!)).toBeUndefined();

    // The dead worker wakes: its next save is refused and it stops; the job stays attempt 2's.
    dying.wake();
    expect(await deadRun).toBeUndefined();
    expect(await api.get(lead, upload.fileId)).toMatchObject({
      status: 'done',
      attempt: 2,
      counts: done!.counts,
      restartable: false,
    });
    expect(await storedCount()).toBe(tally.good);
    // Done: the uploaded export is deleted from the bucket.
    expect(await fileStore().inspect(`imports/field-complaints/${upload.fileId}`)).toBeUndefined();
  }, 180_000);
});
