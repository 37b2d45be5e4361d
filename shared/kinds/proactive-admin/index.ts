/**
 * 적극행정 면책·사전컨설팅: details under `proactiveAdmin` (proactive-admin.ts) — the exemption
 * request or pre-consultation, the committee's advice, the head's decision, the notices and the
 * later outcome — run by workflows/proactive-admin.workflow.ts with the dates of
 * proactive-admin-deadlines.ts; the office report's quarterly table in proactive-admin-report.ts.
 */
import { CalendarYearNotCoveredError, createCalendar, type Calendar } from '../../calendar/index.ts';
import { ValidationError } from '../../domain/errors.ts';
import { defineKind } from '../../domain/kind.ts';
import { fillRequester } from '../daily-audit/requester.ts';
import {
  applyProactiveAdminDecision,
  nextProactiveAdminStep,
  openProactiveAdmin,
  PROACTIVE_ADMIN_DECISION_LABELS,
  proactiveAdminDecisionForms,
  proactiveAdminIntakeSchema,
  proactiveAdminIntakeSummary,
  proactiveAdminRecordSchema,
  type ProactiveAdminIntake,
} from './proactive-admin.ts';
import { PROACTIVE_ADMIN_DUE_RULES, proactiveAdminTaskDue, type ProactiveAdminDueRule } from './due.ts';
import { proactiveAdminReportTable } from './proactive-admin-report.ts';
import { proactiveAdminView } from './proactive-admin-view.ts';

export const PROACTIVE_ADMIN_WORKFLOW = 'proactive-admin';

let defaultCalendar: Calendar | undefined;
const calendarOr = (calendar: Calendar | undefined) => calendar ?? (defaultCalendar ??= createCalendar());

/** The review's due date, or none in a year the holiday data does not cover yet (registered without one). */
function reviewDueOn(record: ReturnType<typeof openProactiveAdmin>, calendar: Calendar): string | undefined {
  try {
    return proactiveAdminTaskDue('proactive-admin.review', {
      c: { proactiveAdmin: record } as never,
      now: `${record.requestedOn}T09:00:00+09:00`,
      calendar,
    }).dueAt.slice(0, 10);
  } catch (error) {
    if (error instanceof CalendarYearNotCoveredError) return undefined;
    throw error;
  }
}

export const proactiveAdmin = defineKind({
  kind: 'proactive-admin',
  labelKo: '적극행정 면책·사전컨설팅',
  team: 'audit',
  sealedByDefault: false,
  workflow: PROACTIVE_ADMIN_WORKFLOW,
  defaultPeriod: 'active-admin.audit-opinion',
  reportTables: [proactiveAdminReportTable],
  taskTypes: [
    'proactive-admin-review',
    'proactive-admin-committee',
    'proactive-admin-notice',
    'proactive-admin-outcome',
  ],
  details: {
    key: 'proactiveAdmin',
    record: proactiveAdminRecordSchema,
    intake: proactiveAdminIntakeSchema,
    view: proactiveAdminView,
    intakeDescriptionKo:
      '적극행정 면책 신청(자체감사 종료일·신청인) 또는 사전컨설팅 요청(제공 자료 목록·사적 이해관계) — 적극행정 사건에 필수, 다른 종류에는 입력 불가',
    async checkIntake(intake, { staff }) {
      const parsed = proactiveAdminIntakeSchema.parse(intake);
      if (parsed.requesterSub === undefined && parsed.requester === undefined) return parsed;
      const { requesterSub: _filledFrom, ...rest } = parsed;
      return { ...rest, requester: await fillRequester(parsed, staff, 'proactiveAdmin') };
    },
    open({ intake, input, calendar }) {
      const record = openProactiveAdmin(intake, input.receivedAt);
      const dueDate = input.dueDate ?? reviewDueOn(record, calendarOr(calendar));
      return {
        details: record,
        ...(dueDate !== undefined && { dueDate }),
        eventData: proactiveAdminIntakeSummary(record),
      };
    },
    notForKind: () =>
      new ValidationError(
        'proactiveAdmin details are only for proactive-administration cases',
        '적극행정 정보는 적극행정 면책·사전컨설팅 사건에만 입력합니다',
        { field: 'proactiveAdmin', rule: 'not_for_kind' },
      ),
  },
  decisions: {
    forms: proactiveAdminDecisionForms,
    labels: PROACTIVE_ADMIN_DECISION_LABELS,
    apply(c, _task, form, { actorSub, at, calendar }) {
      const applied = applyProactiveAdminDecision(c, form, actorSub, at, calendar);
      return (
        applied && {
          patch: { proactiveAdmin: applied.record },
          drafts: [{ type: 'DECISION_RECORDED', data: { decision: form.decision, ...applied.eventData } }],
        }
      );
    },
  },
  dueRules: {
    rules: PROACTIVE_ADMIN_DUE_RULES,
    due: (rule, ctx) => proactiveAdminTaskDue(rule as ProactiveAdminDueRule, ctx),
  },
  nextStep: (c) => nextProactiveAdminStep(c),
});

export type { ProactiveAdminIntake };
