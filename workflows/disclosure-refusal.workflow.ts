/**
 * 고지거부 심사 (공직자윤리법 제12조④, 시행령 제27조; see shared/kinds/disclosure-refusal/refusal-case.ts):
 *
 *   received (often the 3-yearly re-review the yearly job opens) → the team lead names the reviewer →
 *   the application recorded within its window → the decision on the dependants test within 10 days,
 *   one 10-day extension (a re-review by 30 November) → closed.
 *
 * The next step is read from the case record, so a restarted execution continues where the case stands.
 */
import type { RefusalStep } from '#shared/kinds/disclosure-refusal/refusal-case.ts';
import { DISCLOSURE_REFUSAL_WORKFLOW } from '#shared/kinds/disclosure-refusal/index.ts';
import { alternatingHumanTask, humanTask, kindLifecycle, kindLifecycleStates, type AslDefinition } from './asl.ts';

export { DISCLOSURE_REFUSAL_WORKFLOW };

const { findNext: FIND_NEXT, close: CLOSE } = kindLifecycleStates('the disclosure-refusal review');
const ASSIGN = 'Team lead names the reviewer';
const APPLICATION = 'Reviewer records the application';
// The one extension moves the decision's deadline, reopening the task.
const DECISION = 'Reviewer decides on the dependants test';
const DECISION_EXTENDED = 'Reviewer decides on the dependants test within the extension';

const steps: Record<RefusalStep, string> = {
  assign: ASSIGN,
  application: APPLICATION,
  decision: DECISION,
  close: CLOSE,
};

export const disclosureRefusalDefinition: AslDefinition = kindLifecycle({
  of: 'the disclosure-refusal review',
  comment:
    '고지거부 심사: 접수(재심사 포함) → 담당 지정 → 신청서(시행령 제27조①⑤) → 피부양자 판단·허가 여부 결정 10일(+10, 재심사는 11.30까지) → 종결',
  resultKey: 'disclosureRefusal',
  steps,
  unknownStep: {
    error: 'UnknownDisclosureRefusalStep',
    cause: 'The case record named a disclosure-refusal step this workflow does not have.',
  },
  assign: { state: ASSIGN, titleKo: '고지거부 심사 담당 지정' },
  states: {
    ...humanTask(APPLICATION, {
      taskType: 'disclosure-refusal-application',
      titleKo: '고지거부 (재심사) 신청서 접수 기록 (시행령 제27조①⑤)',
      stage: 'review',
      assignTo: 'case-assignee',
      decisions: { 'record-refusal-application': FIND_NEXT },
      dueInBusinessDays: 3,
      dueRule: 'disclosure-refusal.application',
    }),
    ...alternatingHumanTask([DECISION, DECISION_EXTENDED], (other) => ({
      taskType: 'disclosure-refusal-decision',
      titleKo: '피부양자 판단(시행령 제27조의2) 및 고지거부 허가 여부 결정·통보 (제27조②⑥)',
      stage: 'review',
      assignTo: 'case-assignee',
      decisions: { 'extend-refusal-decision': other, 'decide-refusal': FIND_NEXT },
      dueInBusinessDays: 10,
      dueRule: 'disclosure-refusal.decision',
    })),
  },
});
