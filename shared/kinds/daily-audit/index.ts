/**
 * 일상감사 (daily audits): details under `dailyAudit` (daily-audit.ts) — the request and its
 * category, the requester filled from the staff directory, on-site checks, the opinion and its
 * notice, the department's action — run by workflows/daily-audit.workflow.ts with the settings of
 * daily-audit-deadlines.ts.
 */
import { dailyAuditView } from './daily-audit-view.ts';
import { createCalendar, type Calendar } from '../../calendar/index.ts';
import { defineKind, notForKindError, settingDue } from '../../domain/kind.ts';
import {
  applyDailyAuditDecision,
  DAILY_AUDIT_DECISION_LABELS,
  dailyAuditDecisionForms,
  dailyAuditIntakeSchema,
  dailyAuditIntakeSummary,
  dailyAuditRecordSchema,
  nextDailyAuditStep,
  openDailyAudit,
  type DailyAuditIntake,
} from './daily-audit.ts';
import {
  DAILY_AUDIT_DUE_RULES,
  dailyAuditReviewDue,
  dailyAuditTaskDue,
  type DailyAuditDueRule,
} from './daily-audit-deadlines.ts';
import { fillRequester } from './requester.ts';
import { preventionTable } from '../report-tables.ts';

export const DAILY_AUDIT_WORKFLOW = 'daily-audit';

let defaultCalendar: Calendar | undefined;
const calendarOr = (calendar: Calendar | undefined) => calendar ?? (defaultCalendar ??= createCalendar());

export const dailyAudit = defineKind({
  kind: 'daily-audit',
  labelKo: '일상감사',
  team: 'audit',
  reportTables: [preventionTable],
  sealedByDefault: false,
  workflow: DAILY_AUDIT_WORKFLOW,
  taskTypes: ['daily-audit-review', 'daily-audit-action-result'],
  details: {
    key: 'dailyAudit',
    record: dailyAuditRecordSchema,
    intake: dailyAuditIntakeSchema,
    intakeDescriptionKo:
      '일상감사 의뢰 정보 (대상 구분, 의뢰일, 요청자: 직원 ID를 주면 이름·부서·연락처를 직원 명부에서 채움, 금액) — 일상감사에만; 생략하면 ④ 기타',
    view: dailyAuditView,
    async checkIntake(intake, { staff }) {
      const parsed = dailyAuditIntakeSchema.parse(intake);
      if (parsed.requesterSub === undefined && parsed.requester === undefined) return parsed;
      const { requesterSub: _filledFrom, ...rest } = parsed;
      return { ...rest, requester: await fillRequester(parsed, staff, 'dailyAudit') };
    },
    open({ intake, input, calendar }) {
      const record = openDailyAudit(intake, input.receivedAt, input.department);
      const dueDate = input.dueDate ?? settingDue(() => dailyAuditReviewDue(record.requestedOn, calendarOr(calendar)));
      return {
        details: record,
        ...(dueDate !== undefined && { dueDate }),
        eventData: dailyAuditIntakeSummary(record),
      };
    },
    notForKind: () => notForKindError('dailyAudit', 'daily audits', '일상감사', '일상감사'),
  },
  decisions: {
    forms: dailyAuditDecisionForms,
    labels: DAILY_AUDIT_DECISION_LABELS,
    apply(c, _task, form, { actorSub, at }) {
      const applied = applyDailyAuditDecision(c, form, actorSub, at);
      return (
        applied && {
          patch: { dailyAudit: applied.record },
          drafts: [{ type: 'DECISION_RECORDED', data: { decision: form.decision, ...applied.eventData } }],
        }
      );
    },
  },
  dueRules: {
    rules: DAILY_AUDIT_DUE_RULES,
    due: (rule, ctx) => dailyAuditTaskDue(rule as DailyAuditDueRule, ctx),
  },
  nextStep: (c) => nextDailyAuditStep(c),
});

export type { DailyAuditIntake };
