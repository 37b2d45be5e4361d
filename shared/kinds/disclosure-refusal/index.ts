/**
 * 고지거부 심사 (공직자윤리법 제12조④, 시행령 제27조): one registrant's application as a case
 * (refusal-case.ts, on the rules of disclosure-refusal.ts), run by
 * workflows/disclosure-refusal.workflow.ts. Applications made during a campaign stay on the
 * registrant's record (property-review/registrants.ts); the 3-yearly re-reviews the yearly job opens
 * are cases of this kind.
 */
import { createCalendar, type Calendar } from '../../calendar/index.ts';
import { ValidationError } from '../../domain/errors.ts';
import { defineKind } from '../../domain/kind.ts';
import { ethicsTable } from '../report-tables.ts';
import {
  applyRefusalDecision,
  nextRefusalStep,
  openRefusalCase,
  REFUSAL_DECISION_LABELS,
  REFUSAL_DUE_RULES,
  refusalDecisionForms,
  refusalIntakeSchema,
  refusalRecordSchema,
  refusalTaskDue,
  refusalView,
  type RefusalDueRule,
} from './refusal-case.ts';

export const DISCLOSURE_REFUSAL_WORKFLOW = 'disclosure-refusal';

let defaultCalendar: Calendar | undefined;
const calendarOr = (calendar: Calendar | undefined) => calendar ?? (defaultCalendar ??= createCalendar());

export const disclosureRefusal = defineKind({
  kind: 'disclosure-refusal',
  labelKo: '고지거부 심사',
  team: 'investigation',
  sealedByDefault: false,
  workflow: DISCLOSURE_REFUSAL_WORKFLOW,
  taskTypes: ['disclosure-refusal-application', 'disclosure-refusal-decision'],
  reportTables: [ethicsTable],
  defaultPeriod: 'ethics.disclosure-refusal-review',
  details: {
    key: 'disclosureRefusal',
    record: refusalRecordSchema,
    intake: refusalIntakeSchema,
    intakeDescriptionKo: '고지거부 심사 대상 의무자 (의무자 번호, 공개대상자 여부, 재산등록 심사 사건, 재심사 연도)',
    view: refusalView,
    open({ intake, input, calendar }) {
      const record = openRefusalCase(intake, calendarOr(calendar));
      const dueDate = input.dueDate ?? record.reReview?.decideBy;
      return {
        details: record,
        ...(dueDate !== undefined && { dueDate }),
        eventData: {
          registrantNo: record.registrantNo,
          ...(record.reReview && { reReviewYear: record.reReview.year }),
        },
      };
    },
    notForKind: () =>
      new ValidationError(
        'disclosureRefusal details are only for disclosure-refusal cases',
        '고지거부 정보는 고지거부 심사 사건에만 입력합니다',
        { field: 'disclosureRefusal', rule: 'not_for_kind' },
      ),
  },
  decisions: {
    forms: refusalDecisionForms,
    labels: REFUSAL_DECISION_LABELS,
    apply(c, _task, form, { at, calendar }) {
      const applied = applyRefusalDecision(c, form, at.slice(0, 10), calendar);
      return (
        applied && {
          patch: { disclosureRefusal: applied.record },
          drafts: [{ type: 'DECISION_RECORDED', data: { decision: form.decision, ...applied.eventData } }],
        }
      );
    },
  },
  dueRules: {
    rules: REFUSAL_DUE_RULES,
    due: (rule, ctx) => refusalTaskDue(rule as RefusalDueRule, ctx),
  },
  nextStep: (c) => nextRefusalStep(c),
});
