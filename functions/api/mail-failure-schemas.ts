/**
 * Request and response schemas of the undelivered-mail routes (GET /mail/failures,
 * POST /mail/suppressions/lift); routeSchemas in schemas.ts lists them for the OpenAPI document.
 */
import * as z from 'zod';

const KIND_VIEWS = ['bounce', 'complaint', 'reject', 'delay', 'smtp-refusal'] as const;
const kind = z
  .enum(KIND_VIEWS)
  .describe('반송(bounce)·스팸 신고(complaint)·발송 거부(reject)·전달 지연(delay)·SMTP 수신 거부(smtp-refusal)');
const recipient = z.object({ sub: z.string(), name: z.string() }).describe('주소의 직원 (알 때)');

export const mailFailuresQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('최근 실패 건수 (1–200)'),
});

export const mailFailureView = z.object({
  email: z.string(),
  recipient: recipient.optional(),
  kind,
  permanence: z.enum(['permanent', 'transient']).describe('영구(주소 발송 중지) 또는 일시(다음 발송 때 재시도)'),
  at: z.string().describe('실패 시각'),
  recordedAt: z.string(),
  messageId: z.string().optional().describe('메일 Message-ID (없으면 SES 메시지 ID)'),
  caseNumbers: z.array(z.string()).describe('메일이 다룬 사건번호 (사건 내용은 보이지 않음)'),
});

export const mailSuppressionView = z.object({
  email: z.string(),
  recipient: recipient.optional(),
  kind,
  since: z.string(),
  noticeSentAt: z.string().optional().describe('관리자에게 알린 시각'),
});

export const mailFailuresResponse = z.object({
  failures: z.array(mailFailureView),
  suppressions: z.array(mailSuppressionView),
});

export const liftSuppressionBody = z
  .strictObject({ email: z.email().max(320).describe('발송 중지를 해제할 주소') })
  .describe('메일 발송 중지 해제');
export const liftSuppressionResponse = z.object({ email: z.string(), lifted: z.literal(true), replayed: z.boolean() });
