/**
 * 계약원가심사 (contract cost reviews, 감사팀; see shared/kinds/contract-review/contract-review.ts):
 *
 *   request → the team lead names the reviewer → review of the design's cost basis: documents may be
 *   asked for (the clock stops until they arrive), an interim reply when it will run late, then the
 *   reviewed amount with its adjustments → the head approves it, which notifies it to the ordering
 *   department, or returns it → whether the department applied it → closed.
 *
 * Which step comes next is read from the case record, so a restarted execution continues where the
 * case stands. No national text sets a processing time: the due rule is a setting ("구 규칙 확인 필요").
 */
import type { ContractReviewStep } from '#shared/kinds/contract-review/contract-review.ts';
import { CONTRACT_REVIEW_WORKFLOW } from '#shared/kinds/contract-review/index.ts';
import { alternatingHumanTask, humanTask, kindLifecycle, kindLifecycleStates, type AslDefinition } from './asl.ts';

export { CONTRACT_REVIEW_WORKFLOW };

const { findNext: FIND_NEXT, close: CLOSE } = kindLifecycleStates('the contract review');
const ASSIGN = 'Team lead names the reviewer';
// An interim reply keeps the review open.
const REVIEW = 'Reviewer reviews the cost basis';
const REVIEW_AGAIN = 'Reviewer continues the review';
const SUPPLEMENT = 'Reviewer waits for the requested documents';
const APPROVE = 'Head of office approves and notifies the result';
const APPLIED = 'Reviewer confirms whether it was applied';

const steps: Record<ContractReviewStep, string> = {
  assign: ASSIGN,
  review: REVIEW,
  supplement: SUPPLEMENT,
  approve: APPROVE,
  applied: APPLIED,
  close: CLOSE,
};

export const contractReviewDefinition: AslDefinition = kindLifecycle({
  of: 'the contract review',
  comment:
    '계약원가심사: 의뢰 → 담당 지정 → 원가 심사(보완요구 시 처리기간 정지, 지연 시 중간회신) → 결재·통보 → 반영 여부 확인 → 종결',
  resultKey: 'contractReview',
  steps,
  unknownStep: {
    error: 'UnknownContractReviewStep',
    cause: 'The case record named a contract-review step this workflow does not have.',
  },
  assign: { state: ASSIGN, titleKo: '계약원가심사 담당자 지정' },
  states: {
    ...alternatingHumanTask([REVIEW, REVIEW_AGAIN], (afterInterimReply) => ({
      taskType: 'contract-review',
      titleKo: '설계도서·산출내역 원가 심사 (단가·수량·품셈·공종·요율), 필요 시 보완요구·중간회신',
      stage: 'review',
      assignTo: 'case-assignee',
      decisions: {
        'request-contract-documents': FIND_NEXT,
        'send-interim-reply': afterInterimReply,
        'propose-review-result': FIND_NEXT,
      },
      dueInBusinessDays: 7,
      dueRule: 'contract-review.review',
    })),
    ...humanTask(SUPPLEMENT, {
      taskType: 'contract-review-supplement',
      titleKo: '보완서류 접수 (처리기간 정지 중)',
      stage: 'review',
      assignTo: 'case-assignee',
      decisions: { 'contract-documents-received': FIND_NEXT },
      dueInBusinessDays: 10,
    }),
    ...humanTask(APPROVE, {
      taskType: 'approve',
      titleKo: '계약원가심사 결과 결재 — 승인 시 발주부서에 통보',
      stage: 'approval',
      assignTo: { role: 'head' },
      decisions: { approve: FIND_NEXT, return: FIND_NEXT },
      dueInBusinessDays: 2,
      dueRule: 'contract-review.review',
    }),
    ...humanTask(APPLIED, {
      taskType: 'contract-review-applied',
      titleKo: '발주부서의 심사 결과 반영 여부 확인',
      stage: 'disposition',
      assignTo: 'case-assignee',
      decisions: { 'record-contract-applied': FIND_NEXT },
      dueInBusinessDays: 20,
    }),
  },
});
