/**
 * 납세자보호관 (taxpayer advocate), from 지방세기본법 시행령 제51조의2 (see
 * shared/kinds/taxpayer-consultation/taxpayer.ts):
 *
 *   consultation / 고충민원 / 권리보호요청 → the team lead names the advocate's officer → the review,
 *   in which each of the advocate's requests (시정요구, 세무조사 중지, 처분절차 일시중지, 담당자 교체·징계)
 *   waits for the tax department's reply → the result notified to the taxpayer → closed.
 *
 * The next step is read from the case record (restart-safe). The clocks are settings ("구 규칙 확인 필요").
 */
import type { TaxpayerStep } from '#shared/kinds/taxpayer-consultation/taxpayer.ts';
import { TAXPAYER_WORKFLOW } from '#shared/kinds/taxpayer-consultation/index.ts';
import { humanTask, kindLifecycle, kindLifecycleStates, type AslDefinition } from './asl.ts';

export { TAXPAYER_WORKFLOW };

const { findNext: FIND_NEXT, close: CLOSE } = kindLifecycleStates('the taxpayer-advocate case');
const ASSIGN = 'Team lead names the advocate officer';
const REVIEW = 'Advocate reviews the case';
const REPLY = 'Advocate records the tax department reply';

const steps: Record<TaxpayerStep, string> = {
  assign: ASSIGN,
  review: REVIEW,
  'department-reply': REPLY,
  close: CLOSE,
};

export const taxpayerDefinition: AslDefinition = kindLifecycle({
  of: 'the taxpayer-advocate case',
  comment:
    '납세자보호관: 접수(상담·고충민원·권리보호요청) → 담당 지정 → 검토·요구(제51조의2②) ⇄ 세무부서 회신 → 결과 통지 → 종결',
  resultKey: 'taxpayer',
  steps,
  unknownStep: {
    error: 'UnknownTaxpayerStep',
    cause: 'The case record named a taxpayer-advocate step this workflow does not have.',
  },
  assign: { state: ASSIGN, titleKo: '납세자보호관 사건 담당 지정' },
  states: {
    ...humanTask(REVIEW, {
      taskType: 'taxpayer-review',
      titleKo: '납세자 요청 검토 — 세무부서 요구(시행령 제51조의2②) 또는 결과 통지',
      stage: 'review',
      assignTo: 'case-assignee',
      decisions: { 'request-correction': FIND_NEXT, 'notify-taxpayer': FIND_NEXT },
      dueInBusinessDays: 7,
      dueRule: 'taxpayer.answer',
    }),
    ...humanTask(REPLY, {
      taskType: 'taxpayer-department-reply',
      titleKo: '세무부서 회신 확인·기록',
      stage: 'review',
      assignTo: 'case-assignee',
      decisions: { 'record-department-reply': FIND_NEXT },
      dueInBusinessDays: 7,
      dueRule: 'taxpayer.department-reply',
    }),
  },
});
