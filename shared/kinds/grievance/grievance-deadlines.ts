/**
 * Due dates of a grievance complaint (고충민원) and of its human tasks, on the legal calendar:
 *
 *  - the answer: 7 days (민원처리법 시행령 제17조①), counted as 민원처리법 제19조② says, moved by the
 *    extensions of 시행령 제21조① and by the field-investigation clock stops of 시행령 제17조⑤ —
 *    recomputed from the receipt every time, so the explanation always shows every step;
 *  - the field investigation itself: at most 14 days (시행령 제17조④); while one is running its end
 *    is not known, so the answer's due date assumes it takes the whole 14 days until it ends;
 *  - triage (민원실 → 처리주무부서): 1 working hour (시행령 제13조①), never after the answer's due date.
 *
 * The counting itself is statutory-periods.ts / shared/calendar; nothing is counted here.
 */
import type { Calendar, DueDateResult } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import type { GrievanceClockStop, GrievanceDue, GrievanceExtension } from './grievance-records.ts';
import type { TaskDue } from '../../domain/task.ts';
import { computeDue, statutoryPeriod } from '../../policies/statutory-periods.ts';

export const GRIEVANCE_DUE_RULES = ['grievance.triage', 'grievance.answer'] as const;
export type GrievanceDueRule = (typeof GRIEVANCE_DUE_RULES)[number];

export const FIELD_INVESTIGATION_ARTICLE = '민원처리법 시행령 제17조⑤';

interface DueContext {
  c: CaseRecord;
  now: string;
  calendar: Calendar;
}

/** The last day a field investigation started on `from` may run (14 days, 시행령 제17조④). */
export function fieldInvestigationLimit(from: string, calendar: Calendar): DueDateResult {
  return computeDue('grievance.field-investigation', `${from}T09:00:00+09:00`, calendar);
}

/** The answer's due date from the receipt, the clock stops (an open one assumed to run its 14 days) and the extensions. */
export function computeGrievanceDue(
  receivedAt: string,
  clockStops: readonly Pick<GrievanceClockStop, 'from' | 'to' | 'limitDate'>[],
  extensions: readonly Pick<GrievanceExtension, 'days' | 'reasonKo' | 'consent'>[],
  calendar: Calendar,
): DueDateResult {
  return computeDue('grievance.answer', receivedAt, calendar, {
    clockStops: clockStops.map((stop) => ({
      from: stop.from,
      to: stop.to ?? stop.limitDate,
      reasonKo: stop.to
        ? '현장조사 등 기간'
        : `현장조사 등 기간(진행 중 — 최장 기한 ${stop.limitDate}까지로 가정, 시행령 제17조④)`,
      article: FIELD_INVESTIGATION_ARTICLE,
    })),
    extensions: extensions.map((e) => ({
      amount: e.days,
      reasonKo: e.reasonKo,
      complainantConsent: e.consent?.given === true,
    })),
  });
}

/** What the case keeps of a computed due date: enough to show and explain it without recounting. */
export function dueSummary(result: DueDateResult, computedAt: string): GrievanceDue {
  return {
    dueDate: result.dueDate,
    dueAt: result.dueAt,
    article: result.rule.article,
    confidence: result.rule.confidence,
    summaryKo: result.summaryKo,
    explanation: [...result.explanation],
    computedAt,
  };
}

function answerDue(ctx: DueContext): TaskDue {
  const g = ctx.c.grievance;
  const due = g?.due ?? dueSummary(computeGrievanceDue(ctx.c.receivedAt, [], [], ctx.calendar), ctx.now);
  const period = statutoryPeriod('grievance.answer');
  const extended = g && g.extensions.length > 0 ? `, ${g.extensions.length}회 연장(시행령 제21조①)` : '';
  const stopped = g && g.clockStops.length > 0 ? `, 현장조사 기간 제외(${FIELD_INVESTIGATION_ARTICLE})` : '';
  return {
    dueAt: due.dueAt,
    basis: {
      labelKo: `${period.labelKo} (${period.startsFromKo} ${ctx.c.receivedAt.slice(0, 10)}부터${extended}${stopped})`,
      article: due.article,
      confidence: due.confidence,
      source: 'statutory',
    },
  };
}

const RULES: Record<GrievanceDueRule, (ctx: DueContext) => TaskDue> = {
  'grievance.triage': (ctx) => {
    const period = statutoryPeriod('minwon.transfer.reception-to-department');
    const transfer = computeDue('minwon.transfer.reception-to-department', ctx.c.receivedAt, ctx.calendar);
    const own: TaskDue = {
      dueAt: transfer.dueAt,
      basis: {
        labelKo: `${period.labelKo} (${period.startsFromKo} ${ctx.c.receivedAt.slice(0, 16).replace('T', ' ')}부터)`,
        article: period.article,
        confidence: period.confidence,
        source: 'statutory',
      },
    };
    const answer = answerDue(ctx);
    return Date.parse(answer.dueAt) < Date.parse(own.dueAt)
      ? { ...answer, basis: { ...answer.basis, source: 'case-limit' } }
      : own;
  },
  'grievance.answer': answerDue,
};

export function grievanceTaskDue(rule: GrievanceDueRule, ctx: DueContext): TaskDue {
  return RULES[rule](ctx);
}

/** Task types whose due date is the case's statutory answer due: they move when it moves. */
export const TASK_TYPES_FOLLOWING_ANSWER_DUE: readonly string[] = ['grievance-audit', 'grievance-answer'];
