/**
 * Request and response schemas of the identity custodian's routes (sealed whistleblower identities;
 * shared/usecases/identity-usecases.ts); route-schemas.ts lists them for the OpenAPI document.
 */
import * as z from 'zod';
import { MAX_GRANT_DAYS, accessRequestSchema, reporterIdentitySchema } from '#shared/domain/identity.ts';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const caseId = z.string().regex(ULID, 'caseId must be a case id (26-character ULID)');
const requestId = z.string().regex(ULID, 'requestId must be a request id (26-character ULID)');
const reason = z.string().trim().min(5, 'reason: at least 5 characters').max(2000);

export const identityCaseParams = z.object({ caseId });
export const identityRequestParams = z.object({ caseId, requestId });

export const accessRequestBody = z
  .strictObject({ reason: reason.describe('열람이 필요한 이유 (예: 신고자에게 보완요구·결과 통지)') })
  .describe('신고자 신원 열람 요청 (사건 담당자)');

export const accessDecisionBody = z
  .strictObject({
    decision: z.enum(['grant', 'refuse']).describe('승인(grant) 또는 거부(refuse)'),
    reason: reason.describe('결정 사유'),
    days: z
      .number()
      .int()
      .min(1)
      .max(MAX_GRANT_DAYS, `days: at most ${MAX_GRANT_DAYS}`)
      .optional()
      .describe(`열람 허용 기간(일, 1–${MAX_GRANT_DAYS}); 생략하면 7일`),
  })
  .refine((b) => b.decision === 'grant' || b.days === undefined, {
    message: 'days is only for a grant (only_with_grant)',
    path: ['days'],
  })
  .describe('신고자 신원 열람 승인·거부 (신원정보 관리책임자)');

export const identityReadQuery = z.object({
  requestId: requestId.optional().describe('승인된 열람 요청 (생략하면 내 최근 승인 건)'),
});

export const accessRequestView = accessRequestSchema
  .extend({
    currentStatus: z.enum(['pending', 'granted', 'refused', 'expired']).describe('지금 상태 (만료 포함)'),
    statusLabel: z.string(),
  })
  .describe('신원 열람 요청 — 신원 자체는 들어 있지 않음');

export const accessRequestListResponse = z.object({ items: z.array(accessRequestView) });

export const identityReadResponse = z
  .object({
    reporter: reporterIdentitySchema.describe('신고자 인적사항 — 이 열람은 사건 이력에 기록됨'),
    request: accessRequestView,
    noticeKo: z.string(),
  })
  .describe('봉인된 신고자 신원 (승인된 담당자만)');
