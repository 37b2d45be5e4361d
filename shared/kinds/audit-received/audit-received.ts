/**
 * 외부기관 감사 수감 (audits received from 서울시, 행정안전부 or another ministry; 감사팀), as
 * 지방자치단체에 대한 행정감사규정 describes the audited 구's duties:
 *
 *   the audit received (who audits, what, when, which departments) → the team lead names the
 *   auditor in charge → the result arrives: its demands (처분요구) are recorded as findings under the
 *   case (the self-audit's findings module, shared) and the day it was received starts every clock →
 *   follow-up: a 경고 published on the 구's website within 10 days (제18조④); each demand's 이행결과
 *   within 60 days, or its 조치계획 for a long item (제18조⑤); 재심의 filed within 1 month and decided
 *   by the auditing body within 2 months (제20조); a personnel committee's resolution lighter than a
 *   requested 중징계 reported to the auditing body before it is carried out (제18조⑥); the 이행결과
 *   sent → closed.
 *
 * The next step is read from this record. Pure: no AWS SDK.
 */
import { refuse } from '../../domain/kind.ts';
import * as z from 'zod';
import type { Calendar } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import { assertNotBefore, assertNotFuture, IllegalTransitionError, ValidationError } from '../../domain/errors.ts';
import type { AnyDecisionForm, TaskDue } from '../../domain/task.ts';
import { earliestFollowUpDue, notClosed, notReopening } from '../findings-follow-up.ts';
import {
  DISPOSITION_KEYS,
  findingSchema,
  followUpOpen,
  withFollowUpDue,
  type Finding,
} from '../self-audit/findings.ts';
import { RECONSIDERATION_OUTCOMES } from '../self-audit/self-audit.ts';
import {
  exOfficioReconsiderationUntil,
  receivedFollowUpDue,
  receivedReconsiderationDecisionDue,
  receivedReconsiderationFilingDue,
  warningPublicationDue,
} from './audit-received-deadlines.ts';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const AUDITING_BODIES = {
  seoul: '서울특별시',
  mois: '행정안전부',
  ministry: '중앙행정기관(주무부처)',
  bai: '감사원',
  other: '그 밖의 기관',
} as const;
type AuditingBody = keyof typeof AUDITING_BODIES;
const bodyKeys = Object.keys(AUDITING_BODIES) as [AuditingBody, ...AuditingBody[]];

/** 지방공무원 징계: 파면·해임·강등·정직 are 중징계, 감봉·견책 경징계 (지방공무원 징계 및 소청 규정 제1조의3). */
export const DISCIPLINE_RESOLUTIONS = {
  dismissal: { labelKo: '파면', heavy: true },
  removal: { labelKo: '해임', heavy: true },
  demotion: { labelKo: '강등', heavy: true },
  suspension: { labelKo: '정직', heavy: true },
  'pay-cut': { labelKo: '감봉', heavy: false },
  reprimand: { labelKo: '견책', heavy: false },
  none: { labelKo: '불문(징계 안 함)', heavy: false },
} as const;
type Resolution = keyof typeof DISCIPLINE_RESOLUTIONS;
const resolutionKeys = Object.keys(DISCIPLINE_RESOLUTIONS) as [Resolution, ...Resolution[]];

export const auditReceivedIntakeSchema = z
  .strictObject({
    auditingBody: z.enum(bodyKeys).describe('감사기관 구분: 서울시·행정안전부·주무부처·감사원·기타'),
    auditingBodyName: text(100).optional().describe('감사기관 이름 (주무부처·기타일 때)'),
    auditName: text(200).describe('감사명 (예: 2026년 서울시 종합감사)'),
    departments: z.array(text(100)).min(1).max(80).describe('수감 부서'),
    fieldworkStartOn: date.optional().describe('감사 실시 시작일'),
    fieldworkEndOn: date.optional().describe('감사 실시 종료일'),
  })
  .describe('외부기관 감사 수감 (행정감사규정)');
export type AuditReceivedIntake = z.input<typeof auditReceivedIntakeSchema>;

const reconsiderationSchema = z.object({
  id: z.string(),
  filedOn: date,
  findingNumbers: z.array(z.number().int()),
  reasons: z.string(),
  filingDueOn: date,
  late: z.boolean(),
  decisionDueOn: date,
  result: z
    .object({
      outcome: z.enum(['dismissed', 'rejected', 'changed']),
      decidedOn: date,
      receivedOn: date,
      onTime: z.boolean(),
    })
    .optional(),
});

const resolutionSchema = z.object({
  findingNumber: z.number().int(),
  requested: z.enum(['heavy', 'light']),
  resolution: z.enum(resolutionKeys),
  resolvedOn: date,
  /** A resolution lighter than a requested 중징계 (제18조⑥): reported before it is carried out. */
  lighter: z.boolean(),
  reportedOn: date.optional(),
  executedOn: date.optional(),
});

export const auditReceivedRecordSchema = z.object({
  audit: z.object({
    auditingBody: z.enum(bodyKeys),
    auditingBodyName: z.string().optional(),
    auditName: z.string(),
    departments: z.array(z.string()),
    fieldworkStartOn: date.optional(),
    fieldworkEndOn: date.optional(),
  }),
  /** The result as received: the day it arrived starts every clock (`notifiedOn`, as the findings module reads it). */
  resultNotice: z
    .object({
      notifiedOn: date,
      documentNumber: z.string().optional(),
      recordedBy: z.string(),
      reconsiderationFilingDueOn: date,
      warningPublicationDueOn: date.optional(),
      /** The last day the auditing body may reconsider of its own motion (제21조: 2 years). */
      exOfficioUntilOn: date.optional(),
    })
    .optional(),
  warningPublication: z.object({ publishedOn: date, url: z.string().optional(), onTime: z.boolean() }).optional(),
  reconsiderations: z.array(reconsiderationSchema),
  /** The auditing body's 직권 재심의 (제21조), as its changed result arrived. */
  exOfficio: z
    .array(
      z.object({
        decidedOn: date,
        receivedOn: date,
        cancelled: z.array(z.number().int()),
        changed: z.array(z.object({ number: z.number().int(), disposition: z.enum(DISPOSITION_KEYS) })),
      }),
    )
    .optional(),
  disciplineResolutions: z.array(resolutionSchema),
  followUpReport: z.object({ reportedOn: date }).optional(),
  closure: z.object({ closedOn: date, comment: z.string().optional() }).optional(),
  findings: z.array(findingSchema),
});
export type AuditReceivedRecord = z.infer<typeof auditReceivedRecordSchema>;

declare module '../../domain/case.ts' {
  interface CaseDetailsByKind {
    /** Audits received only: the audit, the result's receipt, its demands (findings) and their follow-up. */
    auditReceived?: AuditReceivedRecord;
  }
  interface IntakeDetailsByKind {
    /** Audits received only (required). */
    auditReceived?: AuditReceivedIntake;
  }
}

type AuditReceivedCase = CaseRecord & { auditReceived?: AuditReceivedRecord };

export function openAuditReceived(intake: unknown): AuditReceivedRecord {
  if (intake === undefined)
    throw new ValidationError(
      'An audit received is recorded with its details (auditReceived)',
      '외부기관 감사는 감사 정보(auditReceived)와 함께 접수합니다',
      { field: 'auditReceived', rule: 'required' },
    );
  const audit = auditReceivedIntakeSchema.parse(intake);
  if (audit.fieldworkStartOn && audit.fieldworkEndOn)
    assertNotBefore(audit.fieldworkEndOn, audit.fieldworkStartOn, 'auditReceived.fieldworkEndOn', '감사 시작일');
  return { audit, reconsiderations: [], disciplineResolutions: [], findings: [] };
}

export const auditReceivedIntakeSummary = (r: AuditReceivedRecord): Record<string, unknown> => ({
  auditingBody: r.audit.auditingBody,
  auditingBodyKo: r.audit.auditingBodyName ?? AUDITING_BODIES[r.audit.auditingBody],
  auditName: r.audit.auditName,
  departments: r.audit.departments,
});

// ── steps ─────────────────────────────────────────────────────────────────────────────────────────

export const AUDIT_RECEIVED_STEPS = ['assign', 'result', 'follow-up', 'close'] as const;
export type AuditReceivedStep = (typeof AUDIT_RECEIVED_STEPS)[number];

export function nextAuditReceivedStep(
  c: Pick<CaseRecord, 'assigneeSub'> & { auditReceived?: AuditReceivedRecord },
): AuditReceivedStep {
  const r = c.auditReceived;
  if (!c.assigneeSub) return 'assign';
  if (!r) throw new Error('an audit received without its details');
  if (!r.resultNotice) return 'result';
  if (!r.closure) return 'follow-up';
  return 'close';
}

const activeWarnings = (r: AuditReceivedRecord) =>
  r.findings.filter((f) => f.status === 'active' && f.disposition === 'warning');
const heavyRequested = (f: Finding) => f.status === 'active' && f.disposition === 'discipline';

/** What still keeps the audit received open, in Korean (empty: it may close). */
export function auditReceivedOpenItems(r: AuditReceivedRecord): string[] {
  const items: string[] = [];
  if (activeWarnings(r).length > 0 && !r.warningPublication) items.push('경고 처분요구 홈페이지 공개');
  const pending = r.reconsiderations.filter((x) => !x.result);
  if (pending.length > 0) items.push(`재심의 결과 미수령 ${pending.length}건`);
  const open = r.findings.filter(followUpOpen);
  if (open.length > 0) items.push(`이행결과 없는 처분요구 ${open.map((f) => f.number).join(', ')}`);
  const unreported = r.disciplineResolutions.filter((x) => x.lighter && !x.reportedOn);
  if (unreported.length > 0)
    items.push(`중징계 요구보다 경한 의결의 감사기관 통보 (${unreported.map((x) => x.findingNumber).join(', ')})`);
  if (r.findings.some((f) => f.status === 'active') && !r.followUpReport) items.push('이행결과 감사기관 통보');
  return items;
}

// ── due rules ─────────────────────────────────────────────────────────────────────────────────────

export const AUDIT_RECEIVED_DUE_RULES = ['audit-received.follow-up'] as const;
export type AuditReceivedDueRule = (typeof AUDIT_RECEIVED_DUE_RULES)[number];

/**
 * The follow-up task's due date: the earliest still owed — the 경고's publication, the auditing body's
 * decision on a 재심의 filed (2 months, so an overdue answer is reminded of), an open demand's 이행.
 */
export function receivedFollowUpTaskDue(r: AuditReceivedRecord, now: string, calendar: Calendar): TaskDue {
  const receivedOn = r.resultNotice?.notifiedOn;
  const owed =
    receivedOn && activeWarnings(r).length > 0 && !r.warningPublication
      ? [warningPublicationDue(receivedOn, calendar)]
      : [];
  for (const x of r.reconsiderations) if (!x.result) owed.push(receivedReconsiderationDecisionDue(x.filedOn, calendar));
  return earliestFollowUpDue(
    owed,
    r.findings,
    {
      nounKo: '처분요구',
      article: '행정감사규정 제18조⑤',
      source: 'statutory',
      nothingOwedKo: '남은 기한 없음 — 이행결과 통보 후 종결',
    },
    now,
  );
}

export function auditReceivedTaskDue(
  _rule: AuditReceivedDueRule,
  ctx: { c: CaseRecord; now: string; calendar: Calendar },
): TaskDue {
  const r = (ctx.c as AuditReceivedCase).auditReceived;
  return r
    ? receivedFollowUpTaskDue(r, ctx.now, ctx.calendar)
    : receivedFollowUpDue(ctx.now.slice(0, 10), ctx.calendar);
}

// ── decisions ───────────────────────────────────────────────────────────────────────────────────

const findingNumbers = z.array(z.number().int().min(1)).max(200);

export const auditReceivedDecisionForms = [
  z.strictObject({
    decision: z.literal('record-received-result'),
    receivedOn: date.describe('감사결과를 통보받은 날 (모든 기한의 기산일)'),
    documentNumber: text(100).optional().describe('통보 문서번호'),
  }),
  z.strictObject({
    decision: z.literal('record-warning-publication'),
    publishedOn: date.describe('경고 처분요구 홈페이지 공개일'),
    url: z.url().max(2000).optional().describe('공개한 주소'),
  }),
  z.strictObject({
    decision: z.literal('file-received-reconsideration'),
    filedOn: date.describe('감사기관에 재심의를 신청한 날'),
    findingNumbers: findingNumbers.min(1).describe('대상 처분요구 번호'),
    reasons: text(10_000).describe('신청 이유'),
  }),
  z.strictObject({
    decision: z.literal('record-received-reconsideration-result'),
    outcome: z.enum(['dismissed', 'rejected', 'changed']).describe('각하 / 기각 / 취소·변경'),
    decidedOn: date.describe('감사기관의 결정일'),
    receivedOn: date.describe('결과를 받은 날'),
    cancelFindings: findingNumbers.optional().describe('취소된 처분요구 번호'),
    changeDispositions: z
      .array(z.strictObject({ number: z.number().int().min(1), disposition: z.enum(DISPOSITION_KEYS) }))
      .max(200)
      .optional()
      .describe('변경된 처분요구'),
  }),
  z.strictObject({
    decision: z.literal('record-ex-officio-reconsideration'),
    decidedOn: date.describe('감사기관의 직권 재심의 결정일'),
    receivedOn: date.describe('결과를 받은 날'),
    cancelFindings: findingNumbers.optional(),
    changeDispositions: z
      .array(z.strictObject({ number: z.number().int().min(1), disposition: z.enum(DISPOSITION_KEYS) }))
      .max(200)
      .optional(),
  }),
  z.strictObject({
    decision: z.literal('record-discipline-resolution'),
    findingNumber: z.number().int().min(1).describe('징계 요구 처분요구 번호'),
    requested: z.enum(['heavy', 'light']).describe('요구된 징계: 중징계 / 경징계'),
    resolution: z.enum(resolutionKeys).describe('인사위원회 의결: 파면·해임·강등·정직·감봉·견책·불문'),
    resolvedOn: date.describe('의결일'),
    reportedOn: date.optional().describe('감사기관 통보일 (중징계 요구에 경한 의결이면 집행 전 필수)'),
    executedOn: date.optional().describe('징계 집행일'),
  }),
  z.strictObject({
    decision: z.literal('report-received-follow-up'),
    reportedOn: date.describe('이행결과를 감사기관에 통보한 날'),
  }),
  z.strictObject({
    decision: z.literal('close-audit-received'),
    comment: text(2000).optional(),
  }),
] as const;
export type AuditReceivedDecisionForm = z.infer<(typeof auditReceivedDecisionForms)[number]>;

export const AUDIT_RECEIVED_DECISION_LABELS: Record<AuditReceivedDecisionForm['decision'], string> = {
  'record-received-result': '감사결과 수령 기록 (처분요구 확정)',
  'record-warning-publication': '경고 처분요구 홈페이지 공개 기록',
  'file-received-reconsideration': '재심의 신청 기록',
  'record-received-reconsideration-result': '재심의 결과 기록',
  'record-ex-officio-reconsideration': '감사기관 직권 재심의 기록 (2년 이내)',
  'record-discipline-resolution': '인사위원회 징계 의결 기록',
  'report-received-follow-up': '이행결과 감사기관 통보',
  'close-audit-received': '외부기관 감사 수감 종결',
};
const DECISIONS: readonly string[] = Object.keys(AUDIT_RECEIVED_DECISION_LABELS);

/** The last day of the auditing body's 직권 재심의 (제21조), once the result is received. */
export function exOfficioUntilOf(r: AuditReceivedRecord, calendar: Calendar): string | undefined {
  if (!r.resultNotice) return undefined;
  return r.resultNotice.exOfficioUntilOn ?? exOfficioReconsiderationUntil(r.resultNotice.notifiedOn, calendar);
}

export interface AppliedAuditReceived {
  record: AuditReceivedRecord;
  eventData: Record<string, unknown>;
}

/** Applies a decision, refusing what the rules do not allow; `at` is its Korea time. */
export function applyAuditReceivedDecision(
  c: AuditReceivedCase,
  form: AnyDecisionForm,
  at: string,
  calendar: Calendar,
  newId: () => string,
  actorSub: string,
): AppliedAuditReceived | undefined {
  const r = c.auditReceived;
  if (!r || !DECISIONS.includes(form.decision)) return undefined;
  const step = nextAuditReceivedStep(c);
  const today = at.slice(0, 10);
  const expect = (wanted: AuditReceivedStep) => {
    if (step !== wanted)
      throw new IllegalTransitionError(
        `${form.decision} is not possible at the ${step} step of an audit received`,
        `외부기관 감사 수감의 지금 단계(${step})에서는 할 수 없는 결정입니다`,
        { field: 'decision', rule: 'not_at_this_step' },
      );
  };
  const f = form as AuditReceivedDecisionForm;
  const receivedOn = r.resultNotice?.notifiedOn ?? today;
  const numbered = (n: number, field: string) => {
    const finding = r.findings.find((x) => x.number === n && x.status === 'active');
    if (!finding) throw refuse(`no active demand number ${n}`, `처분요구 ${n}번이 없습니다`, field, 'not_found');
    return finding;
  };
  switch (f.decision) {
    case 'record-received-result': {
      expect('result');
      assertNotFuture(f.receivedOn, today, 'receivedOn');
      if (r.audit.fieldworkEndOn) assertNotBefore(f.receivedOn, r.audit.fieldworkEndOn, 'receivedOn', '감사 종료일');
      const filing = receivedReconsiderationFilingDue(f.receivedOn, calendar).dueAt.slice(0, 10);
      const warnings = activeWarnings(r);
      const warningDue =
        warnings.length > 0 ? warningPublicationDue(f.receivedOn, calendar).dueAt.slice(0, 10) : undefined;
      const findings = r.findings.map((x) => withFollowUpDue(x, f.receivedOn, calendar, receivedFollowUpDue));
      const exOfficioUntilOn = exOfficioReconsiderationUntil(f.receivedOn, calendar);
      return {
        record: {
          ...r,
          findings,
          resultNotice: {
            notifiedOn: f.receivedOn,
            ...(f.documentNumber !== undefined && { documentNumber: f.documentNumber }),
            recordedBy: actorSub,
            reconsiderationFilingDueOn: filing,
            ...(warningDue !== undefined && { warningPublicationDueOn: warningDue }),
            exOfficioUntilOn,
          },
        },
        eventData: {
          receivedOn: f.receivedOn,
          demands: r.findings.length,
          reconsiderationFilingDueOn: filing,
          ...(warningDue !== undefined && { warningPublicationDueOn: warningDue, warnings: warnings.length }),
          followUpDueOn: findings[0]?.followUp.dueOn,
          exOfficioUntilOn,
          article: '행정감사규정 제18조④⑤, 제20조, 제21조',
        },
      };
    }
    case 'record-warning-publication': {
      expect('follow-up');
      if (activeWarnings(r).length === 0)
        throw new IllegalTransitionError('No 경고 demand to publish', '공개할 경고 처분요구가 없습니다', {
          field: 'decision',
          rule: 'no_warning',
        });
      assertNotBefore(f.publishedOn, receivedOn, 'publishedOn', '감사결과 수령일');
      assertNotFuture(f.publishedOn, today, 'publishedOn');
      const dueOn =
        r.resultNotice!.warningPublicationDueOn ?? warningPublicationDue(receivedOn, calendar).dueAt.slice(0, 10);
      const onTime = f.publishedOn <= dueOn;
      return {
        record: {
          ...r,
          warningPublication: { publishedOn: f.publishedOn, ...(f.url !== undefined && { url: f.url }), onTime },
        },
        eventData: { publishedOn: f.publishedOn, dueOn, onTime, article: '행정감사규정 제18조④' },
      };
    }
    case 'file-received-reconsideration': {
      expect('follow-up');
      assertNotBefore(f.filedOn, receivedOn, 'filedOn', '감사결과 수령일');
      assertNotFuture(f.filedOn, today, 'filedOn');
      for (const [i, n] of f.findingNumbers.entries()) numbered(n, `findingNumbers.${i}`);
      const filingDueOn = r.resultNotice!.reconsiderationFilingDueOn;
      const late = f.filedOn > filingDueOn;
      const decisionDueOn = receivedReconsiderationDecisionDue(f.filedOn, calendar).dueAt.slice(0, 10);
      const request = {
        id: newId(),
        filedOn: f.filedOn,
        findingNumbers: f.findingNumbers,
        reasons: f.reasons,
        filingDueOn,
        late,
        decisionDueOn,
      };
      return {
        record: { ...r, reconsiderations: [...r.reconsiderations, request] },
        eventData: {
          reconsiderationId: request.id,
          filedOn: f.filedOn,
          findingNumbers: f.findingNumbers,
          filingDueOn,
          late,
          decisionDueOn,
          ...(late && {
            warningKo: `신청 기간(${filingDueOn}까지, 수령일부터 1개월)이 지난 신청입니다 — 각하될 수 있음`,
          }),
          article: '행정감사규정 제20조',
        },
      };
    }
    case 'record-received-reconsideration-result': {
      expect('follow-up');
      const pending = r.reconsiderations.find((x) => !x.result);
      if (!pending)
        throw new IllegalTransitionError('No reconsideration is pending', '결과를 기다리는 재심의 신청이 없습니다', {
          field: 'decision',
          rule: 'nothing_pending',
        });
      assertNotBefore(f.decidedOn, pending.filedOn, 'decidedOn', '재심의 신청일');
      assertNotBefore(f.receivedOn, f.decidedOn, 'receivedOn', '결정일');
      assertNotFuture(f.receivedOn, today, 'receivedOn');
      const cancel = f.cancelFindings ?? [];
      const change = f.changeDispositions ?? [];
      if (f.outcome !== 'changed' && cancel.length + change.length > 0)
        throw refuse(
          'only a 취소·변경 result cancels or changes demands',
          '처분요구의 취소·변경은 "취소·변경" 결과에서만 기록합니다',
          cancel.length > 0 ? 'cancelFindings' : 'changeDispositions',
          'not_changed_outcome',
        );
      for (const [i, n] of [...cancel, ...change.map((x) => x.number)].entries())
        if (!pending.findingNumbers.includes(n))
          throw refuse(
            `demand ${n} is not part of this reconsideration`,
            `처분요구 ${n}번은 이 재심의 신청의 대상이 아닙니다`,
            i < cancel.length ? `cancelFindings.${i}` : `changeDispositions.${i - cancel.length}.number`,
            'not_requested',
          );
      const onTime = f.decidedOn <= pending.decisionDueOn;
      const findings = r.findings.map((x): Finding => {
        if (cancel.includes(x.number)) return { ...x, status: 'cancelled' };
        const changed = change.find((y) => y.number === x.number);
        return changed ? { ...x, disposition: changed.disposition } : x;
      });
      return {
        record: {
          ...r,
          findings,
          reconsiderations: r.reconsiderations.map((x) =>
            x.id === pending.id
              ? { ...x, result: { outcome: f.outcome, decidedOn: f.decidedOn, receivedOn: f.receivedOn, onTime } }
              : x,
          ),
        },
        eventData: {
          reconsiderationId: pending.id,
          outcome: f.outcome,
          outcomeKo: RECONSIDERATION_OUTCOMES[f.outcome],
          decidedOn: f.decidedOn,
          decisionDueOn: pending.decisionDueOn,
          onTime,
          ...(cancel.length > 0 && { cancelledFindings: cancel }),
          ...(change.length > 0 && { changedFindings: change }),
          article: '행정감사규정 제20조',
        },
      };
    }
    case 'record-ex-officio-reconsideration': {
      expect('follow-up');
      const untilOn = exOfficioUntilOf(r, calendar)!;
      assertNotBefore(f.decidedOn, receivedOn, 'decidedOn', '감사결과 수령일');
      assertNotBefore(f.receivedOn, f.decidedOn, 'receivedOn', '결정일');
      assertNotFuture(f.receivedOn, today, 'receivedOn');
      if (f.decidedOn > untilOn)
        throw refuse(
          `an ex officio reconsideration is possible until ${untilOn}, 2 years after the result (행정감사규정 제21조)`,
          `감사기관의 직권 재심의는 감사결과 통보일부터 2년(${untilOn}까지)만 할 수 있습니다 (행정감사규정 제21조) — 감사기관에 근거를 확인하세요`,
          'decidedOn',
          'ex_officio_period_expired',
        );
      const cancel = f.cancelFindings ?? [];
      const change = f.changeDispositions ?? [];
      if (cancel.length + change.length === 0)
        throw refuse(
          'an ex officio reconsideration names the demands it cancels or changes',
          '직권 재심의로 취소되거나 바뀐 처분요구를 지정하세요',
          'cancelFindings',
          'required',
        );
      for (const [i, n] of cancel.entries()) numbered(n, `cancelFindings.${i}`);
      for (const [i, x] of change.entries()) numbered(x.number, `changeDispositions.${i}.number`);
      const entry = {
        decidedOn: f.decidedOn,
        receivedOn: f.receivedOn,
        cancelled: cancel,
        changed: change.map((x) => ({ number: x.number, disposition: x.disposition })),
      };
      return {
        record: {
          ...r,
          findings: r.findings.map((x): Finding => {
            if (cancel.includes(x.number)) return { ...x, status: 'cancelled' };
            const changed = change.find((y) => y.number === x.number);
            return changed ? { ...x, disposition: changed.disposition } : x;
          }),
          exOfficio: [...(r.exOfficio ?? []), entry],
        },
        eventData: { ...entry, untilOn, article: '행정감사규정 제21조' },
      };
    }
    case 'record-discipline-resolution': {
      expect('follow-up');
      const finding = numbered(f.findingNumber, 'findingNumber');
      if (!heavyRequested(finding))
        throw refuse(
          `demand ${f.findingNumber} is not a discipline demand`,
          `처분요구 ${f.findingNumber}번은 징계 요구가 아닙니다`,
          'findingNumber',
          'not_discipline',
        );
      assertNotBefore(f.resolvedOn, receivedOn, 'resolvedOn', '감사결과 수령일');
      assertNotFuture(f.resolvedOn, today, 'resolvedOn');
      const lighter = f.requested === 'heavy' && !DISCIPLINE_RESOLUTIONS[f.resolution].heavy;
      // Recorded again as the report and the execution come: dates already recorded stay.
      const prev = r.disciplineResolutions.find((x) => x.findingNumber === f.findingNumber);
      const reportedOn = f.reportedOn ?? prev?.reportedOn;
      const executedOn = f.executedOn ?? prev?.executedOn;
      if (f.reportedOn !== undefined) {
        assertNotBefore(f.reportedOn, f.resolvedOn, 'reportedOn', '의결일');
        assertNotFuture(f.reportedOn, today, 'reportedOn');
      }
      if (f.executedOn !== undefined) {
        assertNotBefore(f.executedOn, f.resolvedOn, 'executedOn', '의결일');
        assertNotFuture(f.executedOn, today, 'executedOn');
      }
      if (executedOn !== undefined) {
        if (lighter && (reportedOn === undefined || reportedOn > executedOn))
          throw refuse(
            'a resolution lighter than the 중징계 requested is reported to the auditing body before it is carried out',
            '중징계 요구에 경한 의결은 집행 전에 감사기관에 통보해야 합니다 (행정감사규정 제18조⑥) — 통보일(reportedOn)을 집행일 이전으로 기록하세요',
            'reportedOn',
            'report_before_execution',
          );
      }
      const entry = {
        findingNumber: f.findingNumber,
        requested: f.requested,
        resolution: f.resolution,
        resolvedOn: f.resolvedOn,
        lighter,
        ...(reportedOn !== undefined && { reportedOn }),
        ...(executedOn !== undefined && { executedOn }),
      };
      return {
        record: {
          ...r,
          disciplineResolutions: [...r.disciplineResolutions.filter((x) => x.findingNumber !== f.findingNumber), entry],
        },
        eventData: {
          ...entry,
          resolutionKo: DISCIPLINE_RESOLUTIONS[f.resolution].labelKo,
          ...(lighter && {
            noteKo: '중징계 요구에 경한 의결 — 집행 전에 감사기관에 통보 (행정감사규정 제18조⑥)',
          }),
          article: '행정감사규정 제18조⑥',
        },
      };
    }
    case 'report-received-follow-up': {
      expect('follow-up');
      assertNotBefore(f.reportedOn, receivedOn, 'reportedOn', '감사결과 수령일');
      assertNotFuture(f.reportedOn, today, 'reportedOn');
      const unfinished = r.findings.filter(
        (x) => x.status === 'active' && x.followUp.result === undefined && x.followUp.actionPlan === undefined,
      );
      if (unfinished.length > 0)
        throw new IllegalTransitionError(
          `demands ${unfinished.map((x) => x.number).join(', ')} have neither a result nor an action plan`,
          `이행결과나 조치계획이 없는 처분요구가 있습니다: ${unfinished.map((x) => x.number).join(', ')}`,
          { field: 'decision', rule: 'follow_up_incomplete' },
        );
      return {
        record: { ...r, followUpReport: { reportedOn: f.reportedOn } },
        eventData: { reportedOn: f.reportedOn, article: '행정감사규정 제18조⑤' },
      };
    }
    case 'close-audit-received': {
      expect('follow-up');
      const items = auditReceivedOpenItems(r);
      if (items.length > 0)
        throw new IllegalTransitionError(
          `the audit received still has: ${items.join('; ')}`,
          `아직 남은 일이 있어 종결할 수 없습니다: ${items.join('; ')}`,
          { field: 'decision', rule: 'open_items', meta: { items } },
        );
      return {
        record: { ...r, closure: { closedOn: today, ...(f.comment !== undefined && { comment: f.comment }) } },
        eventData: { closedOn: today },
      };
    }
  }
}

/**
 * A 재심의 that reaches an audit received after it was closed: ours filed inside the month of 제20조①,
 * or the auditing body's own within its 2 years (제21조). Either reopens the follow-up — the closure is
 * taken back and the decision applied as at the follow-up step, so what it leaves owed (the body's
 * decision within 2 months, a changed demand to carry out) runs with a task again. A filing after the
 * month is refused rather than reopening: the body would dismiss it (제20조④2).
 */
export function reopenAuditReceived(
  c: AuditReceivedCase,
  form: AnyDecisionForm,
  at: string,
  calendar: Calendar,
  newId: () => string,
  actorSub: string,
): AppliedAuditReceived {
  const r = c.auditReceived;
  if (!r?.closure || !r.resultNotice) throw notClosed();
  if (form.decision === 'file-received-reconsideration') {
    const { filedOn } = form as AuditReceivedDecisionForm & { decision: 'file-received-reconsideration' };
    const dueOn = r.resultNotice.reconsiderationFilingDueOn;
    if (filedOn > dueOn)
      throw refuse(
        `the month to file a reconsideration ended on ${dueOn} (행정감사규정 제20조①); the audit stays closed`,
        `재심의 신청 기간(${dueOn}까지, 통보받은 날부터 1개월)이 지나 종결된 감사를 다시 열 수 없습니다 (행정감사규정 제20조①)`,
        'filedOn',
        'reconsideration_period_expired',
      );
  } else if (form.decision !== 'record-ex-officio-reconsideration') throw notReopening(form.decision);
  const { closure, ...open } = r;
  const applied = applyAuditReceivedDecision({ ...c, auditReceived: open }, form, at, calendar, newId, actorSub)!;
  return { record: applied.record, eventData: { ...applied.eventData, reopened: true, closedOn: closure.closedOn } };
}
