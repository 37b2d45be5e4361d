/** Request and response schemas of the 응답소 import routes (shared/usecases/field-complaint-import-jobs.ts). */
import * as z from 'zod';
import { fileUploadInputSchema } from '#shared/domain/case-files.ts';
import { MAX_IMPORT_BYTES } from '#shared/usecases/field-complaint-import-jobs.ts';

const ulidSchema = (field: string) =>
  z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, `${field}: 가져오기 번호 (26자 ULID)`);

export const importUploadBody = z
  .strictObject({
    name: fileUploadInputSchema.shape.name,
    contentType: fileUploadInputSchema.shape.contentType,
    size: z.number().int().min(1).max(MAX_IMPORT_BYTES).describe('바이트 수 (100MB 이하)'),
    sha256: fileUploadInputSchema.shape.sha256,
  })
  .describe('응답소 내보내기 파일(XLSX·CSV) 업로드 시작');

export const startImportBody = z
  .strictObject({ fileId: ulidSchema('fileId').describe('업로드 시작 때 받은 fileId') })
  .describe('올린 파일 가져오기 시작 (서버가 SHA-256 대조); 멈춘·실패한 가져오기는 같은 요청으로 다시 시작');

export const importParams = z.object({ importId: ulidSchema('importId') });
export const importsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20).describe('최근 몇 건 (기본 20)'),
});

const counts = z.object({
  read: z.number().int().describe('읽음'),
  created: z.number().int().describe('신규'),
  updated: z.number().int().describe('변경'),
  unchanged: z.number().int().describe('동일'),
  failed: z.number().int().describe('오류'),
});

export const importJobView = z.object({
  importId: z.string(),
  fileName: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']).describe('대기·진행 중·완료·실패'),
  startedAt: z.string().describe('시작 (한국 시각)'),
  finishedAt: z.string().optional().describe('끝 (한국 시각)'),
  savedAt: z.string().optional().describe('상태를 마지막으로 저장한 때'),
  byName: z.string().optional(),
  bySub: z.string().optional(),
  attempt: z.number().int().optional(),
  size: z.number().int().optional(),
  sha256: z.string().optional(),
  counts,
  errors: z
    .array(z.object({ row: z.number().int(), number: z.string().optional(), reasonKo: z.string() }))
    .describe('오류 행 (처음 500건; 목록에서는 비움)'),
  messageKo: z.string().optional(),
  restartable: z.boolean().describe('실패했거나 멈춘 가져오기: 같은 POST로 다시 시작'),
});
export const importJobsResponse = z.object({ items: z.array(importJobView) });
