/**
 * Misconduct investigations (조사팀): external-agency referrals (외부기관 통보사항 조사) and internal
 * investigations (내부조사·민원사항 조사), in the office's own vocabulary (2023 work report) and the
 * rules of docs/legal-basis.md#misconduct-investigations.
 *
 * The details live on the case record (`CaseRecord.misconduct`): the intake facts (agency notice or
 * internal origin, officials concerned, misconduct category, date of conduct), the 징계시효, the
 * evidence references, an active suspension (지방공무원법 제73조), and the disposition as it is
 * proposed, approved and carried out. Every rule that decides whether a change is allowed is here,
 * pure: the use cases load, call these, and commit what they return with the history.
 */
import * as z from 'zod';
import { CONFIDENCE_LEVELS } from '../../calendar/period-counting.ts';
import {
  CATEGORY_RULES,
  disciplineLimitation,
  extendLimitationForSuspension,
  SURCHARGE_RULE,
  type Limitation,
} from './discipline-limitation.ts';
import type { CaseChange, CaseRecord, CaseStage } from '../../domain/case.ts';
import type { CaseKind } from '../../domain/case.ts';
import { ForbiddenError, IllegalTransitionError, ValidationError, assertNotFuture } from '../../domain/errors.ts';
import type { EventActor, EventDraft } from '../../domain/history.ts';
import { MISCONDUCT_CATEGORIES, type MisconductCategory } from './misconduct-categories.ts';

// ── vocabulary ─────────────────────────────────────────────────────────────────────────────────────

export const MISCONDUCT_KINDS = ['external-referral', 'internal-investigation'] as const satisfies readonly CaseKind[];
export type MisconductKind = (typeof MISCONDUCT_KINDS)[number];
export const isMisconductKind = (kind: CaseKind): kind is MisconductKind =>
  (MISCONDUCT_KINDS as readonly CaseKind[]).includes(kind);

export const REFERRING_AGENCIES = ['검찰', '경찰', '감사원', '국민권익위원회', '서울시', '기타'] as const;
export type ReferringAgency = (typeof REFERRING_AGENCIES)[number];

export const NOTICE_TYPES = ['수사·조사 개시 통보', '범죄처분결과 통보', '감사결과 징계요구'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];
/** Notices that state a ground for discipline (지방공무원 징계 및 소청 규정 제2조②③): the 1-month request period runs from them. */
export const DISCIPLINE_GROUND_NOTICES: readonly NoticeType[] = ['범죄처분결과 통보', '감사결과 징계요구'];

export const INTERNAL_ORIGINS = ['internal-finding', 'anonymous-report', 'complaint', 'audit'] as const;
export type InternalOrigin = (typeof INTERNAL_ORIGINS)[number];
export const INTERNAL_ORIGIN_LABELS: Record<InternalOrigin, string> = {
  'internal-finding': '내부 적발',
  'anonymous-report': '익명신고(청렴톡 등)',
  complaint: '민원',
  audit: '감사 결과',
};

export { MISCONDUCT_CATEGORIES, type MisconductCategory };
export const MISCONDUCT_CATEGORY_LABELS: Record<MisconductCategory, string> = {
  bribery: '금품·향응 수수',
  'bribe-giving': '금품·향응 제공',
  embezzlement: '공금 횡령·유용',
  'breach-of-trust': '공금 배임·절도·사기',
  'sexual-offence': '성폭력·성매매·아동청소년 대상 성범죄',
  'sexual-harassment': '성희롱',
  'drunk-driving': '음주운전',
  'abuse-of-authority': '갑질·직권남용',
  'neglect-of-duty': '직무태만·소극행정',
  'breach-of-service-rules': '복무규정 위반',
  other: '기타 비위',
};

export const DISPOSITION_TYPES = ['discipline', 'admonition', 'caution', 'closure', 'corrective-action'] as const;
export type DispositionType = (typeof DISPOSITION_TYPES)[number];
export const DISPOSITION_LABELS: Record<DispositionType, string> = {
  discipline: '징계',
  admonition: '훈계',
  caution: '주의',
  closure: '내부종결',
  'corrective-action': '시정조치',
};

/** The personnel committee's resolutions (지방공무원법 제70조 징계 종류 + 불문경고). */
export const DISCIPLINE_RESOLUTIONS = ['파면', '해임', '강등', '정직', '감봉', '견책', '불문경고'] as const;
export type DisciplineResolution = (typeof DISCIPLINE_RESOLUTIONS)[number];
/** 지방공무원법 제71조: 정직·감봉 run 1–3 months (C); 강등 carries a fixed 3-month suspension from duty. */
export const RESOLUTIONS_WITH_MONTHS: readonly DisciplineResolution[] = ['정직', '감봉'];

export const CLOSURE_REASONS = [
  'no-misconduct',
  'insufficient-evidence',
  'not-prosecuted',
  'limitation-expired',
  'already-disciplined',
  'transferred',
  'left-service',
  'active-administration-exemption',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export const CLOSURE_REASON_LABELS: Record<ClosureReason, string> = {
  'no-misconduct': '비위 사실 없음',
  'insufficient-evidence': '증거 불충분',
  'not-prosecuted': '혐의없음·불기소 등 수사결과 비위 불성립',
  'limitation-expired': '징계시효 완성',
  'already-disciplined': '동일 사안 기처리',
  transferred: '관할 기관 이송',
  'left-service': '퇴직 등 신분 상실',
  'active-administration-exemption': '적극행정 면책(지방공무원 적극행정 운영규정 제15조)',
  other: '기타(사유 기재)',
};

export const SUSPENSION_REASONS = ['audit-board-investigation', 'criminal-investigation'] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];
export const SUSPENSION_RULES: Record<
  SuspensionReason,
  { labelKo: string; mandatory: boolean; article: string; confidence: 'C' }
> = {
  'audit-board-investigation': {
    labelKo: '감사원 조사 중 — 징계절차 진행 불가',
    mandatory: true,
    article: '지방공무원법 제73조①',
    confidence: 'C',
  },
  'criminal-investigation': {
    labelKo: '수사기관 수사 중 — 징계절차를 진행하지 아니할 수 있음',
    mandatory: false,
    article: '지방공무원법 제73조②',
    confidence: 'C',
  },
};

export const EVIDENCE_KINDS = ['문서', '진술', '전자기록', '사진·영상', '기타'] as const;

/** The office's reporting categories (2023 work report: referrals 33 = 6 / 2 / 18 / 7). */
export const REPORT_CATEGORIES = ['징계·불문경고', '훈계·주의', '내부종결·시정조치', '진행'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** The steps after the head of office approves a disposition, in the order the workflow runs them. */
export const DISPOSITION_STEPS = [
  'request-discipline',
  'record-resolution',
  'issue-warning',
  'confirm-acknowledgement',
  'issue-corrective-order',
  'confirm-correction',
  'notify-agency',
  'close',
] as const;
export type DispositionStep = (typeof DISPOSITION_STEPS)[number];

// ── schemas: what people enter ─────────────────────────────────────────────────────────────────────

const date = z.iso.date();
const dateTime = z.iso.datetime({ offset: true });
const personName = z.string().trim().min(1).max(50);
const department = z.string().trim().min(1).max(100);
const documentNumber = z.string().trim().min(1).max(100).describe('문서번호');
const longText = (max: number) => z.string().trim().min(1).max(max);

export const officialInputSchema = z
  .strictObject({
    name: personName.describe('성명'),
    department: department.describe('소속 부서'),
    grade: z.string().trim().min(1).max(50).describe('직급, 예: 지방행정주사(6급)'),
    staffSub: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .optional()
      .describe('이 시스템 사용자인 경우 직원 ID — 본인 사건 배정·열람 차단의 기준'),
    notStaff: z.literal(true).optional().describe('같은 이름의 직원이 있지만 동일인이 아님을 확인함'),
  })
  .describe('관련 공무원(비위 당사자)');
export type OfficialInput = z.infer<typeof officialInputSchema>;

export const referralIntakeSchema = z
  .strictObject({
    agency: z.enum(REFERRING_AGENCIES).describe('통보 기관'),
    agencyName: z.string().trim().min(1).max(100).optional().describe('기관명 (기타인 경우 필수, 예: OO지방검찰청)'),
    noticeType: z.enum(NOTICE_TYPES).describe('통보 종류'),
    noticeNumber: documentNumber.describe('통보 문서번호'),
    noticeDate: date.describe('통보일 (접수일은 사건의 receivedAt)'),
  })
  .describe('외부기관 통보');
export type ReferralIntake = z.infer<typeof referralIntakeSchema>;

export const misconductIntakeSchema = z
  .strictObject({
    category: z.enum(MISCONDUCT_CATEGORIES).describe('비위 유형 (징계시효·징계부가금 판단 기준)'),
    conductDate: date.describe('비위 행위일 (계속된 행위는 끝난 날)'),
    officials: z.array(officialInputSchema).min(1).max(20).describe('관련 공무원'),
    referral: referralIntakeSchema.optional().describe('외부기관 통보사항(external-referral)에 필수'),
    origin: z.enum(INTERNAL_ORIGINS).optional().describe('내부조사(internal-investigation)의 착수 경위에 필수'),
  })
  .describe('비위 조사 사건의 접수 정보');
export type MisconductIntake = z.infer<typeof misconductIntakeSchema>;

export const evidenceInputSchema = z
  .strictObject({
    label: longText(200).describe('증거 이름'),
    reference: longText(500).describe('문서번호·보관 위치 등 참조'),
    kind: z.enum(EVIDENCE_KINDS).default('문서').describe('증거 종류'),
    obtainedOn: date.optional().describe('확보일'),
  })
  .describe('증거 참조');
export type EvidenceInput = z.infer<typeof evidenceInputSchema>;

export const dispositionSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('discipline'),
      severity: z.enum(['중징계', '경징계']).describe('요구할 징계 수준 의견'),
      grounds: longText(5000).optional(),
    }),
    z.strictObject({ type: z.literal('admonition'), content: longText(5000).optional() }),
    z.strictObject({ type: z.literal('caution'), content: longText(5000).optional() }),
    z.strictObject({
      type: z.literal('closure'),
      reasonCode: z.enum(CLOSURE_REASONS).describe('종결 사유 코드'),
      reasonText: longText(2000).optional(),
    }),
    z.strictObject({
      type: z.literal('corrective-action'),
      department: department.describe('시정 요구 대상 부서'),
      order: longText(5000).describe('시정 요구 내용'),
      complianceDueDate: date.describe('시정 이행기한'),
    }),
  ])
  .describe('처분안');
export type Disposition = z.infer<typeof dispositionSchema>;

/** The decision forms of the misconduct tasks (composed into decisionFormSchema in task.ts). */
export const misconductDecisionForms = [
  z.strictObject({
    decision: z.literal('propose'),
    findings: longText(20_000).describe('조사 결과'),
    disposition: dispositionSchema,
    comment: longText(2000).optional(),
  }),
  z.strictObject({ decision: z.literal('endorse'), opinion: longText(2000).optional().describe('팀장 검토 의견') }),
  z.strictObject({
    decision: z.literal('send-request'),
    requestedOn: date.describe('징계의결 요구일'),
    documentNumber,
    committee: z.string().trim().min(1).max(100).default('인사위원회'),
    surchargeRequested: z.boolean().default(false).describe('징계부가금 부과의결 요구 여부 (제69조의2①)'),
    surchargeBaseAmountWon: z.number().int().positive().optional().describe('징계부가금 산정 기준 금액(원)'),
  }),
  z.strictObject({
    decision: z.literal('record-resolution'),
    resolution: z.enum(DISCIPLINE_RESOLUTIONS).describe('인사위원회 의결'),
    months: z.number().int().min(1).max(3).optional().describe('정직·감봉 기간(개월, 제71조)'),
    resolvedOn: date.describe('의결일'),
    documentNumber: documentNumber.optional(),
    surcharge: z
      .strictObject({
        multiple: z.number().gt(0).max(SURCHARGE_RULE.maxMultiple),
        amountWon: z.number().int().positive(),
      })
      .optional()
      .describe('징계부가금 의결 (배수, 금액)'),
  }),
  z.strictObject({ decision: z.literal('issue'), issuedOn: date.describe('훈계·주의 처분일'), documentNumber }),
  z.strictObject({ decision: z.literal('acknowledge'), acknowledgedOn: date.describe('당사자 수령 확인일') }),
  z.strictObject({ decision: z.literal('issue-order'), sentOn: date.describe('시정 요구 통보일'), documentNumber }),
  z.strictObject({
    decision: z.literal('confirm-correction'),
    confirmedOn: date.describe('이행 확인일'),
    result: longText(5000).describe('이행 결과'),
  }),
  z.strictObject({
    decision: z.literal('send-result-notice'),
    sentOn: date.describe('처리결과 회신일'),
    documentNumber,
  }),
] as const;

export const suspendInputSchema = z
  .strictObject({
    reason: z.enum(SUSPENSION_REASONS).describe('정지 사유: 감사원 조사(제73조①, 의무) / 수사(제73조②, 재량)'),
    startNoticeReceivedOn: date.describe('조사·수사 개시 통보를 받은 날'),
    agency: z.string().trim().min(1).max(100).optional().describe('통보 기관'),
    noticeNumber: documentNumber.optional(),
    note: longText(2000).optional(),
  })
  .describe('징계절차 정지');
export type SuspendInput = z.infer<typeof suspendInputSchema>;

export const resumeInputSchema = z
  .discriminatedUnion('basis', [
    z.strictObject({
      basis: z.literal('end-notice'),
      endNoticeReceivedOn: date.describe('조사·수사 종료 통보를 받은 날'),
      noticeNumber: documentNumber.optional(),
      note: longText(2000).optional(),
    }),
    z.strictObject({
      basis: z.literal('office-decision'),
      reasonText: longText(2000).describe('종료 통보 전에 절차를 재개하는 이유 (수사 중 재량 정지만)'),
    }),
  ])
  .describe('징계절차 재개');
export type ResumeInput = z.infer<typeof resumeInputSchema>;

// ── schemas: what is stored on the case ────────────────────────────────────────────────────────────

const officialSchema = z.object({
  officialId: z.string(),
  name: z.string(),
  department: z.string(),
  grade: z.string(),
  staffSub: z.string().optional(),
  confirmedNotStaff: z.boolean().optional(),
  addedAt: dateTime,
  addedBy: z.string(),
});
export type Official = z.infer<typeof officialSchema>;

const evidenceSchema = z.object({
  evidenceId: z.string(),
  label: z.string(),
  reference: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  obtainedOn: date.optional(),
  addedAt: dateTime,
  addedBy: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

const confidence = z.enum(CONFIDENCE_LEVELS);
const limitationSchema = z.object({
  date,
  years: z.union([z.literal(3), z.literal(5), z.literal(10)]),
  tier: z.enum(['sexual', 'money', 'other']),
  from: date,
  article: z.string(),
  confidence,
  explanation: z.array(z.string()),
  extensions: z.array(
    z.object({
      before: date,
      after: date,
      startNoticeReceivedOn: date,
      endNoticeReceivedOn: date,
      article: z.string(),
      confidence,
    }),
  ),
});

/** The stages a suspended case goes back to (where its open task stood). */
const RESUMABLE_STAGES = ['intake', 'assignment', 'investigation', 'review', 'approval', 'disposition'] as const;

const suspensionSchema = z.object({
  reason: z.enum(SUSPENSION_REASONS),
  mandatory: z.boolean(),
  article: z.string(),
  since: dateTime,
  by: z.string(),
  startNoticeReceivedOn: date,
  agency: z.string().optional(),
  noticeNumber: z.string().optional(),
  resumeStage: z.enum(RESUMABLE_STAGES),
  cancelledTaskIds: z.array(z.string()),
});
export type Suspension = z.infer<typeof suspensionSchema>;

const resolutionSchema = z.object({
  type: z.enum(DISCIPLINE_RESOLUTIONS),
  months: z.number().int().optional(),
  resolvedOn: date,
  documentNumber: z.string().optional(),
  surcharge: z.object({ multiple: z.number(), amountWon: z.number().int() }).optional(),
});

export const misconductRecordSchema = z.object({
  category: z.enum(MISCONDUCT_CATEGORIES),
  conductDate: date,
  referral: referralIntakeSchema.optional(),
  origin: z.enum(INTERNAL_ORIGINS).optional(),
  officials: z.array(officialSchema),
  /** Staff ids of the officials concerned: never assigned to, never shown, their own case. */
  concernedSubs: z.array(z.string()),
  evidence: z.array(evidenceSchema),
  limitation: limitationSchema,
  suspension: suspensionSchema.optional(),
  lastEndNoticeReceivedOn: date.optional(),
  proposal: z.object({ disposition: dispositionSchema, by: z.string(), at: dateTime }).optional(),
  approved: z
    .object({ disposition: dispositionSchema, proposedBy: z.string(), approvedBy: z.string(), approvedAt: dateTime })
    .optional(),
  progress: z.object({
    requestSentOn: date.optional(),
    requestDocumentNumber: z.string().optional(),
    surchargeRequested: z.boolean().optional(),
    surchargeBaseAmountWon: z.number().int().optional(),
    resolution: resolutionSchema.optional(),
    issuedOn: date.optional(),
    acknowledgedOn: date.optional(),
    orderSentOn: date.optional(),
    correctionConfirmedOn: date.optional(),
    resultNoticeSentOn: date.optional(),
  }),
});
export type MisconductRecord = z.infer<typeof misconductRecordSchema>;

declare module '../../domain/case.ts' {
  interface CaseDetailsByKind {
    /** Misconduct investigations only (external referrals, internal investigations). */
    misconduct?: MisconductRecord;
  }
  interface IntakeDetailsByKind {
    /** Required for its kinds, refused for others (index.ts `details`). */
    misconduct?: MisconductIntake;
  }
}

export const MAX_OFFICIALS = 20;
export const MAX_EVIDENCE = 200;

// ── rules ──────────────────────────────────────────────────────────────────────────────────────────

const invalid = (field: string, rule: string, message: string, messageKo: string) =>
  new ValidationError(message, messageKo, { field, rule });

function checkNotBefore(field: string, value: string, earliest: string, what: string, whatKo: string): void {
  if (value < earliest) {
    throw invalid(
      field,
      `not_before_${what.replace(/\W+/g, '_')}`,
      `${field} (${value}) is before the ${what} (${earliest})`,
      `${field}(${value})은 ${whatKo}(${earliest})보다 앞설 수 없습니다`,
    );
  }
}

function toStoredLimitation(limitation: Limitation): MisconductRecord['limitation'] {
  return {
    date: limitation.date,
    years: limitation.years,
    tier: limitation.tier,
    from: limitation.from,
    article: limitation.article,
    confidence: limitation.confidence,
    explanation: [...limitation.explanation],
    extensions: limitation.extensions.map((e) => ({ ...e })),
  };
}

export function concernedError(field = 'assigneeSub'): ForbiddenError {
  return new ForbiddenError(
    'An official concerned can never be assigned to, or see, their own case',
    '비위 관련 공무원 본인은 자기 사건을 배정받거나 열람할 수 없습니다',
    { field, rule: 'official_concerned' },
  );
}

export function isConcerned(record: MisconductRecord | undefined, sub: string | undefined): boolean {
  return sub !== undefined && record !== undefined && record.concernedSubs.includes(sub);
}

function storedOfficial(input: OfficialInput, officialId: string, actorSub: string, now: string): Official {
  return {
    officialId,
    name: input.name,
    department: input.department,
    grade: input.grade,
    ...(input.staffSub !== undefined && { staffSub: input.staffSub }),
    ...(input.notStaff === true && { confirmedNotStaff: true }),
    addedAt: now,
    addedBy: actorSub,
  };
}

/**
 * The misconduct details of a new case, checked: referrals carry the agency's notice, internal
 * investigations their origin; dates cannot follow the receipt; the assignee cannot be an official
 * concerned. A Board of Audit start-of-investigation notice suspends the case at once (제73조①: the
 * procedure must not run), so its workflow starts only when the end notice resumes it.
 */
export function openMisconduct(params: {
  kind: CaseKind;
  intake: MisconductIntake | undefined;
  receivedAt: string;
  assigneeSub?: string;
  actorSub: string;
  now: string;
}): { record: MisconductRecord; suspension?: Suspension } | undefined {
  const { kind, intake, receivedAt, actorSub, now } = params;
  if (!isMisconductKind(kind)) {
    if (intake !== undefined)
      throw invalid(
        'misconduct',
        'not_for_kind',
        `misconduct details are only for ${MISCONDUCT_KINDS.join(', ')}`,
        '비위 조사 정보는 외부기관 통보·내부조사 사건에만 입력합니다',
      );
    return undefined;
  }
  if (intake === undefined) {
    throw invalid(
      'misconduct',
      'required_for_kind',
      `a ${kind} case needs its misconduct details (category, conductDate, officials …)`,
      '비위 조사 사건은 비위 유형·행위일·관련 공무원 등 접수 정보가 필요합니다',
    );
  }
  const receivedOn = receivedAt.slice(0, 10);
  if (kind === 'external-referral') {
    if (!intake.referral)
      throw invalid(
        'misconduct.referral',
        'required_for_kind',
        'an external referral needs the agency notice',
        '외부기관 통보사항은 통보 기관·종류·번호·통보일이 필요합니다',
      );
    if (intake.origin !== undefined)
      throw invalid(
        'misconduct.origin',
        'not_for_kind',
        'origin is for internal investigations',
        '착수 경위(origin)는 내부조사에만 입력합니다',
      );
    if (intake.referral.agency === '기타' && intake.referral.agencyName === undefined) {
      throw invalid(
        'misconduct.referral.agencyName',
        'required_for_other_agency',
        'name the agency when it is 기타',
        '통보 기관이 기타이면 기관명을 입력하세요',
      );
    }
    checkNotBefore('receivedAt', receivedOn, intake.referral.noticeDate, 'notice date', '통보일');
    checkNotBefore(
      'misconduct.referral.noticeDate',
      intake.referral.noticeDate,
      intake.conductDate,
      'conduct date',
      '비위 행위일',
    );
  } else {
    if (intake.origin === undefined)
      throw invalid(
        'misconduct.origin',
        'required_for_kind',
        'an internal investigation needs its origin',
        '내부조사는 착수 경위(내부 적발·익명신고·민원·감사)가 필요합니다',
      );
    if (intake.referral !== undefined)
      throw invalid(
        'misconduct.referral',
        'not_for_kind',
        'an internal investigation has no agency notice',
        '내부조사에는 외부기관 통보 정보를 입력하지 않습니다',
      );
  }
  checkNotBefore('receivedAt', receivedOn, intake.conductDate, 'conduct date', '비위 행위일');
  const subs = intake.officials.flatMap((o) => (o.staffSub ? [o.staffSub] : []));
  if (new Set(subs).size !== subs.length)
    throw invalid(
      'misconduct.officials',
      'duplicate_official',
      'the same staff member is listed twice',
      '같은 직원이 두 번 입력되었습니다',
    );
  if (params.assigneeSub !== undefined && subs.includes(params.assigneeSub)) throw concernedError();

  const record: MisconductRecord = {
    category: intake.category,
    conductDate: intake.conductDate,
    ...(intake.referral && { referral: intake.referral }),
    ...(intake.origin && { origin: intake.origin }),
    officials: intake.officials.map((o, i) => storedOfficial(o, `O${i + 1}`, actorSub, now)),
    concernedSubs: subs,
    evidence: [],
    limitation: toStoredLimitation(disciplineLimitation(intake.category, intake.conductDate)),
    progress: {},
  };
  if (intake.referral?.agency === '감사원' && intake.referral.noticeType === '수사·조사 개시 통보') {
    const rule = SUSPENSION_RULES['audit-board-investigation'];
    const suspension: Suspension = {
      reason: 'audit-board-investigation',
      mandatory: rule.mandatory,
      article: rule.article,
      since: now,
      by: actorSub,
      startNoticeReceivedOn: receivedOn,
      agency: '감사원',
      noticeNumber: intake.referral.noticeNumber,
      resumeStage: params.assigneeSub !== undefined ? 'investigation' : 'intake',
      cancelledTaskIds: [],
    };
    return { record: { ...record, suspension }, suspension };
  }
  return { record };
}

export function suspensionDraft(
  suspension: Suspension,
  stageBefore: CaseStage,
  actor: EventActor,
  at: string,
  extra: Record<string, unknown> = {},
): EventDraft {
  const rule = SUSPENSION_RULES[suspension.reason];
  return {
    type: 'SUSPENDED',
    at,
    actor,
    stageBefore,
    stageAfter: 'suspended',
    data: {
      reason: suspension.reason,
      reasonLabel: rule.labelKo,
      mandatory: suspension.mandatory,
      article: rule.article,
      startNoticeReceivedOn: suspension.startNoticeReceivedOn,
      ...(suspension.agency !== undefined && { agency: suspension.agency }),
      ...(suspension.noticeNumber !== undefined && { noticeNumber: suspension.noticeNumber }),
      resumeStage: suspension.resumeStage,
      cancelledTasks: suspension.cancelledTaskIds,
      ...extra,
    },
  };
}

function requireMisconduct(c: CaseRecord): MisconductRecord {
  if (!c.misconduct) {
    throw new IllegalTransitionError(
      `Case ${c.caseNumber} is not a misconduct investigation`,
      `사건(${c.caseNumber})은 비위 조사 사건이 아닙니다`,
      { field: 'caseId', rule: 'not_misconduct_case' },
    );
  }
  return c.misconduct;
}

function assertNotClosed(c: CaseRecord): void {
  if (c.stage === 'closed') {
    throw new IllegalTransitionError(`Case ${c.caseNumber} is closed`, `종결된 사건(${c.caseNumber})입니다`, {
      field: 'stage',
      rule: 'case_closed',
    });
  }
}

export function suspendedError(c: CaseRecord): IllegalTransitionError {
  const reason = c.misconduct?.suspension ? SUSPENSION_RULES[c.misconduct.suspension.reason] : undefined;
  return new IllegalTransitionError(
    `Case ${c.caseNumber} is suspended${reason ? ` (${reason.article})` : ''}; resume it on the end-of-investigation notice first`,
    `징계절차가 정지된 사건(${c.caseNumber})입니다${reason ? ` — ${reason.labelKo} (${reason.article})` : ''}. 종료 통보를 받아 재개한 뒤 처리하세요`,
    { field: 'stage', rule: 'case_suspended' },
  );
}

/** Adds an official concerned; the current assignee cannot become one without first being replaced. */
export function addOfficial(c: CaseRecord, input: OfficialInput, actor: EventActor, now: string): CaseChange {
  const record = requireMisconduct(c);
  assertNotClosed(c);
  if (record.officials.length >= MAX_OFFICIALS)
    throw invalid(
      'officials',
      'too_many',
      `at most ${MAX_OFFICIALS} officials`,
      `관련 공무원은 ${MAX_OFFICIALS}명까지 입력할 수 있습니다`,
    );
  if (input.staffSub !== undefined) {
    if (record.concernedSubs.includes(input.staffSub))
      throw invalid(
        'staffSub',
        'duplicate_official',
        'this staff member is already an official concerned',
        '이미 관련 공무원으로 등록된 직원입니다',
      );
    if (c.assigneeSub === input.staffSub) {
      throw new IllegalTransitionError(
        'The assignee is the official concerned: reassign the case before recording them',
        '담당 조사관 본인이 관련 공무원입니다. 먼저 다른 조사관에게 재배정한 뒤 등록하세요',
        { field: 'staffSub', rule: 'official_is_assignee' },
      );
    }
  }
  const official = storedOfficial(input, `O${record.officials.length + 1}`, actor.sub, now);
  const concernedSubs = input.staffSub !== undefined ? [...record.concernedSubs, input.staffSub] : record.concernedSubs;
  return {
    next: {
      ...c,
      misconduct: { ...record, officials: [...record.officials, official], concernedSubs },
      updatedAt: now,
      version: c.version + 1,
    },
    drafts: [{ type: 'OFFICIAL_ADDED', at: now, actor, data: { ...official } }],
  };
}

export function addEvidence(c: CaseRecord, input: EvidenceInput, actor: EventActor, now: string): CaseChange {
  const record = requireMisconduct(c);
  assertNotClosed(c);
  if (record.evidence.length >= MAX_EVIDENCE)
    throw invalid(
      'evidence',
      'too_many',
      `at most ${MAX_EVIDENCE} evidence references`,
      `증거 참조는 ${MAX_EVIDENCE}건까지 입력할 수 있습니다`,
    );
  if (input.obtainedOn !== undefined) assertNotFuture(input.obtainedOn, now.slice(0, 10), 'obtainedOn');
  const evidence: Evidence = {
    evidenceId: `E${record.evidence.length + 1}`,
    label: input.label,
    reference: input.reference,
    kind: input.kind,
    ...(input.obtainedOn !== undefined && { obtainedOn: input.obtainedOn }),
    addedAt: now,
    addedBy: actor.sub,
  };
  return {
    next: {
      ...c,
      misconduct: { ...record, evidence: [...record.evidence, evidence] },
      updatedAt: now,
      version: c.version + 1,
    },
    drafts: [{ type: 'EVIDENCE_ADDED', at: now, actor, data: { ...evidence } }],
  };
}

/**
 * Suspends the discipline procedure (지방공무원법 제73조): the open tasks are cancelled and the case
 * remembers the stage they stood at, to restart there on resumption. A case must be parked at a
 * human task to be suspended, so no workflow step is half-way when it stops.
 */
export function suspendCase(
  c: CaseRecord,
  input: SuspendInput,
  openTasks: readonly { taskId: string; stage: CaseStage }[],
  actor: EventActor,
  now: string,
): CaseChange {
  const record = requireMisconduct(c);
  assertNotClosed(c);
  if (c.stage === 'suspended') throw suspendedError(c);
  assertNotFuture(input.startNoticeReceivedOn, now.slice(0, 10), 'startNoticeReceivedOn');
  const first = openTasks[0];
  if (!first) {
    throw new IllegalTransitionError(
      `Case ${c.caseNumber} is between workflow steps; try again in a moment`,
      `사건(${c.caseNumber})이 다음 단계로 넘어가는 중입니다. 잠시 후 다시 시도하세요`,
      { field: 'caseId', rule: 'workflow_busy' },
    );
  }
  const rule = SUSPENSION_RULES[input.reason];
  const suspension: Suspension = {
    reason: input.reason,
    mandatory: rule.mandatory,
    article: rule.article,
    since: now,
    by: actor.sub,
    startNoticeReceivedOn: input.startNoticeReceivedOn,
    ...(input.agency !== undefined && { agency: input.agency }),
    ...(input.noticeNumber !== undefined && { noticeNumber: input.noticeNumber }),
    resumeStage: first.stage === 'suspended' || first.stage === 'closed' ? 'investigation' : first.stage,
    cancelledTaskIds: openTasks.map((t) => t.taskId),
  };
  return {
    next: { ...c, stage: 'suspended', misconduct: { ...record, suspension }, updatedAt: now, version: c.version + 1 },
    drafts: [suspensionDraft(suspension, c.stage, actor, now, input.note !== undefined ? { note: input.note } : {})],
  };
}

/**
 * Resumes a suspended case at the stage it stood, under a new execution (named, so starting it is
 * idempotent). On the end-of-investigation notice the 징계시효 moves as 제73조의2② says; an office
 * decision to go on before the notice is open only where stopping was discretionary (제73조②).
 */
export function resumeCase(
  c: CaseRecord,
  input: ResumeInput,
  actor: EventActor,
  now: string,
  executionName: string,
): CaseChange {
  const record = requireMisconduct(c);
  const suspension = record.suspension;
  if (c.stage !== 'suspended' || !suspension) {
    throw new IllegalTransitionError(
      `Case ${c.caseNumber} is not suspended`,
      `정지된 사건이 아닙니다(${c.caseNumber})`,
      { field: 'stage', rule: 'case_not_suspended' },
    );
  }
  const today = now.slice(0, 10);
  let limitation = record.limitation;
  if (input.basis === 'office-decision') {
    if (suspension.mandatory) {
      throw new IllegalTransitionError(
        `While the Board of Audit investigates, discipline proceedings must not run (${suspension.article}); resume on its end notice`,
        `감사원 조사 중에는 징계절차를 진행할 수 없습니다(${suspension.article}). 조사 종료 통보를 받은 날을 입력해 재개하세요`,
        { field: 'basis', rule: 'mandatory_suspension' },
      );
    }
  } else {
    assertNotFuture(input.endNoticeReceivedOn, today, 'endNoticeReceivedOn');
    checkNotBefore(
      'endNoticeReceivedOn',
      input.endNoticeReceivedOn,
      suspension.startNoticeReceivedOn,
      'start notice',
      '개시 통보를 받은 날',
    );
    limitation = toStoredLimitation(
      extendLimitationForSuspension(record.limitation, suspension.startNoticeReceivedOn, input.endNoticeReceivedOn),
    );
  }
  const { suspension: _ended, ...rest } = record;
  const misconduct: MisconductRecord = {
    ...rest,
    limitation,
    ...(input.basis === 'end-notice' ? { lastEndNoticeReceivedOn: input.endNoticeReceivedOn } : {}),
  };
  const drafts: EventDraft[] = [
    {
      type: 'RESUMED',
      at: now,
      actor,
      stageBefore: 'suspended',
      stageAfter: suspension.resumeStage,
      data: {
        basis: input.basis,
        reason: suspension.reason,
        suspendedSince: suspension.since,
        ...(input.basis === 'end-notice'
          ? {
              endNoticeReceivedOn: input.endNoticeReceivedOn,
              ...(input.noticeNumber !== undefined && { noticeNumber: input.noticeNumber }),
              ...(input.note !== undefined && { note: input.note }),
            }
          : { reasonText: input.reasonText }),
        resumeStage: suspension.resumeStage,
        newExecutionName: executionName,
      },
    },
  ];
  if (limitation.date !== record.limitation.date) {
    const extension = limitation.extensions.at(-1);
    drafts.push({
      type: 'LIMITATION_CHANGED',
      at: now,
      actor,
      data: {
        before: record.limitation.date,
        after: limitation.date,
        article: extension?.article ?? '',
        confidence: extension?.confidence ?? 'R',
        explanation: limitation.explanation.at(-1) ?? '',
      },
    });
  }
  return {
    next: {
      ...c,
      stage: suspension.resumeStage,
      misconduct,
      pendingExecutionName: executionName,
      updatedAt: now,
      version: c.version + 1,
    },
    drafts,
  };
}

type MisconductForm =
  | z.infer<(typeof misconductDecisionForms)[number]>
  | { decision: 'approve'; comment?: string }
  | { decision: 'return'; reasons: string };

/**
 * What a completed misconduct task changes on the case, checked against the case's own facts
 * (limitation, surcharge duty, order of dates). `form` has passed its zod schema already.
 */
export function applyMisconductDecision(
  c: CaseRecord,
  taskType: string,
  form: MisconductForm,
  actorSub: string,
  now: string,
): { misconduct: MisconductRecord; drafts: Omit<EventDraft, 'actor' | 'at'>[] } {
  const record = requireMisconduct(c);
  const today = now.slice(0, 10);
  const p = record.progress;
  const surchargeRequired = CATEGORY_RULES[record.category].surchargeRequired;
  const limitationExpired = () =>
    new IllegalTransitionError(
      `The discipline limitation ended on ${record.limitation.date} (${record.limitation.article}); discipline can no longer be requested`,
      `징계시효가 ${record.limitation.date}에 만료되어 징계의결을 요구할 수 없습니다 (${record.limitation.article}). 다른 처분을 검토하세요`,
      { field: 'disposition.type', rule: 'limitation_expired' },
    );

  switch (form.decision) {
    case 'propose': {
      const d = form.disposition;
      if (d.type === 'discipline' && record.limitation.date < today) throw limitationExpired();
      if (d.type === 'closure' && d.reasonCode === 'other' && d.reasonText === undefined) {
        throw invalid(
          'disposition.reasonText',
          'required_for_other',
          'a closure for another reason needs the reason written out',
          '기타 사유로 종결하려면 사유를 적어야 합니다',
        );
      }
      if (d.type === 'corrective-action' && d.complianceDueDate < today) {
        throw invalid(
          'disposition.complianceDueDate',
          'not_in_past',
          'the compliance due date has passed',
          '시정 이행기한이 이미 지났습니다',
        );
      }
      return { misconduct: { ...record, proposal: { disposition: d, by: actorSub, at: now } }, drafts: [] };
    }
    case 'endorse':
      if (!record.proposal)
        throw new IllegalTransitionError('There is no proposed disposition to review', '검토할 처분안이 없습니다', {
          field: 'taskId',
          rule: 'no_proposal',
        });
      return { misconduct: record, drafts: [] };
    case 'approve': {
      if (taskType !== 'approve') return { misconduct: record, drafts: [] };
      const proposal = record.proposal;
      if (!proposal)
        throw new IllegalTransitionError('There is no proposed disposition to approve', '결재할 처분안이 없습니다', {
          field: 'taskId',
          rule: 'no_proposal',
        });
      if (proposal.disposition.type === 'discipline' && record.limitation.date < today) throw limitationExpired();
      const approved = {
        disposition: proposal.disposition,
        proposedBy: proposal.by,
        approvedBy: actorSub,
        approvedAt: now,
      };
      return {
        misconduct: { ...record, approved },
        drafts: [
          {
            type: 'DISPOSITION_RECORDED',
            data: {
              disposition: proposal.disposition,
              dispositionLabel: DISPOSITION_LABELS[proposal.disposition.type],
              reportCategory: categoryOfDisposition(proposal.disposition.type),
              proposedBy: proposal.by,
              limitationDate: record.limitation.date,
            },
          },
        ],
      };
    }
    case 'return':
      return { misconduct: record, drafts: [] };
    case 'send-request': {
      const approvedOn = record.approved?.approvedAt.slice(0, 10) ?? today;
      assertNotFuture(form.requestedOn, today, 'requestedOn');
      checkNotBefore('requestedOn', form.requestedOn, approvedOn, 'approval', '처분 결재일');
      if (form.requestedOn > record.limitation.date) throw limitationExpired();
      if (surchargeRequired && (!form.surchargeRequested || form.surchargeBaseAmountWon === undefined)) {
        throw invalid(
          form.surchargeRequested ? 'surchargeBaseAmountWon' : 'surchargeRequested',
          'surcharge_required',
          `${MISCONDUCT_CATEGORY_LABELS[record.category]}: the discipline request must ask for a surcharge with its base amount (${SURCHARGE_RULE.article})`,
          `${MISCONDUCT_CATEGORY_LABELS[record.category]} 사건은 징계부가금 부과의결을 함께 요구하고 기준 금액을 적어야 합니다 (${SURCHARGE_RULE.article})`,
        );
      }
      if (!surchargeRequired && (form.surchargeRequested || form.surchargeBaseAmountWon !== undefined)) {
        throw invalid(
          'surchargeRequested',
          'surcharge_not_applicable',
          `a surcharge applies only to the grounds of ${SURCHARGE_RULE.article}`,
          `징계부가금은 ${SURCHARGE_RULE.article}의 사유(금품·공금 비위)에만 요구합니다`,
        );
      }
      return {
        misconduct: {
          ...record,
          progress: {
            ...p,
            requestSentOn: form.requestedOn,
            requestDocumentNumber: form.documentNumber,
            surchargeRequested: form.surchargeRequested,
            ...(form.surchargeBaseAmountWon !== undefined && { surchargeBaseAmountWon: form.surchargeBaseAmountWon }),
          },
        },
        drafts: [],
      };
    }
    case 'record-resolution': {
      assertNotFuture(form.resolvedOn, today, 'resolvedOn');
      checkNotBefore('resolvedOn', form.resolvedOn, p.requestSentOn ?? today, 'discipline request', '징계의결 요구일');
      const needsMonths = RESOLUTIONS_WITH_MONTHS.includes(form.resolution);
      if (needsMonths && form.months === undefined) {
        throw invalid(
          'months',
          'months_required',
          `${form.resolution} needs its length in months (1–3, 지방공무원법 제71조)`,
          `${form.resolution}은 기간(1~3개월)을 입력해야 합니다 (지방공무원법 제71조)`,
        );
      }
      if (!needsMonths && form.months !== undefined) {
        throw invalid(
          'months',
          'months_not_applicable',
          `${form.resolution} has no length in months`,
          `${form.resolution}에는 기간(개월)을 입력하지 않습니다`,
        );
      }
      if (p.surchargeRequested && form.surcharge === undefined) {
        throw invalid(
          'surcharge',
          'surcharge_required',
          `the committee was asked for a surcharge (${SURCHARGE_RULE.article}); record its resolution`,
          `징계부가금 부과의결이 요구된 사건입니다 — 의결 결과(배수·금액)를 입력하세요 (${SURCHARGE_RULE.article})`,
        );
      }
      if (!p.surchargeRequested && form.surcharge !== undefined) {
        throw invalid(
          'surcharge',
          'surcharge_not_applicable',
          'no surcharge was requested for this case',
          '징계부가금을 요구하지 않은 사건입니다',
        );
      }
      const resolution = {
        type: form.resolution,
        ...(form.months !== undefined && { months: form.months }),
        resolvedOn: form.resolvedOn,
        ...(form.documentNumber !== undefined && { documentNumber: form.documentNumber }),
        ...(form.surcharge !== undefined && { surcharge: form.surcharge }),
      };
      return {
        misconduct: { ...record, progress: { ...p, resolution } },
        drafts: [{ type: 'RESOLUTION_RECORDED', data: { ...resolution, committee: '인사위원회' } }],
      };
    }
    case 'issue':
      assertNotFuture(form.issuedOn, today, 'issuedOn');
      return { misconduct: { ...record, progress: { ...p, issuedOn: form.issuedOn } }, drafts: [] };
    case 'acknowledge':
      assertNotFuture(form.acknowledgedOn, today, 'acknowledgedOn');
      checkNotBefore('acknowledgedOn', form.acknowledgedOn, p.issuedOn ?? today, 'issue date', '처분일');
      return { misconduct: { ...record, progress: { ...p, acknowledgedOn: form.acknowledgedOn } }, drafts: [] };
    case 'issue-order':
      assertNotFuture(form.sentOn, today, 'sentOn');
      return { misconduct: { ...record, progress: { ...p, orderSentOn: form.sentOn } }, drafts: [] };
    case 'confirm-correction':
      assertNotFuture(form.confirmedOn, today, 'confirmedOn');
      checkNotBefore('confirmedOn', form.confirmedOn, p.orderSentOn ?? today, 'corrective order', '시정 요구일');
      return { misconduct: { ...record, progress: { ...p, correctionConfirmedOn: form.confirmedOn } }, drafts: [] };
    case 'send-result-notice':
      assertNotFuture(form.sentOn, today, 'sentOn');
      return { misconduct: { ...record, progress: { ...p, resultNoticeSentOn: form.sentOn } }, drafts: [] };
  }
}

/** Where the approved disposition stands, so the workflow (also a restarted one) goes to its next step. */
export function nextDispositionStep(kind: CaseKind, record: MisconductRecord): DispositionStep | undefined {
  const approved = record.approved;
  if (!approved) return undefined;
  const p = record.progress;
  const noticeOrClose = (): DispositionStep =>
    kind === 'external-referral' && !p.resultNoticeSentOn ? 'notify-agency' : 'close';
  switch (approved.disposition.type) {
    case 'discipline':
      if (!p.requestSentOn) return 'request-discipline';
      if (!p.resolution) return 'record-resolution';
      return noticeOrClose();
    case 'admonition':
    case 'caution':
      if (!p.issuedOn) return 'issue-warning';
      if (!p.acknowledgedOn) return 'confirm-acknowledgement';
      return noticeOrClose();
    case 'corrective-action':
      if (!p.orderSentOn) return 'issue-corrective-order';
      if (!p.correctionConfirmedOn) return 'confirm-correction';
      return noticeOrClose();
    case 'closure':
      return noticeOrClose();
  }
}

export function categoryOfDisposition(type: DispositionType): Exclude<ReportCategory, '진행'> {
  switch (type) {
    case 'discipline':
      return '징계·불문경고';
    case 'admonition':
    case 'caution':
      return '훈계·주의';
    case 'closure':
    case 'corrective-action':
      return '내부종결·시정조치';
  }
}

/**
 * The office's reporting category: fixed when the head of office approves the disposition (the
 * office's own decision — a discipline request counts as 징계·불문경고 while the committee sits);
 * until then, and while suspended before approval, the case is 진행.
 */
export function reportCategory(record: MisconductRecord | undefined): ReportCategory {
  return record?.approved ? categoryOfDisposition(record.approved.disposition.type) : '진행';
}
