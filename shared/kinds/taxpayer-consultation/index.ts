/**
 * 납세자보호관 (taxpayer advocate): consultations, 고충민원 and 권리보호요청 under `taxpayer`
 * (taxpayer.ts), run by workflows/taxpayer-consultation.workflow.ts with the settings of
 * taxpayer-deadlines.ts. Every case is sealed (지방세기본법 제86조, 과세정보 비밀유지): an intake with
 * `sealed: false` is refused naming the article, so no title reaches a mail, a list or an export.
 */
import { createCalendar, type Calendar } from '../../calendar/index.ts';
import { defineKind, notForKindError, settingDue } from '../../domain/kind.ts';
import { taxpayerTable } from './report.ts';
import {
  applyTaxpayerDecision,
  nextTaxpayerStep,
  openTaxpayerCase,
  TAXPAYER_DECISION_LABELS,
  taxpayerDecisionForms,
  taxpayerIntakeSchema,
  taxpayerIntakeSummary,
  taxpayerRecordSchema,
} from './taxpayer.ts';
import { TAXPAYER_DUE_RULES, taxpayerAnswerDue, taxpayerTaskDue, type TaxpayerDueRule } from './taxpayer-deadlines.ts';
import { taxpayerView } from './taxpayer-view.ts';

export const TAXPAYER_WORKFLOW = 'taxpayer-consultation';
export const TAX_CONFIDENTIALITY_ARTICLE = '지방세기본법 제86조 (과세정보 비밀유지)';

let defaultCalendar: Calendar | undefined;
const calendarOr = (calendar: Calendar | undefined) => calendar ?? (defaultCalendar ??= createCalendar());

export const taxpayerConsultation = defineKind({
  kind: 'taxpayer-consultation',
  labelKo: '납세자보호 상담',
  team: 'complaints',
  reportTables: [taxpayerTable],
  sealedByDefault: true,
  protectedIdentity: {
    sealingArticle: TAX_CONFIDENTIALITY_ARTICLE,
    reporterIdentity: false,
    nounEn: 'taxpayer-advocate case (tax information is confidential)',
  },
  workflow: TAXPAYER_WORKFLOW,
  taskTypes: ['taxpayer-review', 'taxpayer-department-reply'],
  details: {
    key: 'taxpayer',
    record: taxpayerRecordSchema,
    intake: taxpayerIntakeSchema,
    intakeDescriptionKo:
      '납세자보호관 접수 정보 (유형: 세무상담·고충민원·권리보호요청, 세목, 처분, 요청 내용) — 납세자보호 상담에만; 과세정보라 사건은 항상 비공개',
    view: taxpayerView,
    open({ intake, input, calendar }) {
      const record = openTaxpayerCase(intake, input.receivedAt);
      const dueDate = input.dueDate ?? settingDue(() => taxpayerAnswerDue(record.receivedOn, calendarOr(calendar)));
      return { details: record, ...(dueDate !== undefined && { dueDate }), eventData: taxpayerIntakeSummary(record) };
    },
    notForKind: () => notForKindError('taxpayer', 'taxpayer-advocate cases', '납세자보호관', '납세자보호 상담'),
  },
  decisions: {
    forms: taxpayerDecisionForms,
    labels: TAXPAYER_DECISION_LABELS,
    apply(c, _task, form, { actorSub, at }) {
      const applied = applyTaxpayerDecision(c, form, actorSub, at);
      return (
        applied && {
          patch: { taxpayer: applied.record },
          drafts: [{ type: 'DECISION_RECORDED', data: { decision: form.decision, ...applied.eventData } }],
        }
      );
    },
  },
  dueRules: {
    rules: TAXPAYER_DUE_RULES,
    due: (rule, ctx) => taxpayerTaskDue(rule as TaxpayerDueRule, ctx),
  },
  nextStep: (c) => nextTaxpayerStep(c),
});
