/** Request and response schemas of the citizen-auditor check routes (shared/usecases/citizen-checks.ts). */
import * as z from 'zod';
import {
  checkReplyInputSchema,
  checkReportInputSchema,
  citizenCheckRecordSchema,
} from '#shared/kinds/citizen-check/citizen-check.ts';
import { isoDateSchema } from '#shared/calendar/korea-dates.ts';
import { citizenAuditorInputSchema, citizenAuditorSchema } from '#shared/domain/citizen-auditors.ts';

const expectedVersion = z.number().int().positive().optional().describe('있으면 이 버전일 때만 기록');

export const checkReportBody = checkReportInputSchema.extend({ expectedVersion }).describe('구민감사관 점검 결과');
export const checkReplyBody = checkReplyInputSchema.extend({ expectedVersion }).describe('발주 부서 회신');

/** What a citizen auditor sees: the check only (no case title, summary, history or tasks). */
export const citizenCheckView = z.intersection(
  z.object({ caseId: z.string(), caseNumber: z.string(), version: z.number().int(), closed: z.boolean() }),
  citizenCheckRecordSchema,
);
export const citizenChecksResponse = z.object({ items: z.array(citizenCheckView) });
export const checkReportResponse = z.object({ check: citizenCheckView, replayed: z.boolean() });

export const citizenAuditorParams = z.object({ sub: z.string().min(1).max(128).describe('구민감사관 ID') });
export const citizenAuditorsQuery = z.object({ on: isoDateSchema.optional().describe('이 날 임기 중인 사람만') });
export const citizenAuditorBody = citizenAuditorInputSchema;
export const citizenAuditorsResponse = z.object({ items: z.array(citizenAuditorSchema) });
export const citizenAuditorWriteResponse = z.object({ auditor: citizenAuditorSchema, created: z.boolean() });
