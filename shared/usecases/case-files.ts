/**
 * Files on a case: presigned upload, a completion step that reads the object back and checks its
 * size and SHA-256 before the case records it, and presigned downloads that are history events.
 *
 * Upload and download URLs go straight to the object store, so the API never carries file bytes
 * (API Gateway's 10 MB limit); the URL is the only key to the object, hence short expiries — and for
 * a sealed case a download URL lives `SEALED_DOWNLOAD_SECONDS` only, and each download is recorded
 * as a SENSITIVE_READ before the URL is handed out (no record, no URL).
 */
import { ulid } from 'ulid';
import {
  assertAcceptedFile,
  assertRoomForFile,
  attachFile,
  fileObjectKey,
  type Attachment,
  type FileUploadInput,
} from '../domain/case-files.ts';
import { NotFoundError, UnprocessableError } from '../domain/errors.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import type { Actor } from '../domain/roles.ts';
import { assertCanChange, assertCanRead } from '../policies/case-access.ts';
import { eventActorOf, loadCase } from './case-operations.ts';
import type { CaseRepository, FileStore, IdempotencyStore, PendingUploads } from './ports.ts';
import { runIdempotent, type IdempotencyRequest } from './idempotent.ts';

export const UPLOAD_URL_SECONDS = 15 * 60;
export const DOWNLOAD_URL_SECONDS = 5 * 60;
export const SEALED_DOWNLOAD_SECONDS = 60;

export interface CaseFileDeps {
  cases: CaseRepository;
  files: FileStore;
  /** Upload URLs not completed yet, so the upload-cleanup job can remove what never was (upload-cleanup.ts). */
  pending: Pick<PendingUploads, 'add' | 'remove'>;
  idempotency: Pick<IdempotencyStore, 'find'>;
  /** Refuse downloads until the scanner has marked a file clean (FILES_SCAN_REQUIRED); infected files are always refused. */
  scanRequired?: boolean;
  clock?: () => Date;
}

export function caseFileUseCases(deps: CaseFileDeps) {
  const clock = deps.clock ?? (() => new Date());
  const load = (caseId: string) => loadCase(deps.cases, caseId);
  const find = (attachments: Attachment[] | undefined, fileId: string) => {
    const file = attachments?.find((f) => f.fileId === fileId);
    if (!file)
      throw new NotFoundError(`No file ${fileId} on this case`, `사건에 파일(${fileId})이 없습니다`, {
        field: 'fileId',
        rule: 'not_found',
      });
    return file;
  };

  return {
    /** A presigned PUT for one file; nothing is recorded until `completeUpload` has checked what arrived. */
    async startUpload(actor: Actor, caseId: string, input: FileUploadInput) {
      const c = await load(caseId);
      assertCanChange(actor, c);
      assertAcceptedFile(input);
      assertRoomForFile(c);
      const fileId = ulid();
      const expiresAt = new Date(clock().getTime() + UPLOAD_URL_SECONDS * 1000);
      // Marked before the URL exists: no URL is handed out that the clean-up would not know of.
      await deps.pending.add({
        fileId,
        caseId,
        objectKey: fileObjectKey(caseId, fileId),
        expiresAt: expiresAt.toISOString(),
      });
      const { url, headers } = await deps.files.uploadUrl(
        fileObjectKey(caseId, fileId),
        { contentType: input.contentType, size: input.size, sha256: input.sha256 },
        UPLOAD_URL_SECONDS,
      );
      return { fileId, method: 'PUT' as const, uploadUrl: url, headers, expiresAt: toKoreaIso(expiresAt) };
    },

    /**
     * Reads the uploaded object back, recomputes its SHA-256 and compares size, type and hash with what
     * the uploader declared; a mismatch deletes the object and changes nothing. Idempotent by file id.
     */
    async completeUpload(
      actor: Actor,
      caseId: string,
      fileId: string,
      input: Pick<FileUploadInput, 'name' | 'subject'>,
      idempotency?: IdempotencyRequest,
    ) {
      const now = clock();
      const result = await runIdempotent(deps.idempotency, actor.sub, idempotency, now, async (claimFor) => {
        const c = await load(caseId);
        assertCanChange(actor, c);
        const already = c.attachments?.find((f) => f.fileId === fileId);
        if (already) return { case: c, events: [] };
        assertRoomForFile(c);
        const key = fileObjectKey(caseId, fileId);
        const stored = await deps.files.inspect(key);
        if (!stored)
          throw new NotFoundError(
            `Nothing was uploaded for file ${fileId}`,
            `업로드된 파일이 없습니다 (${fileId}). 업로드 주소로 먼저 올리세요`,
            { field: 'fileId', rule: 'not_uploaded' },
          );
        const contentType = stored.contentType ?? '';
        assertAcceptedFile({ name: input.name, contentType });
        if (stored.declaredSha256 !== stored.sha256) {
          await deps.files.delete(key);
          throw new UnprocessableError(
            `The uploaded bytes hash to ${stored.sha256}, not the declared ${stored.declaredSha256}; the upload was discarded`,
            '올린 파일의 SHA-256이 신고한 값과 다릅니다. 업로드를 폐기했으니 다시 올리세요',
            { field: 'sha256', rule: 'hash_mismatch', meta: { computed: stored.sha256 } },
          );
        }
        const file: Attachment = {
          fileId,
          name: input.name,
          contentType,
          size: stored.size,
          sha256: stored.sha256,
          subject: input.subject ?? { type: 'case' },
          uploadedAt: toKoreaIso(now),
          uploadedBy: actor.sub,
        };
        return deps.cases.commit(c, attachFile(c, file, eventActorOf(actor)), claimFor);
      });
      // After the case holds the file; a crash before this leaves a marker the clean-up finds attached.
      await deps.pending.remove(fileId);
      return result;
    },

    async list(actor: Actor, caseId: string, subject?: { type?: string; id?: string }) {
      const c = await load(caseId);
      assertCanRead(actor, c);
      const files = (c.attachments ?? []).filter(
        (f) =>
          (subject?.type === undefined || f.subject.type === subject.type) &&
          (subject?.id === undefined || f.subject.id === subject.id),
      );
      return { caseId, sealed: c.sealed, files };
    },

    /**
     * A short-lived download URL, after the download is in the case's history (sealed: a SENSITIVE_READ
     * naming the file and its hash; otherwise FILE_DOWNLOADED).
     */
    async download(actor: Actor, caseId: string, fileId: string) {
      const c = await load(caseId);
      assertCanRead(actor, c);
      const file = find(c.attachments, fileId);
      const key = fileObjectKey(caseId, fileId);
      const scan = await deps.files.scanState(key);
      if (scan === 'infected' || (deps.scanRequired && scan !== 'clean'))
        throw new UnprocessableError(
          `File ${fileId} cannot be downloaded: virus scan ${scan ?? 'missing'}`,
          scan === 'infected'
            ? '악성코드가 발견된 파일은 내려받을 수 없습니다'
            : '바이러스 검사가 끝나지 않은 파일입니다',
          {
            field: 'fileId',
            rule: scan === 'infected' ? 'file_infected' : 'scan_pending',
            meta: { scan: scan ?? null },
          },
        );
      const now = clock();
      const seconds = c.sealed ? SEALED_DOWNLOAD_SECONDS : DOWNLOAD_URL_SECONDS;
      const data = { fileId, name: file.name, size: file.size, sha256: file.sha256 };
      await deps.cases.appendWithoutVersion(caseId, [
        c.sealed
          ? {
              type: 'SENSITIVE_READ',
              at: toKoreaIso(now),
              actor: eventActorOf(actor),
              data: { what: 'file', caseNumber: c.caseNumber, ...data },
            }
          : { type: 'FILE_DOWNLOADED', at: toKoreaIso(now), actor: eventActorOf(actor), data },
      ]);
      const url = await deps.files.downloadUrl(key, file.name, file.contentType, seconds);
      return { ...file, downloadUrl: url, expiresAt: toKoreaIso(new Date(now.getTime() + seconds * 1000)) };
    },
  };
}
export type CaseFileUseCases = ReturnType<typeof caseFileUseCases>;
