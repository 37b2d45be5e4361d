/**
 * Petitions (청원) under the 청원법 as wholly amended in 2020 (법률 제17701호, 시행 2021-12-23) and its
 * 시행령 (docs/legal-basis.md#petitions). The details live on the case record (`CaseRecord.petition`): the
 * petitioner(s), whether it is a public petition, the screening, the disclosure decision and public
 * comment period of a public petition, the petition review committee's review (청원심의회), the decision
 * and its notice, the one extension, objections, and the statutory due date with its explanation.
 *
 * Every rule deciding whether a change is allowed is here and pure; the use cases load, call these
 * and commit what they return with the history. The workflow asks `nextPetitionStep` where the
 * petition stands, so a restarted execution continues exactly there.
 */
import * as z from 'zod';
import { createCalendar, type Calendar } from '../../calendar/index.ts';
import { addDays } from '../../calendar/korea-dates.ts';
import { ExtensionNotAllowedError } from '../../calendar/calendar-errors.ts';
import {
  commentPeriodFrom,
  disclosureDue,
  objectionDecisionDue,
  objectionFilingDue,
  petitionDecisionDue,
  type PetitionDueFacts,
} from './petition-deadlines.ts';
import type { CaseChange, CaseRecord } from '../../domain/case.ts';
import type { CaseKind } from '../../domain/case.ts';
import { IllegalTransitionError, ValidationError, assertNotFuture } from '../../domain/errors.ts';
import type { EventActor, EventDraft } from '../../domain/history.ts';

// ── vocabulary ─────────────────────────────────────────────────────────────────────────────────────

/** 청원법 제6조: matters not processed; the petitioner is told why. */
export const NOT_PROCESSED_GROUNDS = [
  'state-secret',
  'other-proceedings',
  'false-accusation',
  'false-defamation',
  'private-matter',
  'unclear',
] as const;
export type NotProcessedGround = (typeof NOT_PROCESSED_GROUNDS)[number];
export const NOT_PROCESSED_GROUND_LABELS: Record<NotProcessedGround, string> = {
  'state-secret': '국가기밀 또는 공무상 비밀에 관한 사항 (제6조제1호)',
  'other-proceedings':
    '감사·수사·재판·행정심판·조정·중재 등 다른 법령에 의한 조사·불복 또는 구제절차가 진행 중인 사항 (제6조제2호)',
  'false-accusation':
    '허위의 사실로 타인이 형사처벌·징계처분을 받게 하거나 국가기관 등을 중상모략하는 사항 (제6조제3호)',
  'false-defamation': '허위의 사실로 국가기관 등의 명예를 실추시키는 사항 (제6조제4호)',
  'private-matter': '사인 간의 권리관계 또는 개인의 사생활에 관한 사항 (제6조제5호)',
  unclear: '청원인의 성명·주소 등이 불분명하거나 청원내용이 불명확한 사항 (제6조제6호)',
};

export const OBJECTION_GROUNDS = ['non-disclosure', 'not-processed-in-time'] as const;
export type ObjectionGround = (typeof OBJECTION_GROUNDS)[number];
export const OBJECTION_GROUND_LABELS: Record<ObjectionGround, string> = {
  'non-disclosure': '공개청원의 공개 부적합 결정 통지를 받은 경우 (제22조①제1호)',
  'not-processed-in-time': '처리기간 이내에 청원을 처리하지 못한 경우 (제22조①제2호)',
};

/** The steps of the petition workflow, in the order it runs them (workflows/petition.workflow.ts). */
export const PETITION_STEPS = [
  'screen',
  'review-disclosure',
  'decide-disclosure',
  'wait-for-comments',
  'review-petition',
  'decide-petition',
  'notify-petitioner',
  'decide-objection',
  'close',
] as const;
export type PetitionStep = (typeof PETITION_STEPS)[number];

/** Paths of the petitioner's identity on the case: staff need them to notify, but they never go into mail or exports. */
export const PETITION_IDENTITY_FIELDS = [
  'petition.petitioner.name',
  'petition.petitioner.address',
  'petition.petitioner.phone',
  'petition.petitioner.email',
  'petition.representatives',
] as const;

export const MAX_REPRESENTATIVES = 3;
const JOINT_ARTICLE = '청원법 제11조③';

// ── schemas ────────────────────────────────────────────────────────────────────────────────────────

const date = z.iso.date();
const dateTime = z.iso.datetime({ offset: true });
const longText = (max: number) => z.string().trim().min(1).max(max);

export const petitionPersonSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(50).describe('성명'),
    address: z.string().trim().min(1).max(300).describe('주소 (청원서 기재사항)'),
    phone: z.string().trim().min(1).max(30).optional().describe('연락처'),
    email: z.email().max(200).optional().describe('전자우편'),
  })
  .describe('청원인');
export type PetitionPerson = z.infer<typeof petitionPersonSchema>;

export const petitionIntakeSchema = z
  .strictObject({
    form: z.enum(['individual', 'joint']).describe('개인청원 / 공동청원'),
    public: z.boolean().describe('공개청원 여부 (제11조②: 법령 제·개정, 공공 제도·시설 운영 등)'),
    petitioner: petitionPersonSchema.describe('청원인 (공동청원은 대표자 중 첫 번째와 같아도 됨)'),
    representatives: z
      .array(petitionPersonSchema)
      .max(
        MAX_REPRESENTATIVES,
        `a joint petition has at most ${MAX_REPRESENTATIVES} representatives (${JOINT_ARTICLE})`,
      )
      .default([])
      .describe('공동청원 대표자 (3명 이하, 제11조③)'),
    signatories: z.number().int().min(1).max(10_000_000).default(1).describe('청원인 수 (연명 인원)'),
  })
  .describe('청원 접수 정보');
export type PetitionIntake = z.input<typeof petitionIntakeSchema>;

const dueSchema = z.object({
  dueDate: date,
  dueAt: dateTime,
  article: z.string(),
  summaryKo: z.string(),
  explanation: z.array(z.string()),
  clockStops: z.array(z.object({ from: date, to: date, reasonKo: z.string(), article: z.string().optional() })),
});

const objectionSchema = z.object({
  objectionId: z.string(),
  ground: z.enum(OBJECTION_GROUNDS),
  filedOn: date,
  content: z.string(),
  filingDeadline: date,
  decisionDueDate: date,
  recordedAt: dateTime,
  recordedBy: z.string(),
  decision: z
    .object({
      outcome: z.enum(['upheld', 'dismissed']),
      content: z.string(),
      decidedOn: date,
      notifiedOn: date,
      by: z.string(),
    })
    .optional(),
});
export type PetitionObjection = z.infer<typeof objectionSchema>;

export const petitionRecordSchema = z.object({
  form: z.enum(['individual', 'joint']),
  public: z.boolean(),
  petitioner: petitionPersonSchema,
  representatives: z.array(petitionPersonSchema),
  signatories: z.number().int().positive(),
  screening: z
    .object({
      outcome: z.enum(['process', 'not-process', 'duplicate']),
      ground: z.enum(NOT_PROCESSED_GROUNDS).optional(),
      reason: z.string().optional(),
      duplicateOf: z.string().optional(),
      noticeSentOn: date.optional(),
      decidedAt: dateTime,
      by: z.string(),
    })
    .optional(),
  disclosureReview: z
    .object({
      recommendation: z.enum(['disclose', 'withhold']),
      opinion: z.string().optional(),
      at: dateTime,
      by: z.string(),
    })
    .optional(),
  disclosure: z
    .object({
      decision: z.enum(['disclose', 'withhold']),
      reason: z.string().optional(),
      decidedOn: date,
      notifiedOn: date,
      by: z.string(),
      viaObjection: z.string().optional(),
    })
    .optional(),
  commentPeriod: z
    .object({
      start: date,
      end: date,
      article: z.string(),
      closedOn: date.optional(),
      commentCount: z.number().int().nonnegative().optional(),
    })
    .optional(),
  committeeReview: z
    .object({
      recommendation: z.enum(['accept', 'reject']),
      opinion: z.string().optional(),
      at: dateTime,
      by: z.string(),
    })
    .optional(),
  decision: z
    .object({ outcome: z.enum(['accept', 'reject']), content: z.string(), decidedOn: date, by: z.string() })
    .optional(),
  notice: z.object({ notifiedOn: date, by: z.string(), late: z.boolean() }).optional(),
  extension: z
    .object({
      days: z.number().int().positive(),
      reason: z.string(),
      noticeSentOn: date,
      previousDueDate: date,
      newDueDate: date,
      at: dateTime,
      by: z.string(),
    })
    .optional(),
  objections: z.array(objectionSchema),
  due: dueSchema,
});
export type PetitionRecord = z.infer<typeof petitionRecordSchema>;

declare module '../../domain/case.ts' {
  interface CaseDetailsByKind {
    /** Petitions only (petitioners, screening, disclosure, committee review, decision, extension, objections, statutory due). */
    petition?: PetitionRecord;
  }
  interface IntakeDetailsByKind {
    /** Required for its kinds, refused for others (index.ts `details`). */
    petition?: PetitionIntake;
  }
}

/** The forms of the petition tasks (composed into decisionFormSchema in task.ts). */
export const petitionDecisionForms = [
  z.strictObject({ decision: z.literal('process-petition'), comment: longText(2000).optional() }),
  z.strictObject({
    decision: z.literal('decline-petition'),
    ground: z.enum(NOT_PROCESSED_GROUNDS).describe('처리하지 않는 사유 (청원법 제6조)'),
    reason: longText(5000).describe('청원인에게 알릴 사유'),
    noticeSentOn: date.describe('청원인 통지일'),
  }),
  z.strictObject({
    decision: z.literal('close-duplicate'),
    duplicateOf: z
      .string()
      .trim()
      .regex(/^\d{4}-\S+-\d{4}$/, 'must be a case number like 2026-민원-0001')
      .describe('먼저 접수된 같은 내용 청원의 사건번호 (제16조①)'),
    reason: longText(5000).optional(),
    noticeSentOn: date.describe('종결 통지일'),
  }),
  z.strictObject({
    decision: z.literal('recommend-disclosure'),
    opinion: longText(5000).optional().describe('청원심의회 심의 의견'),
  }),
  z.strictObject({
    decision: z.literal('recommend-nondisclosure'),
    opinion: longText(5000).optional().describe('청원심의회 심의 의견'),
  }),
  z.strictObject({
    decision: z.literal('disclose'),
    decidedOn: date.describe('공개 결정일'),
    notifiedOn: date.describe('청원인 통지일'),
  }),
  z.strictObject({
    decision: z.literal('withhold-disclosure'),
    reason: longText(5000).describe('공개 부적합 사유'),
    decidedOn: date.describe('공개 부적합 결정일'),
    notifiedOn: date.describe('청원인 통지일 (이의신청 기간의 기산점, 제22조)'),
  }),
  z.strictObject({
    decision: z.literal('recommend-acceptance'),
    opinion: longText(5000).optional().describe('청원심의회 심의 의견'),
    commentCount: z.number().int().nonnegative().optional().describe('수렴된 국민 의견 수 (공개청원)'),
  }),
  z.strictObject({
    decision: z.literal('recommend-rejection'),
    opinion: longText(5000).optional().describe('청원심의회 심의 의견'),
    commentCount: z.number().int().nonnegative().optional().describe('수렴된 국민 의견 수 (공개청원)'),
  }),
  z.strictObject({
    decision: z.literal('accept-petition'),
    content: longText(20_000).describe('처리 내용'),
    decidedOn: date.describe('처리 결정일'),
  }),
  z.strictObject({
    decision: z.literal('reject-petition'),
    content: longText(20_000).describe('불채택 사유'),
    decidedOn: date.describe('처리 결정일'),
  }),
  z.strictObject({
    decision: z.literal('send-petition-notice'),
    notifiedOn: date.describe('처리결과 통지일 (제21조②)'),
  }),
  z.strictObject({
    decision: z.literal('uphold-objection'),
    content: longText(20_000).describe('인용 결정 내용'),
    decidedOn: date,
    notifiedOn: date.describe('청원인 통지일'),
  }),
  z.strictObject({
    decision: z.literal('dismiss-objection'),
    content: longText(20_000).describe('기각 사유'),
    decidedOn: date,
    notifiedOn: date.describe('청원인 통지일'),
  }),
] as const;
type PetitionForm = z.infer<(typeof petitionDecisionForms)[number]>;
export const PETITION_DECISIONS = petitionDecisionForms.map((f) => f.shape.decision.value);

export const extensionInputSchema = z
  .strictObject({
    days: z
      .number()
      .int()
      .min(1, 'must be at least 1')
      .max(60, 'at most 60 days (청원법 제21조③)')
      .describe('연장 일수 (60일 이내)'),
    reason: longText(2000).describe('부득이한 사유'),
    noticeSentOn: date.describe('연장 사유·처리예정기한 청원인 통지일 (제21조③: 지체 없이)'),
    expectedVersion: z.number().int().positive().optional().describe('있으면 이 버전일 때만 기록'),
  })
  .describe('청원 처리기간 연장 (1회, 60일 이내)');
export type ExtensionInput = z.infer<typeof extensionInputSchema>;

export const objectionInputSchema = z
  .strictObject({
    ground: z.enum(OBJECTION_GROUNDS).describe('이의신청 사유 (제22조①)'),
    filedOn: date.describe('이의신청 접수일'),
    content: longText(20_000).describe('이의신청 내용'),
  })
  .describe('청원 이의신청 (제22조)');
export type ObjectionInput = z.infer<typeof objectionInputSchema>;

// ── rules ──────────────────────────────────────────────────────────────────────────────────────────

let defaultCalendar: Calendar | undefined;
const calendarOr = (calendar: Calendar | undefined) => calendar ?? (defaultCalendar ??= createCalendar());

const invalid = (field: string, rule: string, message: string, messageKo: string) =>
  new ValidationError(message, messageKo, { field, rule });
const illegal = (field: string, rule: string, message: string, messageKo: string) =>
  new IllegalTransitionError(message, messageKo, { field, rule });

function checkNotBefore(field: string, value: string, earliest: string, what: string, whatKo: string): void {
  if (value < earliest)
    throw invalid(
      field,
      `not_before_${what.replace(/\W+/g, '_')}`,
      `${field} (${value}) is before the ${what} (${earliest})`,
      `${field}(${value})은 ${whatKo}(${earliest})보다 앞설 수 없습니다`,
    );
}

function dueFacts(
  receivedAt: string,
  p: Pick<PetitionRecord, 'public' | 'disclosure' | 'commentPeriod' | 'extension'>,
): PetitionDueFacts {
  return {
    receivedAt,
    public: p.public,
    ...(p.disclosure && { disclosure: { decidedOn: p.disclosure.decidedOn } }),
    ...(p.commentPeriod && { commentPeriod: { start: p.commentPeriod.start, end: p.commentPeriod.end } }),
    ...(p.extension && { extension: { days: p.extension.days, reason: p.extension.reason } }),
  };
}

/** The statutory due date (제21조②③) as the case keeps it: the date, the moment, the stops and the explanation. */
export function computePetitionDue(
  receivedAt: string,
  p: Pick<PetitionRecord, 'public' | 'disclosure' | 'commentPeriod' | 'extension'>,
  calendar?: Calendar,
): PetitionRecord['due'] {
  const result = petitionDecisionDue(dueFacts(receivedAt, p), calendarOr(calendar));
  return {
    dueDate: result.dueDate,
    dueAt: result.dueAt,
    article: p.extension ? `${result.rule.article}, 청원법 제21조③` : result.rule.article,
    summaryKo: result.summaryKo,
    explanation: [...result.explanation],
    clockStops: (result.request.clockStops ?? []).map((s) => ({
      from: s.from,
      to: s.to,
      reasonKo: s.reasonKo,
      ...(s.article !== undefined && { article: s.article }),
    })),
  };
}

export const isPetitionKind = (kind: CaseKind) => kind === 'petition';

/** The petition details of a new case, checked: joint petitions name 1–3 representatives (제11조③), individual ones none. */
export function openPetition(params: {
  kind: CaseKind;
  intake: PetitionIntake | undefined;
  receivedAt: string;
  calendar?: Calendar;
}): PetitionRecord | undefined {
  const { kind, receivedAt } = params;
  if (!isPetitionKind(kind)) {
    if (params.intake !== undefined)
      throw invalid(
        'petition',
        'not_for_kind',
        'petition details are only for petitions',
        '청원 정보는 청원 사건에만 입력합니다',
      );
    return undefined;
  }
  if (params.intake === undefined) {
    throw invalid(
      'petition',
      'required_for_kind',
      'a petition needs its petition details (form, public, petitioner)',
      '청원 사건은 청원 형태·공개 여부·청원인 정보가 필요합니다',
    );
  }
  const parsed = petitionIntakeSchema.safeParse(params.intake);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = ['petition', ...issue.path.map(String)].join('.');
    throw invalid(field, issue.code, `Invalid ${field}: ${issue.message}`, `입력값 오류: ${field} — ${issue.message}`);
  }
  const intake = parsed.data;
  if (intake.form === 'joint') {
    if (intake.representatives.length === 0) {
      throw invalid(
        'petition.representatives',
        'required_for_joint',
        `a joint petition names its representatives (1–${MAX_REPRESENTATIVES}, ${JOINT_ARTICLE})`,
        `공동청원은 대표자(1~${MAX_REPRESENTATIVES}명)를 입력해야 합니다 (${JOINT_ARTICLE})`,
      );
    }
    if (intake.signatories < 2)
      throw invalid(
        'petition.signatories',
        'joint_needs_several',
        'a joint petition has at least 2 petitioners',
        '공동청원의 청원인 수는 2명 이상입니다',
      );
    if (intake.signatories < intake.representatives.length) {
      throw invalid(
        'petition.signatories',
        'fewer_than_representatives',
        'there are more representatives than petitioners',
        '대표자 수가 청원인 수보다 많을 수 없습니다',
      );
    }
  } else {
    if (intake.representatives.length > 0)
      throw invalid(
        'petition.representatives',
        'not_for_individual',
        'an individual petition has no representatives',
        '개인청원에는 대표자를 입력하지 않습니다',
      );
    if (intake.signatories !== 1)
      throw invalid(
        'petition.signatories',
        'individual_is_one',
        'an individual petition has one petitioner',
        '개인청원의 청원인 수는 1명입니다',
      );
  }
  const base = { public: intake.public } as const;
  return {
    form: intake.form,
    public: intake.public,
    petitioner: intake.petitioner,
    representatives: intake.representatives,
    signatories: intake.signatories,
    objections: [],
    due: computePetitionDue(receivedAt, base, params.calendar),
  };
}

/** What the case history says about a new petition — never who the petitioners are. */
export function petitionIntakeSummary(p: PetitionRecord): Record<string, unknown> {
  return {
    form: p.form,
    public: p.public,
    signatories: p.signatories,
    representativeCount: p.representatives.length,
    dueDate: p.due.dueDate,
    dueArticle: p.due.article,
  };
}

function requirePetition(c: CaseRecord): PetitionRecord {
  if (!c.petition)
    throw illegal(
      'caseId',
      'not_petition_case',
      `Case ${c.caseNumber} is not a petition`,
      `사건(${c.caseNumber})은 청원 사건이 아닙니다`,
    );
  return c.petition;
}

/** Where the petition stands, so the workflow (also a restarted one) goes to its next step. */
export function nextPetitionStep(p: PetitionRecord): PetitionStep {
  if (p.objections.some((o) => o.decision === undefined)) return 'decide-objection';
  if (!p.screening) return 'screen';
  if (p.screening.outcome !== 'process') return 'close';
  if (p.public) {
    if (!p.disclosure && !p.disclosureReview) return 'review-disclosure';
    if (!p.disclosure) return 'decide-disclosure';
    if (p.disclosure.decision === 'disclose' && !p.commentPeriod?.closedOn) return 'wait-for-comments';
  }
  if (!p.decision && !p.committeeReview) return 'review-petition';
  if (!p.decision) return 'decide-petition';
  if (!p.notice) return 'notify-petitioner';
  return 'close';
}

/** The Wait state's end of a comment period: the start of the day after its last day, Korea time, as UTC. */
export function commentPeriodEndsAt(p: PetitionRecord): string | undefined {
  if (!p.commentPeriod) return undefined;
  return new Date(`${addDays(p.commentPeriod.end, 1)}T00:00:00+09:00`).toISOString().replace('.000Z', 'Z');
}

type Drafts = Omit<EventDraft, 'actor' | 'at'>[];

function withDue(
  c: CaseRecord,
  p: PetitionRecord,
  calendar: Calendar | undefined,
): { petition: PetitionRecord; dueChanged: { before: string; after: string } | undefined } {
  const due = computePetitionDue(c.receivedAt, p, calendar);
  return {
    petition: { ...p, due },
    dueChanged: due.dueDate !== p.due.dueDate ? { before: p.due.dueDate, after: due.dueDate } : undefined,
  };
}

/**
 * What a completed petition task changes on the case, checked against the petition's own facts
 * (order of dates, what came before). `form` has passed its zod schema already.
 */
export function applyPetitionDecision(
  c: CaseRecord,
  form: { decision: string } & Record<string, unknown>,
  actorSub: string,
  now: string,
  calendar?: Calendar,
): { petition: PetitionRecord; dueDate: string; drafts: Drafts } {
  const p = requirePetition(c);
  const today = now.slice(0, 10);
  const receivedOn = c.receivedAt.slice(0, 10);
  const f = form as PetitionForm;
  const done = (petition: PetitionRecord, drafts: Drafts = []) => ({ petition, dueDate: petition.due.dueDate, drafts });
  const recorded = (
    what: string,
    data: Record<string, unknown>,
    dueChanged?: { before: string; after: string },
    due?: PetitionRecord['due'],
  ): Drafts => [
    {
      type: 'DECISION_RECORDED',
      data: {
        petition: what,
        ...data,
        ...(dueChanged &&
          due && {
            dueDate: { ...dueChanged, article: due.article, summaryKo: due.summaryKo, clockStops: due.clockStops },
          }),
      },
    },
  ];
  switch (f.decision) {
    case 'process-petition':
      return done(
        { ...p, screening: { outcome: 'process', decidedAt: now, by: actorSub } },
        recorded('screening', { outcome: 'process', outcomeLabel: '처리 대상' }),
      );
    case 'decline-petition':
      assertNotFuture(f.noticeSentOn, today, 'noticeSentOn');
      checkNotBefore('noticeSentOn', f.noticeSentOn, receivedOn, 'receipt', '접수일');
      return done(
        {
          ...p,
          screening: {
            outcome: 'not-process',
            ground: f.ground,
            reason: f.reason,
            noticeSentOn: f.noticeSentOn,
            decidedAt: now,
            by: actorSub,
          },
        },
        recorded('screening', {
          outcome: 'not-process',
          ground: f.ground,
          groundLabel: NOT_PROCESSED_GROUND_LABELS[f.ground],
          article: '청원법 제6조',
          noticeSentOn: f.noticeSentOn,
        }),
      );
    case 'close-duplicate':
      if (f.duplicateOf === c.caseNumber)
        throw invalid(
          'duplicateOf',
          'not_itself',
          'a petition cannot duplicate itself',
          '자기 자신을 중복 청원으로 지정할 수 없습니다',
        );
      assertNotFuture(f.noticeSentOn, today, 'noticeSentOn');
      checkNotBefore('noticeSentOn', f.noticeSentOn, receivedOn, 'receipt', '접수일');
      return done(
        {
          ...p,
          screening: {
            outcome: 'duplicate',
            duplicateOf: f.duplicateOf,
            ...(f.reason !== undefined && { reason: f.reason }),
            noticeSentOn: f.noticeSentOn,
            decidedAt: now,
            by: actorSub,
          },
        },
        recorded('screening', {
          outcome: 'duplicate',
          duplicateOf: f.duplicateOf,
          article: '청원법 제16조①',
          noticeSentOn: f.noticeSentOn,
        }),
      );
    case 'recommend-disclosure':
    case 'recommend-nondisclosure': {
      if (!p.public)
        throw illegal(
          'decision',
          'not_public_petition',
          'only a public petition has a disclosure review',
          '공개청원만 공개 여부를 심의합니다',
        );
      const recommendation = f.decision === 'recommend-disclosure' ? 'disclose' : 'withhold';
      return done(
        {
          ...p,
          disclosureReview: {
            recommendation,
            ...(f.opinion !== undefined && { opinion: f.opinion }),
            at: now,
            by: actorSub,
          },
        },
        recorded('disclosure-review', { committee: '청원심의회', recommendation, article: '청원법 제13조①' }),
      );
    }
    case 'disclose':
    case 'withhold-disclosure': {
      if (!p.public)
        throw illegal(
          'decision',
          'not_public_petition',
          'only a public petition has a disclosure decision',
          '공개청원만 공개 여부를 결정합니다',
        );
      if (!p.disclosureReview)
        throw illegal(
          'decision',
          'committee_review_first',
          'the petition review committee reviews disclosure first (청원법 제13조①)',
          '공개 여부는 청원심의회 심의를 거쳐 결정합니다 (청원법 제13조①)',
        );
      assertNotFuture(f.decidedOn, today, 'decidedOn');
      checkNotBefore('decidedOn', f.decidedOn, receivedOn, 'receipt', '접수일');
      assertNotFuture(f.notifiedOn, today, 'notifiedOn');
      checkNotBefore('notifiedOn', f.notifiedOn, f.decidedOn, 'decision', '결정일');
      const decision = f.decision === 'disclose' ? 'disclose' : 'withhold';
      const cal = calendarOr(calendar);
      const comment = decision === 'disclose' ? commentPeriodFrom(f.decidedOn, cal) : undefined;
      const next: PetitionRecord = {
        ...p,
        disclosure: {
          decision,
          ...(f.decision === 'withhold-disclosure' && { reason: f.reason }),
          decidedOn: f.decidedOn,
          notifiedOn: f.notifiedOn,
          by: actorSub,
        },
        ...(comment && { commentPeriod: { start: comment.start, end: comment.end, article: comment.article } }),
      };
      const { petition, dueChanged } = withDue(c, next, cal);
      return done(
        petition,
        recorded(
          'disclosure',
          {
            decision,
            article: '청원법 제13조①',
            decidedOn: f.decidedOn,
            notifiedOn: f.notifiedOn,
            // 제13조①: decided and notified within 15 days of receipt; a late decision is recorded as late.
            disclosureDueDate: disclosureDue(c.receivedAt, cal).dueDate,
            late: f.notifiedOn > disclosureDue(c.receivedAt, cal).dueDate,
            ...(comment && { commentPeriod: { start: comment.start, end: comment.end, article: comment.article } }),
            ...(decision === 'withhold' && { objectionUntil: objectionFilingDue(f.notifiedOn, cal).dueDate }),
          },
          dueChanged,
          petition.due,
        ),
      );
    }
    case 'recommend-acceptance':
    case 'recommend-rejection': {
      const recommendation = f.decision === 'recommend-acceptance' ? 'accept' : 'reject';
      const commentPeriod =
        p.commentPeriod && f.commentCount !== undefined
          ? { ...p.commentPeriod, commentCount: f.commentCount }
          : p.commentPeriod;
      return done(
        {
          ...p,
          ...(commentPeriod && { commentPeriod }),
          committeeReview: {
            recommendation,
            ...(f.opinion !== undefined && { opinion: f.opinion }),
            at: now,
            by: actorSub,
          },
        },
        recorded('committee-review', {
          committee: '청원심의회',
          recommendation,
          article: '청원법 제21조①',
          ...(f.commentCount !== undefined && { commentCount: f.commentCount }),
        }),
      );
    }
    case 'accept-petition':
    case 'reject-petition': {
      assertNotFuture(f.decidedOn, today, 'decidedOn');
      checkNotBefore('decidedOn', f.decidedOn, receivedOn, 'receipt', '접수일');
      const outcome = f.decision === 'accept-petition' ? 'accept' : 'reject';
      return done(
        { ...p, decision: { outcome, content: f.content, decidedOn: f.decidedOn, by: actorSub } },
        recorded('decision', { outcome, decidedOn: f.decidedOn }),
      );
    }
    case 'send-petition-notice': {
      assertNotFuture(f.notifiedOn, today, 'notifiedOn');
      if (p.decision) checkNotBefore('notifiedOn', f.notifiedOn, p.decision.decidedOn, 'decision', '처리 결정일');
      const late = f.notifiedOn > p.due.dueDate;
      return done(
        { ...p, notice: { notifiedOn: f.notifiedOn, by: actorSub, late } },
        recorded('notice', { notifiedOn: f.notifiedOn, dueDate: p.due.dueDate, late, article: p.due.article }),
      );
    }
    case 'uphold-objection':
    case 'dismiss-objection': {
      const pending = p.objections.find((o) => o.decision === undefined);
      if (!pending)
        throw illegal(
          'decision',
          'no_pending_objection',
          'there is no objection to decide',
          '결정할 이의신청이 없습니다',
        );
      assertNotFuture(f.decidedOn, today, 'decidedOn');
      checkNotBefore('decidedOn', f.decidedOn, pending.filedOn, 'objection', '이의신청 접수일');
      assertNotFuture(f.notifiedOn, today, 'notifiedOn');
      checkNotBefore('notifiedOn', f.notifiedOn, f.decidedOn, 'decision', '결정일');
      const outcome: 'upheld' | 'dismissed' = f.decision === 'uphold-objection' ? 'upheld' : 'dismissed';
      const objections = p.objections.map((o) =>
        o.objectionId === pending.objectionId
          ? {
              ...o,
              decision: { outcome, content: f.content, decidedOn: f.decidedOn, notifiedOn: f.notifiedOn, by: actorSub },
            }
          : o,
      );
      let next: PetitionRecord = { ...p, objections };
      // An upheld objection to non-disclosure discloses the petition: its comment period runs from the
      // objection decision and the committee reviews it again after the comments (제13조②, 제21조①).
      if (outcome === 'upheld' && pending.ground === 'non-disclosure' && !p.notice) {
        const comment = commentPeriodFrom(f.decidedOn, calendarOr(calendar));
        const { committeeReview: _redo, decision: _undecided, ...rest } = next;
        next = {
          ...rest,
          disclosure: {
            decision: 'disclose',
            decidedOn: f.decidedOn,
            notifiedOn: f.notifiedOn,
            by: actorSub,
            viaObjection: pending.objectionId,
          },
          commentPeriod: { start: comment.start, end: comment.end, article: comment.article },
        };
      }
      const { petition, dueChanged } = withDue(c, next, calendar);
      return done(
        petition,
        recorded(
          'objection-decision',
          {
            objectionId: pending.objectionId,
            ground: pending.ground,
            outcome,
            decidedOn: f.decidedOn,
            notifiedOn: f.notifiedOn,
            decisionDueDate: pending.decisionDueDate,
            late: f.notifiedOn > pending.decisionDueDate,
            article: '청원법 제22조②',
          },
          dueChanged,
          petition.due,
        ),
      );
    }
  }
}

/** 제16조①: a repeated petition is closed in favour of an earlier petition of this office, which must exist. */
export function checkDuplicateOf(c: CaseRecord, duplicateOf: string, earlier: CaseRecord | undefined): void {
  if (!earlier || earlier.kind !== 'petition') {
    throw invalid(
      'duplicateOf',
      'unknown_petition',
      `There is no petition with case number ${duplicateOf}`,
      `사건번호 ${duplicateOf}인 청원이 없습니다`,
    );
  }
  if (earlier.caseId === c.caseId)
    throw invalid(
      'duplicateOf',
      'not_itself',
      'a petition cannot duplicate itself',
      '자기 자신을 중복 청원으로 지정할 수 없습니다',
    );
  // Received at the same moment: the case number (issued in order) says which came first.
  if (earlier.receivedAt > c.receivedAt || (earlier.receivedAt === c.receivedAt && earlier.caseNumber > c.caseNumber)) {
    throw invalid(
      'duplicateOf',
      'not_earlier',
      `${duplicateOf} was received after this petition`,
      `${duplicateOf}은(는) 이 청원보다 나중에 접수되었습니다 — 나중에 제출된 청원을 종결합니다 (제16조①)`,
    );
  }
}

/** The comment period ran its 30 days (the workflow's Wait ended): the committee reviews next. */
export function closeCommentPeriod(c: CaseRecord, actor: EventActor, now: string): CaseChange | undefined {
  const p = requirePetition(c);
  if (!p.commentPeriod || p.commentPeriod.closedOn) return undefined;
  const petition: PetitionRecord = { ...p, commentPeriod: { ...p.commentPeriod, closedOn: p.commentPeriod.end } };
  return {
    next: { ...c, petition, updatedAt: now, version: c.version + 1 },
    drafts: [
      {
        type: 'DECISION_RECORDED',
        at: now,
        actor,
        data: {
          petition: 'comment-period-ended',
          start: p.commentPeriod.start,
          end: p.commentPeriod.end,
          article: p.commentPeriod.article,
        },
      },
    ],
  };
}

/**
 * Extends the processing period once, by up to 60 days, with the reason and the notice to the
 * petitioner (제21조③). A second extension is refused and changes nothing.
 */
export function extendPetition(
  c: CaseRecord,
  input: Omit<ExtensionInput, 'expectedVersion'>,
  actor: EventActor,
  now: string,
  calendar?: Calendar,
): CaseChange {
  const p = requirePetition(c);
  if (c.stage === 'closed')
    throw illegal(
      'stage',
      'case_closed',
      `Case ${c.caseNumber} is closed`,
      `종결된 사건(${c.caseNumber})은 처리기간을 연장할 수 없습니다`,
    );
  if (p.extension) {
    throw new ExtensionNotAllowedError(
      `The processing period was already extended on ${p.extension.at.slice(0, 10)}; 청원법 제21조③ allows one extension only`,
      `처리기간은 이미 ${p.extension.at.slice(0, 10)}에 연장되었습니다. 청원법 제21조③은 1회만 연장을 허용합니다`,
      { field: 'days', rule: 'extension_limit' },
    );
  }
  if (p.screening && p.screening.outcome !== 'process')
    throw illegal(
      'caseId',
      'not_processed',
      'a petition that is not processed has no processing period to extend',
      '처리하지 않기로 한 청원은 처리기간을 연장할 수 없습니다',
    );
  if (p.notice)
    throw illegal('caseId', 'already_notified', 'the result was already notified', '처리결과를 이미 통지했습니다');
  const today = now.slice(0, 10);
  if (today > p.due.dueDate) {
    throw illegal(
      'days',
      'period_expired',
      `the processing period ended on ${p.due.dueDate}; it can only be extended before it ends (청원법 제21조③)`,
      `처리기간이 ${p.due.dueDate}에 끝났습니다. 연장은 처리기간 안에만 할 수 있습니다 (청원법 제21조③)`,
    );
  }
  assertNotFuture(input.noticeSentOn, today, 'noticeSentOn');
  checkNotBefore('noticeSentOn', input.noticeSentOn, c.receivedAt.slice(0, 10), 'receipt', '접수일');
  const extension = {
    days: input.days,
    reason: input.reason,
    noticeSentOn: input.noticeSentOn,
    previousDueDate: p.due.dueDate,
    newDueDate: '',
    at: now,
    by: actor.sub,
  };
  const due = computePetitionDue(c.receivedAt, { ...p, extension }, calendar);
  const petition: PetitionRecord = { ...p, extension: { ...extension, newDueDate: due.dueDate }, due };
  return {
    next: { ...c, petition, dueDate: due.dueDate, updatedAt: now, version: c.version + 1 },
    drafts: [
      {
        type: 'PETITION_EXTENDED',
        at: now,
        actor,
        data: {
          days: input.days,
          reason: input.reason,
          noticeSentOn: input.noticeSentOn,
          before: p.due.dueDate,
          after: due.dueDate,
          dueAt: due.dueAt,
          article: '청원법 제21조③',
          summaryKo: due.summaryKo,
          explanation: due.explanation,
        },
      },
    ],
  };
}

/**
 * Records an objection (제22조): against a non-disclosure decision within 30 days of its notice, or
 * within 30 days of the day the processing period ran out without a result. The objection must be
 * decided within 15 days; a closed petition is reopened for it (the workflow restarts, named).
 */
export function fileObjection(
  c: CaseRecord,
  input: ObjectionInput,
  openTaskCount: number,
  actor: EventActor,
  now: string,
  executionName: string,
  calendar?: Calendar,
): CaseChange & { objection: PetitionObjection } {
  const p = requirePetition(c);
  const cal = calendarOr(calendar);
  const today = now.slice(0, 10);
  assertNotFuture(input.filedOn, today, 'filedOn');
  if (p.objections.some((o) => o.decision === undefined))
    throw illegal(
      'ground',
      'objection_pending',
      'an objection is already waiting for its decision',
      '결정을 기다리는 이의신청이 이미 있습니다',
    );
  if (p.objections.some((o) => o.ground === input.ground))
    throw illegal(
      'ground',
      'objection_already_filed',
      'an objection on this ground was already filed and decided',
      '같은 사유의 이의신청은 이미 접수되어 결정되었습니다',
    );
  let windowFrom: string;
  if (input.ground === 'non-disclosure') {
    if (p.disclosure?.decision !== 'withhold')
      throw illegal(
        'ground',
        'no_non_disclosure',
        'the petition was not found unsuitable for disclosure',
        '공개 부적합 결정을 받은 공개청원이 아닙니다',
      );
    windowFrom = p.disclosure.notifiedOn;
    checkNotBefore('filedOn', input.filedOn, windowFrom, 'non-disclosure notice', '공개 부적합 통지일');
  } else {
    if (p.screening && p.screening.outcome !== 'process')
      throw illegal(
        'ground',
        'not_processed',
        'the petition was not processed (청원법 제6조·제16조); it has no processing period',
        '처리하지 않기로 한 청원에는 처리기간 경과 이의신청을 할 수 없습니다',
      );
    const notifiedInTime = p.notice !== undefined && !p.notice.late;
    if (notifiedInTime)
      throw illegal(
        'ground',
        'processed_in_time',
        `the result was notified within the period (${p.due.dueDate})`,
        `처리결과가 처리기간(${p.due.dueDate}) 안에 통지되었습니다`,
      );
    // "처리기간이 경과한 날": the day after the last day of the period.
    windowFrom = addDays(p.due.dueDate, 1);
    if (input.filedOn < windowFrom) {
      throw invalid(
        'filedOn',
        'period_not_yet_expired',
        `the processing period runs until ${p.due.dueDate}`,
        `처리기간(${p.due.dueDate})이 아직 지나지 않았습니다 (청원법 제22조①제2호)`,
      );
    }
  }
  const filing = objectionFilingDue(windowFrom, cal);
  if (input.filedOn > filing.dueDate) {
    throw invalid(
      'filedOn',
      'objection_period_expired',
      `objections on this ground had to be filed by ${filing.dueDate} (청원법 제22조①)`,
      `이의신청 기간(${filing.dueDate}까지)이 지났습니다 (청원법 제22조①)`,
    );
  }
  if (c.stage !== 'closed' && openTaskCount === 0) {
    throw illegal(
      'caseId',
      'workflow_busy',
      `Case ${c.caseNumber} is between workflow steps; try again in a moment`,
      `사건(${c.caseNumber})이 다음 단계로 넘어가는 중입니다. 잠시 후 다시 시도하세요`,
    );
  }
  const decisionDue = objectionDecisionDue(input.filedOn, cal);
  const objection: PetitionObjection = {
    objectionId: `OBJ${p.objections.length + 1}`,
    ground: input.ground,
    filedOn: input.filedOn,
    content: input.content,
    filingDeadline: filing.dueDate,
    decisionDueDate: decisionDue.dueDate,
    recordedAt: now,
    recordedBy: actor.sub,
  };
  const reopened = c.stage === 'closed';
  const { closedAt: _reopened, ...rest } = c;
  return {
    objection,
    next: {
      ...(reopened ? rest : c),
      stage: 'review',
      petition: { ...p, objections: [...p.objections, objection] },
      pendingExecutionName: executionName,
      updatedAt: now,
      version: c.version + 1,
    },
    drafts: [
      {
        type: 'PETITION_OBJECTION_FILED',
        at: now,
        actor,
        stageBefore: c.stage,
        stageAfter: 'review',
        data: {
          objectionId: objection.objectionId,
          ground: input.ground,
          groundLabel: OBJECTION_GROUND_LABELS[input.ground],
          filedOn: input.filedOn,
          filingDeadline: filing.dueDate,
          decisionDueDate: decisionDue.dueDate,
          article: '청원법 제22조',
          reopened,
          newExecutionName: executionName,
        },
      },
    ],
  };
}
