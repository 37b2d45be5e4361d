/**
 * Grievance complaints (고충민원, 민원관리팀): what a grievance case records beyond the common case
 * fields, and the rules of 민원처리법 and its 시행령 (docs/legal-basis.md#grievances) that decide what may happen:
 *
 *  - answered within 7 days (시행령 제17조①), counted as 제19조② says; one extension within the
 *    period, a second only with the complainant's consent, recorded (시행령 제21조①), each to be
 *    notified in writing (시행령 제21조②);
 *  - field investigations are taken out of the 7 days (시행령 제17조④⑤): a clock stop that starts,
 *    ends, and moves the due date;
 *  - progress notices (시행령 제23조), links to identical earlier complaints;
 *  - 반복민원: after 3 or more identical filings of which 2 or more were answered, later ones may be
 *    closed (민원처리법 제23조①); closing a repeated 다수인관련민원 needs the 민원조정위원회 (시행령 제26조);
 *  - a re-filed grievance is investigated by the audit office (시행령 제17조②) before it is answered.
 *
 * The complainant is personal data (민원처리법 제7조): it lives under `grievance.complainant` only
 * (GRIEVANCE_IDENTITY_FIELDS), never in history events, mail or exports — strip it with
 * `withoutGrievanceIdentity` before a case leaves the office's own screens.
 *
 * Pure functions: each returns the new case and the history drafts; the use cases commit them.
 */
import * as z from 'zod';
import { createCalendar, type Calendar } from '../../calendar/index.ts';
import { computeGrievanceDue, dueSummary, fieldInvestigationLimit } from './grievance-deadlines.ts';
import {
  CONSENT_METHODS,
  clockStopSchema,
  consentSchema,
  dueSchema,
  extensionSchema,
  isoDate,
  isoDateTime,
  text,
  type GrievanceClockStop,
  type GrievanceDue,
  type GrievanceExtension,
} from './grievance-records.ts';
import type { CaseChange, CaseRecord } from '../../domain/case.ts';
import type { CaseKind } from '../../domain/case.ts';
import { AppError, IllegalTransitionError, ValidationError } from '../../domain/errors.ts';
import type { EventActor, EventDraft } from '../../domain/history.ts';
import { ExtensionNotAllowedError } from '../../calendar/calendar-errors.ts';
import { assignmentOverrideShape } from '../../domain/task.ts';

/** A rule of the law that forbids the request as made (e.g. closing as 반복민원 without enough filings). */
export class GrievanceRuleError extends AppError {
  override name = 'GrievanceRuleError';
  readonly statusCode = 422;
  readonly code = 'GRIEVANCE_RULE';
}

export const ARTICLES = Object.freeze({
  answer: '민원처리법 시행령 제17조①',
  refiled: '민원처리법 시행령 제17조②',
  fieldInvestigation: '민원처리법 시행령 제17조④⑤',
  extension: '민원처리법 시행령 제21조①',
  extensionNotice: '민원처리법 시행령 제21조②',
  progressNotice: '민원처리법 시행령 제23조',
  repeated: '민원처리법 제23조①',
  multiParty: '민원처리법 제2조제6호',
  multiPartyClosure: '민원처리법 시행령 제26조',
  privacy: '민원처리법 제7조',
});

/** 민원처리법 제23조①: "3회 이상 반복하여 제출" and "2회 이상 그 처리결과를 통지". */
export const REPEATED_COMPLAINT_RULE = Object.freeze({
  minIdenticalFilings: 3,
  minAnswers: 2,
  article: ARTICLES.repeated,
});
/** 시행령 제21조①: one extension, then one more with consent. */
export const MAX_EXTENSIONS = 2;

/** Where the complainant's identity lives; nothing else on the case or in its history holds it. */
export const GRIEVANCE_IDENTITY_FIELDS = ['grievance.complainant', 'grievance.extensions[].consent.by'] as const;

export const complainantSchema = z
  .strictObject({
    name: text(50).describe('민원인 성명 (개인정보)'),
    contact: text(100).optional().describe('연락처 (개인정보)'),
    address: text(200).optional().describe('주소 (개인정보)'),
  })
  .describe('민원인 — 개인정보(민원처리법 제7조): 메일·내보내기·이력에 넣지 않음');

export const multiPartySchema = z
  .strictObject({
    signatories: z
      .number()
      .int()
      .min(5, 'a multi-party complaint has at least 5 signatories (민원처리법 제2조제6호)')
      .describe('연명 인원 (5명 이상)'),
    households: z
      .number()
      .int()
      .min(5, 'a multi-party complaint concerns at least 5 households (민원처리법 제2조제6호)')
      .optional()
      .describe('공동 이해 세대 수 (5세대 이상)'),
  })
  .describe('다수인관련민원 (민원처리법 제2조제6호)');

export const grievanceIntakeSchema = z
  .strictObject({
    complainant: complainantSchema.optional(),
    multiParty: multiPartySchema.optional(),
    refiled: z.boolean().optional().describe('같은 내용을 다시 제출한 고충민원 — 감사부서가 조사 (시행령 제17조②)'),
    refiledReference: text(200).optional().describe('앞선 민원의 접수번호 등'),
  })
  .describe('고충민원 정보');
export type GrievanceIntake = z.infer<typeof grievanceIntakeSchema>;

export { CONSENT_METHODS, consentSchema, type GrievanceClockStop, type GrievanceDue, type GrievanceExtension };
export const NOTICE_METHODS = ['서면', '전자우편', '전자민원창구', '전화', '문자', '방문'] as const;
export const PROGRESS_NOTICE_KINDS = ['progress', 'extension', 'field-investigation'] as const;
export const PROGRESS_NOTICE_KIND_LABELS: Record<(typeof PROGRESS_NOTICE_KINDS)[number], string> = {
  progress: '처리진행상황 통지 (시행령 제23조)',
  extension: '처리기간 연장 통지 (시행령 제21조②)',
  'field-investigation': '현장조사 등 통지',
};

const noticeSchema = z.object({
  kind: z.enum(PROGRESS_NOTICE_KINDS),
  sentAt: isoDateTime,
  method: z.enum(NOTICE_METHODS),
  expectedCompletionDate: isoDate.optional(),
  note: z.string().optional(),
  by: z.string(),
  recordedAt: isoDateTime,
});

const linkSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  receivedAt: isoDateTime,
  /** Whether that complaint was answered (its result notified) when linked. */
  answered: z.boolean(),
  answeredAt: isoDateTime.optional(),
  linkedAt: isoDateTime,
  by: z.string(),
});

export const grievanceRecordSchema = z.object({
  complainant: complainantSchema.optional(),
  multiParty: multiPartySchema.optional(),
  refiled: z
    .object({ at: isoDateTime, by: z.string(), source: z.enum(['intake', 'triage']), reference: z.string().optional() })
    .optional(),
  handling: z.object({ department: z.string(), assigneeSub: z.string(), at: isoDateTime, by: z.string() }).optional(),
  due: dueSchema,
  extensions: z.array(extensionSchema),
  clockStops: z.array(clockStopSchema),
  progressNotices: z.array(noticeSchema),
  links: z.array(linkSchema),
  auditInvestigation: z.object({ findings: z.string(), by: z.string(), at: isoDateTime }).optional(),
  answer: z
    .object({
      summary: z.string(),
      method: z.enum(NOTICE_METHODS).optional(),
      by: z.string(),
      at: isoDateTime,
      dueAt: isoDateTime,
      onTime: z.boolean(),
    })
    .optional(),
  repeatedClosure: z
    .object({
      proposedBy: z.string(),
      proposedAt: isoDateTime,
      reasons: z.string(),
      identicalFilings: z.number().int(),
      answers: z.number().int(),
      article: z.string(),
      mediation: z.enum(['not-required', 'pending', 'approved']),
      decidedAt: isoDateTime.optional(),
    })
    .optional(),
  lastMediation: z
    .object({
      decision: z.enum(['approved', 'rejected']),
      at: isoDateTime,
      by: z.string(),
      reasons: z.string().optional(),
    })
    .optional(),
  outcome: z.enum(['answered', 'closed-as-repeated']).optional(),
});
export type GrievanceRecord = z.infer<typeof grievanceRecordSchema>;

declare module '../../domain/case.ts' {
  interface CaseDetailsByKind {
    /** Grievance complaints only (channel, complainant, statutory due, extensions, links …). */
    grievance?: GrievanceRecord;
  }
  interface IntakeDetailsByKind {
    /** Required for its kinds, refused for others (index.ts `details`). */
    grievance?: GrievanceIntake;
  }
}

export const GRIEVANCE_OUTCOME_LABELS = { answered: '답변 종결', 'closed-as-repeated': '반복민원 종결' } as const;

let fallbackCalendar: Calendar | undefined;
/** The package holiday data and the override table, when the caller has no calendar of its own. */
function defaultCalendar(): Calendar {
  fallbackCalendar ??= createCalendar();
  return fallbackCalendar;
}

// ── Intake ───────────────────────────────────────────────────────────────────────────────────────

/**
 * The grievance record opened at intake, or undefined when none is asked for. Details given for a
 * kind that is not a grievance are refused; a grievance with details must say its channel. A
 * grievance registered without details (imported records) has none, and no lifecycle data.
 */
export function openGrievance(params: {
  kind: CaseKind;
  intake: GrievanceIntake | undefined;
  channel: string | undefined;
  dueDate: string | undefined;
  receivedAt: string;
  actorSub: string;
  now: string;
  calendar?: Calendar;
}): { record: GrievanceRecord; eventData: Record<string, unknown> } | undefined {
  const { kind, intake } = params;
  if (intake === undefined) return undefined;
  if (kind !== 'grievance') {
    throw new ValidationError(
      'grievance details are only for grievance complaints',
      '고충민원 정보는 고충민원에만 입력할 수 있습니다',
      { field: 'grievance', rule: 'only_for_grievance' },
    );
  }
  if (params.channel === undefined) {
    throw new ValidationError(
      'A grievance needs the channel it came through',
      '고충민원은 접수 경로를 입력해야 합니다',
      { field: 'channel', rule: 'required_for_grievance' },
    );
  }
  if (params.dueDate !== undefined) {
    throw new ValidationError(
      `A grievance's due date is the statutory period (${ARTICLES.answer}); it cannot be set at intake`,
      `고충민원의 처리기한은 법정 처리기간(${ARTICLES.answer})으로 정해지므로 직접 입력할 수 없습니다`,
      { field: 'dueDate', rule: 'statutory_due_date' },
    );
  }
  const due = dueSummary(
    computeGrievanceDue(params.receivedAt, [], [], params.calendar ?? defaultCalendar()),
    params.now,
  );
  const record: GrievanceRecord = {
    ...(intake.complainant && { complainant: intake.complainant }),
    ...(intake.multiParty && { multiParty: intake.multiParty }),
    ...(intake.refiled && {
      refiled: {
        at: params.now,
        by: params.actorSub,
        source: 'intake' as const,
        ...(intake.refiledReference && { reference: intake.refiledReference }),
      },
    }),
    due,
    extensions: [],
    clockStops: [],
    progressNotices: [],
    links: [],
  };
  return {
    record,
    eventData: {
      // Never the complainant's identity: history is permanent and hashed (민원처리법 제7조).
      complainantRecorded: intake.complainant !== undefined,
      ...(intake.multiParty && { multiParty: intake.multiParty }),
      ...(intake.refiled && { refiled: true, refiledArticle: ARTICLES.refiled }),
      dueDate: due.dueDate,
      dueAt: due.dueAt,
      dueArticle: due.article,
      dueSummaryKo: due.summaryKo,
    },
  };
}

/** A copy of the case without the complainant's identity (for mail, exports, reports). */
export function withoutGrievanceIdentity<T extends { grievance?: GrievanceRecord }>(c: T): T {
  if (!c.grievance) return c;
  const { complainant: _identity, ...rest } = c.grievance;
  return {
    ...c,
    grievance: {
      ...rest,
      extensions: rest.extensions.map(({ consent, ...e }) =>
        consent ? { ...e, consent: { ...consent, by: '(비공개)' } } : e,
      ),
    },
  };
}

// ── Rules ────────────────────────────────────────────────────────────────────────────────────────

export function requireGrievance(c: CaseRecord, calendar: Calendar, now: string): GrievanceRecord {
  if (c.kind !== 'grievance') {
    throw new ValidationError(
      `Case ${c.caseNumber} is not a grievance complaint`,
      `고충민원 사건이 아닙니다 (${c.caseNumber})`,
      { field: 'caseId', rule: 'not_a_grievance' },
    );
  }
  // A grievance registered without details still runs on the statutory period.
  return (
    c.grievance ?? {
      due: dueSummary(computeGrievanceDue(c.receivedAt, [], [], calendar), now),
      extensions: [],
      clockStops: [],
      progressNotices: [],
      links: [],
    }
  );
}

function assertOpenForChange(c: CaseRecord, g: GrievanceRecord, what: string): void {
  if (c.stage === 'closed' || g.outcome !== undefined) {
    throw new IllegalTransitionError(
      `Case ${c.caseNumber} is already answered or closed; cannot ${what}`,
      `이미 답변·종결된 민원(${c.caseNumber})입니다`,
      { field: 'stage', rule: 'case_closed' },
    );
  }
}

export interface RepeatedComplaintStatus {
  identicalFilings: number;
  answers: number;
  met: boolean;
  article: string;
  explanationKo: string;
}

/**
 * 민원처리법 제23조①: the earlier identical filings linked to this one and how many of them were
 * answered. Read conservatively: this complaint is the one "received after" — the 3 filings and 2
 * answers are the earlier ones.
 */
export function repeatedComplaintStatus(g: Pick<GrievanceRecord, 'links'>): RepeatedComplaintStatus {
  const identicalFilings = g.links.length;
  const answers = g.links.filter((l) => l.answered).length;
  const met =
    identicalFilings >= REPEATED_COMPLAINT_RULE.minIdenticalFilings && answers >= REPEATED_COMPLAINT_RULE.minAnswers;
  const explanationKo =
    `${REPEATED_COMPLAINT_RULE.article}: 동일 내용 ${REPEATED_COMPLAINT_RULE.minIdenticalFilings}회 이상 반복 제출 및 ${REPEATED_COMPLAINT_RULE.minAnswers}회 이상 처리결과 통지 후 접수된 민원은 종결처리할 수 있음 — ` +
    `앞선 동일 민원 ${identicalFilings}건, 그중 답변(결과 통지) ${answers}건 → ${met ? '종결 가능' : '종결 요건 미충족'}`;
  return { identicalFilings, answers, met, article: REPEATED_COMPLAINT_RULE.article, explanationKo };
}

export type GrievanceNextStep = 'audit-investigation' | 'answer' | 'mediation' | 'close';

/** Where the lifecycle goes next, read from the case record (so a restarted execution continues where it stands). */
export function grievanceNextStep(c: Pick<CaseRecord, 'grievance'>): GrievanceNextStep {
  const g = c.grievance;
  if (!g) return 'answer';
  if (g.outcome !== undefined) return 'close';
  if (g.repeatedClosure) return g.repeatedClosure.mediation === 'pending' ? 'mediation' : 'close';
  if (g.refiled && !g.auditInvestigation) return 'audit-investigation';
  return 'answer';
}

/** Recomputes the due date after a change to stops or extensions. */
function withDue(g: GrievanceRecord, c: CaseRecord, calendar: Calendar, now: string): GrievanceRecord {
  return { ...g, due: dueSummary(computeGrievanceDue(c.receivedAt, g.clockStops, g.extensions, calendar), now) };
}

function change(c: CaseRecord, g: GrievanceRecord, drafts: EventDraft[], now: string): CaseChange {
  return { next: { ...c, grievance: g, dueDate: g.due.dueDate, updatedAt: now, version: c.version + 1 }, drafts };
}

// ── Extensions (시행령 제21조) ────────────────────────────────────────────────────────────────────

export const extensionInputSchema = z.strictObject({
  days: z.number().int().min(1).max(30).describe('연장 일수 (처리기간 범위 = 7일 이내)'),
  reason: text(2000).describe('연장 사유 (민원인에게 문서로 통지, 시행령 제21조②)'),
  consent: consentSchema.optional().describe('민원인 동의 — 두 번째 연장에 필수'),
});
export type ExtensionInput = z.infer<typeof extensionInputSchema>;

export function extendGrievance(
  c: CaseRecord,
  input: ExtensionInput,
  actor: EventActor,
  now: string,
  calendar: Calendar,
): CaseChange {
  const g = requireGrievance(c, calendar, now);
  assertOpenForChange(c, g, 'extend');
  const seq = g.extensions.length + 1;
  if (seq > MAX_EXTENSIONS) {
    throw new ExtensionNotAllowedError(
      `A grievance may be extended at most ${MAX_EXTENSIONS} times (${ARTICLES.extension})`,
      `고충민원 처리기간은 ${MAX_EXTENSIONS}회까지만 연장할 수 있습니다 (처리기간 범위에서 1회, 민원인 동의로 1회 더 — ${ARTICLES.extension})`,
      { field: 'days', rule: 'extension_limit' },
    );
  }
  if (seq >= 2 && input.consent?.given !== true) {
    throw new ExtensionNotAllowedError(
      `Extension ${seq} needs the complainant's consent, recorded with who, when and how (${ARTICLES.extension})`,
      `${seq}번째 연장은 민원인의 동의를 받아야 합니다 — 동의한 사람·일시·방법을 기록하세요 (${ARTICLES.extension})`,
      { field: 'consent', rule: 'consent_required' },
    );
  }
  if (input.days > 7) {
    throw new ExtensionNotAllowedError(
      `An extension may not be longer than the 7-day period itself (${ARTICLES.extension})`,
      `연장은 처리기간(7일)의 범위에서만 할 수 있습니다 (${ARTICLES.extension})`,
      { field: 'days', rule: 'extension_too_long' },
    );
  }
  if (Date.parse(now) > Date.parse(g.due.dueAt)) {
    throw new GrievanceRuleError(
      `The period already ran out on ${g.due.dueDate}; an extension must be decided within it (${ARTICLES.extension})`,
      `처리기간이 ${g.due.dueDate}에 이미 지났습니다. 연장은 처리기간 안에 결정해야 합니다 (${ARTICLES.extension})`,
      { field: 'days', rule: 'period_expired' },
    );
  }
  if (input.consent) {
    const at = Date.parse(input.consent.at);
    if (at > Date.parse(now) || at < Date.parse(c.receivedAt)) {
      throw new ValidationError(
        'consent.at must be between the receipt and now',
        '동의 일시는 접수 이후, 현재 이전이어야 합니다',
        { field: 'consent.at', rule: 'within_case_period' },
      );
    }
  }
  const extension: GrievanceExtension = {
    seq,
    days: input.days,
    reasonKo: input.reason,
    requestedAt: now,
    by: actor.sub,
    previousDueDate: g.due.dueDate,
    dueDate: g.due.dueDate,
    ...(input.consent && { consent: input.consent }),
  };
  const extended = withDue({ ...g, extensions: [...g.extensions, extension] }, c, calendar, now);
  extended.extensions[extended.extensions.length - 1] = { ...extension, dueDate: extended.due.dueDate };
  return change(
    c,
    extended,
    [
      {
        type: 'DUE_EXTENDED',
        at: now,
        actor,
        data: {
          seq,
          days: input.days,
          reasonKo: input.reason,
          previousDueDate: g.due.dueDate,
          dueDate: extended.due.dueDate,
          dueAt: extended.due.dueAt,
          article: ARTICLES.extension,
          // Who consented stays on the case (personal data), not in the permanent history.
          ...(input.consent && {
            consent: { given: input.consent.given, at: input.consent.at, method: input.consent.method },
          }),
          noticeRequiredKo: `연장 사유와 처리완료 예정일(${extended.due.dueDate})을 지체 없이 민원인에게 문서로 통지 (${ARTICLES.extensionNotice})`,
          dueSummaryKo: extended.due.summaryKo,
        },
      },
    ],
    now,
  );
}

// ── Field investigation clock stops (시행령 제17조④⑤) ─────────────────────────────────────────────

export const clockStopInputSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('start'),
    from: isoDate.describe('현장조사 등 시작일'),
    reason: text(2000).describe('현장조사 등 사유'),
  }),
  z.strictObject({ action: z.literal('end'), to: isoDate.describe('현장조사 등 종료일 (포함)') }),
]);
export type ClockStopInput = z.infer<typeof clockStopInputSchema>;

export function changeClockStop(
  c: CaseRecord,
  input: ClockStopInput,
  actor: EventActor,
  now: string,
  calendar: Calendar,
  stopId: string,
): CaseChange {
  const g = requireGrievance(c, calendar, now);
  assertOpenForChange(c, g, 'stop the clock');
  const today = now.slice(0, 10);
  const open = g.clockStops.find((s) => s.to === undefined);
  if (input.action === 'start') {
    if (open) {
      throw new IllegalTransitionError(
        `A field investigation is already running since ${open.from}`,
        `이미 ${open.from}부터 현장조사 등이 진행 중입니다. 먼저 종료를 기록하세요`,
        { field: 'action', rule: 'clock_stop_open' },
      );
    }
    if (input.from < c.receivedAt.slice(0, 10) || input.from > today) {
      throw new ValidationError(
        'from must be between the receipt date and today',
        '현장조사 시작일은 접수일과 오늘 사이여야 합니다',
        { field: 'from', rule: 'within_case_period' },
      );
    }
    const last = g.clockStops.at(-1);
    if (last?.to !== undefined && input.from <= last.to) {
      throw new ValidationError(
        `from must be after the previous field investigation (ended ${last.to})`,
        `이전 현장조사 종료일(${last.to}) 이후여야 합니다`,
        { field: 'from', rule: 'overlaps_previous' },
      );
    }
    const limitDate = fieldInvestigationLimit(input.from, calendar).dueDate;
    const stop: GrievanceClockStop = {
      stopId,
      from: input.from,
      limitDate,
      reasonKo: input.reason,
      startedBy: actor.sub,
      startedAt: now,
    };
    const next = withDue({ ...g, clockStops: [...g.clockStops, stop] }, c, calendar, now);
    return change(
      c,
      next,
      [
        {
          type: 'CLOCK_STOPPED',
          at: now,
          actor,
          data: {
            stopId,
            from: input.from,
            reasonKo: input.reason,
            limitDate,
            article: ARTICLES.fieldInvestigation,
            previousDueDate: g.due.dueDate,
            dueDate: next.due.dueDate,
            dueAt: next.due.dueAt,
            provisional: true,
          },
        },
      ],
      now,
    );
  }
  if (!open) {
    throw new IllegalTransitionError('No field investigation is running', '진행 중인 현장조사 등이 없습니다', {
      field: 'action',
      rule: 'no_open_clock_stop',
    });
  }
  if (input.to < open.from || input.to > today) {
    throw new ValidationError(
      `to must be between ${open.from} and today`,
      `현장조사 종료일은 시작일(${open.from})과 오늘 사이여야 합니다`,
      { field: 'to', rule: 'within_case_period' },
    );
  }
  if (input.to > open.limitDate) {
    throw new GrievanceRuleError(
      `A field investigation may take at most 14 days (until ${open.limitDate}, ${ARTICLES.fieldInvestigation})`,
      `현장조사 등은 14일 범위(${open.limitDate}까지)에서만 처리기간에서 제외됩니다 (${ARTICLES.fieldInvestigation})`,
      { field: 'to', rule: 'field_investigation_too_long' },
    );
  }
  const stops = g.clockStops.map((s) =>
    s.stopId === open.stopId ? { ...s, to: input.to, endedBy: actor.sub, endedAt: now } : s,
  );
  const next = withDue({ ...g, clockStops: stops }, c, calendar, now);
  return change(
    c,
    next,
    [
      {
        type: 'CLOCK_RESUMED',
        at: now,
        actor,
        data: {
          stopId: open.stopId,
          from: open.from,
          to: input.to,
          article: ARTICLES.fieldInvestigation,
          previousDueDate: g.due.dueDate,
          dueDate: next.due.dueDate,
          dueAt: next.due.dueAt,
        },
      },
    ],
    now,
  );
}

// ── Progress notices (시행령 제21조②, 제23조) ─────────────────────────────────────────────────────

export const progressNoticeInputSchema = z.strictObject({
  kind: z.enum(PROGRESS_NOTICE_KINDS).describe('통지 종류'),
  sentAt: isoDateTime.describe('통지 일시'),
  method: z.enum(NOTICE_METHODS).describe('통지 방법'),
  expectedCompletionDate: isoDate.optional().describe('처리완료 예정일'),
  note: text(2000).optional().describe('통지 내용 요지 (개인정보 제외)'),
});
export type ProgressNoticeInput = z.infer<typeof progressNoticeInputSchema>;

export function recordProgressNotice(
  c: CaseRecord,
  input: ProgressNoticeInput,
  actor: EventActor,
  now: string,
  calendar: Calendar,
): CaseChange {
  const g = requireGrievance(c, calendar, now);
  assertOpenForChange(c, g, 'record a notice');
  if (Date.parse(input.sentAt) < Date.parse(c.receivedAt) || Date.parse(input.sentAt) > Date.parse(now)) {
    throw new ValidationError(
      'sentAt must be between the receipt and now',
      '통지 일시는 접수 이후, 현재 이전이어야 합니다',
      { field: 'sentAt', rule: 'within_case_period' },
    );
  }
  if (input.kind === 'extension' && g.extensions.length === 0) {
    throw new ValidationError('There is no extension to notify', '통지할 처리기간 연장이 없습니다', {
      field: 'kind',
      rule: 'no_extension',
    });
  }
  const notice = { ...input, by: actor.sub, recordedAt: now };
  return change(
    c,
    { ...g, progressNotices: [...g.progressNotices, notice] },
    [
      {
        type: 'PROGRESS_NOTICE_RECORDED',
        at: now,
        actor,
        data: {
          kind: input.kind,
          kindLabel: PROGRESS_NOTICE_KIND_LABELS[input.kind],
          sentAt: input.sentAt,
          method: input.method,
          ...(input.expectedCompletionDate && { expectedCompletionDate: input.expectedCompletionDate }),
          ...(input.note && { note: input.note }),
        },
      },
    ],
    now,
  );
}

// ── Links to identical earlier complaints (민원처리법 제23조) ─────────────────────────────────────

export const linkInputSchema = z.strictObject({
  caseIds: z
    .array(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a case id (26-character ULID)'))
    .min(1)
    .max(20)
    .describe('같은 내용의 앞선 고충민원 사건 ID'),
  reason: text(2000).optional().describe('동일 민원으로 본 이유 (성격·유사성·동일 답변 불가피성)'),
});
export type LinkInput = z.infer<typeof linkInputSchema>;

export function linkIdentical(
  c: CaseRecord,
  earlier: readonly CaseRecord[],
  input: LinkInput,
  actor: EventActor,
  now: string,
  calendar: Calendar,
): CaseChange {
  const g = requireGrievance(c, calendar, now);
  assertOpenForChange(c, g, 'link');
  const added: GrievanceRecord['links'] = [];
  const refreshed = new Map<string, GrievanceRecord['links'][number]>();
  earlier.forEach((other, index) => {
    const field = `caseIds.${index}`;
    if (other.caseId === c.caseId)
      throw new ValidationError('A complaint cannot be linked to itself', '같은 민원을 자신과 연결할 수 없습니다', {
        field,
        rule: 'self_link',
      });
    if (other.kind !== 'grievance')
      throw new ValidationError(
        `Case ${other.caseNumber} is not a grievance complaint`,
        `고충민원이 아닌 사건입니다 (${other.caseNumber})`,
        { field, rule: 'not_a_grievance' },
      );
    if (Date.parse(other.receivedAt) >= Date.parse(c.receivedAt)) {
      throw new ValidationError(
        `Case ${other.caseNumber} was not received before this one`,
        `${other.caseNumber}은(는) 이 민원보다 먼저 접수된 민원이 아닙니다`,
        { field, rule: 'not_earlier' },
      );
    }
    const answer = other.grievance?.answer;
    const existing = g.links.find((l) => l.caseId === other.caseId);
    // Linked before, answered since: the link learns of the answer (it counts for 제23조①).
    if (existing && !existing.answered && answer)
      refreshed.set(existing.caseId, { ...existing, answered: true, answeredAt: answer.at });
    if (existing || added.some((l) => l.caseId === other.caseId)) return;
    added.push({
      caseId: other.caseId,
      caseNumber: other.caseNumber,
      receivedAt: other.receivedAt,
      answered: answer !== undefined,
      ...(answer && { answeredAt: answer.at }),
      linkedAt: now,
      by: actor.sub,
    });
  });
  if (added.length === 0 && refreshed.size === 0)
    throw new ValidationError('All these complaints are linked already', '이미 모두 연결된 민원입니다', {
      field: 'caseIds',
      rule: 'no_changes',
    });
  const links = [...g.links.map((l) => refreshed.get(l.caseId) ?? l), ...added].sort((a, b) =>
    a.receivedAt.localeCompare(b.receivedAt),
  );
  const status = repeatedComplaintStatus({ links });
  return change(
    c,
    { ...g, links },
    [
      {
        type: 'CASES_LINKED',
        at: now,
        actor,
        data: {
          linked: added.map((l) => ({
            caseId: l.caseId,
            caseNumber: l.caseNumber,
            receivedAt: l.receivedAt,
            answered: l.answered,
          })),
          ...(refreshed.size > 0 && {
            answeredSinceLinked: [...refreshed.values()].map((l) => ({
              caseId: l.caseId,
              caseNumber: l.caseNumber,
              answeredAt: l.answeredAt,
            })),
          }),
          ...(input.reason && { reason: input.reason }),
          identicalFilings: status.identicalFilings,
          answers: status.answers,
          repeatedClosurePossible: status.met,
          explanationKo: status.explanationKo,
        },
      },
    ],
    now,
  );
}

// ── Decisions of the lifecycle's tasks ───────────────────────────────────────────────────────────

export const grievanceDecisionForms = [
  z.strictObject({
    decision: z.literal('triage'),
    handlingDepartment: text(100).describe('처리 주무부서'),
    assigneeSub: text(128).describe('처리 담당자'),
    ...assignmentOverrideShape,
    refiled: z.boolean().optional().describe('같은 내용의 재제출 — 감사부서 조사로 보냄 (시행령 제17조②)'),
    refiledReference: text(200).optional(),
    comment: text(2000).optional(),
  }),
  z.strictObject({
    decision: z.literal('answer'),
    answer: text(20_000).describe('답변(처리결과) 요지'),
    method: z.enum(NOTICE_METHODS).optional().describe('통지 방법'),
    comment: text(2000).optional(),
  }),
  z.strictObject({
    decision: z.literal('close-as-repeated'),
    reasons: text(5000).describe('반복민원 종결 사유 (민원처리법 제23조)'),
  }),
  z.strictObject({
    decision: z.literal('approve-closure'),
    comment: text(2000).optional().describe('민원조정위원회 심의 의견'),
  }),
  z.strictObject({
    decision: z.literal('reject-closure'),
    reasons: text(5000).describe('종결 불가 사유 — 답변 처리로 돌아감'),
  }),
] as const;
type GrievanceForm = z.infer<(typeof grievanceDecisionForms)[number]> | { decision: 'submit'; findings: string };

/**
 * What a completed grievance task changes on the case; undefined for decisions it does not know.
 * `form` has passed its zod schema already; rule violations throw before anything is written.
 */
export function applyGrievanceDecision(
  c: CaseRecord,
  taskType: string,
  form: { decision: string } & Record<string, unknown>,
  actorSub: string,
  now: string,
  calendar: Calendar,
): { grievance: GrievanceRecord; drafts: Omit<EventDraft, 'actor' | 'at'>[] } | undefined {
  if (c.kind !== 'grievance') return undefined;
  const g = requireGrievance(c, calendar, now);
  const f = form as GrievanceForm;
  switch (f.decision) {
    case 'triage': {
      const refiled = f.refiled
        ? {
            at: now,
            by: actorSub,
            source: 'triage' as const,
            ...(f.refiledReference && { reference: f.refiledReference }),
          }
        : g.refiled;
      const next: GrievanceRecord = {
        ...g,
        handling: { department: f.handlingDepartment, assigneeSub: f.assigneeSub, at: now, by: actorSub },
        ...(refiled && { refiled }),
      };
      const drafts: Omit<EventDraft, 'actor' | 'at'>[] = [];
      if (next.refiled) {
        drafts.push({
          type: 'DECISION_RECORDED',
          data: {
            decision: 'refiled-to-audit',
            refiled: true,
            article: ARTICLES.refiled,
            noteKo: '같은 내용의 고충민원 재제출 — 감사부서가 조사한 뒤 답변 (시행령 제17조②)',
          },
        });
      }
      return { grievance: next, drafts };
    }
    case 'submit': {
      if (taskType !== 'grievance-audit') return undefined;
      return { grievance: { ...g, auditInvestigation: { findings: f.findings, by: actorSub, at: now } }, drafts: [] };
    }
    case 'answer': {
      const open = g.clockStops.find((s) => s.to === undefined);
      if (open) {
        throw new IllegalTransitionError(
          `The field investigation since ${open.from} has not ended`,
          `${open.from}부터 진행 중인 현장조사 등의 종료를 먼저 기록하세요`,
          { field: 'decision', rule: 'clock_stop_open' },
        );
      }
      const onTime = Date.parse(now) <= Date.parse(g.due.dueAt);
      return {
        grievance: {
          ...g,
          answer: {
            summary: f.answer,
            ...(f.method && { method: f.method }),
            by: actorSub,
            at: now,
            dueAt: g.due.dueAt,
            onTime,
          },
          outcome: 'answered',
        },
        drafts: [
          {
            type: 'DECISION_RECORDED',
            data: {
              decision: 'answered',
              outcome: 'answered',
              outcomeLabel: GRIEVANCE_OUTCOME_LABELS.answered,
              dueDate: g.due.dueDate,
              dueAt: g.due.dueAt,
              onTime,
              article: ARTICLES.answer,
            },
          },
        ],
      };
    }
    case 'close-as-repeated': {
      const status = repeatedComplaintStatus(g);
      if (!status.met) {
        throw new GrievanceRuleError(
          `Not a repeated complaint yet: ${status.identicalFilings} earlier identical filing(s), ${status.answers} answered; needs ${REPEATED_COMPLAINT_RULE.minIdenticalFilings} and ${REPEATED_COMPLAINT_RULE.minAnswers} (${REPEATED_COMPLAINT_RULE.article})`,
          `반복민원 종결 요건을 충족하지 않습니다 — ${status.explanationKo}`,
          {
            field: 'decision',
            rule: 'repeated_rule_not_met',
            meta: { identicalFilings: status.identicalFilings, answers: status.answers },
          },
        );
      }
      const needsMediation = g.multiParty !== undefined;
      const closure: NonNullable<GrievanceRecord['repeatedClosure']> = {
        proposedBy: actorSub,
        proposedAt: now,
        reasons: f.reasons,
        identicalFilings: status.identicalFilings,
        answers: status.answers,
        article: status.article,
        mediation: needsMediation ? 'pending' : 'not-required',
      };
      return {
        grievance: {
          ...g,
          repeatedClosure: closure,
          ...(!needsMediation && { outcome: 'closed-as-repeated' as const }),
        },
        drafts: [
          {
            type: 'DECISION_RECORDED',
            data: {
              decision: needsMediation ? 'repeated-closure-to-mediation' : 'closed-as-repeated',
              ...(needsMediation
                ? {}
                : { outcome: 'closed-as-repeated', outcomeLabel: GRIEVANCE_OUTCOME_LABELS['closed-as-repeated'] }),
              identicalFilings: status.identicalFilings,
              answers: status.answers,
              article: status.article,
              explanationKo: status.explanationKo,
              ...(needsMediation && {
                mediationArticle: ARTICLES.multiPartyClosure,
                noteKo: '반복·중복 다수인관련민원의 종결처리는 민원조정위원회 심의를 거쳐야 함 (시행령 제26조)',
              }),
            },
          },
        ],
      };
    }
    case 'approve-closure':
    case 'reject-closure': {
      if (g.repeatedClosure?.mediation !== 'pending') {
        throw new IllegalTransitionError(
          'No repeated-complaint closure awaits the mediation committee',
          '민원조정위원회 심의를 기다리는 반복민원 종결 안건이 없습니다',
          { field: 'decision', rule: 'nothing_to_mediate' },
        );
      }
      if (f.decision === 'approve-closure') {
        return {
          grievance: {
            ...g,
            repeatedClosure: { ...g.repeatedClosure, mediation: 'approved', decidedAt: now },
            lastMediation: { decision: 'approved', at: now, by: actorSub },
            outcome: 'closed-as-repeated',
          },
          drafts: [
            {
              type: 'DECISION_RECORDED',
              data: {
                decision: 'mediation-approved-closure',
                outcome: 'closed-as-repeated',
                outcomeLabel: GRIEVANCE_OUTCOME_LABELS['closed-as-repeated'],
                committee: 'mediation',
                article: ARTICLES.multiPartyClosure,
              },
            },
          ],
        };
      }
      const { repeatedClosure: _dropped, ...rest } = g;
      return {
        grievance: { ...rest, lastMediation: { decision: 'rejected', at: now, by: actorSub, reasons: f.reasons } },
        drafts: [
          {
            type: 'DECISION_RECORDED',
            data: {
              decision: 'mediation-rejected-closure',
              committee: 'mediation',
              article: ARTICLES.multiPartyClosure,
              reasons: f.reasons,
            },
          },
        ],
      };
    }
    default:
      return undefined;
  }
}
