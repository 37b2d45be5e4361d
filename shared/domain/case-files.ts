/**
 * Files on a case (attachments): PDF, HWP/HWPX, images, spreadsheets, held in object storage (S3 on
 * AWS, an S3-compatible server on one machine) under `cases/<caseId>/<fileId>`. The case record keeps
 * what the office must be able to prove later — name, type, size and the SHA-256 the server computed
 * itself after the upload — and the history chain records every upload and download.
 *
 * A file may belong to a part of the case (a task, a finding, a committee meeting) through `subject`;
 * who may see it is decided by the case alone.
 */
import * as z from 'zod';
import { type Attachment, fileSubjectSchema, sha256Schema } from './attachment.ts';

export {
  attachmentSchema,
  type Attachment,
  FILE_SUBJECT_TYPES,
  fileSubjectSchema,
  type FileSubject,
  SCAN_STATES,
  type ScanState,
  sha256Schema,
} from './attachment.ts';
import { ValidationError, UnprocessableError } from './errors.ts';
import type { CaseChange, CaseRecord } from './case.ts';
import type { EventActor } from './history.ts';

/** Types the office exchanges, by extension; the declared content type must be the extension's. */
export const FILE_TYPES = {
  pdf: ['application/pdf'],
  hwp: ['application/x-hwp', 'application/haansofthwp', 'application/vnd.hancom.hwp'],
  hwpx: ['application/hwp+zip', 'application/vnd.hancom.hwpx', 'application/haansofthwpx'],
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  png: ['image/png'],
  heic: ['image/heic'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
} as const satisfies Record<string, readonly string[]>;
export type FileExtension = keyof typeof FILE_TYPES;

/** 50 MB: a scanned 감사 결과 or a phone's photo series fits; larger evidence goes on the records system. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** A case holds at most this many files (the record stays well under DynamoDB's 400 KB item). */
export const MAX_FILES_PER_CASE = 200;

export const fileUploadInputSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine(
      (n) => !/[\\/]/.test(n) && ![...n].some((ch) => ch.charCodeAt(0) < 0x20),
      '파일 이름에 경로 구분자·제어 문자를 쓸 수 없습니다',
    )
    .describe('파일 이름 (확장자 포함)'),
  contentType: z.string().trim().min(1).max(128).describe('MIME 형식'),
  size: z.number().int().min(1).max(MAX_FILE_BYTES).describe('바이트 수'),
  sha256: sha256Schema.describe('올린 쪽이 계산한 SHA-256 (업로드 완료 때 서버가 다시 계산해 대조)'),
  subject: fileSubjectSchema.optional(),
});
export type FileUploadInput = z.infer<typeof fileUploadInputSchema>;

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Refuses a type the office does not take or a content type that does not match the extension. */
export function assertAcceptedFile(input: Pick<FileUploadInput, 'name' | 'contentType'>): void {
  const ext = extensionOf(input.name);
  const types = (FILE_TYPES as Record<string, readonly string[]>)[ext];
  if (!types)
    throw new ValidationError(
      `file type .${ext} is not accepted (${Object.keys(FILE_TYPES).join(', ')})`,
      `첨부할 수 없는 파일 형식입니다 (.${ext}). 가능한 형식: ${Object.keys(FILE_TYPES).join(', ')}`,
      { field: 'name', rule: 'file_type' },
    );
  if (!types.includes(input.contentType.toLowerCase()))
    throw new ValidationError(
      `contentType ${input.contentType} does not match .${ext} (${types.join(', ')})`,
      `파일 형식(${input.contentType})이 확장자 .${ext}와 맞지 않습니다`,
      { field: 'contentType', rule: 'file_type_mismatch' },
    );
}

export function assertRoomForFile(c: CaseRecord): void {
  if ((c.attachments?.length ?? 0) >= MAX_FILES_PER_CASE)
    throw new UnprocessableError(
      `a case holds at most ${MAX_FILES_PER_CASE} files`,
      `사건 하나에 파일은 ${MAX_FILES_PER_CASE}개까지 첨부할 수 있습니다`,
      { field: 'caseId', rule: 'too_many_files' },
    );
}

/** The object key of a case's file; the case id comes first so one prefix holds a case's files. */
export const fileObjectKey = (caseId: string, fileId: string) => `cases/${caseId}/${fileId}`;

export function attachFile(c: CaseRecord, file: Attachment, actor: EventActor): CaseChange {
  return {
    next: {
      ...c,
      attachments: [...(c.attachments ?? []), file],
      updatedAt: file.uploadedAt,
      version: c.version + 1,
    },
    drafts: [
      {
        type: 'FILE_ATTACHED',
        at: file.uploadedAt,
        actor,
        data: {
          fileId: file.fileId,
          name: file.name,
          contentType: file.contentType,
          size: file.size,
          sha256: file.sha256,
          subject: file.subject,
        },
      },
    ],
  };
}
