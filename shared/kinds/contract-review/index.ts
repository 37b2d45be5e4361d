/**
 * 계약원가심사 (contract cost reviews): details under `contractReview` (contract-review.ts) — the
 * project, category and amounts, the computed saving, adjustments, supplements that stop the clock,
 * interim replies, the notice and whether the department applied it — run by
 * workflows/contract-review.workflow.ts with the settings of contract-review-settings.ts.
 */
import { contractReviewView } from './contract-review-view.ts';
import { createCalendar, type Calendar } from '../../calendar/index.ts';
import { ValidationError } from '../../domain/errors.ts';
import { defineKind } from '../../domain/kind.ts';
import { fillRequester } from '../daily-audit/requester.ts';
import {
  applyContractReviewDecision,
  CONTRACT_REVIEW_DECISION_LABELS,
  contractReviewDecisionForms,
  contractReviewIntakeSchema,
  contractReviewIntakeSummary,
  contractReviewRecordSchema,
  nextContractReviewStep,
  openContractReview,
  type ContractReviewRecord,
} from './contract-review.ts';
import { contractReviewTaskDue } from './contract-review-settings.ts';
import { preventionTable } from '../report-tables.ts';
import { contractSavingsTable } from './report.ts';

export const CONTRACT_REVIEW_WORKFLOW = 'contract-review';
export const CONTRACT_REVIEW_DUE_RULES = ['contract-review.review'] as const;

let defaultCalendar: Calendar | undefined;
const calendarOr = (calendar: Calendar | undefined) => calendar ?? (defaultCalendar ??= createCalendar());

export const contractReview = defineKind({
  kind: 'contract-review',
  labelKo: '계약심사',
  team: 'audit',
  reportTables: [preventionTable, contractSavingsTable],
  // Tens of thousands of cases a year: searches prefer any other partition.
  search: { large: true },
  sealedByDefault: false,
  workflow: CONTRACT_REVIEW_WORKFLOW,
  taskTypes: ['contract-review', 'contract-review-supplement', 'contract-review-applied'],
  details: {
    key: 'contractReview',
    record: contractReviewRecordSchema,
    intake: contractReviewIntakeSchema,
    intakeDescriptionKo:
      '계약원가심사 의뢰 정보 (사업명, 구분, 설계금액, 요청자) — 계약심사에 필수, 다른 종류에는 입력 불가',
    view: contractReviewView,
    async checkIntake(intake, { staff }) {
      const parsed = contractReviewIntakeSchema.parse(intake);
      if (parsed.requesterSub === undefined && parsed.requester === undefined) return parsed;
      const { requesterSub: _filledFrom, ...rest } = parsed;
      return { ...rest, requester: await fillRequester(parsed, staff, 'contractReview') };
    },
    open({ intake, input, calendar }) {
      const record = openContractReview(intake, input.receivedAt, calendarOr(calendar));
      return {
        details: record,
        ...((input.dueDate ?? record.due.dueDate) !== undefined && { dueDate: input.dueDate ?? record.due.dueDate }),
        eventData: contractReviewIntakeSummary(record),
      };
    },
    notForKind: () =>
      new ValidationError(
        'contractReview details are only for contract reviews',
        '계약원가심사 정보는 계약심사에만 입력합니다',
        { field: 'contractReview', rule: 'not_for_kind' },
      ),
  },
  decisions: {
    forms: contractReviewDecisionForms,
    labels: CONTRACT_REVIEW_DECISION_LABELS,
    apply(c, _task, form, { actorSub, at, calendar }) {
      const applied = applyContractReviewDecision(c, form, actorSub, at, calendar);
      if (!applied) return undefined;
      return {
        // The case's due date follows the review's: a supplement period moves it.
        patch: {
          contractReview: applied.record,
          ...(applied.record.due.dueDate !== undefined && { dueDate: applied.record.due.dueDate }),
        },
        drafts: [{ type: 'DECISION_RECORDED', data: { decision: form.decision, ...applied.eventData } }],
      };
    },
  },
  dueRules: {
    rules: CONTRACT_REVIEW_DUE_RULES,
    due: (_rule, ctx) => {
      const r = (ctx.c as { contractReview?: ContractReviewRecord }).contractReview;
      return contractReviewTaskDue(
        r?.due ?? { stoppedDays: 0, clockStopped: false, explanationKo: [] },
        ctx.c.dueDate ?? ctx.now.slice(0, 10),
      );
    },
  },
  guards: {
    assertPatch(c, patch) {
      if (c.contractReview && patch.dueDate !== undefined && patch.dueDate !== c.dueDate)
        throw new ValidationError(
          "A contract review's due date follows its setting and its supplement periods",
          '계약원가심사의 처리기한은 설정값과 보완기간으로 정해집니다. 늦어지면 중간회신을 보내세요',
          { field: 'dueDate', rule: 'computed_due_date' },
        );
    },
  },
  nextStep: (c) => nextContractReviewStep(c),
});
