/**
 * 외부기관 감사 수감 (audits received from the city or a ministry), from 지방자치단체에 대한
 * 행정감사규정 (see shared/kinds/audit-received/audit-received.ts for the rules and articles):
 *
 *   audit received → the team lead names the auditor in charge → the result arrives: its demands
 *   recorded as findings and the day of receipt → follow-up: the 경고 published (10 days), 재심의
 *   (1 month / 2 months), the personnel committee's resolutions (a lighter one than a requested
 *   중징계 reported before it is carried out), each demand's 이행 through the findings API (60 days),
 *   the 이행결과 sent → closed.
 *
 * Which step comes next is read from the case record, so a restarted execution continues where the
 * case stands.
 */
import type { AuditReceivedStep } from '#shared/kinds/audit-received/audit-received.ts';
import { AUDIT_RECEIVED_WORKFLOW } from '#shared/kinds/audit-received/index.ts';
import { alternatingHumanTask, humanTask, kindLifecycle, kindLifecycleStates, type AslDefinition } from './asl.ts';

export { AUDIT_RECEIVED_WORKFLOW };

const { findNext: FIND_NEXT, close: CLOSE } = kindLifecycleStates('the audit received');
const ASSIGN = 'Team lead names the auditor in charge';
const RESULT = 'Auditor records the result and its demands';
// Every follow-up decision but closing keeps the follow-up open.
const FOLLOW_UP = 'Auditor follows up the demands';
const FOLLOW_UP_AGAIN = 'Auditor continues the follow-up';

const steps: Record<AuditReceivedStep, string> = {
  assign: ASSIGN,
  result: RESULT,
  'follow-up': FOLLOW_UP,
  close: CLOSE,
};

export const auditReceivedDefinition: AslDefinition = kindLifecycle({
  of: 'the audit received',
  comment:
    '외부기관 감사 수감: 접수 → 담당 지정 → 감사결과 수령(처분요구 기록) → 경고 공개(10일)·재심의(1개월/2개월)·징계 의결 통보·이행(60일) → 이행결과 통보 → 종결',
  resultKey: 'auditReceived',
  steps,
  unknownStep: {
    error: 'UnknownAuditReceivedStep',
    cause: 'The case record named an audit-received step this workflow does not have.',
  },
  assign: { state: ASSIGN, titleKo: '외부기관 감사 수감 담당 지정' },
  states: {
    ...humanTask(RESULT, {
      taskType: 'audit-received-result',
      titleKo: '감사결과 수령 — 처분요구(지적사항)를 기록하고 수령일 입력 (행정감사규정 제18조)',
      stage: 'investigation',
      assignTo: 'case-assignee',
      decisions: { 'record-received-result': FIND_NEXT },
      dueInBusinessDays: 40,
    }),
    ...alternatingHumanTask([FOLLOW_UP, FOLLOW_UP_AGAIN], (again) => ({
      taskType: 'audit-received-follow-up',
      titleKo: '처분요구 후속 조치: 경고 공개·재심의·징계 의결 통보·이행 (행정감사규정 제18조·제20조)',
      stage: 'disposition',
      assignTo: 'case-assignee',
      decisions: {
        'record-warning-publication': again,
        'file-received-reconsideration': again,
        'record-received-reconsideration-result': again,
        'record-ex-officio-reconsideration': again,
        'record-discipline-resolution': again,
        'report-received-follow-up': again,
        'close-audit-received': FIND_NEXT,
      },
      dueInBusinessDays: 40,
      dueRule: 'audit-received.follow-up',
    })),
  },
});
