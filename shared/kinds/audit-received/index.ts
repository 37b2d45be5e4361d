/**
 * 외부기관 감사 수감 (audits received from the city or a ministry): details under `auditReceived`
 * (audit-received.ts) — the audit, the result's receipt, the 경고 publication, 재심의, the personnel
 * committee's resolutions and the 이행결과 — with the demands as findings through the self-audit's
 * findings module (shared, `FINDINGS_HOLDERS`), run by workflows/audit-received.workflow.ts; dates in
 * audit-received-deadlines.ts (행정감사규정 제18조·제20조·제21조); the office report's tables in
 * audit-received-report.ts; a 재심의 reaching a closed audit reopens it (`reopenAuditReceived`).
 */
import { ulid } from 'ulid';
import { createCalendar, type Calendar } from '../../calendar/index.ts';
import { ValidationError } from '../../domain/errors.ts';
import { defineKind } from '../../domain/kind.ts';
import {
  applyAuditReceivedDecision,
  AUDIT_RECEIVED_DECISION_LABELS,
  AUDIT_RECEIVED_DUE_RULES,
  auditReceivedDecisionForms,
  auditReceivedIntakeSchema,
  auditReceivedIntakeSummary,
  auditReceivedRecordSchema,
  auditReceivedTaskDue,
  nextAuditReceivedStep,
  openAuditReceived,
  type AuditReceivedDueRule,
  type AuditReceivedIntake,
} from './audit-received.ts';
import { auditReceivedView } from './audit-received-view.ts';
import { auditsReceivedDemandsTable, auditsReceivedTable } from './audit-received-report.ts';

export const AUDIT_RECEIVED_WORKFLOW = 'audit-received';

let defaultCalendar: Calendar | undefined;
const calendarOr = (calendar: Calendar | undefined) => calendar ?? (defaultCalendar ??= createCalendar());

export const auditReceived = defineKind({
  kind: 'audit-received',
  labelKo: '외부기관 감사 수감',
  team: 'audit',
  sealedByDefault: false,
  workflow: AUDIT_RECEIVED_WORKFLOW,
  reportTables: [auditsReceivedTable, auditsReceivedDemandsTable],
  taskTypes: ['audit-received-result', 'audit-received-follow-up'],
  details: {
    key: 'auditReceived',
    record: auditReceivedRecordSchema,
    intake: auditReceivedIntakeSchema,
    intakeDescriptionKo:
      '외부기관 감사 수감 (감사기관·감사명·수감 부서·감사 기간) — 외부기관 감사에 필수, 다른 종류에는 입력 불가',
    view: auditReceivedView,
    open({ intake }) {
      const record = openAuditReceived(intake);
      return { details: record, eventData: auditReceivedIntakeSummary(record) };
    },
    notForKind: () =>
      new ValidationError(
        'auditReceived details are only for audits received',
        '외부기관 감사 정보는 외부기관 감사 수감에만 입력합니다',
        { field: 'auditReceived', rule: 'not_for_kind' },
      ),
  },
  decisions: {
    forms: auditReceivedDecisionForms,
    labels: AUDIT_RECEIVED_DECISION_LABELS,
    apply(c, _task, form, { actorSub, at, calendar }) {
      const applied = applyAuditReceivedDecision(c, form, at, calendarOr(calendar), ulid, actorSub);
      return (
        applied && {
          patch: { auditReceived: applied.record },
          drafts: [{ type: 'DECISION_RECORDED', data: { decision: form.decision, ...applied.eventData } }],
        }
      );
    },
  },
  dueRules: {
    rules: AUDIT_RECEIVED_DUE_RULES,
    due: (rule, ctx) => auditReceivedTaskDue(rule as AuditReceivedDueRule, ctx),
  },
  nextStep: (c) => nextAuditReceivedStep(c),
});

export type { AuditReceivedIntake };
