/**
 * Request and response schemas of the HTTP API: one place, used by the handlers to parse and by
 * the OpenAPI document to describe.
 */
import * as z from 'zod';
import { reminderPreferencesView } from './reminder-preferences-schemas.ts';
import { caseRecordSchema, caseStageSchema, isoDateSchema, isoDateTimeSchema } from '#shared/domain/case.ts';
import { channelSchema } from '#shared/domain/channels.ts';
import { caseKindSchema, KINDS } from '#shared/kinds/registry.ts';
import { CHAIN_BREAK_REASONS, HISTORY_EVENT_TYPES } from '#shared/domain/history.ts';
import { roleSchema, teamSchema } from '#shared/domain/roles.ts';
import { reporterIdentitySchema } from '#shared/domain/identity.ts';
import {
  evidenceInputSchema,
  officialInputSchema,
  REPORT_CATEGORIES,
  resumeInputSchema,
  suspendInputSchema,
} from '#shared/kinds/misconduct/misconduct.ts';
import { taskRecordSchema } from '#shared/domain/task.ts';
import { decisionFormSchema } from '#shared/kinds/registry.ts';
import {
  agendaItemSchema,
  committeeInputSchema,
  committeeKindSchema,
  committeeSchema,
  itemDecisionSchema,
  meetingIdSchema,
  meetingSchema,
  memberIdSchema,
  quorumRuleSchema,
  votesSchema,
} from '#shared/domain/committee.ts';
import { extensionInputSchema, objectionInputSchema } from '#shared/kinds/petition/petition.ts';
import { periodIdSchema } from '#shared/policies/statutory-periods.ts';
import { assignmentOverrideShape } from '#shared/domain/task.ts';
import {
  clockStopInputSchema,
  extensionInputSchema as grievanceExtensionInputSchema,
  linkInputSchema,
  progressNoticeInputSchema,
} from '#shared/kinds/grievance/grievance.ts';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const caseIdParams = z.object({
  caseId: z.string().regex(ULID, 'caseId must be a case id (26-character ULID)'),
});
export const taskParams = caseIdParams.extend({
  taskId: z.string().regex(ULID, 'taskId must be a task id (26-character ULID)'),
});

const title = z.string().trim().min(1).max(200);
const summary = z.string().trim().max(5000);
const department = z.string().trim().min(1).max(100);
const staffSub = z.string().trim().min(1).max(128);

/**
 * Each kind's intake section under its key (e.g. `dailyAudit`), from the kind modules. `x-kinds` says
 * which kinds take it, so the console's intake form shows only the chosen kind's sections.
 */
const intakeSections = Object.fromEntries(
  KINDS.sections.flatMap(({ section, kinds }) =>
    section.intake
      ? [
          [
            section.key,
            section.intake
              .optional()
              .meta({ description: section.intakeDescriptionKo ?? section.key, 'x-kinds': [...kinds] }),
          ],
        ]
      : [],
  ),
) as Record<string, z.ZodOptional<z.ZodType>>;

export const createCaseBody = z
  .strictObject({
    kind: caseKindSchema.meta({
      description: '사건 종류',
      'x-labels': Object.fromEntries(KINDS.modules.map((m) => [m.kind, m.labelKo])),
    }),
    title: title.describe('제목'),
    summary: summary.optional().describe('요지'),
    receivedAt: isoDateTimeSchema
      .optional()
      .describe('접수 일시 (ISO 8601, 예: 2026-09-22T10:30:00+09:00); 생략하면 지금'),
    channel: channelSchema.optional().describe('접수 경로'),
    department: department.optional().describe('관련 부서'),
    assigneeSub: staffSub
      .optional()
      .describe('담당자 (팀장·감사담당관·관리자만 지정; 사건 종류의 담당 팀·역할인 재직 직원)'),
    ...assignmentOverrideShape,
    dueDate: isoDateSchema.optional().describe('처리기한 (YYYY-MM-DD, 한국 시간)'),
    sealed: z
      .boolean()
      .optional()
      .describe(
        '비공개(신원 보호) 사건 여부; 생략하면 사건 종류의 기본값. 공익신고·익명 채널은 항상 비공개(false면 422)',
      ),
    ...intakeSections,
    reporter: reporterIdentitySchema.optional().meta({
      description:
        '공익신고자 인적사항 — 공익신고에만 입력 가능; 사건과 분리되어 별도 키로 봉인되며 제목·요지에 같은 성명·연락처가 있으면 접수 거부',
      'x-kinds': KINDS.modules.filter((m) => m.protectedIdentity).map((m) => m.kind),
    }),
  })
  .superRefine((b, ctx) => {
    const required = KINDS.modules.find((m) => m.kind === b.kind)?.requiredAtIntake ?? {};
    for (const [field, message] of Object.entries(required))
      if (b[field as keyof typeof required] === undefined) ctx.addIssue({ code: 'custom', message, path: [field] });
  })
  .describe('사건 접수');

export const updateCaseBody = z
  .strictObject({
    expectedVersion: z.number().int().positive().describe('변경 전 사건 버전 (낙관적 동시성)'),
    title: title.optional(),
    summary: summary.optional(),
    department: department.optional(),
    dueDate: isoDateSchema.optional(),
    assigneeSub: staffSub.optional(),
    ...assignmentOverrideShape,
  })
  .describe('사건 정보 수정');

export const noteBody = z
  .strictObject({
    text: z.string().trim().min(1).max(10_000).describe('메모 내용'),
    expectedVersion: z.number().int().positive().optional().describe('있으면 이 버전일 때만 기록'),
  })
  .describe('메모 추가');

const expectedVersion = z.number().int().positive().optional().describe('있으면 이 버전일 때만 기록');

export const officialBody = z
  .strictObject({ ...officialInputSchema.shape, expectedVersion })
  .describe('관련 공무원 추가');
export const evidenceBody = z
  .strictObject({ ...evidenceInputSchema.shape, expectedVersion })
  .describe('증거 참조 추가');
export const reassignBody = z
  .strictObject({
    assigneeSub: staffSub.describe('새 담당자'),
    reason: z.string().trim().min(1).max(2000).describe('재배정 사유'),
    ...assignmentOverrideShape,
    expectedVersion,
  })
  .describe('담당자 재배정 (사유 필수)');
export const suspendBody = suspendInputSchema;
export const petitionExtensionBody = extensionInputSchema;
export const petitionObjectionBody = objectionInputSchema;
export const resumeBody = resumeInputSchema;
const grievanceVersion = {
  expectedVersion: z.number().int().positive().optional().describe('있으면 이 버전일 때만 기록'),
};
export const grievanceExtensionBody = grievanceExtensionInputSchema
  .extend(grievanceVersion)
  .describe('고충민원 처리기간 연장 (시행령 제21조①: 처리기간 범위에서 1회, 민원인 동의로 1회 더)');
export const grievanceClockStopBody = z
  .discriminatedUnion('action', [
    clockStopInputSchema.options[0].extend(grievanceVersion),
    clockStopInputSchema.options[1].extend(grievanceVersion),
  ])
  .describe('현장조사 등 기간 시작·종료 (처리기간에 산입하지 않음, 시행령 제17조④⑤)');
export const grievanceLinkBody = linkInputSchema
  .extend(grievanceVersion)
  .describe('같은 내용의 앞선 고충민원 연결 (민원처리법 제23조)');
export const grievanceProgressNoticeBody = progressNoticeInputSchema
  .extend(grievanceVersion)
  .describe('민원인 통지 기록 (진행상황 시행령 제23조, 연장 시행령 제21조②)');
export const misconductReportQuery = z.object({
  from: isoDateSchema.describe('접수일 시작 (YYYY-MM-DD, 포함)'),
  to: isoDateSchema.describe('접수일 끝 (YYYY-MM-DD, 포함)'),
});

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
});

export const limitationWarningView = z.object({
  date: isoDateSchema,
  daysLeft: z.number().int(),
  status: z.enum(['running', 'near', 'imminent', 'expired', 'suspended', 'met', 'not-applicable']),
  messageKo: z.string(),
  article: z.string(),
  confidence: z.string(),
});

export const caseView = KINDS.caseRecordSchema.extend({
  kindLabel: z.string(),
  detailsView: z
    .array(z.object({ labelKo: z.string(), value: z.string() }))
    .describe('사건 종류별 내용을 화면에 보이는 대로 (항목명과 값, 한국어)'),
  stageLabel: z.string(),
  teamLabel: z.string(),
  limitationWarning: limitationWarningView.optional().describe('징계시효와 임박 경고 (비위 조사 사건)'),
  links: z.object({ self: z.string(), history: z.string() }),
});

export const historyEventView = z.object({
  caseId: z.string(),
  seq: z.number().int(),
  type: z.enum(HISTORY_EVENT_TYPES),
  at: isoDateTimeSchema,
  actor: z.object({
    sub: z.string(),
    name: z.string().optional(),
    role: z.string(),
    onBehalfOf: z
      .object({
        sub: z.string().optional(),
        name: z.string().optional(),
        role: z.string().optional(),
        team: z.string().optional(),
        labelKo: z.string(),
        reason: z.string(),
      })
      .optional()
      .describe('대결: 행위자가 대신 처리한 업무의 본래 담당자와 사유'),
  }),
  stageBefore: caseStageSchema.optional(),
  stageAfter: caseStageSchema.optional(),
  data: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

export const caseWriteResponse = z.object({
  case: caseView,
  events: z.array(historyEventView),
  replayed: z.boolean(),
  workflowStarted: z.boolean().optional(),
});
export const suspendResponse = caseWriteResponse.extend({ workflowStopped: z.boolean() });
export const misconductReportResponse = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  generatedAt: isoDateTimeSchema,
  rows: z.array(
    z.object({
      kind: caseKindSchema,
      labelKo: z.string(),
      total: z.number().int(),
      counts: z.object(
        Object.fromEntries(REPORT_CATEGORIES.map((c) => [c, z.number().int()])) as Record<
          (typeof REPORT_CATEGORIES)[number],
          z.ZodNumber
        >,
      ),
      suspended: z.number().int(),
      closed: z.number().int(),
    }),
  ),
});

/** Tasks as clients see them: never the task token (it is the workflow's secret). */
export const taskView = taskRecordSchema
  .omit({ taskToken: true })
  .extend({ decisionLabels: z.array(z.string()), links: z.object({ case: z.string(), complete: z.string() }) });
export const taskListResponse = z.object({ items: z.array(taskView) });
export const myTaskListResponse = taskListResponse.extend({
  team: teamSchema.optional(),
  holders: z.record(z.string(), z.string()).optional().describe('scope=team: sub → 이름'),
});
export const completeTaskResponse = z.object({
  case: caseView,
  events: z.array(historyEventView),
  task: taskView,
  replayed: z.boolean(),
  workflowNotified: z.boolean(),
});
export const deadlinePreviewQuery = z.object({
  kind: caseKindSchema.optional().describe('사건 종류 (기본 법정기간을 씀)'),
  period: periodIdSchema.optional().describe('법정기간 id (kind 대신 또는 우선)'),
  receivedAt: isoDateTimeSchema.describe('접수 일시, 예: 2026-09-22T10:30:00+09:00'),
});
export const deadlinePreviewResponse = z.object({
  kind: caseKindSchema.optional(),
  periodId: z.string(),
  receivedAt: z.string(),
  dueDate: isoDateSchema,
  dueAt: isoDateTimeSchema,
  rule: z.object({
    id: z.string(),
    label: z.string(),
    article: z.string(),
    confidence: z.string(),
    amount: z.number(),
    unit: z.string(),
  }),
  article: z.string(),
  counting: z.record(z.string(), z.unknown()),
  explanation: z.array(z.string()),
  skipped: z.array(z.record(z.string(), z.unknown())),
  summary: z.string(),
  summaryEn: z.string(),
});
export const tasksQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  scope: z.enum(['mine', 'team']).default('mine').describe('team: 팀 업무 (팀장·감사담당관)'),
  team: teamSchema.optional().describe('scope=team의 팀 (팀장은 생략 시 자기 팀)'),
});

export const caseListResponse = z.object({ items: z.array(caseView), cursor: z.string().optional() });

export const chainBreakView = z.object({
  seq: z.number().int().describe('처음 끊어진 이벤트 순번'),
  reason: z.enum(CHAIN_BREAK_REASONS),
  expected: z.union([z.string(), z.number()]),
  found: z.union([z.string(), z.number()]),
});

export const chainVerificationView = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBreak: chainBreakView.optional(),
});

const eventTypesParam = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
  )
  .pipe(z.array(z.enum(HISTORY_EVENT_TYPES)).min(1))
  .describe('이벤트 종류, 쉼표로 여러 개 (예: TASK_COMPLETED,STAGE_CHANGED)');

export const historyQuery = z
  .object({
    type: eventTypesParam.optional(),
    actor: z.string().trim().min(1).max(128).optional().describe('행위자 (sub)'),
    from: isoDateSchema.optional().describe('기간 시작 (YYYY-MM-DD, 한국 시간, 포함)'),
    to: isoDateSchema.optional().describe('기간 끝 (YYYY-MM-DD, 한국 시간, 포함)'),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
  });

export const caseQuery = z.object({
  asOf: isoDateSchema.optional().describe('이 날짜(한국 시간) 하루가 끝난 시점의 사건 — 이력에서 재구성'),
});

export const timelineEntryView = historyEventView.extend({
  typeLabel: z.string().describe('이벤트 종류 (한국어)'),
  atKorea: z.string().describe('한국 시간, 예: 2026년 11월 20일(금) 10:30'),
  date: isoDateSchema.describe('한국 날짜'),
  actorRoleLabel: z.string(),
  onBehalfOfLabel: z.string().optional().describe('대결 표시, 예: 대결(팀장 제척) — 조사팀 팀장'),
  stageBeforeLabel: z.string().optional(),
  stageAfterLabel: z.string().optional(),
  decision: z.string().optional(),
  decisionLabel: z.string().optional(),
  reasons: z.string().optional().describe('사유 (반려 사유, 재배정·정지 사유, 의견)'),
  taskId: z.string().optional(),
  reads: z
    .number()
    .int()
    .optional()
    .describe('비공개 사건 열람: 이 열람자가 이 시간(한국 시간 1시간 단위)에 열람한 횟수 — 첫 열람이 이 이벤트를 남김'),
  readsByWhat: z.record(z.string(), z.number().int()).optional().describe('열람 횟수, 열람한 내용별'),
});

export const caseAsOfView = caseRecordSchema
  .pick({
    caseId: true,
    caseNumber: true,
    kind: true,
    team: true,
    title: true,
    summary: true,
    stage: true,
    assigneeSub: true,
    department: true,
    channel: true,
    receivedAt: true,
    dueDate: true,
    sealed: true,
    createdAt: true,
    createdBy: true,
    updatedAt: true,
    closedAt: true,
  })
  .extend({
    asOf: isoDateSchema,
    lastSeq: z.number().int().describe('반영된 마지막 이력 순번'),
    kindLabel: z.string(),
    stageLabel: z.string(),
    reconstructedFields: z.array(z.string()).describe('이력에서 재구성한 필드'),
    notReconstructed: z.array(z.string()).describe('재구성하지 않는 필드 (이력 타임라인 참조)'),
    verification: chainVerificationView,
    links: z.object({ self: z.string(), history: z.string() }),
  })
  .describe('특정 날짜 기준 사건 (as of)');

export const historyResponse = z.object({
  case: caseView,
  events: z.array(timelineEntryView),
  total: z.number().int().describe('필터 전 전체 이벤트 수'),
  verification: chainVerificationView,
});

export const verifyResponse = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  ok: z.boolean(),
  checked: z.number().int().describe('검증을 통과한 이벤트 수'),
  historySeq: z.number().int().describe('사건에 기록된 체인 끝 순번'),
  firstBreak: chainBreakView.optional(),
  messageKo: z.string().optional(),
  anchor: z
    .discriminatedUnion('status', [
      z.object({ status: z.literal('not-anchored') }),
      z.object({ status: z.literal('match'), takenAt: z.string(), seq: z.number().int() }),
      z.object({
        status: z.literal('mismatch'),
        takenAt: z.string(),
        seq: z.number().int(),
        expected: z.string(),
        found: z.string().nullable(),
      }),
      z.object({ status: z.literal('untrusted'), problem: z.string() }),
    ])
    .optional()
    .describe(
      '테이블 밖에 보관된 최신 앵커와의 비교 (not-anchored: 앵커 이후 만들어진 사건; untrusted: 앵커가 손상되었거나 서명이 맞지 않음)',
    ),
  verifiedAt: isoDateTimeSchema,
});

export const meResponse = z.object({
  sub: z.string(),
  email: z.string().optional(),
  name: z.string().optional(),
  roles: z.array(roleSchema),
  roleLabels: z.array(z.string()),
  team: teamSchema.optional(),
  teamLabel: z.string().optional(),
  position: z.string().optional(),
  /** My reminder mail choices (changed with PUT /me/reminder-preferences). */
  reminderPreferences: reminderPreferencesView,
});

export const healthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.record(z.string(), z.string()),
  time: isoDateTimeSchema,
});

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageKo: z.string(),
    field: z.string().optional(),
    rule: z.string().optional(),
    details: z
      .array(z.object({ field: z.string().optional(), rule: z.string().optional(), message: z.string() }))
      .optional(),
    requestId: z.string().optional(),
  }),
});

// ── committees and meetings (committee.ts) ──────────────────────────────────────────────────────
export const committeeParams = z.object({
  committee: committeeKindSchema.describe('위원회 (petition-review, mediation, ethics, personnel, human-rights)'),
});
export const meetingParams = z.object({ meetingId: meetingIdSchema });
export const meetingItemParams = meetingParams.extend({
  taskId: z.string().regex(ULID, 'taskId must be a task id (26-character ULID)'),
});
export const committeeBody = committeeInputSchema;
export const scheduleMeetingBody = z
  .strictObject({
    scheduledAt: isoDateTimeSchema.describe('회의 일시 (한국 시간, 예: 2026-12-10T14:00:00+09:00; 근무일)'),
    place: z.string().trim().min(1).max(200).optional().describe('장소'),
  })
  .describe('회의 일정 등록');
export const rescheduleMeetingBody = z
  .strictObject({
    scheduledAt: isoDateTimeSchema.describe('새 회의 일시 (한국 시간, 예: 2026-12-11T14:00:00+09:00; 근무일)'),
    reason: z.string().trim().min(1).max(1000).describe('변경 사유'),
    expectedVersion: z.number().int().positive().describe('변경 전 회의 버전 (낙관적 동시성)'),
  })
  .describe('회의 일정 변경 (개최 전 회의만)');
export const cancelMeetingBody = z
  .strictObject({
    reason: z.string().trim().min(1).max(1000).describe('취소 사유'),
    expectedVersion: z.number().int().positive().describe('취소 전 회의 버전 (낙관적 동시성)'),
  })
  .describe('회의 취소 (개최 전 회의만)');
export const meetingsQuery = z
  .object({ from: isoDateSchema.describe('시작일 (포함)'), to: isoDateSchema.describe('종료일 (포함)') })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export const attendanceBody = z
  .strictObject({
    presentMemberIds: z.array(memberIdSchema).max(30).describe('출석 위원 ID'),
    expectedVersion: z.number().int().positive().optional().describe('있으면 이 버전일 때만 기록'),
  })
  .describe('출석 기록 (처음 기록하면 회의가 열리고 안건이 확정됩니다)');
export const recusalBody = z
  .strictObject({
    taskId: z.string().regex(ULID, 'taskId must be a task id (26-character ULID)').describe('안건 (업무 ID)'),
    memberId: memberIdSchema.describe('제척·회피 위원'),
    reason: z.string().trim().min(1).max(1000).describe('사유'),
    declaredBy: z.enum(['member', 'secretary']).describe('신청: 위원 본인(회피) 또는 간사(제척)'),
  })
  .describe('제척·회피 기록');
export const itemDecisionBody = z
  .strictObject({
    votes: votesSchema,
    form: decisionFormSchema.describe('업무가 요구하는 결정 양식 (예: 징계의결 결과, 청원 수리·불수리)'),
  })
  .describe('안건 표결과 의결');
export const committeeView = committeeSchema.extend({ kindLabel: z.string(), cadenceLabel: z.string() });
export const committeeListResponse = z.object({ items: z.array(committeeView) });
export const committeeWriteResponse = z.object({ committee: committeeView, created: z.boolean() });
export const meetingRecordView = meetingSchema.extend({
  statusLabel: z.string(),
  committeeName: z.string(),
  links: z.object({ self: z.string() }),
});
export const meetingListResponse = z.object({ items: z.array(meetingRecordView) });
export const meetingView = z.object({
  meeting: meetingRecordView,
  committee: z.object({
    kind: committeeKindSchema,
    nameKo: z.string(),
    secretarySub: z.string(),
    quorum: quorumRuleSchema,
  }),
  agenda: z.array(
    agendaItemSchema
      .omit({ hiddenFrom: true })
      .extend({ recusedMemberIds: z.array(z.string()), decision: itemDecisionSchema.optional() }),
  ),
  agendaFrozen: z.boolean().describe('회의가 열려 안건이 확정되었는지 (열리기 전에는 지금 위원회를 기다리는 사건)'),
  reports: z
    .array(
      z.object({
        caseId: z.string(),
        caseNumber: z.string(),
        kind: caseKindSchema,
        kindLabelKo: z.string(),
        closedOn: isoDateSchema,
        line: z.string(),
      }),
    )
    .describe('보고 안건: 지난 회의 뒤 종결된 보고 대상 사건'),
  quorum: z.object({
    enrolled: z.number().int(),
    present: z.number().int(),
    required: z.number().int(),
    met: z.boolean(),
    rule: z.string(),
    article: z.string(),
  }),
  undecided: z.number().int(),
});
export const meetingWriteResponse = z.object({ meeting: meetingRecordView, replayed: z.boolean() });
export const itemDecisionResponse = completeTaskResponse.extend({
  meeting: meetingRecordView,
  decision: itemDecisionSchema.optional(),
});

/** What each route takes and gives, by route name (see routes.ts). */
