/**
 * The HTTP API, declared once. The CDK app makes one Lambda per route and an HTTP API route for it
 * (JWT authorizer unless `auth: false`); the local server (infra/local/) routes requests to the same
 * handler modules; the OpenAPI document is built from the same list.
 *
 * A route's handler is `functions/api/<name>.handler.ts`, and it names its route
 * (`apiHandler(apiRoute('get-case'), …)`); functions/api/handler-modules.ts maps every route name to
 * that module, checked by the typecheck. The idempotency `op` of a write is the route's name.
 */
export type ApiTag =
  | 'system'
  | 'me'
  | 'cases'
  | 'tasks'
  | 'history'
  | 'search'
  | 'deadlines'
  | 'discipline'
  | 'petitions'
  | 'grievances'
  | 'audits'
  | 'ethics'
  | 'committees'
  | 'reports'
  | 'mail'
  | 'staff'
  | 'identity'
  | 'field-complaints';

/** OpenAPI tags: one per area of the office's work. */
export const API_TAGS: Record<ApiTag, string> = {
  system: '시스템 (상태·문서)',
  me: '내 정보·내 업무',
  cases: '사건 (접수·수정·관련자·증거)',
  tasks: '업무 (결정)',
  history: '사건 이력·검증',
  search: '검색·내보내기',
  deadlines: '처리기한',
  discipline: '비위 사건 (징계절차 정지·재개)',
  petitions: '청원',
  grievances: '고충민원',
  audits: '자체감사 (지적사항·이행)',
  ethics: '재산등록 심사 (의무자·진행)',
  committees: '위원회·회의',
  reports: '실적 보고서',
  mail: '메일 전달 실패',
  identity: '신고자 신원 (봉인·열람 요청·관리책임자 결정)',
  staff: '직원 명부',
  'field-complaints': '응답소 현장민원 가져오기',
};

/**
 * What a handler does with the case workflows: `start` executions (case intake, resuming a suspended
 * case), `stop` them (suspending a case), or `complete-tasks` — hand a person's decision to the
 * execution waiting on its task token.
 */
/** `describe` (DescribeExecution) is for the reconcile job only, never a route. */
export type WorkflowAccess = 'start' | 'stop' | 'complete-tasks' | 'describe';

export interface ApiRouteDeclaration {
  /** API Gateway route key, e.g. `GET /cases/{caseId}`. */
  routeKey: `${'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'} /${string}`;
  /** Function name suffix, stable id for logs and the handler's file name, e.g. `get-case`. */
  name: string;
  /** The OpenAPI operationId clients generate code from, e.g. `getCase`; never renamed lightly. */
  operationId: string;
  tag: ApiTag;
  /** false only for routes that must answer without a token (health, the OpenAPI document). */
  auth: boolean;
  /** Does the handler write to the table? (least-privilege grants in CDK; Idempotency-Key, 409) */
  writes: boolean;
  /** What the handler does with the case workflows (Step Functions grants in CDK); none if absent. */
  workflows?: readonly WorkflowAccess[];
  summary: string;
  /**
   * Use of the identity key that seals reporters' identities: `seal` (intake: GenerateDataKey) or
   * `open` (the identity read: Decrypt). No other route gets IDENTITY_KEY_ID or any use of the key.
   */
  identityKey?: 'seal' | 'open';
  /**
   * Use of the case-files bucket: `write` (presign uploads, read back, delete a mismatch), `read`
   * (tags and presigned downloads), `list` (the bucket's name only). No other route gets FILES_BUCKET.
   */
  files?: 'write' | 'read' | 'list';
  /**
   * Use of the import uploads (the files bucket's imports/ prefix): `upload` (presign the PUT),
   * `start` (read the upload back, delete a mismatch, invoke the import worker).
   */
  importFiles?: 'upload' | 'start';
}

export const apiRoutes = [
  {
    routeKey: 'GET /health',
    name: 'health',
    operationId: 'getHealth',
    tag: 'system',
    auth: false,
    writes: false,
    summary: '상태 확인 (health)',
  },
  {
    routeKey: 'GET /openapi.json',
    name: 'openapi',
    operationId: 'getOpenApiDocument',
    tag: 'system',
    auth: false,
    writes: false,
    summary: 'OpenAPI 3.1 문서',
  },
  {
    routeKey: 'GET /me',
    name: 'whoami',
    operationId: 'getMe',
    tag: 'me',
    auth: true,
    writes: false,
    summary: '내 정보 (who am I)',
  },
  {
    routeKey: 'GET /staff',
    name: 'list-staff',
    operationId: 'listStaff',
    tag: 'staff',
    auth: true,
    writes: false,
    summary: '직원 명부 (team·role로 찾기: 이름·팀·역할·직위·업무 메일; 배정할 사람 찾기) — 위원회 위원 제외',
  },
  {
    routeKey: 'GET /me/cases',
    name: 'list-my-cases',
    operationId: 'listMyCases',
    tag: 'me',
    auth: true,
    writes: false,
    summary: '내 담당 사건 목록',
  },
  {
    routeKey: 'POST /cases',
    name: 'create-case',
    operationId: 'createCase',
    tag: 'cases',
    workflows: ['start'],
    auth: true,
    writes: true,
    identityKey: 'seal',
    summary: '사건 접수 (intake)',
  },
  // Fixed paths under /cases come before /cases/{caseId}: the local server takes the first route that matches
  // (API Gateway prefers the most specific one anyway). Exports record who exported what, so they write.
  {
    routeKey: 'GET /cases/search',
    name: 'search-cases',
    operationId: 'searchCases',
    tag: 'search',
    auth: true,
    writes: false,
    summary:
      '사건 검색 (종류·단계·결과·담당자·부서·통보기관·접수경로·위원회·접수/종결 기간·기한 경과·제목/사건번호; 정렬·커서 페이지)',
  },
  {
    routeKey: 'GET /cases/export',
    name: 'export-cases',
    operationId: 'exportCases',
    tag: 'search',
    auth: true,
    writes: true,
    summary:
      '검색 결과 내보내기 (format=csv|json, 검색과 같은 필터; 응답당 최대 2,000건, 이어받기 cursor; 내보내기 기록)',
  },
  {
    routeKey: 'GET /cases/{caseId}/history/export',
    name: 'export-case-history',
    operationId: 'exportCaseHistory',
    tag: 'history',
    auth: true,
    writes: true,
    summary: '사건 이력 내보내기 (format=csv|json; 사건 이력에 EXPORTED 기록)',
  },
  {
    routeKey: 'GET /exports',
    name: 'list-exports',
    operationId: 'listExports',
    tag: 'search',
    auth: true,
    writes: false,
    summary: '내보내기 기록 (월별: 누가 어떤 조건으로 몇 건을 내보냈는지)',
  },
  // Reading a sealed case records the read in its history, so the read routes write too.
  {
    routeKey: 'GET /cases/{caseId}',
    name: 'get-case',
    operationId: 'getCase',
    tag: 'cases',
    auth: true,
    writes: true,
    summary: '사건 조회 (asOf=YYYY-MM-DD: 그날 기준으로 이력에서 재구성; 비공개 사건 열람은 이력에 기록)',
  },
  {
    routeKey: 'PATCH /cases/{caseId}',
    name: 'update-case',
    operationId: 'updateCase',
    tag: 'cases',
    auth: true,
    writes: true,
    summary: '사건 정보 수정 (낙관적 동시성: expectedVersion)',
  },
  {
    routeKey: 'POST /cases/{caseId}/notes',
    name: 'append-note',
    operationId: 'appendNote',
    tag: 'cases',
    auth: true,
    writes: true,
    summary: '메모 추가',
  },
  // Sealed reporter identities (공익신고자 보호법 제12조, 시행령 제13조): request → custodian's decision → read.
  {
    routeKey: 'GET /identity-requests',
    name: 'identity-pending',
    operationId: 'listPendingIdentityRequests',
    tag: 'identity',
    auth: true,
    writes: false,
    summary: '신원 열람 요청 대기 목록 (신원정보 관리책임자)',
  },
  {
    routeKey: 'POST /cases/{caseId}/identity/requests',
    name: 'identity-request',
    operationId: 'requestIdentityAccess',
    tag: 'identity',
    auth: true,
    writes: true,
    summary: '신고자 신원 열람 요청 (사건 담당자, 사유 필수; 이력에 기록)',
  },
  {
    routeKey: 'GET /cases/{caseId}/identity/requests',
    name: 'identity-requests',
    operationId: 'listIdentityRequests',
    tag: 'identity',
    auth: true,
    writes: false,
    summary: '신원 열람 요청·결정·열람 횟수 (신원 자체는 없음; 감사인·관리책임자·감사담당관·담당자)',
  },
  {
    routeKey: 'POST /cases/{caseId}/identity/requests/{requestId}/decision',
    name: 'identity-decide',
    operationId: 'decideIdentityRequest',
    tag: 'identity',
    auth: true,
    writes: true,
    summary: '신원 열람 승인·거부 (신원정보 관리책임자, 사유 필수, 기간 한정; 이력에 기록)',
  },
  {
    routeKey: 'GET /cases/{caseId}/identity',
    name: 'identity-read',
    operationId: 'readReporterIdentity',
    tag: 'identity',
    auth: true,
    writes: true,
    identityKey: 'open',
    summary: '봉인된 신고자 신원 열람 (승인받은 담당자만, 기간 내; 열람마다 이력에 기록)',
  },
  {
    routeKey: 'GET /deadlines/preview',
    name: 'preview-deadline',
    operationId: 'previewDeadline',
    tag: 'deadlines',
    auth: true,
    writes: false,
    summary: '처리기한 계산기 (법정기간·조문·계산 과정)',
  },
  {
    routeKey: 'GET /me/tasks',
    name: 'list-my-tasks',
    operationId: 'listMyTasks',
    tag: 'me',
    auth: true,
    writes: false,
    summary: '내 업무 또는 팀 업무 (기한 순)',
  },
  {
    routeKey: 'GET /cases/{caseId}/tasks',
    name: 'list-case-tasks',
    operationId: 'listCaseTasks',
    tag: 'tasks',
    auth: true,
    writes: true,
    summary: '사건의 업무 목록 (비공개 사건 열람은 이력에 기록)',
  },
  {
    routeKey: 'POST /cases/{caseId}/tasks/{taskId}/complete',
    name: 'complete-task',
    operationId: 'completeTask',
    tag: 'tasks',
    workflows: ['complete-tasks'],
    auth: true,
    writes: true,
    summary: '업무 완료 (업무 종류별 결정 양식: 배정·제출·처분안·검토·승인·반려·징계의결 요구·의결 결과 등)',
  },
  {
    routeKey: 'GET /cases/{caseId}/history',
    name: 'get-case-history',
    operationId: 'getCaseHistory',
    tag: 'history',
    auth: true,
    writes: true,
    summary: '사건 이력 타임라인 (type·actor·from·to 필터)과 해시 체인 검증; 비공개 사건 열람은 이력에 기록',
  },
  {
    routeKey: 'GET /cases/{caseId}/verify',
    name: 'verify-case',
    operationId: 'verifyCase',
    tag: 'history',
    auth: true,
    writes: false,
    summary: '이력 해시 체인 검증 (처음 끊어진 지점: 순번·사유·기대값·실제값)',
  },
  {
    routeKey: 'POST /cases/{caseId}/officials',
    name: 'add-official',
    operationId: 'addOfficial',
    tag: 'cases',
    auth: true,
    writes: true,
    summary: '관련 공무원 추가 (본인 사건 배정·열람 차단)',
  },
  {
    routeKey: 'POST /cases/{caseId}/evidence',
    name: 'add-evidence',
    operationId: 'addEvidence',
    tag: 'cases',
    auth: true,
    writes: true,
    summary: '증거 참조 추가',
  },
  {
    routeKey: 'POST /cases/{caseId}/files',
    name: 'file-upload-start',
    operationId: 'startFileUpload',
    tag: 'cases',
    auth: true,
    // It records the URL handed out, for the upload-cleanup job.
    writes: true,
    files: 'write',
    summary: '파일 업로드 시작 (PDF·HWP·HWPX·이미지·XLSX, 50MB 이하; 서명된 업로드 주소)',
  },
  {
    routeKey: 'POST /cases/{caseId}/files/{fileId}/complete',
    name: 'file-upload-complete',
    operationId: 'completeFileUpload',
    tag: 'cases',
    auth: true,
    writes: true,
    files: 'write',
    summary: '파일 업로드 완료 (서버가 SHA-256 대조 후 사건에 기록)',
  },
  {
    routeKey: 'GET /cases/{caseId}/files',
    name: 'file-list',
    operationId: 'listCaseFiles',
    tag: 'cases',
    auth: true,
    writes: false,
    files: 'list',
    summary: '사건 첨부파일 목록',
  },
  {
    routeKey: 'POST /cases/{caseId}/files/{fileId}/download',
    name: 'file-download',
    operationId: 'downloadCaseFile',
    tag: 'cases',
    auth: true,
    writes: true,
    files: 'read',
    summary: '첨부파일 내려받기 주소 (이력 기록; 비공개 사건은 1분 유효)',
  },
  {
    routeKey: 'POST /cases/{caseId}/reassign',
    name: 'reassign-case',
    operationId: 'reassignCase',
    tag: 'cases',
    auth: true,
    writes: true,
    summary: '담당자 재배정 (사유 필수, 열린 업무도 이동)',
  },
  {
    routeKey: 'POST /cases/{caseId}/suspend',
    name: 'suspend-case',
    operationId: 'suspendCase',
    tag: 'discipline',
    workflows: ['stop'],
    auth: true,
    writes: true,
    summary: '징계절차 정지 (지방공무원법 제73조)',
  },
  {
    routeKey: 'POST /cases/{caseId}/resume',
    name: 'resume-case',
    operationId: 'resumeCase',
    tag: 'discipline',
    workflows: ['start', 'stop'],
    auth: true,
    writes: true,
    summary: '징계절차 재개 (종료 통보; 징계시효는 제73조의2②에 따라)',
  },
  {
    routeKey: 'POST /cases/{caseId}/petition/extension',
    name: 'petition-extension',
    operationId: 'extendPetition',
    tag: 'petitions',
    auth: true,
    writes: true,
    summary: '청원 처리기간 연장 (1회, 60일 이내, 사유·통지일 — 청원법 제21조③)',
  },
  {
    routeKey: 'POST /cases/{caseId}/petition/objection',
    name: 'petition-objection',
    operationId: 'filePetitionObjection',
    tag: 'petitions',
    workflows: ['start', 'stop'],
    auth: true,
    writes: true,
    summary: '청원 이의신청 접수 (공개 부적합·처리기간 경과, 30일 이내; 15일 이내 결정 — 청원법 제22조)',
  },
  {
    routeKey: 'POST /cases/{caseId}/extensions',
    name: 'grievance-extension',
    operationId: 'extendGrievance',
    tag: 'grievances',
    auth: true,
    writes: true,
    summary: '고충민원 처리기간 연장 (1회; 두 번째는 민원인 동의 기록 필수 — 시행령 제21조①)',
  },
  {
    routeKey: 'POST /cases/{caseId}/clock-stops',
    name: 'grievance-clock-stop',
    operationId: 'recordGrievanceClockStop',
    tag: 'grievances',
    auth: true,
    writes: true,
    summary: '고충민원 현장조사 등 기간 시작·종료 (처리기간 정지, 시행령 제17조④⑤)',
  },
  {
    routeKey: 'POST /cases/{caseId}/links',
    name: 'grievance-links',
    operationId: 'linkGrievances',
    tag: 'grievances',
    auth: true,
    writes: true,
    summary: '같은 내용의 앞선 고충민원 연결 (반복민원 판단, 민원처리법 제23조)',
  },
  {
    routeKey: 'POST /cases/{caseId}/progress-notices',
    name: 'grievance-progress-notice',
    operationId: 'recordGrievanceProgressNotice',
    tag: 'grievances',
    auth: true,
    writes: true,
    summary: '민원인 통지 기록 (처리진행상황 시행령 제23조, 연장 통지 시행령 제21조②)',
  },
  {
    routeKey: 'POST /cases/{caseId}/findings',
    name: 'self-audit-add-finding',
    operationId: 'addSelfAuditFinding',
    tag: 'audits',
    auth: true,
    writes: true,
    summary: '자체감사 지적사항 기록 (처분요구·관련자·금액·근거; 감사결과 통보 전)',
  },
  {
    routeKey: 'GET /cases/{caseId}/findings',
    name: 'self-audit-list-findings',
    operationId: 'listSelfAuditFindings',
    tag: 'audits',
    auth: true,
    writes: false,
    summary: '자체감사 지적사항 목록 (처분요구·이행 상태로 찾기)',
  },
  {
    routeKey: 'PATCH /cases/{caseId}/findings/{findingId}',
    name: 'self-audit-update-finding',
    operationId: 'updateSelfAuditFinding',
    tag: 'audits',
    auth: true,
    writes: true,
    summary: '지적사항 수정(통보 전) 또는 이행 기록 — 조치계획·이행결과 (통보 후, 법 제23조③)',
  },
  {
    routeKey: 'POST /cases/{caseId}/findings/{findingId}/misconduct',
    name: 'self-audit-finding-misconduct',
    operationId: 'openFindingMisconductCase',
    tag: 'audits',
    workflows: ['start'],
    auth: true,
    writes: true,
    summary: '징계·문책 지적사항에서 내부 비위 조사 사건 열기 (지적사항과 연결)',
  },
  {
    routeKey: 'POST /cases/{caseId}/reconsideration',
    name: 'audit-reopen',
    operationId: 'reopenAuditForReconsideration',
    tag: 'audits',
    workflows: ['start'],
    auth: true,
    writes: true,
    summary: '종결된 감사에 온 재심의 — 기간 안이면 다시 엶 (공공감사법 제25조, 행정감사규정 제20·21조)',
  },
  {
    routeKey: 'GET /citizen-checks',
    name: 'citizen-check-list',
    operationId: 'listMyCitizenChecks',
    tag: 'audits',
    auth: true,
    writes: false,
    summary: '내가 참여하는 구민감사관 현장점검 목록 (구민감사관은 자기 점검만 봄)',
  },
  {
    routeKey: 'GET /citizen-checks/{caseId}',
    name: 'citizen-check-get',
    operationId: 'getCitizenCheck',
    tag: 'audits',
    auth: true,
    writes: false,
    summary: '구민감사관 현장점검 한 건 (점검 내용만; 참여하지 않은 점검은 404)',
  },
  {
    routeKey: 'POST /citizen-checks/{caseId}/report',
    name: 'citizen-check-report',
    operationId: 'reportCitizenCheck',
    tag: 'audits',
    auth: true,
    writes: true,
    summary: '구민감사관의 점검 결과 보고 (항목별 이상 없음·지적·자문)',
  },
  {
    routeKey: 'POST /citizen-checks/{caseId}/reply',
    name: 'citizen-check-reply',
    operationId: 'recordCitizenCheckReply',
    tag: 'audits',
    auth: true,
    writes: true,
    summary: '현장점검 지적·자문에 대한 발주 부서 회신 기록',
  },
  {
    routeKey: 'GET /citizen-auditors',
    name: 'citizen-auditor-list',
    operationId: 'listCitizenAuditors',
    tag: 'audits',
    auth: true,
    writes: false,
    summary: '구민감사관 명부 (분야·임기; 감사팀)',
  },
  {
    routeKey: 'PUT /citizen-auditors/{sub}',
    name: 'citizen-auditor-put',
    operationId: 'putCitizenAuditor',
    tag: 'audits',
    auth: true,
    writes: true,
    summary: '구민감사관 위촉·변경 (감사팀장·감사담당관·관리자)',
  },
  {
    routeKey: 'POST /cases/{caseId}/registrants',
    name: 'property-add-registrants',
    operationId: 'addPropertyRegistrants',
    tag: 'ethics',
    auth: true,
    writes: true,
    summary: '재산등록 심사에 의무자 일괄 등록 (신고 유형별 기한 계산, 이미 있는 번호는 건너뜀)',
  },
  {
    routeKey: 'GET /cases/{caseId}/registrants',
    name: 'property-list-registrants',
    operationId: 'listPropertyRegistrants',
    tag: 'ethics',
    auth: true,
    writes: false,
    summary: '재산등록 심사 의무자 목록과 진행 집계 (심사 내용 제외)',
  },
  {
    routeKey: 'GET /cases/{caseId}/registrants/{registrantNo}',
    name: 'property-read-registrant',
    operationId: 'readPropertyRegistrant',
    tag: 'ethics',
    auth: true,
    writes: false,
    summary: '의무자 심사 기록 열람 — 허가 사유 필요, 열람은 이력에 기록 (시행령 제26조)',
  },
  {
    routeKey: 'POST /cases/{caseId}/registrants/{registrantNo}/actions',
    name: 'property-registrant-action',
    operationId: 'actOnPropertyRegistrant',
    tag: 'ethics',
    auth: true,
    writes: true,
    summary: '의무자 심사 진행: 제출·연장·심사 개시·보완명령·답변·출석요구·결과·통보',
  },
  {
    routeKey: 'GET /committees',
    name: 'committee-list',
    operationId: 'listCommittees',
    tag: 'committees',
    auth: true,
    writes: false,
    summary: '위원회 목록 (위원·간사·정족수·개최 주기)',
  },
  {
    routeKey: 'PUT /committees/{committee}',
    name: 'committee-put',
    operationId: 'putCommittee',
    tag: 'committees',
    auth: true,
    writes: true,
    summary: '위원회 등록·수정 (감사담당관·관리자; 수정은 expectedVersion)',
  },
  {
    routeKey: 'POST /committees/{committee}/meetings',
    name: 'committee-schedule-meeting',
    operationId: 'scheduleMeeting',
    tag: 'committees',
    auth: true,
    writes: true,
    summary: '위원회 회의 일정 등록 (간사·감사담당관; 근무일)',
  },
  {
    routeKey: 'GET /committees/{committee}/meetings',
    name: 'committee-list-meetings',
    operationId: 'listMeetings',
    tag: 'committees',
    auth: true,
    writes: false,
    summary: '위원회 회의 목록 (기간)',
  },
  {
    routeKey: 'GET /meetings/{meetingId}',
    name: 'committee-get-meeting',
    operationId: 'getMeeting',
    tag: 'committees',
    auth: true,
    writes: false,
    summary: '회의 조회 (안건: 위원회를 기다리는 사건, 개최 후 확정; 출석·정족수·제척·의결)',
  },
  {
    routeKey: 'POST /meetings/{meetingId}/attendance',
    name: 'committee-record-attendance',
    operationId: 'recordAttendance',
    tag: 'committees',
    auth: true,
    writes: true,
    summary: '출석 기록 (간사; 처음 기록하면 회의 개최·안건 확정)',
  },
  {
    routeKey: 'POST /meetings/{meetingId}/reschedule',
    name: 'committee-reschedule-meeting',
    operationId: 'rescheduleMeeting',
    tag: 'committees',
    auth: true,
    writes: true,
    summary: '회의 일정 변경 (간사·감사담당관; 개최 전, 근무일, 사유·expectedVersion)',
  },
  {
    routeKey: 'POST /meetings/{meetingId}/cancel',
    name: 'committee-cancel-meeting',
    operationId: 'cancelMeeting',
    tag: 'committees',
    auth: true,
    writes: true,
    summary: '회의 취소 (간사·감사담당관; 개최 전, 사유·expectedVersion — 안내 메일·실적에서 제외)',
  },
  {
    routeKey: 'POST /meetings/{meetingId}/recusals',
    name: 'committee-record-recusal',
    operationId: 'recordRecusal',
    tag: 'committees',
    auth: true,
    writes: true,
    summary: '제척·회피 기록 (사유 필수)',
  },
  {
    routeKey: 'POST /meetings/{meetingId}/items/{taskId}/decision',
    name: 'committee-record-decision',
    operationId: 'recordMeetingDecision',
    tag: 'committees',
    workflows: ['complete-tasks'],
    auth: true,
    writes: true,
    summary: '안건 표결·의결 기록 (간사; 정족수 확인, 사건 업무 완료·회의록 이력 기록, 업무흐름 재개)',
  },
  {
    routeKey: 'GET /reports/misconduct',
    name: 'misconduct-report',
    operationId: 'getMisconductReport',
    tag: 'reports',
    auth: true,
    writes: false,
    summary: '외부기관 통보·내부조사 처리 실적 (징계·불문경고 / 훈계·주의 / 내부종결·시정조치 / 진행)',
  },
  {
    routeKey: 'GET /reports/office',
    name: 'office-report',
    operationId: 'getOfficeReport',
    tag: 'reports',
    auth: true,
    writes: false,
    summary: '주요업무 추진실적 보고서 (기간별 표; format=json|md|html)',
  },
  {
    routeKey: 'POST /reports/office',
    name: 'office-report-freeze',
    operationId: 'freezeOfficeReport',
    tag: 'reports',
    auth: true,
    writes: true,
    summary: '보고서 확정 (데이터 해시와 함께 저장; Idempotency-Key)',
  },
  {
    routeKey: 'GET /reports/office/{reportId}',
    name: 'office-report-get',
    operationId: 'getFrozenOfficeReport',
    tag: 'reports',
    auth: true,
    writes: false,
    summary: '확정 보고서 조회 (format=json|md|html)',
  },
  {
    routeKey: 'GET /reports/office/{reportId}/check',
    name: 'office-report-check',
    operationId: 'checkFrozenOfficeReport',
    tag: 'reports',
    auth: true,
    writes: false,
    summary: '확정 보고서 재검증 (지금 데이터와 표별 비교)',
  },
  {
    routeKey: 'GET /mail/failures',
    name: 'mail-failures',
    operationId: 'listMailFailures',
    tag: 'mail',
    auth: true,
    writes: false,
    summary: '전달되지 않은 메일 (최근 실패: 수신자·종류·영구/일시·사건번호; 발송 중지 주소) — 감사담당관·관리자',
  },
  {
    routeKey: 'POST /mail/suppressions/lift',
    name: 'mail-suppression-lift',
    operationId: 'liftMailSuppression',
    tag: 'mail',
    auth: true,
    writes: true,
    summary: '메일 발송 중지 해제 (관리자; 다음 발송 때 보류된 알림 발송; Idempotency-Key)',
  },
  {
    routeKey: 'PUT /me/reminder-preferences',
    name: 'put-reminder-preferences',
    operationId: 'putMyReminderPreferences',
    tag: 'me',
    auth: true,
    writes: true,
    summary: '내 알림 설정 바꾸기 (법정 기한·징계시효 알림을 끄려 하면 400; expectedVersion으로 충돌 409)',
  },
  {
    routeKey: 'POST /mail/unsubscribe',
    name: 'mail-unsubscribe',
    operationId: 'unsubscribeFromProgressReminders',
    tag: 'mail',
    auth: false,
    writes: true,
    summary: '메일의 한 번 클릭 수신 거부 (RFC 8058; 링크의 토큰으로 확인, 진행 알림만 끔)',
  },
  {
    routeKey: 'POST /field-complaints/imports/uploads',
    name: 'field-import-upload',
    operationId: 'startFieldImportUpload',
    tag: 'field-complaints',
    auth: true,
    writes: true,
    importFiles: 'upload',
    summary: '응답소 내보내기(XLSX·CSV) 업로드 주소 (순찰팀·감사담당관)',
  },
  {
    routeKey: 'POST /field-complaints/imports',
    name: 'field-import-start',
    operationId: 'startFieldImport',
    tag: 'field-complaints',
    auth: true,
    writes: true,
    importFiles: 'start',
    summary: '올린 파일 가져오기 시작 (202, 비동기; 멈춘·실패한 가져오기는 다시 시작; Idempotency-Key)',
  },
  {
    routeKey: 'GET /field-complaints/imports/{importId}',
    name: 'field-import-get',
    operationId: 'getFieldImport',
    tag: 'field-complaints',
    auth: true,
    writes: false,
    summary: '가져오기 상태 (건수·오류 행)',
  },
  {
    routeKey: 'GET /field-complaints/imports',
    name: 'field-import-list',
    operationId: 'listFieldImports',
    tag: 'field-complaints',
    auth: true,
    writes: false,
    summary: '최근 가져오기 (최신순)',
  },
] as const satisfies readonly ApiRouteDeclaration[];

export type ApiRoute = (typeof apiRoutes)[number];
export type ApiRouteName = ApiRoute['name'];

const byName = new Map<string, ApiRoute>(apiRoutes.map((route) => [route.name, route]));

/** The declaration of a route, by its (type-checked) name. */
export function apiRoute<N extends ApiRouteName>(name: N): Extract<ApiRoute, { name: N }> {
  return byName.get(name) as Extract<ApiRoute, { name: N }>;
}

/**
 * What the route's handler does with the case workflows (Step Functions grants and WORKFLOW_ARNS);
 * intake starts a lifecycle, completing a task hands the decision to the waiting execution, an
 * objection restarts a petition (stopping the execution parked at a cancelled task).
 */
export function workflowAccessOf(route: ApiRoute): readonly WorkflowAccess[] {
  return 'workflows' in route ? route.workflows : [];
}

/** `get-case` → `functions/api/get-case.handler.ts` (from the project root). */
export function apiHandlerEntry(name: ApiRouteName): `functions/api/${string}.handler.ts` {
  return `functions/api/${name}.handler.ts`;
}

/** The route's use of the reporter-identity key, if it has one (CDK grants only that use). */
export function identityKeyAccessOf(route: ApiRoute): 'seal' | 'open' | undefined {
  return 'identityKey' in route ? route.identityKey : undefined;
}

/** The route's use of the import uploads, if any (CDK grants only that use). */
export function importFilesAccessOf(route: ApiRoute): 'upload' | 'start' | undefined {
  return 'importFiles' in route ? route.importFiles : undefined;
}

/** The route's use of the case-files bucket, if any (CDK grants only that use). */
export function filesAccessOf(route: ApiRoute): 'write' | 'read' | 'list' | undefined {
  return 'files' in route ? route.files : undefined;
}
