/**
 * Due dates of the human tasks of a misconduct investigation (docs/design.md#5-rules-are-data-with-citations): from a statutory period
 * where the law times the step (with its article and confidence, statutory-periods.ts), otherwise a
 * default number of business days for the step. Steps before the discipline request are also held
 * to the case's outer limits — the 징계시효 (a request after it is barred) and, for cases the
 * Anti-Corruption and Civil Rights Commission referred, the 60 days of 부패방지권익위법 제60조①.
 * Whichever comes first is the task's due date, and the task says which rule it was.
 */
import type { Calendar } from '../../calendar/index.ts';
import type { TaskDue } from '../../domain/task.ts';
import type { CaseRecord } from '../../domain/case.ts';
import { DISCIPLINE_GROUND_NOTICES } from './misconduct.ts';
import { computeDue, statutoryPeriod, type PeriodId } from '../../policies/statutory-periods.ts';
import { dueAfterBusinessDays } from '../../policies/task-deadlines.ts';

export type { TaskDue } from '../../domain/task.ts';

/** Office settings for periods the law lets the office set (statutory-periods.ts `adjustable`). */
export const OFFICE_PERIOD_SETTINGS = Object.freeze({
  /** 지방공무원 징계 및 소청 규정 제2조③ (2008 text: 1개월, R) — configurable policy. */
  disciplineRequestMonths: 1,
});

/** Per-step defaults where no statute times the step (business days, Korean legal calendar). */
export const MISCONDUCT_STEP_DEFAULTS = Object.freeze({
  assign: 2,
  investigate: 30,
  review: 5,
  approve: 5,
  'request-discipline': 10,
  'issue-warning': 5,
  'confirm-acknowledgement': 5,
  'issue-corrective-order': 5,
  'confirm-correction': 30,
  'notify-agency': 10,
});

export const MISCONDUCT_DUE_RULES = [
  'misconduct.assign',
  'misconduct.investigate',
  'misconduct.review',
  'misconduct.approve',
  'misconduct.request-discipline',
  'misconduct.record-resolution',
  'misconduct.issue-warning',
  'misconduct.confirm-acknowledgement',
  'misconduct.issue-corrective-order',
  'misconduct.confirm-correction',
  'misconduct.notify-agency',
] as const;
export type MisconductDueRule = (typeof MISCONDUCT_DUE_RULES)[number];

interface DueContext {
  c: CaseRecord;
  /** When the task opens, Korea time ISO. */
  now: string;
  calendar: Calendar;
}

const byDefault = (ctx: DueContext, step: keyof typeof MISCONDUCT_STEP_DEFAULTS): TaskDue => {
  const days = MISCONDUCT_STEP_DEFAULTS[step];
  return {
    dueAt: dueAfterBusinessDays(ctx.calendar, ctx.now, days),
    basis: { labelKo: `단계 기본 처리기한 ${days}근무일`, source: 'default' },
  };
};

function statutory(ctx: DueContext, periodId: PeriodId, from: string, amount?: number): TaskDue {
  const period = statutoryPeriod(periodId);
  const result = computeDue(periodId, from, ctx.calendar, amount !== undefined ? { amount } : {});
  return {
    dueAt: result.dueAt,
    basis: {
      labelKo: `${period.labelKo} (${period.startsFromKo} ${from.slice(0, 10)}부터)`,
      article: period.article,
      confidence: period.confidence,
      source: 'statutory',
    },
  };
}

/** The outer limits that steps before the discipline request must keep. */
function caseLimits(ctx: DueContext, { acrc }: { acrc: boolean }): TaskDue[] {
  const m = ctx.c.misconduct;
  if (!m) return [];
  const limits: TaskDue[] = [];
  // The last day to request discipline, at the end of that working day.
  limits.push({
    dueAt: `${m.limitation.date}T18:00:00+09:00`,
    basis: {
      labelKo: `징계시효 만료일(${m.limitation.date})`,
      article: m.limitation.article,
      confidence: m.limitation.confidence,
      source: 'case-limit',
    },
  });
  if (acrc && m.referral?.agency === '국민권익위원회') {
    const due = statutory(ctx, 'acrc-referral.investigation', ctx.c.receivedAt);
    limits.push({ ...due, basis: { ...due.basis, source: 'case-limit' } });
  }
  return limits;
}

function earliest(first: TaskDue, others: TaskDue[]): TaskDue {
  return others.reduce(
    (best, candidate) => (Date.parse(candidate.dueAt) < Date.parse(best.dueAt) ? candidate : best),
    first,
  );
}

/** The date from which the 1-month discipline-request period runs, if a notice stated the ground. */
function disciplineGroundNoticeAt(c: CaseRecord): string | undefined {
  const m = c.misconduct;
  if (!m) return undefined;
  // After a suspension, the end-of-investigation notice is the notice the office acts on.
  if (m.lastEndNoticeReceivedOn) return `${m.lastEndNoticeReceivedOn}T09:00:00+09:00`;
  if (m.referral && DISCIPLINE_GROUND_NOTICES.includes(m.referral.noticeType)) return c.receivedAt;
  return undefined;
}

const RULES: Record<MisconductDueRule, (ctx: DueContext) => TaskDue> = {
  'misconduct.assign': (ctx) => byDefault(ctx, 'assign'),
  'misconduct.investigate': (ctx) => {
    const acrc = ctx.c.misconduct?.referral?.agency === '국민권익위원회';
    const own = acrc ? statutory(ctx, 'acrc-referral.investigation', ctx.c.receivedAt) : byDefault(ctx, 'investigate');
    return earliest(own, caseLimits(ctx, { acrc: false }));
  },
  'misconduct.review': (ctx) => earliest(byDefault(ctx, 'review'), caseLimits(ctx, { acrc: true })),
  'misconduct.approve': (ctx) => earliest(byDefault(ctx, 'approve'), caseLimits(ctx, { acrc: true })),
  'misconduct.request-discipline': (ctx) => {
    const from = disciplineGroundNoticeAt(ctx.c);
    const own = from
      ? statutory(ctx, 'discipline.request-after-notice', from, OFFICE_PERIOD_SETTINGS.disciplineRequestMonths)
      : byDefault(ctx, 'request-discipline');
    return earliest(own, caseLimits(ctx, { acrc: false }));
  },
  'misconduct.record-resolution': (ctx) => {
    const sentOn = ctx.c.misconduct?.progress.requestSentOn ?? ctx.now.slice(0, 10);
    return statutory(ctx, 'discipline.committee-decision', `${sentOn}T09:00:00+09:00`);
  },
  'misconduct.issue-warning': (ctx) => byDefault(ctx, 'issue-warning'),
  'misconduct.confirm-acknowledgement': (ctx) => byDefault(ctx, 'confirm-acknowledgement'),
  'misconduct.issue-corrective-order': (ctx) => byDefault(ctx, 'issue-corrective-order'),
  'misconduct.confirm-correction': (ctx) => {
    const approved = ctx.c.misconduct?.approved?.disposition;
    if (approved?.type === 'corrective-action') {
      return {
        dueAt: `${approved.complianceDueDate}T18:00:00+09:00`,
        basis: { labelKo: `시정 요구에서 정한 이행기한(${approved.complianceDueDate})`, source: 'case-date' },
      };
    }
    return byDefault(ctx, 'confirm-correction');
  },
  'misconduct.notify-agency': (ctx) => {
    const agency = ctx.c.misconduct?.referral?.agency;
    if (agency === '국민권익위원회') return statutory(ctx, 'acrc-referral.result-notice', ctx.now);
    const own = byDefault(ctx, 'notify-agency');
    if (agency === '감사원' || agency === '검찰' || agency === '경찰') {
      // 징계 및 소청 규정 제2조④ says to reply with the result but sets no period (2008 text).
      return {
        ...own,
        basis: {
          ...own.basis,
          article: '지방공무원 징계 및 소청 규정 제2조④ (회신 의무, 기한 규정 없음)',
          confidence: 'R',
        },
      };
    }
    return own;
  },
};

export function misconductTaskDue(rule: MisconductDueRule, ctx: DueContext): TaskDue {
  return RULES[rule](ctx);
}
