/**
 * The deadlines of a petition (청원법, 법률 제17701호; docs/legal-basis.md#petitions), each from its statutory
 * period in statutory-periods.ts so it names its article and explains itself:
 *
 *  - 처리결과 통지: 90 days from receipt (제21조②), the public petition's disclosure-decision period
 *    and its 30-day public comment period not counted (clock stops, 제21조② 괄호), one extension of
 *    up to 60 days (제21조③);
 *  - 공개 여부 결정: 15 days from receipt, after the committee's review (제13조①);
 *  - 국민 의견 수렴: 30 days from the disclosure decision (제13조②);
 *  - 이의신청: within 30 days of the non-disclosure notice or of the day the processing period ran
 *    out (제22조①), decided within 15 days (제22조②).
 *
 * The due date of each human task of the petition workflow comes from these (PETITION_DUE_RULES).
 */
import { addDays } from '../../calendar/korea-dates.ts';
import type { Calendar, ClockStop, DueDateResult } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import type { TaskDue } from '../../domain/task.ts';
import { computeDue, statutoryPeriod, type PeriodId } from '../../policies/statutory-periods.ts';
import { dueAfterBusinessDays } from '../../policies/task-deadlines.ts';

/** A date of a decision or notice, as the moment its period starts from (the first day is not counted either way). */
export const onDate = (date: string): string => `${date}T09:00:00+09:00`;

/** What the petition due date depends on. */
export interface PetitionDueFacts {
  receivedAt: string;
  public: boolean;
  disclosure?: { decidedOn: string };
  commentPeriod?: { start: string; end: string };
  extension?: { days: number; reason: string };
}

export const DISCLOSURE_STOP_ARTICLE = '청원법 제21조② (공개 여부 결정기간 불산입)';
export const COMMENT_STOP_ARTICLE = '청원법 제21조② (국민 의견 수렴기간 불산입)';

/** The 15-day disclosure-decision deadline of a public petition (제13조①). */
export function disclosureDue(receivedAt: string, calendar: Calendar): DueDateResult {
  return computeDue('petition.disclosure-decision', receivedAt, calendar);
}

/** The 30-day public comment period from the disclosure decision (제13조②): the day after it to the 30th day. */
export function commentPeriodFrom(
  decidedOn: string,
  calendar: Calendar,
): { start: string; end: string; article: string; explanation: readonly string[] } {
  const due = computeDue('petition.public-comment', onDate(decidedOn), calendar);
  return { start: addDays(decidedOn, 1), end: due.dueDate, article: due.rule.article, explanation: due.explanation };
}

/**
 * The periods 제21조② takes out of the 90 days, as far as they are known: the disclosure-decision
 * period (from the day after receipt to the decision, at most the 15 days of 제13조①) and the comment
 * period. Before the disclosure decision nothing is taken out yet, so the due date shown is the
 * earliest it can be; it moves later when the decision is recorded.
 */
export function petitionClockStops(facts: PetitionDueFacts, calendar: Calendar): ClockStop[] {
  const stops: ClockStop[] = [];
  if (facts.public && facts.disclosure) {
    const receivedOn = facts.receivedAt.slice(0, 10);
    const limit = disclosureDue(facts.receivedAt, calendar).dueDate;
    const to = facts.disclosure.decidedOn < limit ? facts.disclosure.decidedOn : limit;
    const from = addDays(receivedOn, 1);
    if (from <= to) stops.push({ from, to, reasonKo: '공개청원 공개 여부 결정기간', article: DISCLOSURE_STOP_ARTICLE });
  }
  if (facts.commentPeriod) {
    stops.push({
      from: facts.commentPeriod.start,
      to: facts.commentPeriod.end,
      reasonKo: '공개청원 국민 의견 수렴기간',
      article: COMMENT_STOP_ARTICLE,
    });
  }
  return stops;
}

/** The 90-day decision-notice deadline (제21조②) with its clock stops and the extension (제21조③), explained. */
export function petitionDecisionDue(facts: PetitionDueFacts, calendar: Calendar): DueDateResult {
  return computeDue('petition.decision', facts.receivedAt, calendar, {
    clockStops: petitionClockStops(facts, calendar),
    extensions: facts.extension ? [{ amount: facts.extension.days, reasonKo: facts.extension.reason }] : [],
  });
}

/** The last day to file an objection (제22조①), counted from the notice or the day the period ran out. */
export function objectionFilingDue(from: string, calendar: Calendar): DueDateResult {
  return computeDue('petition.objection.filing', onDate(from), calendar);
}

/** The objection must be decided and notified within 15 days of its filing (제22조②). */
export function objectionDecisionDue(filedOn: string, calendar: Calendar): DueDateResult {
  return computeDue('petition.objection.decision', onDate(filedOn), calendar);
}

// ── due dates of the workflow's human tasks ────────────────────────────────────────────────────────

/** Business days for screening: no statute times it, but it must leave room for the 15-day disclosure decision. */
export const PETITION_STEP_DEFAULTS = Object.freeze({ screen: 3 });

export const PETITION_DUE_RULES = [
  'petition.screen',
  'petition.disclosure',
  'petition.decision',
  'petition.objection',
] as const;
export type PetitionDueRule = (typeof PETITION_DUE_RULES)[number];

interface DueContext {
  c: CaseRecord;
  now: string;
  calendar: Calendar;
}

function asTaskDue(
  periodId: PeriodId,
  result: DueDateResult,
  from: string,
  source: TaskDue['basis']['source'] = 'statutory',
): TaskDue {
  const period = statutoryPeriod(periodId);
  return {
    dueAt: result.dueAt,
    basis: {
      labelKo: `${period.labelKo} (${period.startsFromKo} ${from.slice(0, 10)}부터)`,
      article: period.article,
      confidence: period.confidence,
      source,
    },
  };
}

function decisionDue(ctx: DueContext): TaskDue {
  const p = ctx.c.petition;
  if (p?.due) {
    return {
      dueAt: p.due.dueAt,
      basis: {
        labelKo: `청원 처리결과 통지 (접수일 ${ctx.c.receivedAt.slice(0, 10)}부터 90일${p.due.clockStops.length > 0 ? ', 정지 기간 제외' : ''}${p.extension ? `, ${p.extension.days}일 연장` : ''})`,
        article: p.extension ? '청원법 제21조②③' : '청원법 제21조②',
        confidence: 'C',
        source: 'statutory',
      },
    };
  }
  return asTaskDue(
    'petition.decision',
    computeDue('petition.decision', ctx.c.receivedAt, ctx.calendar),
    ctx.c.receivedAt,
  );
}

const earliest = (first: TaskDue, ...others: TaskDue[]): TaskDue =>
  others.reduce((best, candidate) => (Date.parse(candidate.dueAt) < Date.parse(best.dueAt) ? candidate : best), first);

const RULES: Record<PetitionDueRule, (ctx: DueContext) => TaskDue> = {
  'petition.screen': (ctx) => {
    const days = PETITION_STEP_DEFAULTS.screen;
    const own: TaskDue = {
      dueAt: dueAfterBusinessDays(ctx.calendar, ctx.now, days),
      basis: { labelKo: `청원 요건 검토 기본 처리기한 ${days}근무일`, source: 'default' },
    };
    const limits = [decisionDue(ctx)];
    if (ctx.c.petition?.public) {
      const disclosure = asTaskDue(
        'petition.disclosure-decision',
        disclosureDue(ctx.c.receivedAt, ctx.calendar),
        ctx.c.receivedAt,
        'case-limit',
      );
      limits.push(disclosure);
    }
    return earliest(own, ...limits.map((l) => ({ ...l, basis: { ...l.basis, source: 'case-limit' as const } })));
  },
  'petition.disclosure': (ctx) =>
    asTaskDue('petition.disclosure-decision', disclosureDue(ctx.c.receivedAt, ctx.calendar), ctx.c.receivedAt),
  'petition.decision': (ctx) => decisionDue(ctx),
  'petition.objection': (ctx) => {
    const pending = ctx.c.petition?.objections.find((o) => o.decision === undefined);
    const filedOn = pending?.filedOn ?? ctx.now.slice(0, 10);
    return asTaskDue('petition.objection.decision', objectionDecisionDue(filedOn, ctx.calendar), onDate(filedOn));
  },
};

export function petitionTaskDue(rule: PetitionDueRule, ctx: DueContext): TaskDue {
  return RULES[rule](ctx);
}
