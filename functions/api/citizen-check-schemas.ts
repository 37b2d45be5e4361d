/** Request and response schemas of the citizen-auditor check routes (shared/usecases/citizen-checks.ts). */
import * as z from 'zod';
import {
  checkReplyInputSchema,
  checkReportInputSchema,
  citizenCheckRecordSchema,
} from '../../shared/kinds/citizen-check/citizen-check.ts';

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
