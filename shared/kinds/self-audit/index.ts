/**
 * 자체감사 (self-audits): details under `selfAudit` (self-audit.ts) — the plan item, the notice
 * counted back from the start, fieldwork and the 60-day result clock, the notices upward,
 * reconsiderations, the disclosure decision — and its findings with their follow-up (findings.ts),
 * run by workflows/self-audit.workflow.ts; dates in self-audit-deadlines.ts; the office report's
 * findings table in self-audit-report.ts.
 */
import { ulid } from 'ulid';
import { createCalendar, type Calendar } from '../../calendar/index.ts';
import { ValidationError } from '../../domain/errors.ts';
import { defineKind } from '../../domain/kind.ts';
import {
  applySelfAuditDecision,
  nextSelfAuditStep,
  openSelfAudit,
  SELF_AUDIT_DECISION_LABELS,
  SELF_AUDIT_DUE_RULES,
  selfAuditDecisionForms,
  selfAuditIntakeSchema,
  selfAuditIntakeSummary,
  selfAuditRecordSchema,
  selfAuditTaskDue,
  type SelfAuditDueRule,
  type SelfAuditIntake,
} from './self-audit.ts';
import { selfAuditReportTable } from './self-audit-report.ts';
import { selfAuditView } from './self-audit-view.ts';

export const SELF_AUDIT_WORKFLOW = 'self-audit';

let defaultCalendar: Calendar | undefined;
const calendarOr = (calendar: Calendar | undefined) => calendar ?? (defaultCalendar ??= createCalendar());

export const selfAudit = defineKind({
  kind: 'self-audit',
  labelKo: '자체감사',
  team: 'audit',
  sealedByDefault: false,
  workflow: SELF_AUDIT_WORKFLOW,
  reportTables: [selfAuditReportTable],
  taskTypes: ['self-audit-notice', 'self-audit-fieldwork', 'self-audit-result', 'self-audit-follow-up'],
  details: {
    key: 'selfAudit',
    record: selfAuditRecordSchema,
    intake: selfAuditIntakeSchema,
    view: selfAuditView,
    intakeDescriptionKo:
      '자체감사 계획 (감사사항·목적·종류·대상 부서·범위·기간·인원) — 자체감사에 필수, 다른 종류에는 입력 불가',
    async checkIntake(intake, { staff }) {
      const parsed = selfAuditIntakeSchema.parse(intake);
      for (const [i, sub] of parsed.staffSubs.entries()) {
        const member = await staff.get(sub);
        if (!member?.active || member.team !== 'audit')
          throw new ValidationError(
            `No active member of the audit team with id ${sub}`,
            `감사팀 직원(${sub})을 찾을 수 없습니다`,
            { field: `selfAudit.staffSubs.${i}`, rule: 'unknown_staff' },
          );
      }
      return parsed;
    },
    open({ intake, calendar }) {
      const record = openSelfAudit(intake, calendarOr(calendar));
      return { details: record, eventData: selfAuditIntakeSummary(record) };
    },
    notForKind: () =>
      new ValidationError('selfAudit details are only for self-audits', '자체감사 정보는 자체감사에만 입력합니다', {
        field: 'selfAudit',
        rule: 'not_for_kind',
      }),
  },
  decisions: {
    forms: selfAuditDecisionForms,
    labels: SELF_AUDIT_DECISION_LABELS,
    apply(c, _task, form, { actorSub, at, calendar }) {
      const applied = applySelfAuditDecision(c, form, actorSub, at, calendar, ulid);
      if (!applied) return undefined;
      return {
        // With no deadline set at intake, the case's is the statutory one for the result, once the audit's end is known.
        patch: {
          selfAudit: applied.record,
          ...(form.decision === 'record-fieldwork' &&
            c.dueDate === undefined &&
            applied.record.fieldwork && { dueDate: applied.record.fieldwork.resultDueOn }),
        },
        drafts: [{ type: 'DECISION_RECORDED', data: { decision: form.decision, ...applied.eventData } }],
      };
    },
  },
  dueRules: {
    rules: SELF_AUDIT_DUE_RULES,
    due: (rule, ctx) => selfAuditTaskDue(rule as SelfAuditDueRule, ctx),
  },
  nextStep: (c) => nextSelfAuditStep(c),
});

export type { SelfAuditIntake };
