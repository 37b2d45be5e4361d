/**
 * Scheduled job (EventBridge Scheduler, 03:00 daily, Asia/Seoul): deletes the objects of uploads
 * never completed (shared/usecases/upload-cleanup.ts). Locally the same job runs against the local
 * S3-compatible server.
 */
import { uploadCleanupJob } from '#shared/schedules/scheduled-jobs.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { PendingUploadStore } from '#shared/store/pending-upload-store.ts';
import { uploadCleanup } from '#shared/usecases/upload-cleanup.ts';
import { composeFileStore } from '../wiring/case-files.ts';
import { once } from '../wiring/once.ts';
import { doc, tableName } from '../wiring/table.ts';
import { jobHandler } from './job-handler.ts';

const cleanup = once(() =>
  uploadCleanup({
    pending: new PendingUploadStore(doc, tableName()),
    files: composeFileStore(),
    cases: new CaseRepository(doc, tableName()),
  }),
);

export const handler = jobHandler(uploadCleanupJob, async (event) => cleanup().run(new Date(event.scheduledTime)));
