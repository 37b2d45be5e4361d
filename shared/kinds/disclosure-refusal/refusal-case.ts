/**
 * A 고지거부 case (disclosure-refusal kind): one registrant's application reviewed as a case of its
 * own — typically the 3-yearly re-review the yearly job opens (shared/usecases/disclosure-rereview.ts),
 * or an application received outside a campaign. It reuses the rules of disclosure-refusal.ts:
 *
 *   received (registrant number, public-disclosure flag, the campaign it comes from, and for a
 *   re-review the year and the permission re-reviewed) → the team lead names the reviewer → the
 *   application recorded, within its window (시행령 제27조①; a re-review 1 January – 31 March, ⑤)
 *   → the decision on the dependants test (제27조의2) within 10 days, one 10-day extension (②) — a
 *   re-review by 30 November (⑥), a fixed day without extension — a refusal giving the registrant 30
 *   (20) more days to register from the notice (④) → closed.
 *
 * Pure: no AWS SDK.
 */
import { refuse, stepGuard } from '../../domain/kind.ts';
import * as z from 'zod';
import type { Calendar } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import type { AnyDecisionForm, TaskDue } from '../../domain/task.ts';
import {
  applyForDisclosureRefusal,
  decideDisclosureRefusal,
  disclosureApplicationSchema,
  disclosureDecisionSchema,
  disclosureRefusalSchema,
  extendDisclosureDecision,
  type DisclosureRefusal,
} from './disclosure-refusal.ts';
import { addDays, nextBusinessDay } from '../property-review/property-review-deadlines.ts';
import { decisionDue, DISCLOSURE_REFUSAL_RULES, reReviewDates } from './disclosure-refusal-deadlines.ts';

const date = z.iso.date();

export const refusalIntakeSchema = z
  .strictObject({
    registrantNo: z.string().trim().min(1).max(40).describe('등록의무자 번호'),
    publicDisclosure: z.boolean().default(false).describe('재산공개대상자 여부 (불허가 시 등록기간 20일)'),
    campaignCaseNumber: z.string().trim().min(1).max(40).optional().describe('의무자가 속한 재산등록 심사 사건 번호'),
    reReview: z
      .strictObject({
        year: z.number().int().min(2000).max(2100).describe('재심사 연도'),
        permittedOn: date.describe('재심사하는 허가의 결정일'),
      })
      .optional()
      .describe('3년마다 재심사 (공직자윤리법 제12조④)'),
  })
  .describe('고지거부 심사 (한 의무자의 신청)');
export type RefusalIntake = z.input<typeof refusalIntakeSchema>;

export const refusalRecordSchema = z.object({
  registrantNo: z.string(),
  publicDisclosure: z.boolean(),
  campaignCaseNumber: z.string().optional(),
  reReview: z
    .object({ year: z.number().int(), permittedOn: date, applyFrom: date, applyUntil: date, decideBy: date })
    .optional(),
  applications: z.array(disclosureRefusalSchema),
});
export type RefusalRecord = z.infer<typeof refusalRecordSchema>;

declare module '../../domain/case.ts' {
  interface CaseDetailsByKind {
    /** Disclosure-refusal cases only: the registrant and their application(s). */
    disclosureRefusal?: RefusalRecord;
  }
  interface IntakeDetailsByKind {
    disclosureRefusal?: RefusalIntake;
  }
}

export function openRefusalCase(intake: unknown, calendar: Calendar): RefusalRecord {
  if (intake === undefined)
    throw refuse(
      'A disclosure-refusal case is received with its registrant (disclosureRefusal)',
      '고지거부 심사는 의무자 정보(disclosureRefusal)와 함께 접수합니다',
      'disclosureRefusal',
      'required',
    );
  const p = refusalIntakeSchema.parse(intake);
  return {
    registrantNo: p.registrantNo,
    publicDisclosure: p.publicDisclosure,
    ...(p.campaignCaseNumber !== undefined && { campaignCaseNumber: p.campaignCaseNumber }),
    ...(p.reReview && { reReview: { ...p.reReview, ...reReviewDates(p.reReview.year, calendar) } }),
    applications: [],
  };
}

export const REFUSAL_STEPS = ['assign', 'application', 'decision', 'close'] as const;
export type RefusalStep = (typeof REFUSAL_STEPS)[number];

type WithRefusal = Pick<CaseRecord, 'assigneeSub'> & { disclosureRefusal?: RefusalRecord };
const pendingOf = (r: RefusalRecord): DisclosureRefusal | undefined => r.applications.find((a) => !a.decision);

export function nextRefusalStep(c: WithRefusal): RefusalStep {
  if (!c.assigneeSub) return 'assign';
  const r = c.disclosureRefusal;
  if (!r) throw new Error('a disclosure-refusal case without its details');
  if (r.applications.length === 0) return 'application';
  if (pendingOf(r)) return 'decision';
  return 'close';
}

export const refusalDecisionForms = [
  z.strictObject({
    decision: z.literal('record-refusal-application'),
    application: disclosureApplicationSchema.describe('고지거부 (재심사) 신청서'),
  }),
  z.strictObject({ decision: z.literal('extend-refusal-decision') }),
  z.strictObject({
    decision: z.literal('decide-refusal'),
    ...disclosureDecisionSchema.shape,
  }),
] as const;
export const REFUSAL_DECISION_LABELS = {
  'record-refusal-application': '고지거부 신청 접수',
  'extend-refusal-decision': '고지거부 결정 기한 연장 (10일, 1회)',
  'decide-refusal': '고지거부 허가 여부 결정',
} as const;

export function applyRefusalDecision(
  c: CaseRecord & { disclosureRefusal?: RefusalRecord },
  form: AnyDecisionForm,
  today: string,
  calendar: Calendar,
): { record: RefusalRecord; eventData: Record<string, unknown> } | undefined {
  const r = c.disclosureRefusal;
  if (!r || !(form.decision in REFUSAL_DECISION_LABELS)) return undefined;
  const step = nextRefusalStep(c);
  const expect = stepGuard(form.decision, step, { en: 'a disclosure-refusal case', ko: '고지거부 심사' });
  const f = form as Record<string, unknown>;
  switch (form.decision) {
    case 'record-refusal-application': {
      expect('application');
      const input = f.application as { window?: string; windowStartsOn?: string };
      if (r.reReview) {
        if (input.window !== 're-review')
          throw refuse(
            'a re-review case records a re-review application',
            '재심사 사건의 신청은 재심사 신청(re-review)입니다',
            'application.window',
            're_review_window',
          );
        if (Number(input.windowStartsOn?.slice(0, 4)) !== r.reReview.year)
          throw refuse(
            `the re-review is applied for in ${r.reReview.year}`,
            `${r.reReview.year}년 재심사 신청이어야 합니다`,
            'application.windowStartsOn',
            're_review_year',
          );
      }
      const applied = applyForDisclosureRefusal(input, r.publicDisclosure, r.applications, today, calendar);
      // A re-review is decided and notified by 30 November of its year (시행령 제27조⑥), not 10 days on.
      const application = r.reReview ? { ...applied, decisionDueOn: r.reReview.decideBy } : applied;
      return {
        record: { ...r, applications: [...r.applications, application] },
        eventData: { appliedOn: application.appliedOn, decisionDueOn: application.decisionDueOn },
      };
    }
    case 'extend-refusal-decision': {
      expect('decision');
      if (r.reReview)
        throw refuse(
          'a re-review is decided by 30 November, a fixed day',
          `재심사는 ${r.reReview.decideBy}까지 결정·통보합니다 (시행령 제27조⑥, 연장 없음)`,
          'decision',
          'fixed_day',
        );
      const applications = extendDisclosureDecision(r.applications, today, calendar);
      return {
        record: { ...r, applications },
        eventData: { decisionDueOn: pendingOf({ ...r, applications })?.decisionDueOn },
      };
    }
    default: {
      expect('decision');
      const { decision: _d, ...input } = f;
      const { list, refusedDueOn } = decideDisclosureRefusal(
        r.applications,
        input,
        r.publicDisclosure,
        today,
        calendar,
      );
      const decided = list.find((a, i) => a.decision && !r.applications[i]?.decision)?.decision;
      return {
        record: { ...r, applications: list },
        eventData: {
          permitted: decided?.permitted,
          ...(refusedDueOn !== undefined && { registrationDueOn: refusedDueOn }),
          ...(decided?.reReviewYear !== undefined && { reReviewYear: decided.reReviewYear }),
        },
      };
    }
  }
}

/** Days to record a received application on the case (a setting: no text fixes it). */
export const APPLICATION_RECORD_DAYS = 3;

export const REFUSAL_DUE_RULES = ['disclosure-refusal.application', 'disclosure-refusal.decision'] as const;
export type RefusalDueRule = (typeof REFUSAL_DUE_RULES)[number];

/** The application step: a re-review's window end (31 March); otherwise the office's next business day target. */
export function refusalTaskDue(
  rule: RefusalDueRule,
  ctx: { c: CaseRecord & { disclosureRefusal?: RefusalRecord }; now: string; calendar: Calendar },
): TaskDue {
  const r = ctx.c.disclosureRefusal;
  const pending = r && pendingOf(r);
  if (rule === 'disclosure-refusal.decision' && pending)
    return r?.reReview
      ? {
          dueAt: `${r.reReview.decideBy}T23:59:59+09:00`,
          basis: {
            labelKo: `고지거부 재심사 결정·통보 — ${r.reReview.year}년 11월 30일까지`,
            article: DISCLOSURE_REFUSAL_RULES.reReview.article,
            confidence: 'A',
            source: 'statutory',
          },
        }
      : decisionDue(pending.appliedOn, pending.decisionDueOn, pending.extendedOn !== undefined);
  if (r?.reReview)
    return {
      dueAt: `${r.reReview.applyUntil}T23:59:59+09:00`,
      basis: {
        labelKo: `고지거부 재심사 신청 — ${r.reReview.applyFrom} ~ ${r.reReview.applyUntil}`,
        article: DISCLOSURE_REFUSAL_RULES.reReview.article,
        confidence: 'A',
        source: 'statutory',
      },
    };
  const on = nextBusinessDay(addDays(ctx.now.slice(0, 10), APPLICATION_RECORD_DAYS), ctx.calendar);
  return {
    dueAt: `${on}T18:00:00+09:00`,
    basis: {
      labelKo: `고지거부 신청서 접수 기록 — 설정값 ${APPLICATION_RECORD_DAYS}일 (구 규칙 확인 필요)`,
      confidence: 'C',
      source: 'default',
    },
  };
}

export const refusalView = (r: RefusalRecord) => {
  const last = r.applications.at(-1);
  return [
    { labelKo: '등록의무자 번호', value: r.registrantNo },
    ...(r.campaignCaseNumber ? [{ labelKo: '재산등록 심사 사건', value: r.campaignCaseNumber }] : []),
    ...(r.reReview
      ? [
          {
            labelKo: '재심사',
            value: `${r.reReview.year}년 — ${r.reReview.permittedOn} 허가분, 신청 ${r.reReview.applyFrom} ~ ${r.reReview.applyUntil}, 결정 ${r.reReview.decideBy}까지`,
          },
        ]
      : []),
    ...(last
      ? [
          {
            labelKo: '신청',
            value: `${last.appliedOn} 신청, 결정 기한 ${last.decisionDueOn}${last.extendedOn ? ' (연장)' : ''}`,
          },
        ]
      : []),
    ...(last?.decision
      ? [
          {
            labelKo: '결정',
            value: last.decision.permitted
              ? `허가 (${last.decision.decidedOn}), 다음 재심사 ${last.decision.reReviewYear}년`
              : `불허가 (${last.decision.decidedOn}) — 등록기간 ${last.decision.registrationDueOn}까지 연장`,
          },
        ]
      : []),
  ];
};
