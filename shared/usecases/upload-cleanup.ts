/**
 * Uploads never completed: an upload URL was handed out (case-files.ts startUpload marks it) but the
 * case never recorded the file — the browser closed, the completion failed, or the file was bad.
 * Once the URL has been expired for `graceMs`, the object (if anything was put) is deleted and the
 * marker removed. A marker whose file the case does hold (a crash between recording it and removing
 * the marker) only loses its marker: a recorded file is never deleted here.
 *
 * The same use case runs daily on AWS and on one machine (the local scheduler), against S3 or the
 * local S3-compatible server; the markers are read from an index, never by listing the bucket. On a
 * versioned bucket the delete leaves a noncurrent version, which the bucket's lifecycle expires.
 */
import type { CaseRepository, FileStore, PendingUploads } from './ports.ts';

export interface UploadCleanupDeps {
  pending: PendingUploads;
  files: Pick<FileStore, 'delete'>;
  cases: Pick<CaseRepository, 'get'>;
  /** @default one hour after the URL expired */
  graceMs?: number;
  /** Markers per run (the rest wait for the next day's run). @default 5,000 */
  limit?: number;
  log?: (entry: Record<string, unknown>) => void;
}

export interface UploadCleanupReport {
  before: string;
  /** Objects deleted (or never put) whose upload was not completed. */
  removed: number;
  /** Markers of files the case did record (only the marker went). */
  alreadyRecorded: number;
}

export function uploadCleanup(deps: UploadCleanupDeps) {
  const graceMs = deps.graceMs ?? 60 * 60_000;
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  return {
    async run(scheduledTime: Date): Promise<UploadCleanupReport> {
      const before = new Date(scheduledTime.getTime() - graceMs).toISOString();
      const report: UploadCleanupReport = { before, removed: 0, alreadyRecorded: 0 };
      for (const upload of await deps.pending.expiredBefore(before, deps.limit ?? 5000)) {
        const c = await deps.cases.get(upload.caseId);
        if (c?.attachments?.some((f) => f.fileId === upload.fileId)) {
          report.alreadyRecorded++;
        } else {
          await deps.files.delete(upload.objectKey);
          report.removed++;
        }
        await deps.pending.remove(upload.fileId);
      }
      log({ level: 'info', message: 'upload-cleanup run', ...report });
      return report;
    },
  };
}

export type UploadCleanup = ReturnType<typeof uploadCleanup>;
