/**
 * 자치법규 인권영향평가 (human-rights impact assessment of draft local laws): details under
 * `humanRights` (human-rights.ts), run by workflows/human-rights-assessment.workflow.ts, due before the
 * legislative notice date counted back by the settings of human-rights-deadlines.ts; counted in the
 * office report's own table (report.ts), the figures the 인권위원회 is told.
 */
import { createCalendar, type Calendar } from '../../calendar/index.ts';
import { defineKind, notForKindError, settingDue } from '../../domain/kind.ts';
import {
  applyHumanRightsDecision,
  HUMAN_RIGHTS_DECISION_LABELS,
  humanRightsDecisionForms,
  humanRightsIntakeSchema,
  humanRightsIntakeSummary,
  humanRightsReportLine,
  humanRightsRecordSchema,
  nextHumanRightsStep,
  openHumanRights,
} from './human-rights.ts';
import {
  assessmentDue,
  HUMAN_RIGHTS_DUE_RULES,
  humanRightsTaskDue,
  type HumanRightsDueRule,
} from './human-rights-deadlines.ts';
import { humanRightsView } from './human-rights-view.ts';
import { humanRightsTable } from './report.ts';

export const HUMAN_RIGHTS_WORKFLOW = 'human-rights-assessment';

let defaultCalendar: Calendar | undefined;
const calendarOr = (calendar: Calendar | undefined) => calendar ?? (defaultCalendar ??= createCalendar());

export const humanRightsAssessment = defineKind({
  kind: 'human-rights-assessment',
  labelKo: '자치법규 인권영향평가',
  team: 'investigation',
  reportTables: [humanRightsTable],
  // 인권위원회 보고: each meeting lists the assessments finished since its last one (not a vote).
  reportedTo: { committee: 'human-rights', line: (c) => humanRightsReportLine(c.humanRights) },
  sealedByDefault: false,
  workflow: HUMAN_RIGHTS_WORKFLOW,
  taskTypes: ['human-rights-self-check', 'human-rights-assessment', 'human-rights-response'],
  details: {
    key: 'humanRights',
    record: humanRightsRecordSchema,
    intake: humanRightsIntakeSchema,
    intakeDescriptionKo:
      '인권영향평가 요청 (자치법규명, 조례/규칙, 제정/개정, 소관부서, 입법예고 예정일) — 자치법규 인권영향평가에만',
    view: humanRightsView,
    open({ intake, input, calendar }) {
      const record = openHumanRights(intake, input.receivedAt);
      const dueDate =
        input.dueDate ?? settingDue(() => assessmentDue(record.legislativeNoticeOn, calendarOr(calendar)));
      return {
        details: record,
        ...(dueDate !== undefined && { dueDate }),
        eventData: humanRightsIntakeSummary(record),
      };
    },
    notForKind: () =>
      notForKindError('humanRights', 'human-rights impact assessments', '인권영향평가', '자치법규 인권영향평가'),
  },
  decisions: {
    forms: humanRightsDecisionForms,
    labels: HUMAN_RIGHTS_DECISION_LABELS,
    apply(c, _task, form, { actorSub, at }) {
      const applied = applyHumanRightsDecision(c, form, actorSub, at);
      return (
        applied && {
          patch: { humanRights: applied.record },
          drafts: [{ type: 'DECISION_RECORDED', data: { decision: form.decision, ...applied.eventData } }],
        }
      );
    },
  },
  dueRules: {
    rules: HUMAN_RIGHTS_DUE_RULES,
    due: (rule, ctx) => humanRightsTaskDue(rule as HumanRightsDueRule, ctx),
  },
  nextStep: (c) => nextHumanRightsStep(c),
});
