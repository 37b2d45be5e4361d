/**
 * 재산등록 심사 (공직자윤리법): a case is one registration cycle's campaign — its registrants records
 * under it (registrants.ts) with their own small state machine, the case keeping their tally
 * (campaign.ts) — run by workflows/property-review.workflow.ts: assign → review of the registrants →
 * the head approves the results → the 공직자윤리위원회 resolves them at a meeting → closed. A review of
 * one person (e.g. a re-review) is a campaign with one registrant.
 */
import { ValidationError } from '../../domain/errors.ts';
import { defineKind } from '../../domain/kind.ts';
import { ethicsTable } from '../report-tables.ts';
import {
  applyCampaignDecision,
  CAMPAIGN_DECISION_LABELS,
  campaignDecisionForms,
  campaignIntakeSchema,
  campaignRecordSchema,
  campaignTitleKo,
  nextCampaignStep,
  openCampaign,
  PROPERTY_REVIEW_KIND,
  type CampaignRecord,
} from './campaign.ts';
import { propertyReviewReportTable } from './property-review-report.ts';

export const PROPERTY_REVIEW_WORKFLOW = 'property-review';

export const propertyReview = defineKind({
  kind: PROPERTY_REVIEW_KIND,
  labelKo: '재산등록 심사',
  team: 'investigation',
  sealedByDefault: false,
  workflow: PROPERTY_REVIEW_WORKFLOW,
  taskTypes: ['property-review-campaign', 'property-review-resolution'],
  defaultPeriod: 'ethics.public-official-review',
  reportTables: [ethicsTable, propertyReviewReportTable],
  details: {
    key: 'propertyReview',
    record: campaignRecordSchema,
    intake: campaignIntakeSchema,
    intakeDescriptionKo:
      '한 신고 주기(연도·신고 유형)의 의무자 일괄 심사 — 의무자는 접수 후 POST /cases/{caseId}/registrants로 등록',
    open({ intake }) {
      const record = openCampaign(intake);
      return { details: record, eventData: { campaign: campaignTitleKo(record) } };
    },
    view: (r: CampaignRecord) => [
      { labelKo: '심사 주기', value: campaignTitleKo(r) },
      {
        labelKo: '진행',
        value: `의무자 ${r.tally.total}명 — 신고 대기 ${r.tally['awaiting-filing']}, 접수 ${r.tally.received}, 심사 중 ${r.tally['under-review']}, 보완명령 중 ${r.tally['supplement-ordered']}, 완료 ${r.tally.done}`,
      },
      ...(r.completedOn ? [{ labelKo: '심사 완료', value: r.completedOn }] : []),
      ...(r.approvedOn ? [{ labelKo: '결재', value: r.approvedOn }] : []),
      ...(r.resolvedOn ? [{ labelKo: '공직자윤리위원회 의결', value: r.resolvedOn }] : []),
    ],
    notForKind: () =>
      new ValidationError(
        'propertyReview details are only for property-review cases',
        '재산등록 심사 정보는 재산등록 심사 사건에만 입력합니다',
        { field: 'propertyReview', rule: 'not_for_kind' },
      ),
  },
  decisions: {
    forms: campaignDecisionForms,
    labels: CAMPAIGN_DECISION_LABELS,
    apply(c, _task, form, { at }) {
      const applied = applyCampaignDecision(c, form, at.slice(0, 10));
      return (
        applied && {
          patch: { propertyReview: applied.record },
          drafts: [{ type: 'DECISION_RECORDED', data: { decision: form.decision, ...applied.eventData } }],
        }
      );
    },
  },
  nextStep: (c) => nextCampaignStep(c as Parameters<typeof nextCampaignStep>[0]),
});
