/**
 * The writes the case page offers besides task decisions (사건 기록), by the case's kind and stage and
 * the person's roles: the API decides in the end. Pure (no React), so a unit test checks them against
 * the API document.
 */
/** What of a case decides its forms (the case view has these; a structural type keeps this file free of the API types). */
export interface CaseFacts {
  kind: string;
  stage: string;
  misconduct?: unknown;
  grievance?: unknown;
}

export type ActionPath =
  | '/cases/{caseId}/notes'
  | '/cases/{caseId}/officials'
  | '/cases/{caseId}/evidence'
  | '/cases/{caseId}/extensions'
  | '/cases/{caseId}/clock-stops'
  | '/cases/{caseId}/suspend'
  | '/cases/{caseId}/resume'
  | '/cases/{caseId}/reconsideration';

export interface Action {
  id: string;
  path: ActionPath;
  title: string;
  button: string;
  /** Korean names of a `oneOf` request's variants, by the discriminator's value. */
  variants?: Record<string, string>;
}

const MANAGERS = ['team-lead', 'head', 'admin'] as const;

/** The 재심의 decisions that reopen a closed audit, by kind of case. */
const RECONSIDERATIONS: Record<string, Record<string, string>> = {
  'self-audit': { 'record-reconsideration-request': '재심의 신청 기록 (공공감사법 제25조)' },
  'audit-received': {
    'file-received-reconsideration': '감사기관에 재심의 신청 (행정감사규정 제20조)',
    'record-ex-officio-reconsideration': '감사기관 직권 재심의 (제21조, 2년 이내)',
  },
};

/** The actions this case takes now, for this person (the API decides in the end). */
export function actionsFor(c: CaseFacts, session: { roles: readonly string[] } | undefined): Action[] {
  const isManager = session?.roles.some((r) => (MANAGERS as readonly string[]).includes(r)) ?? false;
  const actions: Action[] = [{ id: 'note', path: '/cases/{caseId}/notes', title: '메모 추가', button: '메모 저장' }];
  if (c.misconduct)
    actions.push(
      { id: 'evidence', path: '/cases/{caseId}/evidence', title: '증거 추가', button: '증거 기록' },
      { id: 'official', path: '/cases/{caseId}/officials', title: '관련 공무원 추가', button: '추가' },
    );
  if (c.grievance && c.stage !== 'closed') {
    actions.push(
      { id: 'extension', path: '/cases/{caseId}/extensions', title: '처리기간 연장', button: '연장 기록' },
      {
        id: 'clock-stop',
        path: '/cases/{caseId}/clock-stops',
        title: '현장조사 등 (처리기간 정지)',
        button: '기록',
        variants: { start: '시작 (기간 정지)', end: '종료 (기간 재개)' },
      },
    );
  }
  if (c.misconduct && isManager) {
    if (c.stage === 'suspended')
      actions.push({
        id: 'resume',
        path: '/cases/{caseId}/resume',
        title: '징계절차 재개',
        button: '재개',
        variants: { 'end-notice': '조사·수사 종료 통보를 받음', 'office-decision': '통보 전 재개 (재량 정지만)' },
      });
    else if (c.stage !== 'closed')
      actions.push({ id: 'suspend', path: '/cases/{caseId}/suspend', title: '징계절차 정지', button: '정지' });
  }
  // A 재심의 that reaches a closed audit reopens it inside its period (the API refuses after it, naming the day).
  const reconsiderations = c.stage === 'closed' ? RECONSIDERATIONS[c.kind] : undefined;
  if (reconsiderations)
    actions.push({
      id: 'reconsideration',
      path: '/cases/{caseId}/reconsideration',
      title: '재심의 (종결된 감사 다시 열기)',
      button: '재심의 기록',
      variants: reconsiderations,
    });
  return actions;
}
