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
  // Fixed paths under /cases come before /cases/{caseId}: the local server takes the first route that matches
  // (API Gateway prefers the most specific one anyway). Exports record who exported what, so they write.
  { routeKey: 'GET /cases/search', name: 'search-cases', entry: 'functions/api/search-cases.handler.ts', auth: true, writes: false, summary: '사건 검색 (종류·단계·결과·담당자·부서·통보기관·접수경로·위원회·접수/종결 기간·기한 경과·제목/사건번호; 정렬·커서 페이지)' },
  { routeKey: 'GET /cases/export', name: 'export-cases', entry: 'functions/api/export-cases.handler.ts', auth: true, writes: true, summary: '검색 결과 내보내기 (format=csv|json, 검색과 같은 필터; 응답당 최대 2,000건, 이어받기 cursor; 내보내기 기록)' },
  { routeKey: 'GET /cases/{caseId}/history/export', name: 'export-case-history', entry: 'functions/api/export-case-history.handler.ts', auth: true, writes: true, summary: '사건 이력 내보내기 (format=csv|json; 사건 이력에 EXPORTED 기록)' },
  { routeKey: 'GET /exports', name: 'list-exports', entry: 'functions/api/export-list.handler.ts', auth: true, writes: false, summary: '내보내기 기록 (월별: 누가 어떤 조건으로 몇 건을 내보냈는지)' },
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
  { routeKey: 'POST /cases/{caseId}/petition/extension', name: 'petition-extension', entry: 'functions/api/petition-extension.handler.ts', auth: true, writes: true, summary: '청원 처리기간 연장 (1회, 60일 이내, 사유·통지일 — 청원법 제21조③)' },
  { routeKey: 'POST /cases/{caseId}/petition/objection', name: 'petition-objection', entry: 'functions/api/petition-objection.handler.ts', auth: true, writes: true, summary: '청원 이의신청 접수 (공개 부적합·처리기간 경과, 30일 이내; 15일 이내 결정 — 청원법 제22조)' },
  { routeKey: 'POST /cases/{caseId}/extensions', name: 'grievance-extension', entry: 'functions/api/grievance-extension.handler.ts', auth: true, writes: true, summary: '고충민원 처리기간 연장 (1회; 두 번째는 민원인 동의 기록 필수 — 시행령 제21조①)' },
  { routeKey: 'POST /cases/{caseId}/clock-stops', name: 'grievance-clock-stop', entry: 'functions/api/grievance-clock-stop.handler.ts', auth: true, writes: true, summary: '고충민원 현장조사 등 기간 시작·종료 (처리기간 정지, 시행령 제17조④⑤)' },
  { routeKey: 'POST /cases/{caseId}/links', name: 'grievance-links', entry: 'functions/api/grievance-links.handler.ts', auth: true, writes: true, summary: '같은 내용의 앞선 고충민원 연결 (반복민원 판단, 민원처리법 제23조)' },
  { routeKey: 'POST /cases/{caseId}/progress-notices', name: 'grievance-progress-notice', entry: 'functions/api/grievance-progress-notice.handler.ts', auth: true, writes: true, summary: '민원인 통지 기록 (처리진행상황 시행령 제23조, 연장 통지 시행령 제21조②)' },
  { routeKey: 'GET /committees', name: 'committee-list', entry: 'functions/api/committee-list.handler.ts', auth: true, writes: false, summary: '위원회 목록 (위원·간사·정족수·개최 주기)' },
  { routeKey: 'PUT /committees/{committee}', name: 'committee-put', entry: 'functions/api/committee-put.handler.ts', auth: true, writes: true, summary: '위원회 등록·수정 (감사담당관·관리자; 수정은 expectedVersion)' },
  { routeKey: 'POST /committees/{committee}/meetings', name: 'committee-schedule-meeting', entry: 'functions/api/committee-schedule-meeting.handler.ts', auth: true, writes: true, summary: '위원회 회의 일정 등록 (간사·감사담당관; 근무일)' },
  { routeKey: 'GET /committees/{committee}/meetings', name: 'committee-list-meetings', entry: 'functions/api/committee-list-meetings.handler.ts', auth: true, writes: false, summary: '위원회 회의 목록 (기간)' },
  { routeKey: 'GET /meetings/{meetingId}', name: 'committee-get-meeting', entry: 'functions/api/committee-get-meeting.handler.ts', auth: true, writes: false, summary: '회의 조회 (안건: 위원회를 기다리는 사건, 개최 후 확정; 출석·정족수·제척·의결)' },
  { routeKey: 'POST /meetings/{meetingId}/attendance', name: 'committee-record-attendance', entry: 'functions/api/committee-record-attendance.handler.ts', auth: true, writes: true, summary: '출석 기록 (간사; 처음 기록하면 회의 개최·안건 확정)' },
  { routeKey: 'POST /meetings/{meetingId}/reschedule', name: 'committee-reschedule-meeting', entry: 'functions/api/committee-reschedule-meeting.handler.ts', auth: true, writes: true, summary: '회의 일정 변경 (간사·감사담당관; 개최 전, 근무일, 사유·expectedVersion)' },
  { routeKey: 'POST /meetings/{meetingId}/cancel', name: 'committee-cancel-meeting', entry: 'functions/api/committee-cancel-meeting.handler.ts', auth: true, writes: true, summary: '회의 취소 (간사·감사담당관; 개최 전, 사유·expectedVersion — 안내 메일·실적에서 제외)' },
  { routeKey: 'POST /meetings/{meetingId}/recusals', name: 'committee-record-recusal', entry: 'functions/api/committee-record-recusal.handler.ts', auth: true, writes: true, summary: '제척·회피 기록 (사유 필수)' },
  {
    routeKey: 'POST /meetings/{meetingId}/items/{taskId}/decision',
    name: 'committee-record-decision',
    entry: 'functions/api/committee-record-decision.handler.ts',
    auth: true,
    writes: true,
    summary: '안건 표결·의결 기록 (간사; 정족수 확인, 사건 업무 완료·회의록 이력 기록, 업무흐름 재개)',
  },
  { routeKey: 'GET /reports/misconduct', name: 'misconduct-report', entry: 'functions/api/misconduct-report.handler.ts', auth: true, writes: false, summary: '외부기관 통보·내부조사 처리 실적 (징계·불문경고 / 훈계·주의 / 내부종결·시정조치 / 진행)' },
  { routeKey: 'GET /reports/office', name: 'office-report', entry: 'functions/api/office-report.handler.ts', auth: true, writes: false, summary: '주요업무 추진실적 보고서 (기간별 표; format=json|md|html)' },
  { routeKey: 'POST /reports/office', name: 'office-report-freeze', entry: 'functions/api/office-report-freeze.handler.ts', auth: true, writes: true, summary: '보고서 확정 (데이터 해시와 함께 저장; Idempotency-Key)' },
  { routeKey: 'GET /reports/office/{reportId}', name: 'office-report-get', entry: 'functions/api/office-report-get.handler.ts', auth: true, writes: false, summary: '확정 보고서 조회 (format=json|md|html)' },
  { routeKey: 'GET /reports/office/{reportId}/check', name: 'office-report-check', entry: 'functions/api/office-report-check.handler.ts', auth: true, writes: false, summary: '확정 보고서 재검증 (지금 데이터와 표별 비교)' },
  { routeKey: 'GET /mail/failures', name: 'mail-failures', entry: 'functions/api/mail-failures-list.handler.ts', auth: true, writes: false, summary: '전달되지 않은 메일 (최근 실패: 수신자·종류·영구/일시·사건번호; 발송 중지 주소) — 감사담당관·관리자' },
  { routeKey: 'POST /mail/suppressions/lift', name: 'mail-suppression-lift', entry: 'functions/api/mail-suppression-lift.handler.ts', auth: true, writes: true, summary: '메일 발송 중지 해제 (관리자; 다음 발송 때 보류된 알림 발송; Idempotency-Key)' },
];
