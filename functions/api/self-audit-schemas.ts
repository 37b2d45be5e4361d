/** Request and response schemas of a self-audit's findings routes (shared/usecases/self-audit-findings.ts). */
import * as z from 'zod';
import {
  DISPOSITION_KEYS,
  findingInputSchema,
  findingPatchFields,
  nonEmptyPatch,
  findingSchema,
} from '#shared/kinds/self-audit/findings.ts';
import { MISCONDUCT_CATEGORIES, officialInputSchema } from '#shared/kinds/misconduct/misconduct.ts';
import { selfAuditDecisionForms } from '#shared/kinds/self-audit/self-audit.ts';
import { auditReceivedDecisionForms } from '#shared/kinds/audit-received/audit-received.ts';
import { FOLLOW_UP_FILTERS } from '#shared/usecases/self-audit-findings.ts';
import { caseIdParams, caseView, caseWriteResponse, historyEventView } from './schemas.ts';

const version = {
  expectedVersion: z.number().int().positive().optional().describe('있으면 이 버전일 때만 기록'),
};

export const findingParams = caseIdParams.extend({
  findingId: z.string().trim().min(1).max(64).describe('지적사항 ID'),
});
export const addFindingBody = findingInputSchema.extend(version).describe('지적사항 기록 (감사결과 통보 전)');
export const updateFindingBody = findingPatchFields
  .extend(version)
  .refine(nonEmptyPatch, { message: 'nothing to change: give at least one field', path: ['title'] })
  .describe('지적사항 수정 (통보 전) 또는 이행 기록: 조치계획·이행결과 (통보 후)');
export const findingsQuery = z.object({
  disposition: z.enum(DISPOSITION_KEYS).optional().describe('처분요구 종류'),
  followUp: z.enum(FOLLOW_UP_FILTERS).optional().describe('이행 상태: open·overdue·planned·done·cancelled'),
});
export const findingsResponse = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  version: z.number().int(),
  items: z.array(
    z.intersection(
      findingSchema,
      z.object({ followUpState: z.enum([...FOLLOW_UP_FILTERS, 'not-due']).describe('이행 상태') }),
    ),
  ),
  openFollowUps: z.number().int().describe('이행결과가 아직 없는 지적사항 수'),
});
export const findingMisconductBody = z
  .strictObject({
    category: z.enum(MISCONDUCT_CATEGORIES).describe('비위 유형'),
    conductDate: z.iso.date().describe('비위 행위일'),
    officials: z
      .array(officialInputSchema)
      .min(1)
      .max(20)
      .optional()
      .describe('관련 공무원 (없으면 지적사항의 관련자)'),
    title: z.string().trim().min(1).max(200).optional(),
    assigneeSub: z.string().trim().min(1).max(128).optional().describe('조사 담당자 (팀장·감사담당관만)'),
  })
  .describe('징계·문책 지적사항에서 내부 비위 조사 사건 열기');
export const findingMisconductResponse = z.object({
  audit: caseView,
  events: z.array(historyEventView),
  misconductCase: caseView,
});
export { caseWriteResponse };

type Form = (typeof selfAuditDecisionForms)[number] | (typeof auditReceivedDecisionForms)[number];
const formOf = (decision: string): Form =>
  [...selfAuditDecisionForms, ...auditReceivedDecisionForms].find((f) => f.shape.decision.value === decision)!;
/** The kinds' own 재심의 forms, as their follow-up tasks take them (one component each in the API document). */
export const reopenAuditBody = z
  .discriminatedUnion('decision', [
    formOf('record-reconsideration-request'),
    formOf('file-received-reconsideration'),
    formOf('record-ex-officio-reconsideration'),
  ])
  .describe('종결된 감사에 온 재심의');
