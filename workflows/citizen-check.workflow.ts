/**
 * 구민감사관 현장점검 (감사팀): the check is received with its auditors → the team lead names the
 * handler → the handler follows the auditors' reports and records the department's reply, then
 * submits → the head of office approves (or returns it) → closed. The review lifecycle's steps, with
 * the handler's task due on the reports' due day while one is missing (citizen-check-deadlines.ts),
 * so a late report reaches the morning deadline digest.
 */
import { CITIZEN_CHECK_WORKFLOW } from '#shared/kinds/citizen-check/index.ts';
import { humanTask, invalidDecisionFail, stageChange, startAtStage, type AslDefinition } from './asl.ts';

export { CITIZEN_CHECK_WORKFLOW };

const ASSIGN = 'Team lead names the handler';
const FOLLOW = 'Handler follows the auditors’ reports and the reply';
const APPROVE = 'Head of office approves or returns it';
const CLOSE = 'Close the check';

export const citizenCheckDefinition: AslDefinition = {
  Comment: '구민감사관 현장점검: 접수 → 담당 지정 → 점검 결과 보고·부서 회신 → 결재(승인/반려) → 종결',
  StartAt: 'Start where the case stands',
  // Standard executions live at most a year; longer cases are restarted at their stage.
  TimeoutSeconds: 360 * 24 * 60 * 60,
  States: {
    ...startAtStage(
      {
        intake: ASSIGN,
        assignment: ASSIGN,
        investigation: FOLLOW,
        review: FOLLOW,
        approval: APPROVE,
        disposition: CLOSE,
      },
      ASSIGN,
    ),
    ...humanTask(ASSIGN, {
      taskType: 'assign',
      titleKo: '현장점검 담당자 지정',
      stage: 'assignment',
      assignTo: { role: 'team-lead', team: 'case-team' },
      decisions: { assign: FOLLOW },
      dueInBusinessDays: 2,
    }),
    ...humanTask(FOLLOW, {
      taskType: 'investigate',
      titleKo: '구민감사관 점검 결과 보고 확인·부서 회신 기록',
      stage: 'investigation',
      assignTo: 'case-assignee',
      decisions: { submit: APPROVE },
      dueInBusinessDays: 20,
      dueRule: 'citizen-check.follow-up',
    }),
    ...humanTask(APPROVE, {
      taskType: 'approve',
      titleKo: '현장점검 결과 결재 (승인 또는 반려)',
      stage: 'approval',
      assignTo: { role: 'head' },
      decisions: { approve: CLOSE, return: FOLLOW },
      dueInBusinessDays: 5,
    }),
    ...stageChange(CLOSE, 'closed', { end: true }),
    ...invalidDecisionFail,
  },
};
