/**
 * Grievance complaints (고충민원, 민원관리팀), from the 민원처리법 and its 시행령 (docs/legal-basis.md#grievances):
 *
 *   intake → the complaints team lead triages it to the handling department and person
 *     (민원실 → 처리주무부서, 시행령 제13조①) → the handling person answers within the statutory
 *     period (7 days, 시행령 제17조①, moved by extensions and field-investigation clock stops) →
 *     closed with the answer;
 *   a re-filed grievance is first investigated by the audit office (감사부서 — the investigation
 *     team here, 시행령 제17조②), then answered;
 *   a complaint linked to ≥3 identical earlier filings with ≥2 answers may be closed as 반복민원
 *     (민원처리법 제23조①) instead of answered; for a 다수인관련민원 that closure needs the
 *     민원조정위원회 (시행령 제26조): its step waits on the committee's agenda, and a refusal sends
 *     the complaint back to be answered.
 *
 * Which step comes next is read from the case record ("Find the next step …"), so a restarted
 * execution — after a crash, a workflow move, Standard's one-year limit — continues where it stands.
 */
import {
  humanTask,
  invalidDecisionFail,
  stageChange,
  startAtStage,
  type AslDefinition,
  type AslState,
  routeByNextStep,
} from './asl.ts';
import type { GrievanceNextStep } from '#shared/kinds/grievance/grievance.ts';

export const GRIEVANCE_WORKFLOW = 'grievance';

const TRIAGE = 'Team lead triages to the handling department and person';
const FIND_NEXT = 'Find the next step of the grievance';
const ROUTE_NEXT = 'Go to the next step of the grievance';
const AUDIT = 'Audit office investigates the re-filed grievance';
const ANSWER = 'Handling person answers the complainant';
const MEDIATION = 'Mediation committee decides the repeated closure';
const CLOSE = 'Close the grievance';
const NO_STEP = 'Stop: the grievance has no such step';

const steps: Record<GrievanceNextStep, string> = {
  'audit-investigation': AUDIT,
  answer: ANSWER,
  mediation: MEDIATION,
  close: CLOSE,
};

const states: Record<string, AslState> = {
  ...startAtStage(
    { intake: TRIAGE, assignment: TRIAGE, investigation: FIND_NEXT, review: FIND_NEXT, disposition: FIND_NEXT },
    TRIAGE,
  ),
  ...humanTask(TRIAGE, {
    taskType: 'grievance-triage',
    titleKo: '고충민원 처리부서·담당자 지정 (재제출이면 감사부서 조사)',
    stage: 'assignment',
    assignTo: { role: 'team-lead', team: 'case-team' },
    decisions: { triage: FIND_NEXT },
    dueInBusinessDays: 1,
    dueRule: 'grievance.triage',
  }),
  ...routeByNextStep({
    find: FIND_NEXT,
    route: ROUTE_NEXT,
    fn: 'GrievanceNextStepFunctionArn',
    resultKey: 'grievance',
    steps,
    unknownStep: {
      state: NO_STEP,
      error: 'UnknownGrievanceStep',
      cause: 'The case record named a grievance step this workflow does not have.',
    },
  }),
  ...humanTask(AUDIT, {
    taskType: 'grievance-audit',
    titleKo: '재제출 고충민원 감사부서 조사 (시행령 제17조②)',
    stage: 'investigation',
    assignTo: { role: 'investigator', team: 'investigation' },
    decisions: { submit: FIND_NEXT },
    dueInBusinessDays: 7,
    dueRule: 'grievance.answer',
  }),
  ...humanTask(ANSWER, {
    taskType: 'grievance-answer',
    titleKo: '고충민원 답변 (처리기간 7일, 시행령 제17조①) 또는 반복민원 종결',
    stage: 'disposition',
    assignTo: 'case-assignee',
    decisions: { answer: FIND_NEXT, 'close-as-repeated': FIND_NEXT },
    dueInBusinessDays: 7,
    dueRule: 'grievance.answer',
  }),
  ...humanTask(MEDIATION, {
    taskType: 'grievance-mediation',
    titleKo: '반복 다수인관련민원 종결 심의 (민원조정위원회, 시행령 제26조)',
    stage: 'review',
    assignTo: { role: 'secretary' },
    decisions: { 'approve-closure': FIND_NEXT, 'reject-closure': FIND_NEXT },
    dueInBusinessDays: 30,
    committee: 'mediation',
  }),
  ...stageChange(CLOSE, 'closed', { end: true }),
  ...invalidDecisionFail,
};

export const grievanceDefinition: AslDefinition = {
  Comment:
    '고충민원: 접수 → 처리부서·담당자 지정 → (재제출: 감사부서 조사) → 답변(7일, 연장·현장조사 정지) → 종결; 반복민원 종결(다수인: 민원조정위원회)',
  StartAt: 'Start where the case stands',
  // Standard executions live at most a year; longer cases are restarted at their stage.
  TimeoutSeconds: 360 * 24 * 60 * 60,
  States: states,
};
