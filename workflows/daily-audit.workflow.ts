/**
 * 일상감사 (daily audits, 감사팀), from 공공감사법 시행령 제13조·제13조의2 (see
 * shared/kinds/daily-audit/daily-audit.ts for the rules and articles):
 *
 *   request (before the department acts) → the team lead names the auditor → document review, on
 *   site when needed, and the opinion (적정 / 개선 / 위법·부당) → the head of the audit office approves
 *   it, which notifies it to the department (제13조③), or returns it → the department's action
 *   result and its report to the approver (제13조④) → closed.
 *
 * Which step comes next is read from the case record, so a restarted execution continues where the
 * case stands. No step's time is law: the due rules are settings ("구 규칙 확인 필요").
 */
import type { DailyAuditStep } from '#shared/kinds/daily-audit/daily-audit.ts';
import { DAILY_AUDIT_WORKFLOW } from '#shared/kinds/daily-audit/index.ts';
import { alternatingHumanTask, humanTask, kindLifecycle, kindLifecycleStates, type AslDefinition } from './asl.ts';

export { DAILY_AUDIT_WORKFLOW };

const { findNext: FIND_NEXT, close: CLOSE } = kindLifecycleStates('the daily audit');
const ASSIGN = 'Team lead names the auditor';
// An on-site check keeps the review open.
const REVIEW = 'Auditor reviews the documents and drafts an opinion';
const REVIEW_AGAIN = 'Auditor continues the review';
const APPROVE = 'Head of office approves and notifies the opinion';
const ACTION = 'Auditor records the department’s action';

const steps: Record<DailyAuditStep, string> = {
  assign: ASSIGN,
  review: REVIEW,
  approve: APPROVE,
  'action-result': ACTION,
  close: CLOSE,
};

export const dailyAuditDefinition: AslDefinition = kindLifecycle({
  of: 'the daily audit',
  comment:
    '일상감사: 의뢰 → 담당 지정 → 서류 검토·실지감사·감사의견 → 결재·통보(제13조③) → 조치결과·결재권자 보고(제13조④) → 종결',
  resultKey: 'dailyAudit',
  steps,
  unknownStep: {
    error: 'UnknownDailyAuditStep',
    cause: 'The case record named a daily-audit step this workflow does not have.',
  },
  assign: { state: ASSIGN, titleKo: '일상감사 담당 감사관 지정' },
  states: {
    ...alternatingHumanTask([REVIEW, REVIEW_AGAIN], (afterOnSiteCheck) => ({
      taskType: 'daily-audit-review',
      titleKo: '제출 서류 검토(필요 시 실지감사) 및 감사의견 작성 (시행령 제13조①)',
      stage: 'review',
      assignTo: 'case-assignee',
      decisions: { 'record-onsite-check': afterOnSiteCheck, 'propose-opinion': FIND_NEXT },
      dueInBusinessDays: 7,
      dueRule: 'daily-audit.review',
    })),
    ...humanTask(APPROVE, {
      taskType: 'approve',
      titleKo: '일상감사 의견 결재 — 승인 시 집행부서에 통보 (시행령 제13조③)',
      stage: 'approval',
      assignTo: { role: 'head' },
      decisions: { approve: FIND_NEXT, return: FIND_NEXT },
      dueInBusinessDays: 2,
      dueRule: 'daily-audit.review',
    }),
    ...humanTask(ACTION, {
      taskType: 'daily-audit-action-result',
      titleKo: '집행부서 조치결과 및 결재권자 보고 확인 (시행령 제13조④)',
      stage: 'disposition',
      assignTo: 'case-assignee',
      decisions: { 'record-action-result': FIND_NEXT },
      dueInBusinessDays: 20,
      dueRule: 'daily-audit.action-result',
    }),
  },
});
