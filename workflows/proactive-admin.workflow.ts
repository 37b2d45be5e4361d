/**
 * 적극행정 면책·사전컨설팅 (감사팀), from 공공감사법 시행령 제13조의3·제13조의4 and 지방공무원 적극행정
 * 운영규정 (see shared/kinds/proactive-admin/proactive-admin.ts for the rules and articles):
 *
 *   request (an exemption after a self-audit, or a pre-consultation) → the team lead names the
 *   auditor → the requirements checked (exemption) or the opinion drafted (pre-consultation), with
 *   the 적극행정위원회's advice when asked (the chair's request answered in 10 days, one 10-day
 *   extension) → the head decides (approves) or returns → the notices → for a pre-consultation, what
 *   the department then did → closed.
 *
 * Which step comes next is read from the case record, so a restarted execution continues where the
 * case stands.
 */
import type { ProactiveAdminStep } from '#shared/kinds/proactive-admin/proactive-admin.ts';
import { PROACTIVE_ADMIN_WORKFLOW } from '#shared/kinds/proactive-admin/index.ts';
import { alternatingHumanTask, humanTask, kindLifecycle, kindLifecycleStates, type AslDefinition } from './asl.ts';

export { PROACTIVE_ADMIN_WORKFLOW };

const { findNext: FIND_NEXT, close: CLOSE } = kindLifecycleStates('the proactive-administration case');
const ASSIGN = 'Team lead names the auditor';
const REVIEW = 'Auditor checks the requirements or drafts the opinion';
// The chair's request and the extension each move the reply's deadline, reopening the committee task.
const COMMITTEE = 'Auditor follows the committee’s advice';
const COMMITTEE_AGAIN = 'Auditor follows the committee’s advice with its new deadline';
const APPROVE = 'Head of office decides';
const NOTICE = 'Auditor records the notices';
const OUTCOME = 'Auditor records what the department then did';

const steps: Record<ProactiveAdminStep, string> = {
  assign: ASSIGN,
  review: REVIEW,
  committee: COMMITTEE,
  approve: APPROVE,
  notice: NOTICE,
  outcome: OUTCOME,
  close: CLOSE,
};

export const proactiveAdminDefinition: AslDefinition = kindLifecycle({
  of: 'the proactive-administration case',
  comment:
    '적극행정 면책·사전컨설팅: 신청 → 담당 지정 → 요건 검토·의견(위원회 자문 10+10일) → 결정(결재) → 통보 → (사전컨설팅) 처리 결과 → 종결',
  resultKey: 'proactiveAdmin',
  steps,
  unknownStep: {
    error: 'UnknownProactiveAdminStep',
    cause: 'The case record named a proactive-administration step this workflow does not have.',
  },
  assign: { state: ASSIGN, titleKo: '적극행정 면책·사전컨설팅 담당 감사관 지정' },
  states: {
    ...humanTask(REVIEW, {
      taskType: 'proactive-admin-review',
      titleKo: '면책 요건 검토(시행령 제13조의3) 또는 사전컨설팅 의견 작성(운영규정 제5조)',
      stage: 'review',
      assignTo: 'case-assignee',
      decisions: {
        'refer-to-committee': FIND_NEXT,
        'propose-exemption': FIND_NEXT,
        'propose-consulting-opinion': FIND_NEXT,
      },
      dueInBusinessDays: 20,
      dueRule: 'proactive-admin.review',
    }),
    ...alternatingHumanTask([COMMITTEE, COMMITTEE_AGAIN], (other) => ({
      taskType: 'proactive-admin-committee',
      titleKo: '적극행정위원회 자문 — 위원장 의견 요구 시 10일 이내 회신, 1회 연장 (운영규정 제11조⑦)',
      stage: 'review',
      assignTo: 'case-assignee',
      decisions: {
        'record-chair-request': other,
        'extend-committee-reply': other,
        'record-committee-advice': FIND_NEXT,
      },
      dueInBusinessDays: 10,
      dueRule: 'proactive-admin.committee-reply',
    })),
    ...humanTask(APPROVE, {
      taskType: 'approve',
      titleKo: '면책 결정·사전컨설팅 의견 결재 (시행령 제13조의4②)',
      stage: 'approval',
      assignTo: { role: 'head' },
      decisions: { approve: FIND_NEXT, return: FIND_NEXT },
      dueInBusinessDays: 2,
      dueRule: 'proactive-admin.review',
    }),
    ...humanTask(NOTICE, {
      taskType: 'proactive-admin-notice',
      titleKo: '결정·의견 통보 — 대상기관장과 신청인에게 지체 없이 (시행령 제13조의4④)',
      stage: 'disposition',
      assignTo: 'case-assignee',
      decisions: { 'record-notice': FIND_NEXT },
      dueInBusinessDays: 3,
      dueRule: 'proactive-admin.notice',
    }),
    ...humanTask(OUTCOME, {
      taskType: 'proactive-admin-outcome',
      titleKo: '사전컨설팅 이후 부서의 처리 결과 확인 (운영규정 제15조④)',
      stage: 'disposition',
      assignTo: 'case-assignee',
      decisions: { 'record-outcome': FIND_NEXT },
      dueInBusinessDays: 60,
      dueRule: 'proactive-admin.outcome',
    }),
  },
});
