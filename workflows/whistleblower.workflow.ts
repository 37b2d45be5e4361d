/**
 * 공익신고 (whistleblower reports, 민원관리팀), from the 공익신고자 보호법 and its 시행령 (see
 * shared/kinds/whistleblower-report/whistleblower.ts for the rules and articles):
 *
 *   intake → (the team lead names the handler) → the written protection notice (시행령 제11조의4)
 *   → screening: investigate / decline on a ground of 법 제10조② / ask for supplements / transfer (이송)
 *   → investigation → measures and result notice to the reporter (with a protection notice)
 *   → for a report referred by 국민권익위원회: the result to 권익위 within 10 days (시행령 제11조②)
 *   → closed.
 *
 * Which step comes next is read from the case record ("Find the next step …"), so a restarted
 * execution continues where the case stands. Step defaults with no statutory period ("지체 없이",
 * "접수한 때") are the office's settings (구 규칙 확인 필요), not law.
 */
import type { WhistleblowerStep } from '#shared/kinds/whistleblower-report/whistleblower.ts';
import {
  humanTask,
  invalidDecisionFail,
  stageChange,
  startAtStage,
  type AslDefinition,
  type AslState,
  routeByNextStep,
} from './asl.ts';

import { WHISTLEBLOWER_WORKFLOW } from '#shared/kinds/whistleblower-report/index.ts';

export { WHISTLEBLOWER_WORKFLOW };

const FIND_NEXT = 'Find the next step of the whistleblower report';
const ROUTE_NEXT = 'Go to the next step of the whistleblower report';
const ASSIGN = 'Team lead names the handler of the report';
const NOTICE = 'Handler sends the written protection notice';
const SCREEN = 'Handler screens the report';
const SUPPLEMENT = 'Handler waits for the reporter’s supplement';
const INVESTIGATE = 'Handler investigates the report';
const RESULT = 'Handler notifies the reporter of the measures';
const ACRC = 'Handler reports the result to 국민권익위원회';
const CLOSE = 'Close the whistleblower report';
const NO_STEP = 'Stop: the whistleblower report has no such step';

const steps: Record<WhistleblowerStep | 'assign', string> = {
  assign: ASSIGN,
  'protection-notice': NOTICE,
  screening: SCREEN,
  supplement: SUPPLEMENT,
  investigation: INVESTIGATE,
  'result-notice': RESULT,
  'acrc-report': ACRC,
  close: CLOSE,
};

const states: Record<string, AslState> = {
  ...startAtStage(
    { intake: FIND_NEXT, assignment: FIND_NEXT, review: FIND_NEXT, investigation: FIND_NEXT, disposition: FIND_NEXT },
    FIND_NEXT,
  ),
  ...routeByNextStep({
    find: FIND_NEXT,
    route: ROUTE_NEXT,
    fn: 'WhistleblowerNextStepFunctionArn',
    resultKey: 'whistleblower',
    steps,
    unknownStep: {
      state: NO_STEP,
      error: 'UnknownWhistleblowerStep',
      cause: 'The case record named a whistleblower-report step this workflow does not have.',
    },
  }),
  ...humanTask(ASSIGN, {
    taskType: 'assign',
    titleKo: '공익신고 담당자 지정',
    stage: 'assignment',
    assignTo: { role: 'team-lead', team: 'case-team' },
    decisions: { assign: FIND_NEXT },
    dueInBusinessDays: 1,
  }),
  ...humanTask(NOTICE, {
    taskType: 'whistleblower-protection-notice',
    titleKo: '신고자 보호·지원 안내 발송 (접수한 때, 시행령 제11조의4)',
    stage: 'intake',
    assignTo: 'case-assignee',
    decisions: { 'send-protection-notice': FIND_NEXT },
    dueInBusinessDays: 1,
  }),
  ...humanTask(SCREEN, {
    taskType: 'whistleblower-screening',
    titleKo: '공익신고 검토: 조사 개시·불조사(법 제10조②)·보완요구·이송',
    stage: 'review',
    assignTo: 'case-assignee',
    decisions: {
      'start-investigation': FIND_NEXT,
      decline: FIND_NEXT,
      'request-supplement': FIND_NEXT,
      transfer: FIND_NEXT,
    },
    dueInBusinessDays: 10,
  }),
  ...humanTask(SUPPLEMENT, {
    taskType: 'whistleblower-supplement',
    titleKo: '신고자 보완 접수 또는 불응 확인 (시행령 제12조)',
    stage: 'review',
    assignTo: 'case-assignee',
    decisions: { 'supplement-answered': FIND_NEXT, 'supplement-unanswered': FIND_NEXT },
    dueInBusinessDays: 10,
    dueRule: 'whistleblower.supplement',
  }),
  ...humanTask(INVESTIGATE, {
    taskType: 'whistleblower-investigation',
    titleKo: '공익신고 조사 (부패신고 이첩분 60일, 부패방지권익위법 제60조①)',
    stage: 'investigation',
    assignTo: 'case-assignee',
    decisions: { 'finish-investigation': FIND_NEXT },
    dueInBusinessDays: 40,
    dueRule: 'whistleblower.investigation',
  }),
  ...humanTask(RESULT, {
    taskType: 'whistleblower-result-notice',
    titleKo: '필요한 조치와 신고자 결과 통지 (법 제10조④, 보호·지원 안내 포함)',
    stage: 'disposition',
    assignTo: 'case-assignee',
    decisions: { 'notify-result': FIND_NEXT },
    dueInBusinessDays: 5,
  }),
  ...humanTask(ACRC, {
    taskType: 'whistleblower-acrc-report',
    titleKo: '국민권익위원회에 처리결과 통보 (조사 종료 후 10일, 시행령 제11조②③)',
    stage: 'disposition',
    assignTo: 'case-assignee',
    decisions: { 'report-to-acrc': FIND_NEXT },
    dueInBusinessDays: 7,
    dueRule: 'whistleblower.acrc-report',
  }),
  ...stageChange(CLOSE, 'closed', { end: true }),
  ...invalidDecisionFail,
};

export const whistleblowerDefinition: AslDefinition = {
  Comment:
    '공익신고: 접수 → 담당자 → 보호·지원 안내 → 검토(조사·불조사·보완요구·이송) → 조사 → 조치·결과 통지 → (권익위 이첩분: 10일 내 결과 통보) → 종결',
  StartAt: 'Start where the case stands',
  TimeoutSeconds: 360 * 24 * 60 * 60,
  States: states,
};
