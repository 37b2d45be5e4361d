/** The record of a file on a case (case-files.ts), apart so the case record's schema can hold it without an import loop. */
import * as z from 'zod';

export const FILE_SUBJECT_TYPES = ['case', 'task', 'finding', 'meeting'] as const;
export const fileSubjectSchema = z
  .strictObject({
    type: z.enum(FILE_SUBJECT_TYPES).describe('사건·업무·지적사항·위원회 회의'),
    id: z.string().trim().min(1).max(128).optional().describe('업무·지적사항·회의의 ID'),
  })
  .describe('파일이 속한 곳');
export type FileSubject = z.infer<typeof fileSubjectSchema>;

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256');

/** The virus-scan hook point: uploads start `pending`; a scanner (not part of this system) sets the object tag. */
export const SCAN_STATES = ['pending', 'clean', 'infected'] as const;
export type ScanState = (typeof SCAN_STATES)[number];

export const attachmentSchema = z.object({
  fileId: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  sha256: sha256Schema,
  subject: fileSubjectSchema,
  uploadedAt: z.string(),
  uploadedBy: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;
