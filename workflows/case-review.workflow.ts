/**
 * The first lifecycle, proving the spine: intake → the team lead assigns → the assignee investigates
 * and proposes a disposition → the head of office approves or returns it for rework (a loop) →
 * closed. The investigation and complaint lifecycles build on the same vocabulary.
 */
import { humanTask, invalidDecisionFail, stageChange, startAtStage, type AslDefinition } from './asl.ts';

export const CASE_REVIEW_WORKFLOW = 'case-review';

const ASSIGN = 'Team lead assigns an investigator';
const INVESTIGATE = 'Investigator proposes a disposition';
const APPROVE = 'Head of office approves or returns it';
const CLOSE = 'Close the case';

export const caseReviewDefinition: AslDefinition = {
  Comment: '사건 처리 기본 절차: 접수 → 배정 → 조사 → 결재(승인/반려) → 종결',
  StartAt: 'Start where the case stands',
  // Standard executions live at most a year; longer cases are restarted at their stage.
  TimeoutSeconds: 360 * 24 * 60 * 60,
  States: {
    ...startAtStage(
      {
        intake: ASSIGN,
        assignment: ASSIGN,
        investigation: INVESTIGATE,
        review: INVESTIGATE,
        approval: APPROVE,
        disposition: CLOSE,
      },
      ASSIGN,
    ),
    ...humanTask(ASSIGN, {
      taskType: 'assign',
      titleKo: '담당 조사관 배정',
      stage: 'assignment',
      assignTo: { role: 'team-lead', team: 'case-team' },
      decisions: { assign: INVESTIGATE },
      dueInBusinessDays: 2,
    }),
    ...humanTask(INVESTIGATE, {
      taskType: 'investigate',
      titleKo: '조사 및 처분안 작성',
      stage: 'investigation',
      assignTo: 'case-assignee',
      decisions: { submit: APPROVE },
      dueInBusinessDays: 20,
    }),
    ...humanTask(APPROVE, {
      taskType: 'approve',
      titleKo: '처분안 결재 (승인 또는 반려)',
      stage: 'approval',
      assignTo: { role: 'head' },
      decisions: { approve: CLOSE, return: INVESTIGATE },
      dueInBusinessDays: 5,
    }),
    ...stageChange(CLOSE, 'closed', { end: true }),
    ...invalidDecisionFail,
  },
};
