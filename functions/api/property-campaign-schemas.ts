/** Request and response schemas of a property-review campaign's registrant routes (shared/usecases/property-campaign.ts). */
import * as z from 'zod';
import {
  disclosureApplicationSchema,
  disclosureDecisionSchema,
} from '#shared/kinds/disclosure-refusal/disclosure-refusal.ts';
import { REGISTRATION_TYPE_KEYS } from '#shared/kinds/property-review/property-review-deadlines.ts';
import {
  decideResultSchema,
  REGISTRANT_STATES,
  registrantInputSchema,
  registrantSchema,
  type RegistrantState,
} from '#shared/kinds/property-review/registrants.ts';
import { READ_REASON_KEYS } from '#shared/usecases/property-campaign.ts';
import { caseIdParams, caseView, historyEventView } from './schemas.ts';

const date = z.iso.date();
const stateKeys = Object.keys(REGISTRANT_STATES) as [RegistrantState, ...RegistrantState[]];
const orderKind = z.enum(['supplement', 'material', 'explanation']).describe('보완명령·자료요구·소명요구');

export const registrantParams = caseIdParams.extend({
  registrantNo: z.string().trim().min(1).max(40).describe('등록의무자 번호'),
});
export const addRegistrantsBody = z
  .strictObject({ registrants: z.array(registrantInputSchema).min(1).max(1000) })
  .describe('재산등록 의무자 일괄 등록 (이미 있는 번호는 건너뜀)');
export const registrantActionBody = z
  .discriminatedUnion('action', [
    z.strictObject({ action: z.literal('file'), filedOn: date.describe('신고서 제출일') }),
    z.strictObject({
      action: z.literal('extend'),
      days: z.number().int().min(1).max(30).describe('연장 일수 (30일, 공개대상자 20일 이내)'),
      reason: z.string().trim().min(1).max(1000),
      reasonEndsOn: date.optional().describe('병가·국외체류 종료일 (그날부터 기산)'),
    }),
    z.strictObject({ action: z.literal('start-review'), reviewerSub: z.string().trim().min(1).max(128).optional() }),
    z.strictObject({
      action: z.literal('order'),
      kind: orderKind,
      issuedOn: date,
      receivedOn: date.describe('의무자 수령일 (20일 기산)'),
    }),
    z.strictObject({ action: z.literal('answer'), kind: orderKind, answeredOn: date }),
    z.strictObject({
      action: z.literal('summons'),
      sentOn: date.describe('출석요구서 발송일'),
      outcome: z.enum(['attended', 'refused', 'absent']).describe('출석·수령거부·불출석'),
    }),
    z.strictObject({ action: z.literal('decide'), result: decideResultSchema }),
    z.strictObject({ action: z.literal('notice'), to: z.string().trim().min(1).max(200), notifiedOn: date }),
    z.strictObject({ action: z.literal('apply-disclosure-refusal'), application: disclosureApplicationSchema }),
    z.strictObject({ action: z.literal('extend-disclosure-decision') }),
    z.strictObject({ action: z.literal('decide-disclosure-refusal'), decision: disclosureDecisionSchema }),
  ])
  .and(z.object({ expectedVersion: z.number().int().positive().optional() }))
  .describe('의무자 심사 진행');
export const registrantsQuery = z.object({ state: z.enum(stateKeys).optional().describe('심사 상태') });
export const registrantReadQuery = z.object({
  reason: z.enum(READ_REASON_KEYS).describe('열람 사유 (시행령 제26조) — 열람은 사건 이력에 기록'),
});
const tallyView = z.object({
  ...Object.fromEntries(stateKeys.map((k) => [k, z.number().int()])),
  total: z.number().int(),
});
export const addRegistrantsResponse = z.object({
  case: caseView,
  added: z.number().int(),
  skipped: z.number().int(),
  tally: tallyView,
});
export const registrantActionResponse = z.object({
  case: caseView,
  events: z.array(historyEventView),
  registrant: registrantSchema,
  registrantVersion: z.number().int(),
  replayed: z.boolean(),
});
export const registrantsResponse = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  version: z.number().int(),
  tally: tallyView,
  items: z.array(
    z.object({
      registrantNo: z.string(),
      name: z.string(),
      category: z.string(),
      department: z.string(),
      position: z.string(),
      registrationType: z.enum(REGISTRATION_TYPE_KEYS),
      dueOn: date,
      state: z.enum(stateKeys),
      reviewerSub: z.string().optional(),
      openOrderDueOn: date.optional(),
      reviewTargetOn: date.optional().describe('심사 목표일 (설정값, 구 규칙 확인 필요)'),
    }),
  ),
});
export const registrantReadResponse = z.object({
  registrant: registrantSchema,
  version: z.number().int(),
  state: z.enum(stateKeys),
  mayComplainToProsecutors: z.boolean(),
  retainUntil: date.optional(),
});
