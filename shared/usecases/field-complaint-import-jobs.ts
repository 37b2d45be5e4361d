/**
 * The 응답소 import through the API (the console's 현장민원 가져오기), around the import itself
 * (field-complaint-import.ts):
 *
 * 1. `startUpload` hands out a presigned PUT for the export (XLSX or CSV) — the same mechanism as
 *    case files, under its own key prefix — and records what the browser declared (name, size, SHA-256).
 * 2. `start` reads the object back, recomputes its SHA-256 (a mismatch discards it and changes
 *    nothing), queues the job (status `queued`, attempt 1) with the request's idempotency record in one
 *    transaction and hands the run to a worker (`dispatch`: an asynchronous Lambda invocation on AWS,
 *    in process on one machine). It answers at once.
 * 3. `run` (the worker) claims the attempt (queued → running, conditional), reads the file and imports
 *    it, saving the job's counts every `saveEvery` rows with `savedAt`.
 *
 * A worker that dies leaves its job `running` (or `queued`, if the invocation was lost) with a
 * `savedAt` that no longer moves. Once `savedAt` is older than `staleAfterMs` — longer than a worker
 * may live (the worker Lambda's timeout) — the same `start` (same upload id) queues the next attempt
 * and dispatches it; the import being idempotent by 응답소 number, the rows the dead worker wrote are
 * found unchanged and the rest is written. A failed job may be started again at once. The dead
 * worker, should it wake, cannot overwrite the job: every save is conditional on its attempt
 * (SupersededImportError). The counts shown are those of the attempt that finished.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import type { Calendar } from '../calendar/index.ts';
import { extensionOf } from '../domain/case-files.ts';
import { NotFoundError, UnprocessableError, ValidationError, VersionConflictError } from '../domain/errors.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import type { Actor } from '../domain/roles.ts';
import { ExportFileError } from '../kinds/field-complaint/export-file-error.ts';
import type { OpenedExport } from '../kinds/field-complaint/export-file.ts';
import type { FieldComplaintStandards } from '../kinds/field-complaint/standards.ts';
import { assertCanImportFieldComplaints } from '../policies/field-complaint-access.ts';
import { type FieldComplaintRecords, type FieldImportJob, importFieldComplaints } from './field-complaint-import.ts';
import { type IdempotencyRequest, runIdempotent } from './idempotent.ts';
import type { FileStore, IdempotencyClaim, IdempotencyStore } from './ports.ts';

/** What the browser declared when it asked for the upload URL. */
export interface FieldImportUpload {
  importId: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  objectKey: string;
  bySub: string;
  byName?: string;
  expiresAt: string;
}

/** Storage of import jobs and uploads (shared/store/field-complaint-store.ts). */
export interface FieldImportJobs {
  getJob(importId: string): Promise<FieldImportJob | undefined>;
  queueJob(
    job: FieldImportJob,
    previous: { attempt: number; savedAt: string } | undefined,
    claim?: IdempotencyClaim,
  ): Promise<boolean>;
  claimRun(importId: string, attempt: number, savedAt: string): Promise<boolean>;
  recentJobs(limit: number): Promise<FieldImportJob[]>;
  putUpload(upload: FieldImportUpload): Promise<void>;
  getUpload(importId: string): Promise<FieldImportUpload | undefined>;
}

/** The files bucket, as far as imports use it (shared/store/s3-file-store.ts): case files' store plus a download to disk. */
export interface ImportFileStore extends Pick<FileStore, 'uploadUrl' | 'inspect' | 'delete'> {
  downloadTo(key: string, path: string): Promise<void>;
}

/** A run of one attempt, handed to the worker. */
export interface FieldImportRun {
  importId: string;
  attempt: number;
}

/** A save by a worker whose job has been started again since (a newer attempt holds it). */
export class SupersededImportError extends Error {
  override name = 'SupersededImportError';
  constructor(
    readonly importId: string,
    readonly attempt: number,
  ) {
    super(`Import ${importId} attempt ${attempt} was superseded by a newer attempt`);
  }
}

export interface FieldImportJobDeps {
  jobs: FieldImportJobs;
  records: FieldComplaintRecords;
  files: ImportFileStore;
  /** The actor's directory entry (team), for the access policy. */
  staff: { get(sub: string): Promise<{ team?: string; name?: string } | undefined> };
  idempotency: Pick<IdempotencyStore, 'find'>;
  /** Hands a queued attempt to a worker and returns at once. */
  dispatch: (run: FieldImportRun) => Promise<void>;
  /**
   * The export reader (`openExport` of shared/kinds/field-complaint/export-file.ts), given by the worker's
   * composition only: the routes that start and show imports do not carry the XLSX and CSV parsers.
   */
  openExport?: (path: string) => Promise<OpenedExport>;
  calendar: Calendar;
  standards?: FieldComplaintStandards;
  clock?: () => Date;
  /** A running or queued job whose status was last saved longer ago than this may be started again (default 20 min). */
  staleAfterMs?: number;
  /** How often (rows) the worker saves the job's counts (default 1,000: the console polls). */
  saveEvery?: number;
}

/** 15 minutes is a Lambda's longest life; a worker silent for longer is gone. */
export const FIELD_IMPORT_STALE_MS = 20 * 60_000;
export const IMPORT_UPLOAD_SECONDS = 15 * 60;
/** 100 MB: a year of the export (~100,000 rows) is about 10 MB as XLSX. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
export const IMPORT_FILE_TYPES: Record<string, readonly string[]> = {
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  csv: ['text/csv', 'application/vnd.ms-excel', 'text/plain'],
};
export const importObjectKey = (importId: string) => `imports/field-complaints/${importId}`;

export type ImportUploadInput = { name: string; contentType: string; size: number; sha256: string };

function assertImportFile(input: { name: string; contentType: string }) {
  const ext = extensionOf(input.name);
  const types = IMPORT_FILE_TYPES[ext];
  if (!types)
    throw new ValidationError(
      `only .xlsx and .csv exports can be imported, not .${ext}`,
      `가져올 수 있는 파일은 응답소 내보내기의 XLSX 또는 CSV입니다 (.${ext || '확장자 없음'})`,
      { field: 'name', rule: 'file_type' },
    );
  if (!types.includes(input.contentType.toLowerCase().split(';')[0]!.trim()))
    throw new ValidationError(
      `contentType ${input.contentType} does not match .${ext}`,
      `파일 형식(${input.contentType})이 확장자 .${ext}와 맞지 않습니다`,
      { field: 'contentType', rule: 'file_type_mismatch' },
    );
}

export function fieldImportJobUseCases(deps: FieldImportJobDeps) {
  const clock = deps.clock ?? (() => new Date());
  const staleAfterMs = deps.staleAfterMs ?? FIELD_IMPORT_STALE_MS;
  const authorize = async (actor: Actor) => {
    const member = await deps.staff.get(actor.sub);
    assertCanImportFieldComplaints(actor, member?.team);
    return member;
  };
  const stale = (job: FieldImportJob, now: Date) =>
    job.status === 'failed' ||
    ((job.status === 'queued' || job.status === 'running') &&
      now.getTime() - Date.parse(job.savedAt ?? job.startedAt) > staleAfterMs);

  return {
    async startUpload(actor: Actor, input: ImportUploadInput) {
      const member = await authorize(actor);
      assertImportFile(input);
      if (input.size > MAX_IMPORT_BYTES)
        throw new ValidationError(
          `size ${input.size} exceeds ${MAX_IMPORT_BYTES} bytes`,
          `파일이 너무 큽니다 (최대 ${MAX_IMPORT_BYTES / 1024 / 1024}MB)`,
          { field: 'size', rule: 'too_big' },
        );
      const importId = ulid();
      const expiresAt = new Date(clock().getTime() + IMPORT_UPLOAD_SECONDS * 1000);
      const objectKey = importObjectKey(importId);
      const byName = member?.name ?? actor.name;
      await deps.jobs.putUpload({
        importId,
        fileName: input.name,
        contentType: input.contentType,
        size: input.size,
        sha256: input.sha256,
        objectKey,
        bySub: actor.sub,
        ...(byName !== undefined && { byName }),
        expiresAt: toKoreaIso(expiresAt),
      });
      const { url, headers } = await deps.files.uploadUrl(objectKey, input, IMPORT_UPLOAD_SECONDS);
      return { fileId: importId, method: 'PUT' as const, uploadUrl: url, headers, expiresAt: toKoreaIso(expiresAt) };
    },

    /**
     * Queues the import of an uploaded file and dispatches it; or, for a job that exists, returns it as
     * it stands (done, or still running) or — failed, or stale — queues and dispatches its next attempt.
     */
    async start(actor: Actor, importId: string, idempotency?: IdempotencyRequest) {
      await authorize(actor);
      const now = clock();
      const { result, replayed } = await runIdempotent(
        deps.idempotency,
        actor.sub,
        idempotency,
        now,
        async (claimFor) => {
          const upload = await deps.jobs.getUpload(importId);
          if (!upload)
            throw new NotFoundError(
              `No upload ${importId}`,
              `올린 파일(${importId})이 없습니다. 파일을 먼저 올리세요`,
              {
                field: 'fileId',
                rule: 'not_found',
              },
            );
          const existing = await deps.jobs.getJob(importId);
          if (existing && !stale(existing, now)) return { job: existing, dispatched: false };
          let job: FieldImportJob;
          if (existing) {
            job = {
              ...existing,
              status: 'queued',
              attempt: (existing.attempt ?? 1) + 1,
              savedAt: toKoreaIso(now),
              errors: [],
            };
            delete job.finishedAt;
            delete job.messageKo;
          } else {
            const stored = await deps.files.inspect(upload.objectKey);
            if (!stored)
              throw new NotFoundError(
                `Nothing was uploaded for ${importId}`,
                `업로드된 파일이 없습니다 (${importId}). 업로드 주소로 먼저 올리세요`,
                { field: 'fileId', rule: 'not_uploaded' },
              );
            if (
              stored.sha256 !== upload.sha256 ||
              stored.declaredSha256 !== upload.sha256 ||
              stored.size !== upload.size
            ) {
              await deps.files.delete(upload.objectKey);
              throw new UnprocessableError(
                `The uploaded bytes (${stored.size} bytes) hash to ${stored.sha256}, not the declared ${upload.sha256}; the upload was discarded`,
                '올린 파일의 SHA-256이 신고한 값과 다릅니다. 업로드를 폐기했으니 다시 올리세요',
                { field: 'sha256', rule: 'hash_mismatch', meta: { computed: stored.sha256 } },
              );
            }
            job = {
              importId,
              fileName: upload.fileName,
              status: 'queued',
              startedAt: toKoreaIso(now),
              savedAt: toKoreaIso(now),
              bySub: upload.bySub,
              ...(upload.byName !== undefined && { byName: upload.byName }),
              attempt: 1,
              size: stored.size,
              sha256: stored.sha256,
              counts: { read: 0, created: 0, updated: 0, unchanged: 0, failed: 0 },
              errors: [],
            };
          }
          const out = { job, dispatched: true };
          const queued = await deps.jobs.queueJob(
            job,
            existing && { attempt: existing.attempt ?? 1, savedAt: existing.savedAt ?? existing.startedAt },
            claimFor(out),
          );
          if (!queued)
            throw new VersionConflictError(
              `Import ${importId} was started by another request`,
              '다른 요청이 이 가져오기를 먼저 시작했습니다. 상태를 다시 확인하세요',
              { field: 'fileId', rule: 'already_started' },
            );
          return out;
        },
      );
      // After the job is stored: a crash before this leaves a queued job that goes stale and is started again.
      if (result.dispatched && !replayed) await deps.dispatch({ importId, attempt: result.job.attempt ?? 1 });
      return { ...result, replayed };
    },

    async get(actor: Actor, importId: string) {
      await authorize(actor);
      const job = await deps.jobs.getJob(importId);
      if (!job)
        throw new NotFoundError(`No import ${importId}`, `가져오기(${importId})가 없습니다`, {
          field: 'importId',
          rule: 'not_found',
        });
      return { ...job, restartable: stale(job, clock()) };
    },

    async list(actor: Actor, limit: number) {
      await authorize(actor);
      const now = clock();
      return (await deps.jobs.recentJobs(limit)).map((job) => ({
        ...job,
        restartable: stale(job, now),
        errors: [],
      }));
    },

    /** The worker: runs one attempt if it is still that attempt's turn. */
    async run(run: FieldImportRun): Promise<FieldImportJob | undefined> {
      const job = await deps.jobs.getJob(run.importId);
      if (!job || job.attempt !== run.attempt) return undefined;
      if (!(await deps.jobs.claimRun(run.importId, run.attempt, toKoreaIso(clock())))) return undefined;
      const upload = await deps.jobs.getUpload(run.importId);
      const dir = await mkdtemp(join(tmpdir(), 'field-import-'));
      // The extension tells the reader XLSX from CSV.
      const path = join(dir, `export.${extensionOf(job.fileName)}`);
      const fields = {
        ...(job.bySub !== undefined && { bySub: job.bySub }),
        attempt: run.attempt,
        ...(job.size !== undefined && { size: job.size }),
        ...(job.sha256 !== undefined && { sha256: job.sha256 }),
        startedAt: job.startedAt,
      };
      try {
        await deps.files.downloadTo(upload?.objectKey ?? importObjectKey(run.importId), path);
        if (!deps.openExport) throw new Error('this composition has no export reader: only the worker runs imports');
        const file = await deps.openExport(path);
        const done = await importFieldComplaints(deps.records, file, {
          importId: run.importId,
          fileName: job.fileName,
          ...(job.byName !== undefined && { byName: job.byName }),
          calendar: deps.calendar,
          ...(deps.standards && { standards: deps.standards }),
          clock,
          saveEvery: deps.saveEvery ?? 1000,
          job: fields,
        });
        await deps.files.delete(upload?.objectKey ?? importObjectKey(run.importId));
        return done;
      } catch (error) {
        if (error instanceof SupersededImportError) return undefined;
        // The import saves a failure it meets while reading rows; one before (no header row, not a
        // spreadsheet, the object gone) is saved here, so the job always says why it stopped.
        const latest = await deps.jobs.getJob(run.importId);
        if (latest?.attempt === run.attempt && latest.status !== 'failed') {
          const at = toKoreaIso(clock());
          await deps.records
            .saveJob({
              ...latest,
              status: 'failed',
              finishedAt: at,
              savedAt: at,
              messageKo:
                error instanceof ExportFileError
                  ? error.messageKo
                  : `파일을 읽지 못했습니다: ${error instanceof Error ? error.message : String(error)} (다시 시작할 수 있습니다)`,
            })
            .catch(() => undefined);
        }
        // A file the office must fix is the job's answer; anything else is the worker's error too (logs, alarms).
        if (error instanceof ExportFileError) return deps.jobs.getJob(run.importId);
        throw error;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
export type FieldImportJobUseCases = ReturnType<typeof fieldImportJobUseCases>;
