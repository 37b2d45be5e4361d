/**
 * 순찰 지적사항 (see shared/kinds/patrol-finding/patrol-finding.ts):
 *
 *   found on a patrol or reported by a 우리동네살피미 → the team lead names the officer → the
 *   department asked to correct it, with before-photos and a due date (or closed at once) → the
 *   department's correction report with after-photos, or more time → the officer re-checks on site:
 *   resolved (closed), or the department is asked again with a new date.
 *
 * The next step is read from the case record (restart-safe). No date here is law: the due rules are
 * settings ("구 규칙 확인 필요").
 */
import type { PatrolFindingStep } from '#shared/kinds/patrol-finding/patrol-finding.ts';
import { PATROL_FINDING_WORKFLOW } from '#shared/kinds/patrol-finding/index.ts';
import { alternatingHumanTask, humanTask, kindLifecycle, kindLifecycleStates, type AslDefinition } from './asl.ts';

export { PATROL_FINDING_WORKFLOW };

const { findNext: FIND_NEXT, close: CLOSE } = kindLifecycleStates('the patrol finding');
const ASSIGN = 'Team lead names the patrol officer';
const REQUEST = 'Officer asks the department to correct the finding';
// An extension keeps the department's task open with its new date.
const CORRECTION = 'Officer awaits the correction report';
const CORRECTION_EXTENDED = 'Officer awaits the correction report by the new date';
const RECHECK = 'Officer re-checks the place';

const steps: Record<PatrolFindingStep, string> = {
  assign: ASSIGN,
  request: REQUEST,
  correction: CORRECTION,
  recheck: RECHECK,
  close: CLOSE,
};

export const patrolFindingDefinition: AslDefinition = kindLifecycle({
  of: 'the patrol finding',
  comment:
    '순찰 지적사항: 적출(상시·기획·간부 순찰, 살피미 신고) → 담당 지정 → 부서 개선·조치 요구(조치 전 사진, 기한) → 조치 결과 보고(조치 후 사진)·기한 연장 → 현장 재확인: 해결 종결 / 재요구',
  resultKey: 'patrolFinding',
  steps,
  unknownStep: {
    error: 'UnknownPatrolFindingStep',
    cause: 'The case record named a patrol-finding step this workflow does not have.',
  },
  assign: { state: ASSIGN, titleKo: '순찰 지적사항 담당 지정' },
  states: {
    ...humanTask(REQUEST, {
      taskType: 'patrol-finding-request',
      titleKo: '해당 부서에 개선·조치 요구 (조치 전 사진·조치 기한) 또는 요구 없이 종결',
      stage: 'investigation',
      assignTo: 'case-assignee',
      decisions: { 'request-fix': FIND_NEXT, 'close-without-request': FIND_NEXT },
      dueInBusinessDays: 2,
      dueRule: 'patrol-finding.request',
    }),
    ...alternatingHumanTask([CORRECTION, CORRECTION_EXTENDED], (other) => ({
      taskType: 'patrol-finding-correction',
      titleKo: '부서 조치 결과 보고 접수 (조치 후 사진) — 기한 연장 요청 시 새 기한',
      stage: 'disposition',
      assignTo: 'case-assignee',
      decisions: { 'extend-correction': other, 'record-correction-report': FIND_NEXT },
      dueInBusinessDays: 10,
      dueRule: 'patrol-finding.correction',
    })),
    ...humanTask(RECHECK, {
      taskType: 'patrol-finding-recheck',
      titleKo: '현장 재확인 — 해결 시 종결, 미해결 시 새 기한으로 재요구',
      stage: 'disposition',
      assignTo: 'case-assignee',
      decisions: { 'record-recheck': FIND_NEXT },
      dueInBusinessDays: 3,
      dueRule: 'patrol-finding.recheck',
    }),
  },
});
