/**
 * 자치법규 인권영향평가 (see shared/kinds/human-rights-assessment/human-rights.ts):
 *
 *   request with the legislative notice date → the team lead names the officer → the department's
 *   self-check list → the assessment on the four criteria: 원안 동의 (closed) or 개선 권고 with the
 *   articles concerned → the department's acceptance or its reasons for refusing → closed.
 *
 * The next step is read from the case record (restart-safe). The due dates count back from the
 * legislative notice date by settings ("구 규칙 확인 필요").
 */
import type { HumanRightsStep } from '#shared/kinds/human-rights-assessment/human-rights.ts';
import { HUMAN_RIGHTS_WORKFLOW } from '#shared/kinds/human-rights-assessment/index.ts';
import { humanTask, kindLifecycle, kindLifecycleStates, type AslDefinition } from './asl.ts';

export { HUMAN_RIGHTS_WORKFLOW };

const { findNext: FIND_NEXT, close: CLOSE } = kindLifecycleStates('the assessment');
const ASSIGN = 'Team lead names the assessment officer';
const SELF_CHECK = 'Officer receives the department self-check list';
const ASSESS = 'Officer assesses the draft on the four criteria';
const RESPONSE = 'Officer records the department response';

const steps: Record<HumanRightsStep, string> = {
  assign: ASSIGN,
  'self-check': SELF_CHECK,
  assess: ASSESS,
  response: RESPONSE,
  close: CLOSE,
};

export const humanRightsDefinition: AslDefinition = kindLifecycle({
  of: 'the assessment',
  comment:
    '자치법규 인권영향평가: 요청(입법예고일) → 담당 지정 → 자체점검표 → 4개 기준 평가: 원안 동의 / 개선 권고(조항) → 부서 수용·불수용 사유 → 종결',
  resultKey: 'humanRights',
  steps,
  unknownStep: {
    error: 'UnknownHumanRightsStep',
    cause: 'The case record named an assessment step this workflow does not have.',
  },
  assign: { state: ASSIGN, titleKo: '인권영향평가 담당 지정' },
  states: {
    ...humanTask(SELF_CHECK, {
      taskType: 'human-rights-self-check',
      titleKo: '소관부서 자체점검표 접수',
      stage: 'review',
      assignTo: 'case-assignee',
      decisions: { 'record-self-check': FIND_NEXT },
      dueInBusinessDays: 5,
      dueRule: 'human-rights.assessment',
    }),
    ...humanTask(ASSESS, {
      taskType: 'human-rights-assessment',
      titleKo: '인권영향평가 (인권 보장·구제수단·참여권·인권증진) 및 검토의견: 원안 동의 / 개선 권고',
      stage: 'review',
      assignTo: 'case-assignee',
      decisions: { 'propose-assessment': FIND_NEXT },
      dueInBusinessDays: 5,
      dueRule: 'human-rights.assessment',
    }),
    ...humanTask(RESPONSE, {
      taskType: 'human-rights-response',
      titleKo: '소관부서 개선권고 수용 여부·불수용 사유 회신',
      stage: 'disposition',
      assignTo: 'case-assignee',
      decisions: { 'record-department-response': FIND_NEXT },
      dueInBusinessDays: 5,
      dueRule: 'human-rights.response',
    }),
  },
});
