/**
 * 자체감사 (self-audits), from 공공감사에 관한 법률 and its 시행령 (see
 * shared/kinds/self-audit/self-audit.ts for the rules and articles):
 *
 *   plan received → the team lead names the lead auditor → the plan notified to the audited
 *   departments 7 days before the start (시행령 제12조①) → fieldwork and its end (the 60 days of
 *   법 제23조① start) → the result drafted → the head approves it, which notifies it (or returns it)
 *   → follow-up: notices upward, reconsiderations (법 제25조), disclosure (법 제26조), the 이행결과
 *   upward (법 제23조③), each finding's follow-up through the findings API → closed.
 *
 * Which step comes next is read from the case record, so a restarted execution continues where the
 * case stands. Findings are not tasks: they are recorded through their own routes while the audit
 * is open, and the follow-up task's due date follows the earliest follow-up still owed.
 */
import type { SelfAuditStep } from '#shared/kinds/self-audit/self-audit.ts';
import { SELF_AUDIT_WORKFLOW } from '#shared/kinds/self-audit/index.ts';
import { alternatingHumanTask, humanTask, kindLifecycle, kindLifecycleStates, type AslDefinition } from './asl.ts';

export { SELF_AUDIT_WORKFLOW };

const { findNext: FIND_NEXT, close: CLOSE } = kindLifecycleStates('the self-audit');
const ASSIGN = 'Team lead names the lead auditor';
const NOTICE = 'Lead auditor notifies the plan to the audited departments';
const FIELDWORK = 'Audit team carries out the fieldwork';
const RESULT = 'Lead auditor drafts the result';
const APPROVE = 'Head of office approves and notifies the result';
// Every follow-up decision but closing keeps the follow-up open.
const FOLLOW_UP = 'Lead auditor follows up the result';
const FOLLOW_UP_AGAIN = 'Lead auditor continues the follow-up';

const steps: Record<SelfAuditStep, string> = {
  assign: ASSIGN,
  notice: NOTICE,
  fieldwork: FIELDWORK,
  result: RESULT,
  approve: APPROVE,
  'follow-up': FOLLOW_UP,
  close: CLOSE,
};

export const selfAuditDefinition: AslDefinition = kindLifecycle({
  of: 'the self-audit',
  comment:
    '자체감사: 계획 → 책임 감사관 지정 → 감사계획 통보(7일 전) → 감사 실시·종료(60일 기산) → 결과 작성 → 결재·통보 → 상급기관 통보·재심의·이행·공개 → 종결',
  resultKey: 'selfAudit',
  steps,
  unknownStep: {
    error: 'UnknownSelfAuditStep',
    cause: 'The case record named a self-audit step this workflow does not have.',
  },
  assign: { state: ASSIGN, titleKo: '자체감사 책임 감사관 지정' },
  states: {
    ...humanTask(NOTICE, {
      taskType: 'self-audit-notice',
      titleKo: '감사계획 대상 부서 통보 — 감사예정일 7일 전까지 (시행령 제12조①)',
      stage: 'investigation',
      assignTo: 'case-assignee',
      decisions: { 'record-audit-notice': FIND_NEXT },
      dueInBusinessDays: 5,
      dueRule: 'self-audit.notice',
    }),
    ...humanTask(FIELDWORK, {
      taskType: 'self-audit-fieldwork',
      titleKo: '감사 실시 (지적사항 기록) 및 종료일 기록 — 종료일부터 결과 통보 60일 (법 제23조①)',
      stage: 'investigation',
      assignTo: 'case-assignee',
      decisions: { 'record-fieldwork': FIND_NEXT },
      dueInBusinessDays: 20,
      dueRule: 'self-audit.fieldwork',
    }),
    ...humanTask(RESULT, {
      taskType: 'self-audit-result',
      titleKo: '감사결과 작성 (지적사항 확정)',
      stage: 'review',
      assignTo: 'case-assignee',
      decisions: { 'propose-result': FIND_NEXT },
      dueInBusinessDays: 20,
      dueRule: 'self-audit.result',
    }),
    ...humanTask(APPROVE, {
      taskType: 'approve',
      titleKo: '감사결과 결재 — 승인 시 대상 부서에 통보 (법 제23조①)',
      stage: 'approval',
      assignTo: { role: 'head' },
      decisions: { approve: FIND_NEXT, return: FIND_NEXT },
      dueInBusinessDays: 5,
      dueRule: 'self-audit.result',
    }),
    ...alternatingHumanTask([FOLLOW_UP, FOLLOW_UP_AGAIN], (again) => ({
      taskType: 'self-audit-follow-up',
      titleKo: '감사결과 후속 조치: 상급기관 통보·재심의·이행·공개 결정 (법 제23조·제25조·제26조)',
      stage: 'disposition',
      assignTo: 'case-assignee',
      decisions: {
        'record-upward-notice': again,
        'record-reconsideration-request': again,
        'decide-reconsideration': again,
        'decide-disclosure': again,
        'report-follow-up-upward': again,
        'close-self-audit': FIND_NEXT,
      },
      dueInBusinessDays: 40,
      dueRule: 'self-audit.follow-up',
    })),
  },
});
