/**
 * Misconduct investigations (조사팀), one workflow per kind from the same procedure:
 *
 *   external referral (외부기관 통보사항 조사):  assign → investigate & propose → team lead review →
 *     head of office approval (return = rework, a loop) → the disposition → result notice to the
 *     referring agency → closed;
 *   internal investigation (내부조사·민원사항 조사): the same, without the result notice.
 *
 * The disposition's steps are chosen from the case record ("Find the next step …" reads what the
 * head approved and what has been done), so a restarted execution — after a suspension under
 * 지방공무원법 제73조, a crash, a workflow move — continues exactly where the case stands:
 *   discipline (징계): request to the personnel committee → its resolution (파면 … 불문경고, 징계부가금);
 *   admonition / caution (훈계·주의): issued → acknowledged;
 *   corrective action (시정조치): order to the department → follow-up confirming it was done;
 *   closure (내부종결): nothing more (its reason code is part of the approved proposal).
 * A suspended case has no running execution (its tasks are cancelled); resuming starts a new one
 * at the stage it stood.
 */
import type { DispositionStep } from '#shared/kinds/misconduct/misconduct.ts';
import {
  humanTask,
  invalidDecisionFail,
  stageChange,
  startAtStage,
  type AslDefinition,
  type AslState,
  routeByNextStep,
} from './asl.ts';

export const EXTERNAL_REFERRAL_WORKFLOW = 'external-referral';
export const INTERNAL_INVESTIGATION_WORKFLOW = 'internal-investigation';

const ASSIGN = 'Team lead assigns an investigator';
const INVESTIGATE = 'Investigator reports findings and proposes a disposition';
const REVIEW = 'Team lead reviews the findings and proposed disposition';
const APPROVE = 'Head of office approves the disposition or returns it';
const FIND_NEXT = 'Find the next step of the approved disposition';
const ROUTE_NEXT = 'Go to the next step of the disposition';
const REQUEST = 'Investigator sends the discipline request to the committee';
const RESOLUTION = 'Investigator records the personnel committee resolution';
const ISSUE = 'Investigator issues the admonition or caution';
const ACKNOWLEDGED = 'Investigator confirms the official acknowledged it';
const ORDER = 'Investigator sends the corrective order to the department';
const FOLLOW_UP = 'Investigator confirms the department made the correction';
const NOTICE = 'Investigator sends the result notice to the agency';
const CLOSE = 'Close the case';
const SUSPENDED = 'Stop here while the case is suspended';
const NO_STEP = 'Stop: the disposition has no such step';

function build(options: { comment: string; resultNotice: boolean }): AslDefinition {
  const steps: Partial<Record<DispositionStep, string>> = {
    'request-discipline': REQUEST,
    'record-resolution': RESOLUTION,
    'issue-warning': ISSUE,
    'confirm-acknowledgement': ACKNOWLEDGED,
    'issue-corrective-order': ORDER,
    'confirm-correction': FOLLOW_UP,
    ...(options.resultNotice && { 'notify-agency': NOTICE }),
    close: CLOSE,
  };
  const states: Record<string, AslState> = {
    ...startAtStage(
      {
        intake: ASSIGN,
        assignment: ASSIGN,
        investigation: INVESTIGATE,
        review: REVIEW,
        approval: APPROVE,
        disposition: FIND_NEXT,
        suspended: SUSPENDED,
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
      dueRule: 'misconduct.assign',
    }),
    ...humanTask(INVESTIGATE, {
      taskType: 'investigate',
      titleKo: '비위 조사 및 처분안 작성 (증거·관련자 등록)',
      stage: 'investigation',
      assignTo: 'case-assignee',
      decisions: { propose: REVIEW },
      dueInBusinessDays: 30,
      dueRule: 'misconduct.investigate',
    }),
    ...humanTask(REVIEW, {
      taskType: 'review',
      titleKo: '조사결과·처분안 팀장 검토',
      stage: 'review',
      assignTo: { role: 'team-lead', team: 'case-team' },
      decisions: { endorse: APPROVE, return: INVESTIGATE },
      dueInBusinessDays: 5,
      dueRule: 'misconduct.review',
    }),
    ...humanTask(APPROVE, {
      taskType: 'approve',
      titleKo: '처분안 결재 (승인 또는 반려)',
      stage: 'approval',
      assignTo: { role: 'head' },
      decisions: { approve: FIND_NEXT, return: INVESTIGATE },
      dueInBusinessDays: 5,
      dueRule: 'misconduct.approve',
    }),
    ...routeByNextStep({
      find: FIND_NEXT,
      route: ROUTE_NEXT,
      fn: 'NextDispositionStepFunctionArn',
      resultKey: 'disposition',
      steps,
      unknownStep: {
        state: NO_STEP,
        error: 'UnknownDispositionStep',
        cause: 'The case record named a disposition step this workflow does not have.',
      },
    }),
    ...humanTask(REQUEST, {
      taskType: 'request-discipline',
      titleKo: '인사위원회 징계의결 요구 (징계부가금 대상이면 함께 요구)',
      stage: 'disposition',
      assignTo: 'case-assignee',
      decisions: { 'send-request': FIND_NEXT },
      dueInBusinessDays: 10,
      dueRule: 'misconduct.request-discipline',
    }),
    ...humanTask(RESOLUTION, {
      taskType: 'record-resolution',
      titleKo: '인사위원회 징계의결 결과 등록',
      stage: 'disposition',
      assignTo: 'case-assignee',
      decisions: { 'record-resolution': FIND_NEXT },
      dueInBusinessDays: 20,
      dueRule: 'misconduct.record-resolution',
      // The resolution is the personnel committee's: it waits on that committee's agenda, and its
      // secretary records it at the meeting (the investigator may still record a resolution received).
      committee: 'personnel',
    }),
    ...humanTask(ISSUE, {
      taskType: 'issue-warning',
      titleKo: '훈계·주의 처분 통보',
      stage: 'disposition',
      assignTo: 'case-assignee',
      decisions: { issue: FIND_NEXT },
      dueInBusinessDays: 5,
      dueRule: 'misconduct.issue-warning',
    }),
    ...humanTask(ACKNOWLEDGED, {
      taskType: 'confirm-acknowledgement',
      titleKo: '훈계·주의 당사자 수령 확인',
      stage: 'disposition',
      assignTo: 'case-assignee',
      decisions: { acknowledge: FIND_NEXT },
      dueInBusinessDays: 5,
      dueRule: 'misconduct.confirm-acknowledgement',
    }),
    ...humanTask(ORDER, {
      taskType: 'issue-corrective-order',
      titleKo: '부서에 시정 요구 통보',
      stage: 'disposition',
      assignTo: 'case-assignee',
      decisions: { 'issue-order': FIND_NEXT },
      dueInBusinessDays: 5,
      dueRule: 'misconduct.issue-corrective-order',
    }),
    ...humanTask(FOLLOW_UP, {
      taskType: 'confirm-correction',
      titleKo: '시정 요구 이행 확인',
      stage: 'disposition',
      assignTo: 'case-assignee',
      decisions: { 'confirm-correction': FIND_NEXT },
      dueInBusinessDays: 30,
      dueRule: 'misconduct.confirm-correction',
    }),
    ...(options.resultNotice
      ? humanTask(NOTICE, {
          taskType: 'notify-agency',
          titleKo: '통보기관에 처리결과 회신',
          stage: 'disposition',
          assignTo: 'case-assignee',
          decisions: { 'send-result-notice': FIND_NEXT },
          dueInBusinessDays: 10,
          dueRule: 'misconduct.notify-agency',
        })
      : {}),
    ...stageChange(CLOSE, 'closed', { end: true }),
    [SUSPENDED]: {
      Type: 'Succeed',
      Comment: '징계절차 정지(지방공무원법 제73조) 중에는 실행하지 않음 — 재개 시 새 실행이 사건의 단계에서 시작',
    },
    ...invalidDecisionFail,
  };
  return {
    Comment: options.comment,
    StartAt: 'Start where the case stands',
    // Standard executions live at most a year; longer cases are restarted at their stage.
    TimeoutSeconds: 360 * 24 * 60 * 60,
    States: states,
  };
}

export const externalReferralDefinition = build({
  comment:
    '외부기관 통보사항 조사: 접수 → 배정 → 조사·처분안 → 팀장 검토 → 결재(승인/반려) → 징계·훈계·주의·시정조치·내부종결 → 통보기관 회신 → 종결',
  resultNotice: true,
});

export const internalInvestigationDefinition = build({
  comment:
    '내부조사·민원사항 조사: 접수 → 배정 → 조사·처분안 → 팀장 검토 → 결재(승인/반려) → 징계·훈계·주의·시정조치·내부종결 → 종결',
  resultNotice: false,
});
