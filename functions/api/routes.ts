/**
 * The HTTP API, declared once. The CDK app makes one Lambda per route and an HTTP API route for it
 * (JWT authorizer unless `auth: false`); the local server (infra/local/) routes requests to the same
 * handler modules; the OpenAPI document is built from the same list.
 */
export interface ApiRoute {
  /** API Gateway route key, e.g. `GET /cases/{caseId}`. */
  routeKey: `${'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'} /${string}`;
  /** Function name suffix and a stable id for logs, e.g. `get-case`. */
  name: string;
  /** Module path from the project root; it exports `handler` (middy-wrapped). */
  entry: string;
  /** false only for routes that must answer without a token (health, the OpenAPI document). */
  auth: boolean;
  /** Does the handler write to the table? (least-privilege grants in CDK) */
  writes: boolean;
  summary: string;
}

export const apiRoutes: readonly ApiRoute[] = [
  { routeKey: 'GET /health', name: 'health', entry: 'functions/api/health.handler.ts', auth: false, writes: false, summary: '상태 확인 (health)' },
  { routeKey: 'GET /openapi.json', name: 'openapi', entry: 'functions/api/openapi.handler.ts', auth: false, writes: false, summary: 'OpenAPI 3.1 문서' },
  { routeKey: 'GET /me', name: 'whoami', entry: 'functions/api/whoami.handler.ts', auth: true, writes: false, summary: '내 정보 (who am I)' },
  { routeKey: 'GET /me/cases', name: 'list-my-cases', entry: 'functions/api/list-my-cases.handler.ts', auth: true, writes: false, summary: '내 담당 사건 목록' },
  { routeKey: 'POST /cases', name: 'create-case', entry: 'functions/api/create-case.handler.ts', auth: true, writes: true, summary: '사건 접수 (intake)' },
  // Reading a sealed case records the read in its history, so the read routes write too.
  { routeKey: 'GET /cases/{caseId}', name: 'get-case', entry: 'functions/api/get-case.handler.ts', auth: true, writes: true, summary: '사건 조회 (asOf=YYYY-MM-DD: 그날 기준으로 이력에서 재구성; 비공개 사건 열람은 이력에 기록)' },
  { routeKey: 'PATCH /cases/{caseId}', name: 'update-case', entry: 'functions/api/update-case.handler.ts', auth: true, writes: true, summary: '사건 정보 수정 (낙관적 동시성: expectedVersion)' },
  { routeKey: 'POST /cases/{caseId}/notes', name: 'append-note', entry: 'functions/api/append-note.handler.ts', auth: true, writes: true, summary: '메모 추가' },
  { routeKey: 'GET /deadlines/preview', name: 'preview-deadline', entry: 'functions/api/preview-deadline.handler.ts', auth: true, writes: false, summary: '처리기한 계산기 (법정기간·조문·계산 과정)' },
  { routeKey: 'GET /me/tasks', name: 'list-my-tasks', entry: 'functions/api/list-my-tasks.handler.ts', auth: true, writes: false, summary: '내 처리할 업무 (기한 순)' },
  { routeKey: 'GET /cases/{caseId}/tasks', name: 'list-case-tasks', entry: 'functions/api/list-case-tasks.handler.ts', auth: true, writes: true, summary: '사건의 업무 목록 (비공개 사건 열람은 이력에 기록)' },
  {
    routeKey: 'POST /cases/{caseId}/tasks/{taskId}/complete',
    name: 'complete-task',
    entry: 'functions/api/complete-task.handler.ts',
    auth: true,
    writes: true,
    summary: '업무 완료 (업무 종류별 결정 양식: 배정·제출·처분안·검토·승인·반려·징계의결 요구·의결 결과 등)',
  },
  { routeKey: 'GET /cases/{caseId}/history', name: 'get-case-history', entry: 'functions/api/get-case-history.handler.ts', auth: true, writes: true, summary: '사건 이력 타임라인 (type·actor·from·to 필터)과 해시 체인 검증; 비공개 사건 열람은 이력에 기록' },
  { routeKey: 'GET /cases/{caseId}/verify', name: 'verify-case', entry: 'functions/api/verify-case.handler.ts', auth: true, writes: false, summary: '이력 해시 체인 검증 (처음 끊어진 지점: 순번·사유·기대값·실제값)' },
  { routeKey: 'POST /cases/{caseId}/officials', name: 'add-official', entry: 'functions/api/add-official.handler.ts', auth: true, writes: true, summary: '관련 공무원 추가 (본인 사건 배정·열람 차단)' },
  { routeKey: 'POST /cases/{caseId}/evidence', name: 'add-evidence', entry: 'functions/api/add-evidence.handler.ts', auth: true, writes: true, summary: '증거 참조 추가' },
  { routeKey: 'POST /cases/{caseId}/reassign', name: 'reassign-case', entry: 'functions/api/reassign-case.handler.ts', auth: true, writes: true, summary: '담당자 재배정 (사유 필수, 열린 업무도 이동)' },
  { routeKey: 'POST /cases/{caseId}/suspend', name: 'suspend-case', entry: 'functions/api/suspend-case.handler.ts', auth: true, writes: true, summary: '징계절차 정지 (지방공무원법 제73조)' },
  {
    routeKey: 'POST /cases/{caseId}/resume',
    name: 'resume-case',
    entry: 'functions/api/resume-case.handler.ts',
    auth: true,
    writes: true,
    summary: '징계절차 재개 (종료 통보; 징계시효는 제73조의2②에 따라)',
  },
  { routeKey: 'GET /reports/misconduct', name: 'misconduct-report', entry: 'functions/api/misconduct-report.handler.ts', auth: true, writes: false, summary: '외부기관 통보·내부조사 처리 실적 (징계·불문경고 / 훈계·주의 / 내부종결·시정조치 / 진행)' },
];
