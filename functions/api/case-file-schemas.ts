/** Request and response schemas of the case-file routes (shared/usecases/case-files.ts). */
import * as z from 'zod';
import {
  attachmentSchema,
  FILE_SUBJECT_TYPES,
  fileSubjectSchema,
  fileUploadInputSchema,
} from '#shared/domain/case-files.ts';
import { caseIdParams } from './schemas.ts';

export const fileParams = caseIdParams.extend({
  fileId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'fileId must be a file id (26-character ULID)'),
});

export const startUploadBody = fileUploadInputSchema.describe('파일 업로드 시작 (서명된 업로드 주소 발급)');
export const startUploadResponse = z.object({
  fileId: z.string(),
  method: z.literal('PUT'),
  uploadUrl: z.string().describe('이 주소로 파일을 PUT (headers를 그대로 보냄)'),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});

export const completeUploadBody = z
  .strictObject({ name: fileUploadInputSchema.shape.name, subject: fileSubjectSchema.optional() })
  .describe('업로드 완료 (서버가 SHA-256을 다시 계산해 대조)');

export const filesQuery = z.object({
  subjectType: z.enum(FILE_SUBJECT_TYPES).optional().describe('사건·업무·지적사항·회의'),
  subjectId: z.string().min(1).max(128).optional(),
});
export const filesResponse = z.object({ caseId: z.string(), sealed: z.boolean(), files: z.array(attachmentSchema) });
export const downloadResponse = attachmentSchema.extend({
  downloadUrl: z.string().describe('짧은 시간만 유효한 내려받기 주소'),
  expiresAt: z.string(),
});
