import { describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import {
  BusinessDayCounter,
  reminderDue,
  reminderRecipients,
  type ReminderDue,
} from '#shared/policies/reminder-policy.ts';
import { dueAfterBusinessDays } from '#shared/policies/task-deadlines.ts';

const calendar = createCalendar();
/** The job's run: 08:30 Korea time on `date`. */
const runOn = (date: string) => new Date(`${date}T08:30:00+09:00`);
const counter = () => new BusinessDayCounter(calendar);

function walk(task: { openedAt: string; dueAt: string }, dates: string[], options?: { headAfterBusinessDays: number }) {
  const days = counter();
  return Object.fromEntries(
    dates.map((date) => {
      const due = reminderDue(task, runOn(date), days, options);
      return [date, due ? `${due.threshold}${due.escalateTo.length ? ` +${due.escalateTo.join('+')}` : ''}` : '-'];
    }),
  );
}

describe('reminder policy — elapsed time in business days', () => {
  it('counts a 10-business-day task across a weekend and Christmas (a Friday holiday) without letting them use up time', () => {
    // Opened Thursday 17 Dec; 18, 21, 22, 23, 24, (25 holiday), 28, 29, 30, 31, (1 Jan holiday), 4 Jan.
    const openedAt = '2026-12-17T10:00:00+09:00';
    const dueAt = dueAfterBusinessDays(calendar, openedAt, 10);
    expect(dueAt).toBe('2027-01-04T18:00:00+09:00');

    expect(
      walk({ openedAt, dueAt }, [
        '2026-12-18',
        '2026-12-24',
        '2026-12-28',
        '2026-12-30',
        '2026-12-31',
        '2027-01-04',
        '2027-01-05',
      ]),
    ).toEqual({
      '2026-12-18': '-',
      '2026-12-24': '-', // 4 of 10 days used
      '2026-12-28': 'elapsed-50', // 5 of 10: the weekend and the holiday added nothing
      '2026-12-30': 'elapsed-50', // 7 of 10
      '2026-12-31': 'elapsed-75 +team-lead', // 8 of 10: the team lead hears of it at 75%
      '2027-01-04': 'due-today',
      '2027-01-05': 'overdue:2027-01-05 +team-lead',
    });
  });

  it('reaches 50% exactly at half the allowed days and 75% exactly at three quarters, not a day before', () => {
    // 8 business days from Monday 7 Dec: 8, 9, 10, 11, 14, 15, 16, 17.
    const openedAt = '2026-12-07T09:10:00+09:00';
    const dueAt = dueAfterBusinessDays(calendar, openedAt, 8);
    expect(dueAt).toBe('2026-12-17T18:00:00+09:00');
    const days = counter();
    const at = (date: string) => reminderDue({ openedAt, dueAt }, runOn(date), days);

    expect(at('2026-12-11')).toBeUndefined(); // 3/8
    expect(at('2026-12-14')).toMatchObject({ level: 'elapsed-50', elapsedBusinessDays: 4, allowedBusinessDays: 8 }); // 4/8
    expect(at('2026-12-15')).toMatchObject({ level: 'elapsed-50', elapsedBusinessDays: 5 }); // 5/8 = 62.5%
    expect(at('2026-12-16')).toMatchObject({ level: 'elapsed-75', elapsedBusinessDays: 6 }); // 6/8
    expect(at('2026-12-17')).toMatchObject({ level: 'due-today', threshold: 'due-today' });
  });

  it('gives only the most urgent level reached: a short task is never told 50% on its due day', () => {
    // 4 business days from Monday 7 Dec: due Friday 11 Dec; on Friday 3 of 4 days are used (75%) but it is due today.
    const openedAt = '2026-12-07T14:00:00+09:00';
    const dueAt = dueAfterBusinessDays(calendar, openedAt, 4);
    expect(walk({ openedAt, dueAt }, ['2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'])).toEqual({
      '2026-12-08': '-',
      '2026-12-09': '-',
      '2026-12-10': 'elapsed-50',
      '2026-12-11': 'due-today',
    });
  });

  it('treats a task whose due time passed before the run on the due day as overdue, not due today', () => {
    const due = reminderDue(
      { openedAt: '2026-12-07T09:00:00+09:00', dueAt: '2026-12-11T08:00:00+09:00' },
      runOn('2026-12-11'),
      counter(),
    );
    expect(due).toMatchObject({
      level: 'overdue',
      threshold: 'overdue:2026-12-11',
      businessDaysOverdue: 0,
      escalateTo: ['team-lead'],
    });
  });

  it('says nothing about a task opened after the run (a re-run of an earlier day)', () => {
    expect(
      reminderDue(
        { openedAt: '2026-12-11T09:00:00+09:00', dueAt: '2026-12-15T18:00:00+09:00' },
        runOn('2026-12-10'),
        counter(),
      ),
    ).toBeUndefined();
  });

  it('reminds a task due the day it opened only on that day, as due today', () => {
    const task = { openedAt: '2026-12-10T07:00:00+09:00', dueAt: '2026-12-10T18:00:00+09:00' };
    expect(reminderDue(task, runOn('2026-12-10'), counter())).toMatchObject({
      level: 'due-today',
      allowedBusinessDays: 0,
    });
  });
});

describe('reminder policy — overdue and escalation', () => {
  // Due Thursday 24 Dec 18:00; 25 Dec is a holiday, 26–27 a weekend.
  const task = { openedAt: '2026-12-21T09:00:00+09:00', dueAt: '2026-12-24T18:00:00+09:00' };

  it('is overdue once a day with a key per day, and escalates to the team lead at once', () => {
    const days = counter();
    const first = reminderDue(task, runOn('2026-12-28'), days);
    const second = reminderDue(task, runOn('2026-12-29'), days);
    expect(first).toMatchObject({
      level: 'overdue',
      threshold: 'overdue:2026-12-28',
      businessDaysOverdue: 0,
      newlyOverdue: true,
      escalateTo: ['team-lead'],
    });
    expect(second).toMatchObject({ threshold: 'overdue:2026-12-29', businessDaysOverdue: 1, newlyOverdue: false });
  });

  it('is newly overdue on the first business day after a Friday due day, however many days the weekend had', () => {
    const friday = { openedAt: '2026-12-14T09:00:00+09:00', dueAt: '2026-12-18T18:00:00+09:00' };
    const days = counter();
    expect(reminderDue(friday, runOn('2026-12-21'), days)).toMatchObject({ newlyOverdue: true });
    expect(reminderDue(friday, runOn('2026-12-22'), days)).toMatchObject({ newlyOverdue: false });
  });

  it('tells the head of office once 3 business days have fully passed — the holiday and the weekend do not count', () => {
    expect(walk(task, ['2026-12-25', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-04'])).toEqual({
      '2026-12-25': 'overdue:2026-12-25 +team-lead', // (the job skips holidays; the policy still answers)
      '2026-12-28': 'overdue:2026-12-28 +team-lead', // 0 business days lost (25 holiday, 26–27 weekend)
      '2026-12-29': 'overdue:2026-12-29 +team-lead', // 1 (28)
      '2026-12-30': 'overdue:2026-12-30 +team-lead', // 2 (28, 29)
      '2026-12-31': 'overdue:2026-12-31 +team-lead+head', // 3 (28, 29, 30)
      '2027-01-04': 'overdue:2027-01-04 +team-lead+head',
    });
  });

  it('takes the number of business days before the head hears of it from configuration', () => {
    expect(walk(task, ['2026-12-28', '2026-12-29'], { headAfterBusinessDays: 1 })).toEqual({
      '2026-12-28': 'overdue:2026-12-28 +team-lead',
      '2026-12-29': 'overdue:2026-12-29 +team-lead+head',
    });
    expect(walk(task, ['2026-12-28'], { headAfterBusinessDays: 0 })).toEqual({
      '2026-12-28': 'overdue:2026-12-28 +team-lead+head',
    });
  });
});

describe('reminder recipients', () => {
  const person = (sub: string, active = true) => ({ sub, active });
  const overdue = (escalateTo: ReminderDue['escalateTo']): ReminderDue => ({
    level: 'overdue',
    threshold: 'overdue:2026-12-28',
    allowedBusinessDays: 5,
    elapsedBusinessDays: 5,
    businessDaysOverdue: 0,
    newlyOverdue: true,
    escalateTo,
  });

  it('sends a not-yet-overdue reminder to the assignees only, everyone holding a role included', () => {
    const due: ReminderDue = {
      level: 'elapsed-50',
      threshold: 'elapsed-50',
      allowedBusinessDays: 10,
      elapsedBusinessDays: 5,
      businessDaysOverdue: 0,
      newlyOverdue: false,
      escalateTo: [],
    };
    const chosen = reminderRecipients(due, {
      assignees: [person('a'), person('b')],
      teamLeads: [person('lead')],
      heads: [person('head')],
    });
    expect(chosen.map((c) => [c.person.sub, c.reason])).toEqual([
      ['a', 'assignee'],
      ['b', 'assignee'],
    ]);
  });

  it('adds the team lead when overdue and the head when escalated, each person once under the closest reason', () => {
    const chosen = reminderRecipients(overdue(['team-lead', 'head']), {
      assignees: [person('lead')],
      teamLeads: [person('lead'), person('lead2')],
      heads: [person('head'), person('lead2')],
    });
    expect(chosen.map((c) => [c.person.sub, c.reason, c.threshold])).toEqual([
      ['lead', 'assignee', 'overdue:2026-12-28'],
      ['lead2', 'team-lead', 'escalated-overdue'],
      ['head', 'head', 'head-overdue'],
    ]);
  });

  it('keys an escalation once per task, so the team lead and the head are not told of it again every day', () => {
    const today = reminderRecipients(overdue(['team-lead', 'head']), {
      assignees: [person('a')],
      teamLeads: [person('lead')],
      heads: [person('head')],
    });
    const tomorrow = reminderRecipients(
      { ...overdue(['team-lead', 'head']), threshold: 'overdue:2026-12-29', newlyOverdue: false },
      { assignees: [person('a')], teamLeads: [person('lead')], heads: [person('head')] },
    );
    expect(today.map((c) => c.threshold)).toEqual(['overdue:2026-12-28', 'escalated-overdue', 'head-overdue']);
    expect(tomorrow.map((c) => c.threshold)).toEqual(['overdue:2026-12-29', 'escalated-overdue', 'head-overdue']);
  });

  it("gives an away assignee's urgent item to the team lead as deputy, daily, and the progress reminder to nobody", () => {
    const people = { assignees: [person('a')], teamLeads: [person('lead')], heads: [], away: new Set(['a']) };
    expect(
      reminderRecipients({ ...overdue([]), escalateTo: [] }, people).map((c) => [c.person.sub, c.reason, c.threshold]),
    ).toEqual([['lead', 'deputy', 'overdue:2026-12-28']]);
    const progress: ReminderDue = { ...overdue([]), level: 'elapsed-50', threshold: 'elapsed-50', newlyOverdue: false };
    expect(reminderRecipients(progress, people)).toEqual([]);
  });

  it('keeps an urgent item with the away assignee when nobody can stand in: a legal deadline is never silenced', () => {
    const chosen = reminderRecipients(overdue([]), {
      assignees: [person('a')],
      teamLeads: [person('lead')],
      heads: [],
      away: new Set(['a', 'lead']),
    });
    expect(chosen.map((c) => [c.person.sub, c.reason])).toEqual([['a', 'assignee']]);
  });

  it('leaves out the people the task is hidden from (officials concerned by the case), even as team lead or head', () => {
    const chosen = reminderRecipients(
      overdue(['team-lead', 'head']),
      { assignees: [person('a')], teamLeads: [person('lead')], heads: [person('head')] },
      ['lead', 'head'],
    );
    expect(chosen.map((c) => c.person.sub)).toEqual(['a']);
  });

  it('leaves out people who are no longer active', () => {
    const chosen = reminderRecipients(overdue(['team-lead']), {
      assignees: [person('gone', false)],
      teamLeads: [person('lead')],
      heads: [person('head')],
    });
    expect(chosen.map((c) => c.person.sub)).toEqual(['lead']);
  });
});

describe('business day counter', () => {
  it('agrees with the legal calendar day by day over 2026, whichever order dates are asked in', () => {
    const days = counter();
    const dates: string[] = [];
    for (let d = Date.parse('2026-01-01T00:00:00Z'); d <= Date.parse('2026-12-31T00:00:00Z'); d += 86_400_000)
      dates.push(new Date(d).toISOString().slice(0, 10));
    const naive = (after: string, through: string) =>
      dates.filter((d) => d > after && d <= through && calendar.isBusinessDay(d)).length;
    // Later dates first, so the running totals have to grow backwards as well as forwards.
    const pairs: [string, string][] = [
      ['2026-09-20', '2026-10-12'], // 추석 and 개천절/한글날
      ['2026-02-10', '2026-02-20'], // 설날
      ['2026-01-01', '2026-12-31'],
      ['2026-12-24', '2026-12-28'],
      ['2026-05-01', '2026-05-31'],
      ['2026-07-01', '2026-06-01'],
    ];
    for (const [after, through] of pairs)
      expect(days.count(after, through), `${after}..${through}`).toBe(naive(after, through));
  });
});
