/**
 * 일상감사 (daily audits, 감사팀 — 456 in 2023), as 공공감사법 시행령 제13조 and 제13조의2 describe it:
 *
 *   a department asks **before it acts** (제13조②: ① major policy execution ② contracts ③ budget
 *   management ④ other work the head deems necessary; or, on application, regulatory work, 제13조의2)
 *   → the audit team reviews the documents submitted, on site when needed (제13조①)
 *   → the opinion (적정 / 개선 / 위법·부당) approved by the head of the audit office and notified to the
 *     department (제13조③)
 *   → the department acts, notifies its result and reports the opinion and its action to whoever
 *     approves the work (제13조④) → closed.
 *
 * The law sets no processing time: both clocks here are settings (daily-audit-deadlines.ts, "구 규칙
 * 확인 필요"). The next step is read from this record, so a restarted execution continues where the
 * case stands. Pure: no AWS SDK.
 */
import * as z from 'zod';
import type { CaseRecord } from '../../domain/case.ts';
import { assertNotBefore } from '../../domain/errors.ts';
import { refuse, stepGuard } from '../../domain/kind.ts';
import type { AnyDecisionForm } from '../../domain/task.ts';
import { koreaDate } from '../../domain/korea-time.ts';
import { requesterIntakeShape, requesterSchema } from './requester.ts';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const won = z.number().int('must be a whole number of won').min(0, 'must not be negative');

export const DAILY_AUDIT_CATEGORIES = {
  'major-policy': { labelKo: '주요 정책의 집행업무', article: '공공감사법 시행령 제13조②1' },
  contract: { labelKo: '계약업무', article: '공공감사법 시행령 제13조②2' },
  budget: { labelKo: '예산관리업무', article: '공공감사법 시행령 제13조②3' },
  other: { labelKo: '기관장·감사기구의 장이 필요하다고 인정하는 업무', article: '공공감사법 시행령 제13조②4' },
  regulation: { labelKo: '신청에 의한 일상감사 (인·허가 등 규제 업무 등)', article: '공공감사법 시행령 제13조의2' },
} as const;
export type DailyAuditCategory = keyof typeof DAILY_AUDIT_CATEGORIES;
const categoryKeys = Object.keys(DAILY_AUDIT_CATEGORIES) as [DailyAuditCategory, ...DailyAuditCategory[]];

export const DAILY_AUDIT_OPINIONS = ['적정', '개선', '위법·부당'] as const;
export type DailyAuditOpinion = (typeof DAILY_AUDIT_OPINIONS)[number];

export const dailyAuditIntakeSchema = z
  .strictObject({
    category: z.enum(categoryKeys).describe('대상 구분: 주요정책·계약·예산·기타(제13조②) 또는 신청(제13조의2)'),
    requestedOn: date.optional().describe('의뢰일 (없으면 접수일)'),
    ...requesterIntakeShape,
    amountWon: won.optional().describe('사업·계약 금액 (원)'),
    contractMethod: text(100).optional().describe('계약방법 (예: 제한경쟁입찰, 수의계약)'),
  })
  .describe('일상감사 의뢰 정보');
export type DailyAuditIntake = z.input<typeof dailyAuditIntakeSchema>;

export const dailyAuditRecordSchema = z.object({
  category: z.enum(categoryKeys),
  requestedOn: date,
  requester: requesterSchema.optional(),
  amountWon: won.optional(),
  contractMethod: z.string().optional(),
  onSiteChecks: z.array(z.object({ checkedOn: date, place: z.string(), note: z.string() })),
  opinion: z
    .object({
      result: z.enum(DAILY_AUDIT_OPINIONS),
      content: z.string(),
      proposedOn: date,
      proposedBy: z.string(),
      savingWon: won.optional(),
    })
    .optional(),
  returns: z.array(z.object({ returnedOn: date, reasons: z.string() })),
  notice: z.object({ notifiedOn: date, approvedBy: z.string() }).optional(),
  action: z
    .object({
      action: z.string(),
      resultNotifiedOn: date,
      reportedToApproverOn: date,
    })
    .optional(),
});
export type DailyAuditRecord = z.infer<typeof dailyAuditRecordSchema>;

declare module '../../domain/case.ts' {
  interface CaseDetailsByKind {
    /** Daily audits only: what was asked, the on-site checks, the opinion and its notice, the department's action. */
    dailyAudit?: DailyAuditRecord;
  }
  interface IntakeDetailsByKind {
    /** Daily audits only (a request of category ④ from the case's department when absent). */
    dailyAudit?: DailyAuditIntake;
  }
}

/** The record at intake; a request with no details is a ④ request dated the day of receipt. */
export function openDailyAudit(intake: unknown, receivedAt: string, department: string | undefined): DailyAuditRecord {
  const parsed = dailyAuditIntakeSchema.parse(intake ?? { category: 'other' });
  const requester =
    parsed.requester?.department !== undefined
      ? requesterSchema.parse(parsed.requester)
      : department !== undefined
        ? { department }
        : undefined;
  return {
    category: parsed.category,
    requestedOn: parsed.requestedOn ?? koreaDate(new Date(receivedAt)),
    ...(requester !== undefined && { requester }),
    ...(parsed.amountWon !== undefined && { amountWon: parsed.amountWon }),
    ...(parsed.contractMethod !== undefined && { contractMethod: parsed.contractMethod }),
    onSiteChecks: [],
    returns: [],
  };
}

export function dailyAuditIntakeSummary(r: DailyAuditRecord): Record<string, unknown> {
  return {
    category: r.category,
    categoryKo: DAILY_AUDIT_CATEGORIES[r.category].labelKo,
    article: DAILY_AUDIT_CATEGORIES[r.category].article,
    requestedOn: r.requestedOn,
    ...(r.requester && { department: r.requester.department }),
    ...(r.amountWon !== undefined && { amountWon: r.amountWon }),
  };
}

// ── steps ─────────────────────────────────────────────────────────────────────────────────────────

export const DAILY_AUDIT_STEPS = ['assign', 'review', 'approve', 'action-result', 'close'] as const;
export type DailyAuditStep = (typeof DAILY_AUDIT_STEPS)[number];

/** Which step comes next, from the case alone (restart-safe). */
export function nextDailyAuditStep(
  c: Pick<CaseRecord, 'assigneeSub'> & { dailyAudit?: DailyAuditRecord },
): DailyAuditStep {
  const r = c.dailyAudit;
  if (!c.assigneeSub) return 'assign';
  if (!r) throw new Error('a daily audit without its details');
  if (!r.opinion) return 'review';
  if (!r.notice) return 'approve';
  if (!r.action) return 'action-result';
  return 'close';
}

// ── decisions ───────────────────────────────────────────────────────────────────────────────────

export const dailyAuditDecisionForms = [
  z.strictObject({
    decision: z.literal('record-onsite-check'),
    checkedOn: date.describe('실지감사일'),
    place: text(200).describe('장소'),
    note: text(5000).describe('확인한 내용'),
  }),
  z.strictObject({
    decision: z.literal('propose-opinion'),
    opinion: z.enum(DAILY_AUDIT_OPINIONS).describe('감사의견: 적정 / 개선 / 위법·부당'),
    content: text(20_000).describe('의견 내용 (개선·위법·부당이면 사유와 요구사항)'),
    savingWon: won.optional().describe('의견에 따른 예산 절감액 (원)'),
  }),
  z.strictObject({
    decision: z.literal('record-action-result'),
    action: text(5000).describe('집행부서의 조치 내용'),
    resultNotifiedOn: date.describe('조치결과 통보일 (제13조④)'),
    reportedToApproverOn: date.describe('결재권자에게 감사의견과 조치결과를 보고한 날 (제13조④)'),
  }),
] as const;
export type DailyAuditDecisionForm = z.infer<(typeof dailyAuditDecisionForms)[number]>;

export const DAILY_AUDIT_DECISION_LABELS: Record<DailyAuditDecisionForm['decision'], string> = {
  'record-onsite-check': '실지감사 기록',
  'propose-opinion': '감사의견 작성',
  'record-action-result': '조치결과·결재권자 보고 기록',
};
/** The kind's own decisions plus the core approval's, which on a daily audit notify the opinion. */
export const DAILY_AUDIT_DECISIONS: readonly string[] = [
  ...Object.keys(DAILY_AUDIT_DECISION_LABELS),
  'approve',
  'return',
];

/**
 * Applies a decision, refusing what the procedure does not allow. `at` is the decision's Korea time;
 * an approval notifies the opinion that day.
 */
export function applyDailyAuditDecision(
  c: CaseRecord & { dailyAudit?: DailyAuditRecord },
  form: AnyDecisionForm,
  actorSub: string,
  at: string,
): { record: DailyAuditRecord; eventData: Record<string, unknown> } | undefined {
  const r = c.dailyAudit;
  if (!r || !DAILY_AUDIT_DECISIONS.includes(form.decision)) return undefined;
  const step = nextDailyAuditStep(c);
  const today = at.slice(0, 10);
  const expect = stepGuard(form.decision, step, { en: 'a daily audit', ko: '일상감사' });
  const f = form as
    | DailyAuditDecisionForm
    | { decision: 'approve'; comment?: string }
    | { decision: 'return'; reasons: string };
  switch (f.decision) {
    case 'record-onsite-check':
      expect('review');
      assertNotBefore(f.checkedOn, r.requestedOn, 'checkedOn', '의뢰일');
      return {
        record: { ...r, onSiteChecks: [...r.onSiteChecks, { checkedOn: f.checkedOn, place: f.place, note: f.note }] },
        eventData: { onSiteCheck: f.checkedOn, place: f.place, article: '공공감사법 시행령 제13조①' },
      };
    case 'propose-opinion':
      expect('review');
      return {
        record: {
          ...r,
          opinion: {
            result: f.opinion,
            content: f.content,
            proposedOn: today,
            proposedBy: actorSub,
            ...(f.savingWon !== undefined && { savingWon: f.savingWon }),
          },
        },
        eventData: { opinion: f.opinion, ...(f.savingWon !== undefined && { savingWon: f.savingWon }) },
      };
    case 'approve':
      expect('approve');
      return {
        record: { ...r, notice: { notifiedOn: today, approvedBy: actorSub } },
        eventData: { opinion: r.opinion?.result, notifiedOn: today, article: '공공감사법 시행령 제13조③' },
      };
    case 'return': {
      expect('approve');
      const { opinion: _returned, ...rest } = r;
      return {
        record: { ...rest, returns: [...r.returns, { returnedOn: today, reasons: f.reasons }] },
        eventData: { returnedOpinion: r.opinion?.result },
      };
    }
    case 'record-action-result': {
      expect('action-result');
      const notifiedOn = r.notice?.notifiedOn ?? today;
      assertNotBefore(f.resultNotifiedOn, notifiedOn, 'resultNotifiedOn', '감사의견 통보일');
      assertNotBefore(f.reportedToApproverOn, notifiedOn, 'reportedToApproverOn', '감사의견 통보일');
      if (f.resultNotifiedOn > today || f.reportedToApproverOn > today)
        throw refuse(
          'an action result is recorded once it happened: a date is in the future',
          '조치결과 통보일·결재권자 보고일은 오늘 이후일 수 없습니다',
          f.resultNotifiedOn > today ? 'resultNotifiedOn' : 'reportedToApproverOn',
          'not_in_future',
        );
      return {
        record: {
          ...r,
          action: {
            action: f.action,
            resultNotifiedOn: f.resultNotifiedOn,
            reportedToApproverOn: f.reportedToApproverOn,
          },
        },
        eventData: {
          resultNotifiedOn: f.resultNotifiedOn,
          reportedToApproverOn: f.reportedToApproverOn,
          article: '공공감사법 시행령 제13조④',
        },
      };
    }
  }
}
