/**
 * 재산등록 심사 (공직자윤리법): a case is either one registration cycle's campaign — its registrants
 * records under it (registrants.ts) with their own small state machine, the case keeping their
 * tally (campaign.ts) — or, received without `propertyReview`, a single review (e.g. a re-review of
 * one person). Both run the generic review lifecycle (assign → investigate → approve); a campaign's
 * submission is refused until every registrant's review is done.
 */
import { ValidationError } from '../../domain/errors.ts';
import { defineKind } from '../../domain/kind.ts';
import { CASE_REVIEW_WORKFLOW } from '../case-review/review-kind.ts';
import { ethicsTable } from '../report-tables.ts';
import {
  PROPERTY_REVIEW_KIND,
  campaignIntakeSchema,
  campaignRecordSchema,
  campaignTitleKo,
  openCampaign,
  type CampaignRecord,
} from './campaign.ts';
import { propertyReviewReportTable } from './property-review-report.ts';

export const propertyReview = defineKind({
  kind: PROPERTY_REVIEW_KIND,
  labelKo: '재산등록 심사',
  team: 'investigation',
  sealedByDefault: false,
  workflow: CASE_REVIEW_WORKFLOW,
  defaultPeriod: 'ethics.public-official-review',
  reportTables: [ethicsTable, propertyReviewReportTable],
  details: {
    key: 'propertyReview',
    record: campaignRecordSchema,
    intake: campaignIntakeSchema,
    intakeDescriptionKo:
      '한 신고 주기(연도·신고 유형)의 의무자 일괄 심사 — 의무자는 접수 후 POST /cases/{caseId}/registrants로 등록; 없으면 한 사람의 심사 사건',
    open({ intake }) {
      if (intake === undefined) return undefined;
      const record = openCampaign(intake);
      return { details: record, eventData: { campaign: campaignTitleKo(record) } };
    },
    view: (r: CampaignRecord) => [
      { labelKo: '심사 주기', value: campaignTitleKo(r) },
      {
        labelKo: '진행',
        value: `의무자 ${r.tally.total}명 — 신고 대기 ${r.tally['awaiting-filing']}, 접수 ${r.tally.received}, 심사 중 ${r.tally['under-review']}, 보완명령 중 ${r.tally['supplement-ordered']}, 완료 ${r.tally.done}`,
      },
    ],
    notForKind: () =>
      new ValidationError(
        'propertyReview details are only for property-review cases',
        '재산등록 심사 정보는 재산등록 심사 사건에만 입력합니다',
        { field: 'propertyReview', rule: 'not_for_kind' },
      ),
  },
  decisions: {
    forms: [],
    labels: {},
    async check(c, form) {
      const r = (c as { propertyReview?: CampaignRecord }).propertyReview;
      if (!r || form.decision !== 'submit') return;
      if (r.tally.total === 0 || r.tally.done !== r.tally.total)
        throw new ValidationError(
          `${r.tally.total - r.tally.done} of ${r.tally.total} registrants are not reviewed yet`,
          `심사가 끝나지 않은 의무자가 ${r.tally.total - r.tally.done}명 있습니다 (전체 ${r.tally.total}명)`,
          { field: 'decision', rule: 'registrants_open' },
        );
    },
  },
});
