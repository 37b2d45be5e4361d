/**
 * 공익신고 (whistleblower reports): always sealed, the reporter's identity in the vault
 * (shared/domain/identity.ts), details under `whistleblower` (whistleblower.ts) and its own
 * lifecycle (workflows/whistleblower.workflow.ts) with the statutory clocks of
 * whistleblower-deadlines.ts.
 */
import { ValidationError } from '../../domain/errors.ts';
import { defineKind } from '../../domain/kind.ts';
import { whistleblowerTable } from './report.ts';
import { whistleblowerView } from './whistleblower-view.ts';
import { REPORTER_CONFIDENTIALITY_ARTICLE } from '../../domain/identity.ts';
import { koreaDate } from '../../domain/korea-time.ts';
import {
  applyWhistleblowerDecision,
  openWhistleblower,
  WHISTLEBLOWER_DECISION_LABELS,
  WHISTLEBLOWER_DECISIONS,
  whistleblowerDecisionForms,
  whistleblowerIntakeSchema,
  whistleblowerIntakeSummary,
  whistleblowerRecordSchema,
  type WhistleblowerDecisionForm,
} from './whistleblower.ts';
import { WHISTLEBLOWER_DUE_RULES, whistleblowerTaskDue, type WhistleblowerDueRule } from './whistleblower-deadlines.ts';

export const WHISTLEBLOWER_WORKFLOW = 'whistleblower-report';

export const whistleblowerReport = defineKind({
  kind: 'whistleblower-report',
  labelKo: '공익신고',
  team: 'complaints',
  defaultPeriod: 'whistleblower.result-notice',
  reportTables: [whistleblowerTable],
  sealedByDefault: true,
  protectedIdentity: {
    sealingArticle: REPORTER_CONFIDENTIALITY_ARTICLE,
    reporterIdentity: true,
    nounEn: 'whistleblower report',
  },
  workflow: WHISTLEBLOWER_WORKFLOW,
  // Received by the complaints team; the facts of a reported wrong are investigated by the
  // investigation team (its 내부조사 work), so investigators of either team may be assigned.
  assignees: { teams: ['complaints', 'investigation'], roles: ['investigator'] },
  taskTypes: [
    'whistleblower-protection-notice',
    'whistleblower-screening',
    'whistleblower-supplement',
    'whistleblower-investigation',
    'whistleblower-result-notice',
    'whistleblower-acrc-report',
  ],
  details: {
    key: 'whistleblower',
    record: whistleblowerRecordSchema,
    intake: whistleblowerIntakeSchema,
    view: whistleblowerView,
    intakeDescriptionKo:
      '공익신고 정보 (접수경로·권익위 문서번호·구술 신고·부패신고 여부) — 공익신고에만; 생략하면 직접 접수',
    open({ intake }) {
      const record = openWhistleblower(intake ?? { route: 'direct' });
      return { details: record, eventData: whistleblowerIntakeSummary(record) };
    },
    notForKind: () =>
      new ValidationError(
        'whistleblower details are only for whistleblower reports',
        '공익신고 정보는 공익신고에만 입력할 수 있습니다',
        { field: 'whistleblower', rule: 'only_for_whistleblower_report' },
      ),
  },
  decisions: {
    forms: whistleblowerDecisionForms,
    labels: WHISTLEBLOWER_DECISION_LABELS,
    apply(c, _task, form) {
      if (!(WHISTLEBLOWER_DECISIONS as readonly string[]).includes(form.decision) || !c.whistleblower) return undefined;
      const applied = applyWhistleblowerDecision(
        c.whistleblower,
        form as WhistleblowerDecisionForm,
        koreaDate(new Date(c.receivedAt)),
      );
      return {
        patch: { whistleblower: applied.record },
        drafts: [{ type: 'DECISION_RECORDED', data: { decision: form.decision, ...applied.eventData } }],
      };
    },
  },
  dueRules: {
    rules: WHISTLEBLOWER_DUE_RULES,
    due: (rule, ctx) => whistleblowerTaskDue(rule as WhistleblowerDueRule, ctx),
  },
  // The reporter is never on the case (the vault holds them); nothing here identifies anyone.
  sealedFields: [],
});
