/**
 * When an open task earns a deadline reminder, and who gets it (issue 6). Pure: the legal calendar,
 * the task's times and the run's instant are the only inputs, so the same run always decides the same.
 *
 * Time is counted in business days, the way the due dates themselves are (민원처리법 제19조: Saturdays
 * and 공휴일 do not count; the day a task opens does not count either, see task-deadlines.ts):
 * - allowed time = business days after the opening day, up to and including the due day;
 * - elapsed time at a run = business days after the opening day and before the run's day (the job
 *   runs at 08:30, before the working day, so the run's own day has not been used yet).
 * A weekend or a holiday therefore never pushes a task over 50% or 75% by itself.
 *
 * Levels, from least to most urgent: `elapsed-50` (≥ 50% of the allowed time used), `elapsed-75`
 * (≥ 75%), `due-today` (the run's day is the due day and the due time has not passed), `overdue`
 * (the due time has passed). Only the most urgent level reached is sent in a run — a task first
 * seen at 80% gets the 75% reminder, never also the 50% one. Each level is one threshold, sent once
 * per recipient; overdue is a threshold per day (`overdue:<run date>`), so it repeats daily.
 *
 * Escalation, so that staff do not learn to ignore it (each person hears of a thing once, unless it
 * is theirs to do):
 * - the assignee hears of their own task at every level; an overdue task daily (`overdue:<date>`),
 *   told apart as "새로 기한 경과" on the first business day after its due day (`newlyOverdue`) and
 *   "계속 기한 경과" after that;
 * - the team lead(s) of the assignee's team hear of a task once at 75% of its time
 *   (`escalated-75`) and once when it is overdue (`escalated-overdue`), as ServiceNow's default SLA
 *   notifications do — never the whole overdue list every day;
 * - the head of office hears of a task once, when `headAfterBusinessDays` business days have fully
 *   passed since the due day (`head-overdue`), and reads it as a summary (counts by team and kind,
 *   the oldest few), not a list. (Due Tuesday 18:00, default 3: Wednesday is 0 days lost, Thursday 1,
 *   Friday 2, Monday 3 → the head hears of it on Monday.)
 */
import * as z from 'zod';
import { koreaDate } from '../domain/korea-time.ts';

export const REMINDER_LEVELS = ['elapsed-50', 'elapsed-75', 'due-today', 'overdue'] as const;
export type ReminderLevel = (typeof REMINDER_LEVELS)[number];

/** Most urgent first — the order of a digest and of "which level wins". */
export const LEVEL_URGENCY_RANK: Readonly<Record<ReminderLevel, number>> = {
  overdue: 0,
  'due-today': 1,
  'elapsed-75': 2,
  'elapsed-50': 3,
};

export const reminderPolicyOptionsSchema = z.object({
  /** Business days fully overdue before the head of office is told as well. */
  headAfterBusinessDays: z.number().int().min(0).max(250).default(3),
});
export type ReminderPolicyOptions = z.infer<typeof reminderPolicyOptionsSchema>;
export const DEFAULT_REMINDER_POLICY: ReminderPolicyOptions = reminderPolicyOptionsSchema.parse({});

/**
 * Why a person gets an item: it is their task; it reached 75% or is overdue in their team; it is
 * overdue long enough for the head; or it is urgent and its assignee is away (a pause), so their
 * team lead stands in (`deputy`) — a legal deadline is never silenced by a preference.
 */
export type RecipientReason = 'assignee' | 'team-lead' | 'head' | 'deputy';

/** The exactly-once key of a reminder for someone who is told of it as team lead or head: once per task. */
export const ESCALATION_THRESHOLDS = {
  'team-lead': { 'elapsed-75': 'escalated-75', overdue: 'escalated-overdue' },
  head: { overdue: 'head-overdue' },
} as const;

export interface ReminderDue {
  level: ReminderLevel;
  /** The exactly-once key of this reminder for its assignee: the level, or `overdue:<date>`. */
  threshold: string;
  /** Overdue, and no business day has fully passed since the due day ("새로 기한 경과"). */
  newlyOverdue: boolean;
  /** Business days after the opening day up to the due day. */
  allowedBusinessDays: number;
  /** Business days after the opening day before the run's day. */
  elapsedBusinessDays: number;
  /** Business days after the due day before the run's day (0 unless overdue). */
  businessDaysOverdue: number;
  /** Who besides the assignee(s) must hear of it. */
  escalateTo: readonly ('team-lead' | 'head')[];
}

export interface TaskTiming {
  /** ISO 8601 with offset. */
  openedAt: string;
  dueAt: string;
}

/** The calendar question the policy asks. */
export interface BusinessDayCalendar {
  isBusinessDay(date: string): boolean;
}

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
const isoOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Counts business days between dates with running totals, so a run over thousands of tasks asks the
 * calendar once per date, not once per date per task. Covers exactly the dates asked about (the
 * calendar refuses years it has no holiday data for, and so does this).
 */
export class BusinessDayCounter {
  readonly #calendar: BusinessDayCalendar;
  /** First day (epoch day number) covered by `#running`. */
  #base = 0;
  /** #running[i] = business days in [#base, #base + i]. */
  #running: number[] = [];

  constructor(calendar: BusinessDayCalendar) {
    this.#calendar = calendar;
  }

  /** Business days d with `after` < d ≤ `through` (0 when `through` ≤ `after`). */
  count(after: string, through: string): number {
    const from = dayNumber(after);
    const to = dayNumber(through);
    if (to <= from) return 0;
    // Cover both days first: growing backwards shifts every running total.
    this.#cover(from);
    this.#cover(to);
    return this.#running[to - this.#base]! - this.#running[from - this.#base]!;
  }

  #cover(day: number): void {
    if (this.#running.length === 0) {
      this.#base = day;
      this.#running = [this.#calendar.isBusinessDay(isoOfDay(day)) ? 1 : 0];
    }
    if (day < this.#base) {
      const earlier: number[] = [];
      let total = 0;
      for (let d = day; d < this.#base; d++) {
        total += this.#calendar.isBusinessDay(isoOfDay(d)) ? 1 : 0;
        earlier.push(total);
      }
      this.#running = [...earlier, ...this.#running.map((n) => n + total)];
      this.#base = day;
    }
    while (this.#base + this.#running.length - 1 < day) {
      const d = this.#base + this.#running.length;
      this.#running.push(
        this.#running[this.#running.length - 1]! + (this.#calendar.isBusinessDay(isoOfDay(d)) ? 1 : 0),
      );
    }
  }
}

const previousDay = (isoDate: string) => isoOfDay(dayNumber(isoDate) - 1);

/**
 * The reminder a task earns at a run (the run's scheduled instant, read in Korea time), or undefined
 * when it earns none yet (or was opened after the run — a re-run of an earlier day).
 */
export function reminderDue(
  task: TaskTiming,
  runAt: Date,
  days: BusinessDayCounter,
  options: ReminderPolicyOptions = DEFAULT_REMINDER_POLICY,
): ReminderDue | undefined {
  const opened = new Date(task.openedAt);
  const due = new Date(task.dueAt);
  if (Number.isNaN(opened.getTime()) || Number.isNaN(due.getTime()))
    throw new RangeError(`task times are not instants: ${task.openedAt} / ${task.dueAt}`);
  if (opened.getTime() > runAt.getTime()) return undefined;

  const runDate = koreaDate(runAt);
  const openDate = koreaDate(opened);
  const dueDate = koreaDate(due);
  const dayBeforeRun = previousDay(runDate);
  const allowedBusinessDays = days.count(openDate, dueDate);
  const elapsedBusinessDays = days.count(openDate, dayBeforeRun);
  const base = { allowedBusinessDays, elapsedBusinessDays };

  if (runAt.getTime() >= due.getTime()) {
    const businessDaysOverdue = days.count(dueDate, dayBeforeRun);
    const escalateTo: ReminderDue['escalateTo'] =
      businessDaysOverdue >= options.headAfterBusinessDays ? ['team-lead', 'head'] : ['team-lead'];
    return {
      ...base,
      level: 'overdue',
      threshold: `overdue:${runDate}`,
      newlyOverdue: businessDaysOverdue === 0,
      businessDaysOverdue,
      escalateTo,
    };
  }
  const notOverdue = { ...base, newlyOverdue: false, businessDaysOverdue: 0 };
  if (runDate === dueDate) return { ...notOverdue, level: 'due-today', threshold: 'due-today', escalateTo: [] };
  if (allowedBusinessDays === 0) return undefined;
  // Whole numbers compared, so 15 of 20 days is exactly 75% with no floating-point doubt.
  const level: ReminderLevel | undefined =
    elapsedBusinessDays * 4 >= allowedBusinessDays * 3
      ? 'elapsed-75'
      : elapsedBusinessDays * 2 >= allowedBusinessDays
        ? 'elapsed-50'
        : undefined;
  if (!level) return undefined;
  return { ...notOverdue, level, threshold: level, escalateTo: level === 'elapsed-75' ? ['team-lead'] : [] };
}

/** Someone who can receive mail, as far as the policy cares. */
export interface ReminderPerson {
  sub: string;
  active: boolean;
}

export interface RecipientCandidates<P extends ReminderPerson> {
  /** The named assignee, or everyone holding the task's role (in its team). */
  assignees: readonly P[];
  /** Team leads of the assignee's team (asked for at 75%, when overdue, or when an assignee is away). */
  teamLeads: readonly P[];
  /** Holders of the head-of-office role (asked for only when overdue long enough). */
  heads: readonly P[];
  /** Assignees away (paused their reminders) on the run's day: their urgent items go to the team leads. */
  away?: ReadonlySet<string>;
}

export interface ChosenRecipient<P> {
  person: P;
  reason: RecipientReason;
  /** The exactly-once key of this reminder for this person. */
  threshold: string;
}

/** Due today or overdue: a legal deadline no preference may silence. */
export const isUrgent = (level: ReminderLevel) => level === 'due-today' || level === 'overdue';

/**
 * Who gets a due reminder: the assignees; at 75% or overdue also the team leads and, when due, the
 * heads. Each person once, under the closest reason (their own task before a team lead's escalation
 * before the head's); people no longer active get nothing, and neither do the people the task is
 * hidden from (officials concerned by its case), whatever their role. An assignee who is away gets
 * nothing; an urgent item of theirs goes to the team leads instead (`deputy`, as often as the
 * assignee would have had it), or, when there is no one to stand in, to the assignee after all.
 */
export function reminderRecipients<P extends ReminderPerson>(
  due: ReminderDue,
  people: RecipientCandidates<P>,
  hiddenFrom: readonly string[] = [],
): ChosenRecipient<P>[] {
  const chosen = new Map<string, ChosenRecipient<P>>();
  const eligible = (person: P) => person.active && !hiddenFrom.includes(person.sub) && !chosen.has(person.sub);
  const add = (list: readonly P[], reason: RecipientReason, threshold: string | undefined) => {
    if (threshold === undefined) return;
    for (const person of list) if (eligible(person)) chosen.set(person.sub, { person, reason, threshold });
  };
  const away = people.away ?? new Set<string>();
  const present = people.assignees.filter((p) => !away.has(p.sub));
  const absent = people.assignees.filter((p) => away.has(p.sub) && p.active && !hiddenFrom.includes(p.sub));
  add(present, 'assignee', due.threshold);
  if (absent.length > 0 && present.length === 0 && isUrgent(due.level)) {
    const deputies = people.teamLeads.filter((p) => !away.has(p.sub) && eligible(p));
    if (deputies.length > 0) add(deputies, 'deputy', due.threshold);
    else add(absent, 'assignee', due.threshold);
  }
  const escalation = due.level === 'elapsed-75' || due.level === 'overdue' ? due.level : undefined;
  if (escalation && due.escalateTo.includes('team-lead'))
    add(people.teamLeads, 'team-lead', ESCALATION_THRESHOLDS['team-lead'][escalation]);
  if (due.level === 'overdue' && due.escalateTo.includes('head'))
    add(people.heads, 'head', ESCALATION_THRESHOLDS.head.overdue);
  return [...chosen.values()];
}
