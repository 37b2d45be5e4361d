/**
 * A property-review campaign (재산등록 심사): one case for one cycle of registrations — e.g. the 2026
 * yearly change reports of the 구 committee's ~470 registrants — whose registrants are records under
 * it (registrants.ts, stored beside the case). The case keeps the tally of its registrants' states,
 * changed in the same write as each registrant, so the dashboard and the office report read one item.
 *
 *   received → the lead names the responsible investigator → the review of the registrants (added in
 *   batches, each reviewed by someone who is not themself or their team lead) → the campaign is
 *   completed when every registrant's review is done → the head approves the results (reported to
 *   committee) → the 공직자윤리위원회 resolves the results at a recorded meeting (the case waits on the
 *   committee's agenda; its secretary records the votes) → closed.
 *
 * Pure: no AWS SDK.
 */
import * as z from 'zod';
import type { CaseRecord } from '../../domain/case.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { AnyDecisionForm } from '../../domain/task.ts';
import { REGISTRATION_TYPE_KEYS, REGISTRATION_TYPES } from './property-review-deadlines.ts';
import { REGISTRANT_STATES, type RegistrantState } from './registrants.ts';
import { stepGuard } from '../../domain/kind.ts';

/** The kind a campaign is (the use cases and jobs name it through this). */
export const PROPERTY_REVIEW_KIND = 'property-review';

const date = z.iso.date();

export const campaignIntakeSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100).describe('심사 연도'),
    registrationType: z.enum(REGISTRATION_TYPE_KEYS).describe('신고 유형: 최초 등록·정기 변동신고·퇴직 신고'),
  })
  .describe('재산등록 심사 (한 신고 주기의 의무자 일괄 심사)');
export type CampaignIntake = z.input<typeof campaignIntakeSchema>;

const stateKeys = Object.keys(REGISTRANT_STATES) as [RegistrantState, ...RegistrantState[]];
export const tallySchema = z.object({
  ...Object.fromEntries(stateKeys.map((k) => [k, z.number().int().min(0)])),
  total: z.number().int().min(0),
}) as unknown as z.ZodType<Record<RegistrantState | 'total', number>>;
export type CampaignTally = Record<RegistrantState | 'total', number>;
export const emptyTally = (): CampaignTally => ({
  'awaiting-filing': 0,
  received: 0,
  'under-review': 0,
  'supplement-ordered': 0,
  done: 0,
  total: 0,
});

export const campaignRecordSchema = z.object({
  year: z.number().int(),
  registrationType: z.enum(REGISTRATION_TYPE_KEYS),
  tally: tallySchema,
  completedOn: date.optional(),
  approvedOn: date.optional(),
  /** The day the ethics committee resolved the results at a meeting (the meeting and votes are in the history). */
  resolvedOn: date.optional(),
});
export type CampaignRecord = z.infer<typeof campaignRecordSchema>;

declare module '../../domain/case.ts' {
  interface CaseDetailsByKind {
    /** Property-review campaigns only: the cycle and the tally of its registrants' states. */
    propertyReview?: CampaignRecord;
  }
  interface IntakeDetailsByKind {
    propertyReview?: CampaignIntake;
  }
}

export function openCampaign(intake: unknown): CampaignRecord {
  if (intake === undefined)
    throw new ValidationError(
      'A property-review campaign is received with its cycle (propertyReview)',
      '재산등록 심사는 심사 연도와 신고 유형(propertyReview)과 함께 접수합니다',
      { field: 'propertyReview', rule: 'required' },
    );
  const p = campaignIntakeSchema.parse(intake);
  return { year: p.year, registrationType: p.registrationType, tally: emptyTally() };
}

export const campaignTitleKo = (r: CampaignRecord) =>
  `${r.year}년 ${REGISTRATION_TYPES[r.registrationType].labelKo} 심사`;

/** The tally after one registrant moves from `from` (undefined: new) to `to`. */
export function moveTally(t: CampaignTally, from: RegistrantState | undefined, to: RegistrantState): CampaignTally {
  const next = { ...t };
  if (from === undefined) next.total += 1;
  else next[from] -= 1;
  next[to] += 1;
  return next;
}

export const CAMPAIGN_STEPS = ['assign', 'review', 'approve', 'committee', 'close'] as const;
export type CampaignStep = (typeof CAMPAIGN_STEPS)[number];

export function nextCampaignStep(
  c: Pick<CaseRecord, 'assigneeSub'> & { propertyReview?: CampaignRecord },
): CampaignStep {
  const r = c.propertyReview;
  if (!c.assigneeSub) return 'assign';
  if (!r) throw new Error('a property-review case without its details');
  if (!r.completedOn) return 'review';
  if (!r.approvedOn) return 'approve';
  if (!r.resolvedOn) return 'committee';
  return 'close';
}

export const campaignDecisionForms = [
  z.strictObject({
    decision: z.literal('complete-campaign'),
    summary: z.string().trim().min(1).max(5000).describe('심사 결과 요약 (위원회 보고)'),
  }),
  z.strictObject({
    decision: z.literal('resolve-campaign-results'),
    resolutionKo: z.string().trim().min(1).max(5000).describe('공직자윤리위원회 의결 내용'),
  }),
] as const;
export const CAMPAIGN_DECISION_LABELS = {
  'complete-campaign': '재산등록 심사 완료',
  'resolve-campaign-results': '공직자윤리위원회 심사결과 의결',
} as const;

export function applyCampaignDecision(
  c: CaseRecord & { propertyReview?: CampaignRecord },
  form: AnyDecisionForm,
  today: string,
): { record: CampaignRecord; eventData: Record<string, unknown> } | undefined {
  const r = c.propertyReview;
  if (!r || !['complete-campaign', 'approve', 'return', 'resolve-campaign-results'].includes(form.decision))
    return undefined;
  const step = nextCampaignStep(c);
  const expect = stepGuard(form.decision, step, { en: 'a property-review campaign', ko: '재산등록 심사' });
  switch (form.decision) {
    case 'complete-campaign':
      expect('review');
      if (r.tally.total === 0 || r.tally.done !== r.tally.total)
        throw new ValidationError(
          `${r.tally.total - r.tally.done} of ${r.tally.total} registrants are not reviewed yet`,
          `심사가 끝나지 않은 의무자가 ${r.tally.total - r.tally.done}명 있습니다 (전체 ${r.tally.total}명)`,
          { field: 'decision', rule: 'registrants_open' },
        );
      return { record: { ...r, completedOn: today }, eventData: { ...r.tally } };
    case 'resolve-campaign-results':
      expect('committee');
      return { record: { ...r, resolvedOn: today }, eventData: { resolvedOn: today } };
    case 'approve':
      expect('approve');
      return { record: { ...r, approvedOn: today }, eventData: { approvedOn: today } };
    default: {
      expect('approve');
      const { completedOn: _reopened, ...rest } = r;
      return { record: rest, eventData: { returned: true } };
    }
  }
}
