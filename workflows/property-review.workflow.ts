/**
 * 재산등록 심사 (공직자윤리법 제8조, 시행령 제13조; see shared/kinds/property-review/): one case per
 * registration cycle, its registrants reviewed as records under it —
 *
 *   campaign received → the team lead names the responsible investigator → the registrants' reviews
 *   (each moved through the registrant routes; the task is completed when every one is done) → the
 *   head of office approves the results or returns them → the 공직자윤리위원회 resolves them at a
 *   meeting (the task waits on its agenda; the secretary records the votes) → closed.
 *
 * The next step is read from the case record, so a restarted execution continues where the case stands.
 */
import type { CampaignStep } from '#shared/kinds/property-review/campaign.ts';
import { PROPERTY_REVIEW_WORKFLOW } from '#shared/kinds/property-review/index.ts';
import { humanTask, kindLifecycle, kindLifecycleStates, type AslDefinition } from './asl.ts';

export { PROPERTY_REVIEW_WORKFLOW };

const { findNext: FIND_NEXT, close: CLOSE } = kindLifecycleStates('the property-review campaign');
const ASSIGN = 'Team lead names the responsible investigator';
const REVIEW = 'Investigators review every registrant';
const APPROVE = 'Head of office approves the results';
const COMMITTEE = 'Ethics committee resolves the results at a meeting';

const steps: Record<CampaignStep, string> = {
  assign: ASSIGN,
  review: REVIEW,
  approve: APPROVE,
  committee: COMMITTEE,
  close: CLOSE,
};

export const propertyReviewDefinition: AslDefinition = kindLifecycle({
  of: 'the property-review campaign',
  comment:
    '재산등록 심사: 신고 주기 접수 → 담당 지정 → 의무자별 심사(보완명령·소명 20일, 출석요구) → 결재 → 공직자윤리위원회 의결 → 종결',
  resultKey: 'propertyReview',
  steps,
  unknownStep: {
    error: 'UnknownPropertyReviewStep',
    cause: 'The case record named a property-review step this workflow does not have.',
  },
  assign: { state: ASSIGN, titleKo: '재산등록 심사 담당 조사관 지정' },
  states: {
    ...humanTask(REVIEW, {
      taskType: 'property-review-campaign',
      titleKo: '의무자별 재산등록 심사 — 전원 심사가 끝나면 완료 (공직자윤리법 제8조)',
      stage: 'review',
      assignTo: 'case-assignee',
      decisions: { 'complete-campaign': FIND_NEXT },
      dueInBusinessDays: 60,
    }),
    ...humanTask(APPROVE, {
      taskType: 'approve',
      titleKo: '재산등록 심사 결과 결재',
      stage: 'approval',
      assignTo: { role: 'head' },
      decisions: { approve: FIND_NEXT, return: FIND_NEXT },
      dueInBusinessDays: 5,
    }),
    ...humanTask(COMMITTEE, {
      taskType: 'property-review-resolution',
      titleKo: '공직자윤리위원회 심사결과 의결 (공직자윤리법 제8조의2·제9조)',
      stage: 'approval',
      assignTo: { role: 'secretary' },
      decisions: { 'resolve-campaign-results': FIND_NEXT },
      dueInBusinessDays: 20,
      committee: 'ethics',
    }),
  },
});
