/**
 * 자체감사 (self-audits, 감사팀 — 7 in 2023), as 공공감사에 관한 법률 and its 시행령 describe it:
 *
 *   the plan item (감사사항, purpose, kind 종합·재무·특정·성과·복무, target departments, scope, period,
 *   staff; 시행령 제10조, 제18조①) → the team lead names the lead auditor → the plan notified to the
 *   audited departments 7 days before the start (시행령 제12조①; skipped only when urgent, ②) →
 *   fieldwork by the audit team, findings recorded as they come (findings.ts) → the end date starts
 *   the 60 days for the result (법 제23조①) → the result drafted → the head approves it, which
 *   notifies it to the departments → follow-up: notices upward (서울시 → 행정안전부 → 감사원, 법
 *   제23조①), 재심의 (1 month / 2 months, written result; 법 제25조), each finding's 이행, the 이행결과
 *   sent upward (법 제23조③), the 결과 공개 decision with the 정보공개법 제9조① ground when withheld
 *   (법 제26조) → closed.
 *
 * The next step is read from this record, so a restarted execution continues where the case stands.
 * Pure: no AWS SDK.
 */
import { refuse } from '../../domain/kind.ts';
import * as z from 'zod';
import type { Calendar } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import { assertNotBefore, assertNotFuture, IllegalTransitionError, ValidationError } from '../../domain/errors.ts';
import type { AnyDecisionForm, TaskDue } from '../../domain/task.ts';
import { earliestFollowUpDue, notClosed, notReopening } from '../findings-follow-up.ts';
import {
  findingSchema,
  followUpOpen,
  SELF_AUDIT_DISPOSITIONS,
  withFollowUpDue,
  type Disposition,
  type Finding,
} from './findings.ts';
import {
  auditNoticeDeadline,
  auditNoticeDue,
  auditResultDue,
  followUpDue,
  reconsiderationDecisionDue,
  reconsiderationFilingDue,
} from './self-audit-deadlines.ts';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const AUDIT_KINDS = {
  comprehensive: '종합감사',
  financial: '재무감사',
  specific: '특정감사',
  performance: '성과감사',
  service: '복무감사',
} as const;
export type AuditKind = keyof typeof AUDIT_KINDS;
const auditKindKeys = Object.keys(AUDIT_KINDS) as [AuditKind, ...AuditKind[]];

/** 정보공개법 제9조① 각 호 — the only grounds on which an audit result may be withheld (공공감사법 제26조). */
export const DISCLOSURE_GROUNDS = {
  1: '다른 법률 또는 법률이 위임한 명령에 따라 비밀이나 비공개 사항으로 규정된 정보',
  2: '국가안전보장·국방·통일·외교관계 등에 관한 사항',
  3: '국민의 생명·신체 및 재산의 보호에 현저한 지장을 초래할 우려',
  4: '진행 중인 재판, 범죄의 예방·수사, 공소의 제기 등에 관한 사항',
  5: '감사·감독·검사·시험·규제·입찰계약·기술개발·인사관리, 의사결정 과정 또는 내부검토 과정에 있는 사항',
  6: '개인에 관한 사항으로 공개될 경우 사생활의 비밀 또는 자유를 침해할 우려 (개인정보)',
  7: '법인·단체 또는 개인의 경영상·영업상 비밀',
  8: '공개될 경우 부동산 투기·매점매석 등으로 특정인에게 이익 또는 불이익을 줄 우려',
} as const;
const groundSchema = z.number().int().min(1).max(8);

export const RECONSIDERATION_OUTCOMES = {
  dismissed: '각하',
  rejected: '기각',
  changed: '취소·변경',
} as const;
type ReconsiderationOutcome = keyof typeof RECONSIDERATION_OUTCOMES;

export const selfAuditIntakeSchema = z
  .strictObject({
    planYear: z.number().int().min(2000).max(2100).describe('감사계획 연도'),
    item: text(200).describe('감사사항'),
    purpose: text(5000).describe('감사 목적·필요성'),
    auditKind: z.enum(auditKindKeys).describe('감사 종류: 종합·재무·특정·성과·복무 (시행령 제10조)'),
    targetDepartments: z.array(text(100)).min(1).max(50).describe('감사 대상 부서'),
    scope: text(5000).describe('감사 범위'),
    startOn: date.describe('감사 시작(예정)일'),
    endOn: date.describe('감사 종료(예정)일'),
    staffSubs: z.array(text(128)).min(1).max(30).describe('감사 인원 (감사팀 직원 ID)'),
    outsidePlan: z.boolean().optional().describe('연간 계획 외 감사 (별도 계획)'),
  })
  .describe('자체감사 계획 (시행령 제12조①의 통보 사항)');
export type SelfAuditIntake = z.input<typeof selfAuditIntakeSchema>;

const reconsiderationSchema = z.object({
  id: z.string(),
  requestedOn: date,
  receivedOn: date,
  reasons: z.string(),
  findingNumbers: z.array(z.number().int()),
  filingDueOn: date,
  /** Filed after the month of 법 제25조①: a ground for 각하, recorded as such. */
  late: z.boolean(),
  decisionDueOn: date,
  decision: z
    .object({
      outcome: z.enum(['dismissed', 'rejected', 'changed']),
      decidedOn: date,
      writtenNoticeOn: date,
      reasons: z.string(),
      onTime: z.boolean(),
    })
    .optional(),
});

export const selfAuditRecordSchema = z.object({
  plan: z.object({
    planYear: z.number().int(),
    item: z.string(),
    purpose: z.string(),
    auditKind: z.enum(auditKindKeys),
    targetDepartments: z.array(z.string()),
    scope: z.string(),
    startOn: date,
    endOn: date,
    staffSubs: z.array(z.string()),
    outsidePlan: z.boolean().optional(),
  }),
  noticeDueOn: date,
  noticeHolidayWarningKo: z.string().optional(),
  notice: z
    .object({
      notifiedOn: date.optional(),
      skippedReason: z.string().optional(),
      late: z.boolean(),
    })
    .optional(),
  fieldwork: z.object({ startedOn: date, endedOn: date, members: z.array(z.string()), resultDueOn: date }).optional(),
  result: z.object({ summary: z.string(), proposedOn: date, proposedBy: z.string() }).optional(),
  returns: z.array(z.object({ returnedOn: date, reasons: z.string() })),
  resultNotice: z
    .object({
      notifiedOn: date,
      approvedBy: z.string(),
      onTime: z.boolean(),
      reconsiderationFilingDueOn: date,
    })
    .optional(),
  upward: z.object({ seoulOn: date.optional(), moisOn: date.optional(), baiOn: date.optional() }).optional(),
  reconsiderations: z.array(reconsiderationSchema),
  disclosure: z
    .object({
      decision: z.enum(['public', 'partial', 'withheld']),
      grounds: z.array(z.number().int()),
      reasons: z.string().optional(),
      decidedOn: date,
    })
    .optional(),
  followUpReport: z.object({ reportedOn: date }).optional(),
  closure: z.object({ closedOn: date, comment: z.string().optional() }).optional(),
  findings: z.array(findingSchema),
});
export type SelfAuditRecord = z.infer<typeof selfAuditRecordSchema>;

declare module '../../domain/case.ts' {
  interface CaseDetailsByKind {
    /** Self-audits only: the plan, notice, fieldwork, result and its notices, reconsiderations, disclosure, findings. */
    selfAudit?: SelfAuditRecord;
  }
  interface IntakeDetailsByKind {
    /** Self-audits only (required): the plan item. */
    selfAudit?: SelfAuditIntake;
  }
}

type SelfAuditCase = CaseRecord & { selfAudit?: SelfAuditRecord };

export function openSelfAudit(intake: unknown, calendar: Calendar): SelfAuditRecord {
  if (intake === undefined)
    throw new ValidationError(
      'A self-audit is received with its plan (selfAudit)',
      '자체감사는 감사계획(selfAudit)과 함께 접수합니다',
      {
        field: 'selfAudit',
        rule: 'required',
      },
    );
  const plan = selfAuditIntakeSchema.parse(intake);
  assertNotBefore(plan.endOn, plan.startOn, 'selfAudit.endOn', '감사 시작일');
  const notice = auditNoticeDeadline(plan.startOn, calendar);
  return {
    plan,
    noticeDueOn: notice.lastDay,
    ...(notice.warningKo !== undefined && { noticeHolidayWarningKo: notice.warningKo }),
    returns: [],
    reconsiderations: [],
    findings: [],
  };
}

export function selfAuditIntakeSummary(r: SelfAuditRecord): Record<string, unknown> {
  return {
    auditKind: r.plan.auditKind,
    auditKindKo: AUDIT_KINDS[r.plan.auditKind],
    targetDepartments: r.plan.targetDepartments,
    startOn: r.plan.startOn,
    endOn: r.plan.endOn,
    noticeDueOn: r.noticeDueOn,
    ...(r.noticeHolidayWarningKo !== undefined && { noticeHolidayWarningKo: r.noticeHolidayWarningKo }),
    article: '공공감사법 시행령 제12조①',
  };
}

// ── steps ─────────────────────────────────────────────────────────────────────────────────────────

export const SELF_AUDIT_STEPS = ['assign', 'notice', 'fieldwork', 'result', 'approve', 'follow-up', 'close'] as const;
export type SelfAuditStep = (typeof SELF_AUDIT_STEPS)[number];

export function nextSelfAuditStep(c: Pick<CaseRecord, 'assigneeSub'> & { selfAudit?: SelfAuditRecord }): SelfAuditStep {
  const r = c.selfAudit;
  if (!c.assigneeSub) return 'assign';
  if (!r) throw new Error('a self-audit without its details');
  if (!r.notice) return 'notice';
  if (!r.fieldwork) return 'fieldwork';
  if (!r.result) return 'result';
  if (!r.resultNotice) return 'approve';
  if (!r.closure) return 'follow-up';
  return 'close';
}

/** What still keeps the audit open after the result notice, in Korean (empty: it may close). */
export function openItems(r: SelfAuditRecord): string[] {
  const items: string[] = [];
  if (!r.upward?.seoulOn || !r.upward.moisOn || !r.upward.baiOn)
    items.push('감사결과 상급기관 통보 (서울시 → 행정안전부 → 감사원)');
  const pending = r.reconsiderations.filter((x) => !x.decision);
  if (pending.length > 0) items.push(`재심의 처리 ${pending.length}건`);
  const open = r.findings.filter(followUpOpen);
  if (open.length > 0) items.push(`이행결과 미제출 지적사항 ${open.map((f) => f.number).join(', ')}`);
  if (r.findings.some((f) => f.status === 'active') && !r.followUpReport) items.push('이행결과 상급기관 통보');
  if (!r.disclosure) items.push('감사결과 공개 여부 결정');
  return items;
}

// ── due rules ─────────────────────────────────────────────────────────────────────────────────────

export const SELF_AUDIT_DUE_RULES = [
  'self-audit.notice',
  'self-audit.fieldwork',
  'self-audit.result',
  'self-audit.follow-up',
] as const;
export type SelfAuditDueRule = (typeof SELF_AUDIT_DUE_RULES)[number];

/**
 * The follow-up task's due date: the earliest of what is still owed — a reconsideration's decision
 * (2 months), the upward notice (with the result, 60 days), an open finding's follow-up (the
 * setting or its action plan). With nothing owed but closing, the day it is opened.
 */
export function followUpTaskDue(r: SelfAuditRecord, now: string, calendar: Calendar): TaskDue {
  const owed: TaskDue[] = [];
  for (const x of r.reconsiderations) if (!x.decision) owed.push(reconsiderationDecisionDue(x.receivedOn, calendar));
  if (r.fieldwork && (!r.upward?.seoulOn || !r.upward.moisOn || !r.upward.baiOn)) {
    const due = auditResultDue(r.fieldwork.endedOn, calendar);
    owed.push({ ...due, basis: { ...due.basis, labelKo: `상급기관 통보 — ${due.basis.labelKo}` } });
  }
  return earliestFollowUpDue(
    owed,
    r.findings,
    {
      nounKo: '지적사항',
      article: '공공감사법 제23조③',
      confidence: 'G',
      source: 'default',
      nothingOwedKo: '남은 기한 없음 — 공개 여부·이행결과 보고 후 종결',
    },
    now,
  );
}

export function selfAuditTaskDue(
  rule: SelfAuditDueRule,
  ctx: { c: CaseRecord; now: string; calendar: Calendar },
): TaskDue {
  const r = (ctx.c as SelfAuditCase).selfAudit;
  const today = ctx.now.slice(0, 10);
  switch (rule) {
    case 'self-audit.notice':
      return auditNoticeDue(r?.plan.startOn ?? today, ctx.calendar);
    case 'self-audit.fieldwork':
      return {
        dueAt: `${r?.plan.endOn ?? today}T23:59:59+09:00`,
        basis: { labelKo: `감사 실시 — 계획의 종료 예정일 ${r?.plan.endOn ?? today}`, source: 'case-date' },
      };
    case 'self-audit.result':
      return auditResultDue(r?.fieldwork?.endedOn ?? today, ctx.calendar);
    case 'self-audit.follow-up':
      return r ? followUpTaskDue(r, ctx.now, ctx.calendar) : followUpDue(today, ctx.calendar);
  }
}

// ── decisions ───────────────────────────────────────────────────────────────────────────────────

const findingNumbers = z.array(z.number().int().min(1)).max(200);

export const selfAuditDecisionForms = [
  z.strictObject({
    decision: z.literal('record-audit-notice'),
    notifiedOn: date.optional().describe('감사계획 통보일'),
    skippedReason: text(2000).optional().describe('통보 생략 사유 (긴급 등)'),
  }),
  z.strictObject({
    decision: z.literal('record-fieldwork'),
    startedOn: date.describe('실지감사 시작일'),
    endedOn: date.describe('감사 종료일 (60일 기산)'),
    members: z.array(text(128)).min(1).max(30).describe('감사반 직원 ID'),
  }),
  z.strictObject({
    decision: z.literal('propose-result'),
    summary: text(20_000).describe('감사결과 요지'),
  }),
  z.strictObject({
    decision: z.literal('record-upward-notice'),
    seoulOn: date.optional().describe('서울시 통보일'),
    moisOn: date.optional().describe('행정안전부 통보일'),
    baiOn: date.optional().describe('감사원 통보일'),
  }),
  z.strictObject({
    decision: z.literal('record-reconsideration-request'),
    requestedOn: date.describe('재심의 신청일'),
    receivedOn: date.describe('접수일 (2개월 기산)'),
    reasons: text(10_000).describe('신청 이유'),
    findingNumbers: findingNumbers.min(1).describe('대상 지적사항 번호'),
  }),
  z.strictObject({
    decision: z.literal('decide-reconsideration'),
    outcome: z.enum(['dismissed', 'rejected', 'changed']).describe('각하 / 기각 / 취소·변경'),
    decidedOn: date.describe('결정일'),
    writtenNoticeOn: date.describe('문서 통지일'),
    reasons: text(10_000).describe('결정 이유'),
    cancelFindings: findingNumbers.optional().describe('취소 지적사항 번호'),
    changeDispositions: z
      .array(
        z.strictObject({
          number: z.number().int().min(1),
          disposition: z.enum(SELF_AUDIT_DISPOSITIONS as [Disposition, ...Disposition[]]),
        }),
      )
      .max(200)
      .optional()
      .describe('처분요구 변경'),
  }),
  z.strictObject({
    decision: z.literal('decide-disclosure'),
    disclosure: z.enum(['public', 'partial', 'withheld']).describe('공개·부분공개·비공개'),
    grounds: z.array(groundSchema).max(8).optional().describe('정보공개법 제9조① 호'),
    reasons: text(5000).optional().describe('비공개 이유'),
  }),
  z.strictObject({
    decision: z.literal('report-follow-up-upward'),
    reportedOn: date.describe('이행결과 통보일'),
  }),
  z.strictObject({
    decision: z.literal('close-self-audit'),
    comment: text(2000).optional(),
  }),
] as const;
export type SelfAuditDecisionForm = z.infer<(typeof selfAuditDecisionForms)[number]>;

export const SELF_AUDIT_DECISION_LABELS: Record<SelfAuditDecisionForm['decision'], string> = {
  'record-audit-notice': '감사계획 통보 기록',
  'record-fieldwork': '감사 실시·종료 기록',
  'propose-result': '감사결과 작성',
  'record-upward-notice': '감사결과 상급기관 통보 기록',
  'record-reconsideration-request': '재심의 신청 접수',
  'decide-reconsideration': '재심의 결정',
  'decide-disclosure': '감사결과 공개 여부 결정',
  'report-follow-up-upward': '이행결과 상급기관 통보',
  'close-self-audit': '자체감사 종결',
};
export const FOLLOW_UP_DECISIONS = [
  'record-upward-notice',
  'record-reconsideration-request',
  'decide-reconsideration',
  'decide-disclosure',
  'report-follow-up-upward',
  'close-self-audit',
] as const;
const SELF_AUDIT_DECISIONS: readonly string[] = [...Object.keys(SELF_AUDIT_DECISION_LABELS), 'approve', 'return'];

export interface AppliedSelfAudit {
  record: SelfAuditRecord;
  eventData: Record<string, unknown>;
}

/** Applies a decision, refusing what the procedure does not allow; `at` is its Korea time. */
export function applySelfAuditDecision(
  c: SelfAuditCase,
  form: AnyDecisionForm,
  actorSub: string,
  at: string,
  calendar: Calendar,
  newId: () => string,
): AppliedSelfAudit | undefined {
  const r = c.selfAudit;
  if (!r || !SELF_AUDIT_DECISIONS.includes(form.decision)) return undefined;
  const step = nextSelfAuditStep(c);
  const today = at.slice(0, 10);
  const expect = (wanted: SelfAuditStep) => {
    if (step !== wanted)
      throw new IllegalTransitionError(
        `${form.decision} is not possible at the ${step} step of a self-audit`,
        `자체감사의 지금 단계(${step})에서는 할 수 없는 결정입니다`,
        { field: 'decision', rule: 'not_at_this_step' },
      );
  };
  const f = form as
    | SelfAuditDecisionForm
    | { decision: 'approve'; comment?: string }
    | { decision: 'return'; reasons: string };
  switch (f.decision) {
    case 'record-audit-notice': {
      expect('notice');
      if ((f.notifiedOn === undefined) === (f.skippedReason === undefined))
        throw refuse(
          'give either notifiedOn or skippedReason',
          '통보일(notifiedOn) 또는 생략 사유(skippedReason) 중 하나를 입력하세요',
          'notifiedOn',
          'one_of',
        );
      if (f.notifiedOn !== undefined) assertNotFuture(f.notifiedOn, today, 'notifiedOn');
      const late = f.notifiedOn !== undefined && f.notifiedOn > r.noticeDueOn;
      return {
        record: {
          ...r,
          notice: {
            ...(f.notifiedOn !== undefined && { notifiedOn: f.notifiedOn }),
            ...(f.skippedReason !== undefined && { skippedReason: f.skippedReason }),
            late,
          },
        },
        eventData: {
          ...(f.notifiedOn !== undefined ? { notifiedOn: f.notifiedOn } : { skipped: true }),
          noticeDueOn: r.noticeDueOn,
          late,
          ...(late && { warningKo: `통보 기한(${r.noticeDueOn})이 지난 통보입니다 (시행령 제12조①)` }),
          article: '공공감사법 시행령 제12조①',
        },
      };
    }
    case 'record-fieldwork': {
      expect('fieldwork');
      assertNotBefore(f.endedOn, f.startedOn, 'endedOn', '감사 시작일');
      assertNotFuture(f.endedOn, today, 'endedOn');
      const due = auditResultDue(f.endedOn, calendar);
      return {
        record: {
          ...r,
          fieldwork: {
            startedOn: f.startedOn,
            endedOn: f.endedOn,
            members: f.members,
            resultDueOn: due.dueAt.slice(0, 10),
          },
        },
        eventData: {
          startedOn: f.startedOn,
          endedOn: f.endedOn,
          members: f.members,
          resultDueOn: due.dueAt.slice(0, 10),
          article: '공공감사법 제23조①',
        },
      };
    }
    case 'propose-result':
      expect('result');
      return {
        record: { ...r, result: { summary: f.summary, proposedOn: today, proposedBy: actorSub } },
        eventData: { findings: r.findings.length },
      };
    case 'approve': {
      expect('approve');
      const resultDueOn = r.fieldwork?.resultDueOn ?? today;
      const filing = reconsiderationFilingDue(today, calendar).dueAt.slice(0, 10);
      return {
        record: {
          ...r,
          resultNotice: {
            notifiedOn: today,
            approvedBy: actorSub,
            onTime: today <= resultDueOn,
            reconsiderationFilingDueOn: filing,
          },
          findings: r.findings.map((x) => withFollowUpDue(x, today, calendar)),
        },
        eventData: {
          notifiedOn: today,
          resultDueOn,
          onTime: today <= resultDueOn,
          reconsiderationFilingDueOn: filing,
          departments: r.plan.targetDepartments,
          article: '공공감사법 제23조①',
        },
      };
    }
    case 'return': {
      expect('approve');
      const { result: _returned, ...rest } = r;
      return {
        record: { ...rest, returns: [...r.returns, { returnedOn: today, reasons: f.reasons }] },
        eventData: { returned: true },
      };
    }
    case 'record-upward-notice': {
      expect('follow-up');
      const notifiedOn = r.resultNotice!.notifiedOn;
      const upward = {
        ...r.upward,
        ...(f.seoulOn !== undefined && { seoulOn: f.seoulOn }),
        ...(f.moisOn !== undefined && { moisOn: f.moisOn }),
        ...(f.baiOn !== undefined && { baiOn: f.baiOn }),
      };
      if (f.seoulOn === undefined && f.moisOn === undefined && f.baiOn === undefined)
        throw refuse('give at least one date', '통보일을 하나 이상 입력하세요', 'seoulOn', 'required');
      const chain = [
        ['seoulOn', upward.seoulOn, '감사결과 통보일', notifiedOn],
        ['moisOn', upward.moisOn, '서울시 통보일', upward.seoulOn],
        ['baiOn', upward.baiOn, '행정안전부 통보일', upward.moisOn],
      ] as const;
      for (const [field, on, beforeKo, before] of chain) {
        if (on === undefined) continue;
        if (before === undefined)
          throw refuse(
            `${field} needs the step before it (서울시 → 행정안전부 → 감사원)`,
            `자치구는 서울시와 행정안전부를 거쳐 감사원에 통보합니다 — ${beforeKo}부터 기록하세요`,
            field,
            'via_order',
          );
        assertNotBefore(on, before, field, beforeKo);
        assertNotFuture(on, today, field);
      }
      return { record: { ...r, upward }, eventData: { ...upward, article: '공공감사법 제23조①' } };
    }
    case 'record-reconsideration-request': {
      expect('follow-up');
      const notifiedOn = r.resultNotice!.notifiedOn;
      assertNotBefore(f.requestedOn, notifiedOn, 'requestedOn', '감사결과 통보일');
      assertNotBefore(f.receivedOn, f.requestedOn, 'receivedOn', '재심의 신청일');
      assertNotFuture(f.receivedOn, today, 'receivedOn');
      for (const [i, n] of f.findingNumbers.entries())
        if (!r.findings.some((x) => x.number === n && x.status === 'active'))
          throw refuse(
            `no active finding number ${n}`,
            `지적사항 ${n}번이 없습니다`,
            `findingNumbers.${i}`,
            'not_found',
          );
      const filingDueOn = r.resultNotice!.reconsiderationFilingDueOn;
      const late = f.requestedOn > filingDueOn;
      const decisionDueOn = reconsiderationDecisionDue(f.receivedOn, calendar).dueAt.slice(0, 10);
      const request = {
        id: newId(),
        requestedOn: f.requestedOn,
        receivedOn: f.receivedOn,
        reasons: f.reasons,
        findingNumbers: f.findingNumbers,
        filingDueOn,
        late,
        decisionDueOn,
      };
      return {
        record: { ...r, reconsiderations: [...r.reconsiderations, request] },
        eventData: {
          reconsiderationId: request.id,
          requestedOn: f.requestedOn,
          receivedOn: f.receivedOn,
          findingNumbers: f.findingNumbers,
          filingDueOn,
          late,
          decisionDueOn,
          ...(late && { warningKo: `신청 기간(${filingDueOn}까지, 통보일부터 1개월)이 지난 신청입니다 — 각하 사유` }),
          article: '공공감사법 제25조①⑤',
        },
      };
    }
    case 'decide-reconsideration': {
      expect('follow-up');
      const pending = r.reconsiderations.find((x) => !x.decision);
      if (!pending)
        throw new IllegalTransitionError('No reconsideration is pending', '처리할 재심의 신청이 없습니다', {
          field: 'decision',
          rule: 'nothing_pending',
        });
      assertNotBefore(f.decidedOn, pending.receivedOn, 'decidedOn', '재심의 접수일');
      assertNotBefore(f.writtenNoticeOn, f.decidedOn, 'writtenNoticeOn', '결정일');
      assertNotFuture(f.writtenNoticeOn, today, 'writtenNoticeOn');
      const outcome: ReconsiderationOutcome = f.outcome;
      const cancel = f.cancelFindings ?? [];
      const change = f.changeDispositions ?? [];
      if (outcome !== 'changed' && (cancel.length > 0 || change.length > 0))
        throw refuse(
          'only a 취소·변경 decision cancels or changes findings',
          '지적사항의 취소·변경은 "취소·변경" 결정에서만 할 수 있습니다',
          cancel.length > 0 ? 'cancelFindings' : 'changeDispositions',
          'not_changed_outcome',
        );
      if (outcome === 'changed' && cancel.length + change.length === 0)
        throw refuse(
          'a 취소·변경 decision names the findings it cancels or changes',
          '취소하거나 바꾸는 지적사항을 지정하세요',
          'cancelFindings',
          'required',
        );
      for (const [i, n] of [...cancel, ...change.map((x) => x.number)].entries())
        if (!pending.findingNumbers.includes(n))
          throw refuse(
            `finding ${n} is not part of this reconsideration`,
            `지적사항 ${n}번은 이 재심의 신청의 대상이 아닙니다`,
            i < cancel.length ? `cancelFindings.${i}` : `changeDispositions.${i - cancel.length}.number`,
            'not_requested',
          );
      const onTime = f.decidedOn <= pending.decisionDueOn;
      const findings: Finding[] = r.findings.map((x) => {
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
              ? {
                  ...x,
                  decision: {
                    outcome,
                    decidedOn: f.decidedOn,
                    writtenNoticeOn: f.writtenNoticeOn,
                    reasons: f.reasons,
                    onTime,
                  },
                }
              : x,
          ),
        },
        eventData: {
          reconsiderationId: pending.id,
          outcome,
          outcomeKo: RECONSIDERATION_OUTCOMES[outcome],
          decidedOn: f.decidedOn,
          writtenNoticeOn: f.writtenNoticeOn,
          decisionDueOn: pending.decisionDueOn,
          onTime,
          ...(cancel.length > 0 && { cancelledFindings: cancel }),
          ...(change.length > 0 && { changedFindings: change }),
          article: '공공감사법 제25조⑤, 시행령 제15조④',
        },
      };
    }
    case 'decide-disclosure': {
      expect('follow-up');
      const grounds = [...new Set(f.grounds ?? [])].sort();
      if (f.disclosure !== 'public' && grounds.length === 0)
        throw refuse(
          'withholding needs a ground of 정보공개법 제9조①',
          '비공개·부분공개는 정보공개법 제9조① 각 호의 사유(grounds)가 있어야 합니다 (공공감사법 제26조)',
          'grounds',
          'required',
        );
      if (f.disclosure === 'public' && grounds.length > 0)
        throw refuse(
          'a public result has no withholding ground',
          '공개 결정에는 비공개 사유를 넣지 않습니다',
          'grounds',
          'not_allowed',
        );
      return {
        record: {
          ...r,
          disclosure: {
            decision: f.disclosure,
            grounds,
            ...(f.reasons !== undefined && { reasons: f.reasons }),
            decidedOn: today,
          },
        },
        eventData: {
          disclosure: f.disclosure,
          ...(grounds.length > 0 && {
            grounds,
            groundsKo: grounds.map(
              (g) => `정보공개법 제9조①제${g}호: ${DISCLOSURE_GROUNDS[g as keyof typeof DISCLOSURE_GROUNDS]}`,
            ),
          }),
          article: '공공감사법 제26조',
        },
      };
    }
    case 'report-follow-up-upward': {
      expect('follow-up');
      assertNotBefore(f.reportedOn, r.resultNotice!.notifiedOn, 'reportedOn', '감사결과 통보일');
      assertNotFuture(f.reportedOn, today, 'reportedOn');
      const unfinished = r.findings.filter(
        (x) => x.status === 'active' && x.followUp.result === undefined && x.followUp.actionPlan === undefined,
      );
      if (unfinished.length > 0)
        throw new IllegalTransitionError(
          `findings ${unfinished.map((x) => x.number).join(', ')} have neither a result nor an action plan`,
          `이행결과나 조치계획이 없는 지적사항이 있습니다: ${unfinished.map((x) => x.number).join(', ')}`,
          { field: 'decision', rule: 'follow_up_incomplete' },
        );
      return {
        record: { ...r, followUpReport: { reportedOn: f.reportedOn } },
        eventData: {
          reportedOn: f.reportedOn,
          completed: r.findings.filter((x) => x.status === 'active' && x.followUp.result).length,
          planned: r.findings.filter((x) => x.status === 'active' && !x.followUp.result && x.followUp.actionPlan)
            .length,
          article: '공공감사법 제23조③',
        },
      };
    }
    case 'close-self-audit': {
      expect('follow-up');
      const items = openItems(r);
      if (items.length > 0)
        throw new IllegalTransitionError(
          `the self-audit still has: ${items.join('; ')}`,
          `아직 남은 일이 있어 종결할 수 없습니다: ${items.join('; ')}`,
          { field: 'decision', rule: 'open_items', meta: { items } },
        );
      const filingOpen = today <= r.resultNotice!.reconsiderationFilingDueOn;
      return {
        record: { ...r, closure: { closedOn: today, ...(f.comment !== undefined && { comment: f.comment }) } },
        eventData: {
          closedOn: today,
          ...(filingOpen && {
            noteKo: `재심의 신청 기간(${r.resultNotice!.reconsiderationFilingDueOn}까지)이 남아 있습니다 — 신청이 오면 다시 열어 처리`,
          }),
        },
      };
    }
  }
}

/**
 * A 재심의 request that reaches a self-audit after it was closed (every 이행 done before the month of
 * 법 제25조① ran out). Inside that month it reopens the follow-up: the closure is taken back and the
 * request recorded as at the follow-up step, so its 2 months (제25조⑤) run with a task and the reminder
 * job again, and the audit closes again only once it is decided. After the month it is refused and the
 * audit stays closed: a late request is a ground for 각하, and reopening would only lead there.
 */
export function reopenSelfAudit(
  c: SelfAuditCase,
  form: AnyDecisionForm,
  actorSub: string,
  at: string,
  calendar: Calendar,
  newId: () => string,
): AppliedSelfAudit {
  const r = c.selfAudit;
  if (!r?.closure || !r.resultNotice) throw notClosed();
  if (form.decision !== 'record-reconsideration-request') throw notReopening(form.decision);
  const { requestedOn } = form as SelfAuditDecisionForm & { decision: 'record-reconsideration-request' };
  const dueOn = r.resultNotice.reconsiderationFilingDueOn;
  if (requestedOn > dueOn)
    throw refuse(
      `the month to request a reconsideration ended on ${dueOn} (공공감사법 제25조①); the audit stays closed`,
      `재심의 신청 기간(${dueOn}까지, 감사결과 통보일부터 1개월)이 지나 종결된 감사를 다시 열 수 없습니다 (공공감사법 제25조①)`,
      'requestedOn',
      'reconsideration_period_expired',
    );
  const { closure, ...open } = r;
  const applied = applySelfAuditDecision({ ...c, selfAudit: open }, form, actorSub, at, calendar, newId)!;
  return { record: applied.record, eventData: { ...applied.eventData, reopened: true, closedOn: closure.closedOn } };
}
