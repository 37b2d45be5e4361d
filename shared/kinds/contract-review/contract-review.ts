/**
 * 계약원가심사 (contract cost reviews, 감사팀 — 893 in 2023): before a contract is ordered, the audit
 * team reviews the cost basis of its design (unit prices, quantities, 품셈, work types, overhead
 * rates), notifies the adjusted amount, and the department reflects it in the contract:
 *
 *   request (project, ordering department, category, design amount) → the team lead names the
 *   reviewer → review: documents may be asked for (the clock stops until they arrive), an interim
 *   reply when it will run late, then the reviewed amount with its adjustments → the head approves
 *   it, which notifies it, or returns it → whether the department applied it → closed.
 *
 * **Saving = design − reviewed** and its rate are computed here, never typed in. No national statute
 * sets this procedure: thresholds and the processing time are settings (contract-review-settings.ts).
 * Pure: no AWS SDK.
 */
import { refuse, stepGuard } from '../../domain/kind.ts';
import * as z from 'zod';
import type { Calendar } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import { assertNotBefore, ValidationError, assertNotFuture } from '../../domain/errors.ts';
import type { AnyDecisionForm } from '../../domain/task.ts';
import { koreaDate } from '../../domain/korea-time.ts';
import { requesterIntakeShape, requesterSchema } from '../daily-audit/requester.ts';
import {
  CONTRACT_CATEGORIES,
  CONTRACT_CATEGORY_KEYS,
  CONTRACT_REVIEW_THRESHOLDS,
  contractReviewDue,
  THRESHOLDS_SOURCE_KO,
} from './contract-review-settings.ts';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const won = z.number().int('must be a whole number of won');

export const ADJUSTMENT_REASONS = ['단가', '수량', '품셈', '공종', '요율'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

export const contractReviewIntakeSchema = z
  .strictObject({
    projectName: text(300).describe('사업명'),
    category: z.enum(CONTRACT_CATEGORY_KEYS).describe('구분: 공사(종합·전문), 용역, 물품(제조·구매)'),
    designAmountWon: won.positive('must be more than 0').describe('설계금액 (원)'),
    requestedOn: date.optional().describe('심사 의뢰일 (없으면 접수일)'),
    ...requesterIntakeShape,
  })
  .describe('계약원가심사 의뢰 정보');
export type ContractReviewIntake = z.input<typeof contractReviewIntakeSchema>;

const adjustmentSchema = z.object({
  reason: z.enum(ADJUSTMENT_REASONS),
  amountWon: won,
  note: z.string().optional(),
});

export const contractReviewRecordSchema = z.object({
  projectName: z.string(),
  category: z.enum(CONTRACT_CATEGORY_KEYS),
  designAmountWon: won,
  requestedOn: date,
  requester: requesterSchema.optional(),
  /** The settings table's floor for the category when the request came, and whether the amount reaches it. */
  threshold: z.object({ amountWon: won, reached: z.boolean(), sourceKo: z.string() }),
  supplements: z.array(z.object({ requestedOn: date, items: z.string(), receivedOn: date.optional() })),
  interimReplies: z.array(z.object({ sentOn: date, reason: z.string(), expectedOn: date })),
  result: z
    .object({
      reviewedAmountWon: won,
      savingWon: won,
      /** Percent of the design amount, one decimal. */
      savingRate: z.number(),
      adjustments: z.array(adjustmentSchema),
      opinion: z.string(),
      proposedOn: date,
      proposedBy: z.string(),
    })
    .optional(),
  returns: z.array(z.object({ returnedOn: date, reasons: z.string() })),
  notice: z.object({ notifiedOn: date, approvedBy: z.string() }).optional(),
  applied: z
    .object({ applied: z.boolean(), confirmedOn: date, contractAmountWon: won.optional(), note: z.string().optional() })
    .optional(),
  due: z.object({
    dueDate: date.optional(),
    stoppedDays: z.number().int(),
    clockStopped: z.boolean(),
    explanationKo: z.array(z.string()),
  }),
});
export type ContractReviewRecord = z.infer<typeof contractReviewRecordSchema>;

declare module '../../domain/case.ts' {
  interface CaseDetailsByKind {
    /** Contract cost reviews only: the project, amounts, saving, adjustments, supplements, notice, application. */
    contractReview?: ContractReviewRecord;
  }
  interface IntakeDetailsByKind {
    /** Contract cost reviews only; required for them. */
    contractReview?: ContractReviewIntake;
  }
}

/** Saving and its rate, from the two amounts (a review may also raise an under-designed amount: negative). */
export function savingOf(
  designAmountWon: number,
  reviewedAmountWon: number,
): { savingWon: number; savingRate: number } {
  const savingWon = designAmountWon - reviewedAmountWon;
  return { savingWon, savingRate: Math.round((savingWon / designAmountWon) * 1000) / 10 };
}

export function openContractReview(intake: unknown, receivedAt: string, calendar: Calendar): ContractReviewRecord {
  if (intake === undefined)
    throw new ValidationError(
      'contractReview is required for a contract review (project, category, design amount)',
      '계약원가심사는 사업명·구분·설계금액(contractReview)이 있어야 접수할 수 있습니다',
      { field: 'contractReview', rule: 'required' },
    );
  const parsed = contractReviewIntakeSchema.parse(intake);
  const requestedOn = parsed.requestedOn ?? koreaDate(new Date(receivedAt));
  const floor = CONTRACT_REVIEW_THRESHOLDS[parsed.category];
  return {
    projectName: parsed.projectName,
    category: parsed.category,
    designAmountWon: parsed.designAmountWon,
    requestedOn,
    ...(parsed.requester?.department !== undefined && { requester: requesterSchema.parse(parsed.requester) }),
    threshold: { amountWon: floor, reached: parsed.designAmountWon >= floor, sourceKo: THRESHOLDS_SOURCE_KO },
    supplements: [],
    interimReplies: [],
    returns: [],
    due: contractReviewDue(requestedOn, [], calendar),
  };
}

export function contractReviewIntakeSummary(r: ContractReviewRecord): Record<string, unknown> {
  return {
    category: r.category,
    categoryKo: CONTRACT_CATEGORIES[r.category].labelKo,
    designAmountWon: r.designAmountWon,
    requestedOn: r.requestedOn,
    thresholdReached: r.threshold.reached,
    ...(r.requester && { department: r.requester.department }),
  };
}

// ── steps ─────────────────────────────────────────────────────────────────────────────────────────

export const CONTRACT_REVIEW_STEPS = ['assign', 'review', 'supplement', 'approve', 'applied', 'close'] as const;
export type ContractReviewStep = (typeof CONTRACT_REVIEW_STEPS)[number];

export function nextContractReviewStep(
  c: Pick<CaseRecord, 'assigneeSub'> & { contractReview?: ContractReviewRecord },
): ContractReviewStep {
  const r = c.contractReview;
  if (!c.assigneeSub) return 'assign';
  if (!r) throw new Error('a contract review without its details');
  if (r.supplements.some((s) => s.receivedOn === undefined)) return 'supplement';
  if (!r.result) return 'review';
  if (!r.notice) return 'approve';
  if (!r.applied) return 'applied';
  return 'close';
}

// ── decisions ───────────────────────────────────────────────────────────────────────────────────

export const contractReviewDecisionForms = [
  z.strictObject({
    decision: z.literal('request-contract-documents'),
    requestedOn: date.describe('보완요구일 (이날부터 처리기간 정지)'),
    items: text(2000).describe('보완할 서류'),
  }),
  z.strictObject({
    decision: z.literal('contract-documents-received'),
    receivedOn: date.describe('보완서류 접수일 (처리기간 다시 진행)'),
  }),
  z.strictObject({
    decision: z.literal('send-interim-reply'),
    sentOn: date.describe('중간회신일'),
    reason: text(2000).describe('늦어지는 사유'),
    expectedOn: date.describe('처리 예정일'),
  }),
  z.strictObject({
    decision: z.literal('propose-review-result'),
    reviewedAmountWon: won.positive('must be more than 0').describe('심사금액 (원)'),
    adjustments: z
      .array(
        z.strictObject({
          reason: z.enum(ADJUSTMENT_REASONS).describe('조정 사유: 단가·수량·품셈·공종·요율'),
          amountWon: won.describe('이 사유로 줄어든 금액 (늘었으면 음수)'),
          note: text(1000).optional(),
        }),
      )
      .max(50)
      .describe('조정 내역 (합계 = 설계금액 − 심사금액)'),
    opinion: text(20_000).describe('심사 의견'),
  }),
  z.strictObject({
    decision: z.literal('record-contract-applied'),
    applied: z.boolean().describe('발주부서가 심사 결과를 반영했는지'),
    confirmedOn: date.describe('반영 여부 확인일'),
    contractAmountWon: won.positive().optional().describe('반영된 계약(발주) 금액'),
    note: text(2000).optional(),
  }),
] as const;
export type ContractReviewDecisionForm = z.infer<(typeof contractReviewDecisionForms)[number]>;

export const CONTRACT_REVIEW_DECISION_LABELS: Record<ContractReviewDecisionForm['decision'], string> = {
  'request-contract-documents': '보완서류 요구(처리기간 정지)',
  'contract-documents-received': '보완서류 접수',
  'send-interim-reply': '중간회신',
  'propose-review-result': '심사 결과 작성',
  'record-contract-applied': '반영 여부 확인',
};
export const CONTRACT_REVIEW_DECISIONS: readonly string[] = [
  ...Object.keys(CONTRACT_REVIEW_DECISION_LABELS),
  'approve',
  'return',
];

export function applyContractReviewDecision(
  c: CaseRecord & { contractReview?: ContractReviewRecord },
  form: AnyDecisionForm,
  actorSub: string,
  at: string,
  calendar: Calendar,
): { record: ContractReviewRecord; eventData: Record<string, unknown> } | undefined {
  const r = c.contractReview;
  if (!r || !CONTRACT_REVIEW_DECISIONS.includes(form.decision)) return undefined;
  const step = nextContractReviewStep(c);
  const today = at.slice(0, 10);
  const expect = stepGuard(form.decision, step, { en: 'a contract review', ko: '계약원가심사' });
  const f = form as
    | ContractReviewDecisionForm
    | { decision: 'approve'; comment?: string }
    | { decision: 'return'; reasons: string };
  switch (f.decision) {
    case 'request-contract-documents': {
      expect('review');
      assertNotBefore(f.requestedOn, r.requestedOn, 'requestedOn', '심사 의뢰일');
      assertNotFuture(f.requestedOn, today, 'requestedOn');
      const supplements = [...r.supplements, { requestedOn: f.requestedOn, items: f.items }];
      return {
        record: { ...r, supplements, due: contractReviewDue(r.requestedOn, supplements, calendar) },
        eventData: { supplementRequestedOn: f.requestedOn, clockStopped: true },
      };
    }
    case 'contract-documents-received': {
      expect('supplement');
      const open = r.supplements.find((s) => s.receivedOn === undefined)!;
      assertNotBefore(f.receivedOn, open.requestedOn, 'receivedOn', '보완요구일');
      assertNotFuture(f.receivedOn, today, 'receivedOn');
      const supplements = r.supplements.map((s) => (s === open ? { ...s, receivedOn: f.receivedOn } : s));
      const due = contractReviewDue(r.requestedOn, supplements, calendar);
      return {
        record: { ...r, supplements, due },
        eventData: { supplementReceivedOn: f.receivedOn, stoppedDays: due.stoppedDays, dueDate: due.dueDate },
      };
    }
    case 'send-interim-reply': {
      expect('review');
      const dueDate = r.due.dueDate;
      if (dueDate !== undefined && f.expectedOn <= dueDate)
        throw refuse(
          `an interim reply is for a review that will run past its due date ${dueDate}; expectedOn ${f.expectedOn} is not later`,
          `중간회신은 처리기한(${dueDate})을 넘길 때 보냅니다. 처리 예정일(${f.expectedOn})이 기한보다 늦어야 합니다`,
          'expectedOn',
          'not_late',
        );
      assertNotBefore(f.sentOn, r.requestedOn, 'sentOn', '심사 의뢰일');
      return {
        record: {
          ...r,
          interimReplies: [...r.interimReplies, { sentOn: f.sentOn, reason: f.reason, expectedOn: f.expectedOn }],
        },
        eventData: { interimReplyOn: f.sentOn, expectedOn: f.expectedOn },
      };
    }
    case 'propose-review-result': {
      expect('review');
      const { savingWon, savingRate } = savingOf(r.designAmountWon, f.reviewedAmountWon);
      const adjusted = f.adjustments.reduce((sum, a) => sum + a.amountWon, 0);
      if (adjusted !== savingWon)
        throw refuse(
          `the adjustments add up to ${adjusted} won; design − reviewed is ${savingWon} won`,
          `조정 내역 합계(${adjusted.toLocaleString('ko-KR')}원)가 설계금액 − 심사금액(${savingWon.toLocaleString('ko-KR')}원)과 같아야 합니다`,
          'adjustments',
          'adjustments_sum',
        );
      return {
        record: {
          ...r,
          result: {
            reviewedAmountWon: f.reviewedAmountWon,
            savingWon,
            savingRate,
            adjustments: f.adjustments,
            opinion: f.opinion,
            proposedOn: today,
            proposedBy: actorSub,
          },
        },
        eventData: { reviewedAmountWon: f.reviewedAmountWon, savingWon, savingRate },
      };
    }
    case 'approve':
      expect('approve');
      return {
        record: { ...r, notice: { notifiedOn: today, approvedBy: actorSub } },
        eventData: {
          notifiedOn: today,
          savingWon: r.result?.savingWon,
          onTime: r.due.dueDate === undefined || today <= r.due.dueDate,
        },
      };
    case 'return': {
      expect('approve');
      const { result: _returned, ...rest } = r;
      return {
        record: { ...rest, returns: [...r.returns, { returnedOn: today, reasons: f.reasons }] },
        eventData: { returnedReviewedAmountWon: r.result?.reviewedAmountWon },
      };
    }
    case 'record-contract-applied':
      expect('applied');
      assertNotBefore(f.confirmedOn, r.notice?.notifiedOn ?? today, 'confirmedOn', '심사 결과 통보일');
      assertNotFuture(f.confirmedOn, today, 'confirmedOn');
      return {
        record: {
          ...r,
          applied: {
            applied: f.applied,
            confirmedOn: f.confirmedOn,
            ...(f.contractAmountWon !== undefined && { contractAmountWon: f.contractAmountWon }),
            ...(f.note !== undefined && { note: f.note }),
          },
        },
        eventData: { applied: f.applied, confirmedOn: f.confirmedOn },
      };
  }
}
