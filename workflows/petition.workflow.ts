/**
 * Petitions (청원, 민원관리팀) under the 청원법 (2020 전부개정) and its 시행령 — docs/legal-basis.md#petitions:
 *
 *   intake → the clerk screens it: processed, or not (제6조 grounds, notified) or closed as a repeated
 *   petition (제16조①) → for a public petition: the petition review committee reviews disclosure and
 *   the team lead decides and notifies it within 15 days of receipt (제13조①) → 30 days of public
 *   comments (제13조②, a Wait state on the period's end) → the committee reviews the petition (제21조①)
 *   → the head of office decides → the clerk notifies the petitioner within 90 days, the disclosure
 *   and comment periods not counted, one extension of up to 60 days (제21조②③) → closed.
 *   An objection (제22조, API) reopens or interrupts the petition under a new execution: the head of
 *   office decides it within 15 days, then the petition continues where it stood (or closes again).
 *
 * Every step returns to "Find where the petition stands", which reads the case record, so an execution
 * started at any stage — after a crash, past Standard's one-year limit, after an objection, on a new
 * workflow version — continues exactly where the petition is. The committee steps are human tasks the
 * committee's secretary completes, normally by recording the meeting's decision.
 */
import type { PetitionStep } from '#shared/kinds/petition/petition.ts';
import {
  humanTask,
  invalidDecisionFail,
  stageChange,
  startAtStage,
  systemStep,
  type AslDefinition,
  type AslState,
} from './asl.ts';

export const PETITION_WORKFLOW = 'petition';

const FIND_NEXT = 'Find where the petition stands';
const ROUTE_NEXT = 'Go to the next step of the petition';
const SCREEN = 'Clerk screens the petition (process, not process, repeated)';
const REVIEW_DISCLOSURE = 'Committee reviews whether to disclose the petition';
const DECIDE_DISCLOSURE = 'Team lead decides disclosure and notifies the petitioner';
const WAIT_FOR_COMMENTS = 'Wait for the 30-day public comment period to end';
const COMMENTS_ENDED = 'Record that the public comment period has ended';
const REVIEW_PETITION = 'Petition review committee reviews the petition';
const DECIDE_PETITION = 'Head of office decides the petition';
const NOTIFY = 'Clerk notifies the petitioner of the result';
const DECIDE_OBJECTION = 'Head of office decides the objection';
const CLOSE = 'Close the petition';
const NO_STEP = 'Stop: the petition has no such step';

const STEP_STATES: Record<PetitionStep, string> = {
  screen: SCREEN,
  'review-disclosure': REVIEW_DISCLOSURE,
  'decide-disclosure': DECIDE_DISCLOSURE,
  'wait-for-comments': WAIT_FOR_COMMENTS,
  'review-petition': REVIEW_PETITION,
  'decide-petition': DECIDE_PETITION,
  'notify-petitioner': NOTIFY,
  'decide-objection': DECIDE_OBJECTION,
  close: CLOSE,
};

const states: Record<string, AslState> = {
  ...startAtStage(
    {
      intake: FIND_NEXT,
      assignment: FIND_NEXT,
      investigation: FIND_NEXT,
      review: FIND_NEXT,
      approval: FIND_NEXT,
      disposition: FIND_NEXT,
      closed: FIND_NEXT,
    },
    FIND_NEXT,
  ),
  ...systemStep(FIND_NEXT, {
    fn: 'PetitionNextStepFunctionArn',
    select: { 'next.$': '$.Payload.next', 'waitUntil.$': '$.Payload.waitUntil' },
    resultPath: '$.petitionStep',
    next: ROUTE_NEXT,
  }),
  [ROUTE_NEXT]: {
    Type: 'Choice',
    Choices: Object.entries(STEP_STATES).map(([step, state]) => ({
      Variable: '$.petitionStep.next',
      StringEquals: step,
      Next: state,
    })),
    Default: NO_STEP,
  },
  ...humanTask(SCREEN, {
    taskType: 'screen-petition',
    titleKo: '청원 요건 검토 (처리 / 처리 제외 사유 통지(제6조) / 반복청원 종결(제16조))',
    stage: 'intake',
    assignTo: { role: 'clerk', team: 'case-team' },
    decisions: { 'process-petition': FIND_NEXT, 'decline-petition': FIND_NEXT, 'close-duplicate': FIND_NEXT },
    dueInBusinessDays: 3,
    dueRule: 'petition.screen',
  }),
  ...humanTask(REVIEW_DISCLOSURE, {
    taskType: 'review-disclosure',
    titleKo: '청원심의회: 공개청원 공개 여부 심의 (청원법 제13조①)',
    stage: 'review',
    assignTo: { role: 'secretary' },
    decisions: { 'recommend-disclosure': FIND_NEXT, 'recommend-nondisclosure': FIND_NEXT },
    dueInBusinessDays: 5,
    dueRule: 'petition.disclosure',
    committee: 'petition-review',
  }),
  ...humanTask(DECIDE_DISCLOSURE, {
    taskType: 'decide-disclosure',
    titleKo: '공개 여부 결정 및 청원인 통지 (접수일부터 15일 이내, 청원법 제13조①)',
    stage: 'review',
    assignTo: { role: 'team-lead', team: 'case-team' },
    decisions: { disclose: FIND_NEXT, 'withhold-disclosure': FIND_NEXT },
    dueInBusinessDays: 2,
    dueRule: 'petition.disclosure',
  }),
  [WAIT_FOR_COMMENTS]: {
    Type: 'Wait',
    Comment: '국민 의견 수렴 30일 (청원법 제13조②) — 기간 마지막 날의 다음 날 0시(한국시간)까지',
    TimestampPath: '$.petitionStep.waitUntil',
    Next: COMMENTS_ENDED,
  },
  ...systemStep(COMMENTS_ENDED, {
    fn: 'PetitionCommentPeriodEndedFunctionArn',
    select: { 'closedOn.$': '$.Payload.closedOn' },
    resultPath: '$.commentPeriod',
    next: FIND_NEXT,
  }),
  ...humanTask(REVIEW_PETITION, {
    taskType: 'review-petition',
    titleKo: '청원심의회: 청원 처리 심의 (청원법 제21조①)',
    stage: 'review',
    assignTo: { role: 'secretary' },
    decisions: { 'recommend-acceptance': FIND_NEXT, 'recommend-rejection': FIND_NEXT },
    dueInBusinessDays: 10,
    dueRule: 'petition.decision',
    committee: 'petition-review',
  }),
  ...humanTask(DECIDE_PETITION, {
    taskType: 'decide-petition',
    titleKo: '청원 처리 결정 (채택 / 불채택)',
    stage: 'approval',
    assignTo: { role: 'head' },
    decisions: { 'accept-petition': FIND_NEXT, 'reject-petition': FIND_NEXT },
    dueInBusinessDays: 5,
    dueRule: 'petition.decision',
  }),
  ...humanTask(NOTIFY, {
    taskType: 'notify-petitioner',
    titleKo: '청원인에게 처리결과 통지 (접수 후 90일 이내, 청원법 제21조②)',
    stage: 'disposition',
    assignTo: { role: 'clerk', team: 'case-team' },
    decisions: { 'send-petition-notice': FIND_NEXT },
    dueInBusinessDays: 3,
    dueRule: 'petition.decision',
  }),
  ...humanTask(DECIDE_OBJECTION, {
    taskType: 'decide-objection',
    titleKo: '청원 이의신청 결정 및 통지 (접수일부터 15일 이내, 청원법 제22조②)',
    stage: 'review',
    assignTo: { role: 'head' },
    decisions: { 'uphold-objection': FIND_NEXT, 'dismiss-objection': FIND_NEXT },
    dueInBusinessDays: 10,
    dueRule: 'petition.objection',
  }),
  ...stageChange(CLOSE, 'closed', { end: true }),
  [NO_STEP]: {
    Type: 'Fail',
    Error: 'UnknownPetitionStep',
    Cause: 'The case record named a petition step this workflow does not have.',
  },
  ...invalidDecisionFail,
};

export const petitionDefinition: AslDefinition = {
  Comment:
    '청원: 접수 → 요건 검토 → (공개청원) 청원심의회 공개 여부 심의 → 공개 결정(15일) → 국민 의견 수렴(30일) → 청원심의회 심의 → 처리 결정 → 결과 통지(90일, 1회 60일 연장) → 종결; 이의신청(30일 이내) → 결정(15일)',
  StartAt: 'Start where the case stands',
  // Standard executions live at most a year; longer cases are restarted at their stage.
  TimeoutSeconds: 360 * 24 * 60 * 60,
  States: states,
};
