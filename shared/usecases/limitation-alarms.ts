/**
 * 징계시효 알림 (issue 6): the investigator and the team lead of an open misconduct case hear when
 * its discipline limitation date is 90, 30 and 7 days away — once per case × threshold × person —
 * as the first section of their morning digest (deadline-reminders.ts), with the digest's claim →
 * send → record machinery (reminder-outbox.ts), recorded as MAIL_SENT in the case history. Nobody can
 * turn them off, and a pause does not hold them back.
 *
 * What it reads: the open cases of the two misconduct kinds, through the kind index (gsi2), page by
 * page. That is bounded by those kinds (tens of cases a year in this office, see docs/office.md#volumes-in-2023), never
 * a table scan; a sparse limitation-date index would only pay off at thousands of open cases.
 *
 * A run that was missed (or a case whose date moved, e.g. after a suspension extended it) sends the
 * nearest threshold only: D-25 gets the 30-day alarm, not also a stale 90-day one. The threshold
 * carries the limitation date, so an extended limitation alarms again on its new date.
 * Runs on business days only: the limitation runs on holidays too, so an alarm whose day falls on a
 * weekend or holiday is sent on the last business day before it (a run looks ahead to the day before
 * the next business day). The run's `scheduledTime` decides "today".
 */
import { isConcerned, MISCONDUCT_KINDS } from '../kinds/misconduct/misconduct.ts';
import type { Calendar } from '../calendar/index.ts';
import { addDays } from '../calendar/korea-dates.ts';
import type { CaseRecord } from '../domain/case.ts';
import type { StaffMember } from '../domain/staff.ts';
import { LIMITATION_ALARM_DAYS, type LimitationAlarmDays } from '../mail/limitation-alarm.template.ts';
import { limitationWarning } from '../kinds/misconduct/discipline-limitation.ts';
import type { CaseRepository } from './ports.ts';
import type { ReminderItemRef, StaffDirectory } from './ports.ts';

/** The "task" of a limitation alarm's marker: the case's discipline limitation itself. */
export const LIMITATION_ALARM_TASK_ID = 'discipline-limitation';

/** The nearest alarm threshold the case has reached, or undefined when it needs no alarm today. */
export function limitationAlarmDue(
  c: CaseRecord,
  runDate: string,
): { daysBefore: LimitationAlarmDays; daysLeft: number; date: string } | undefined {
  const m = c.misconduct;
  if (!m || c.stage === 'closed') return undefined;
  const warning = limitationWarning(m.limitation, runDate, {
    ...(m.progress.requestSentOn !== undefined && { disciplineRequestedOn: m.progress.requestSentOn }),
    ...(m.approved !== undefined && { approvedDisposition: m.approved.disposition.type }),
    suspended: c.stage === 'suspended',
  });
  if (warning.status !== 'near' && warning.status !== 'imminent') return undefined;
  const daysBefore = LIMITATION_ALARM_DAYS.find((d) => warning.daysLeft <= d);
  return daysBefore === undefined ? undefined : { daysBefore, daysLeft: warning.daysLeft, date: warning.date };
}

/**
 * The alarm a run on `runDate` sends for a case: the nearest threshold reached by `lastDayCovered`
 * (the day before the next business day), so one falling on a weekend or holiday goes out now;
 * `daysLeft` is counted from the run's day, as the mail says it.
 */
function dueBy(c: CaseRecord, runDate: string, lastDayCovered: string): ReturnType<typeof limitationAlarmDue> {
  const today = limitationAlarmDue(c, runDate);
  const ahead = lastDayCovered === runDate ? undefined : limitationAlarmDue(c, lastDayCovered);
  if (!ahead) return today;
  return { ...ahead, daysLeft: ahead.daysLeft + daysBetween(runDate, lastDayCovered) };
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** One alarm for one person: the case, the threshold reached and why they hear of it. */
export interface LimitationAlarmEntry {
  c: CaseRecord;
  daysBefore: LimitationAlarmDays;
  daysLeft: number;
  date: string;
  reason: 'assignee' | 'team-lead';
}

export interface LimitationAlarmSource {
  cases: Pick<CaseRepository, 'listByKind'>;
  /** The legal calendar: alarms go out on business days, early when their day is not one. */
  calendar: Pick<Calendar, 'isBusinessDay'>;
  log: (entry: Record<string, unknown>) => void;
}

/** The marker of an alarm: once per case × threshold (with its limitation date) × person. */
export const limitationAlarmRef = (entry: LimitationAlarmEntry): ReminderItemRef => ({
  caseId: entry.c.caseId,
  taskId: LIMITATION_ALARM_TASK_ID,
  threshold: `D-${entry.daysBefore}@${entry.date}`,
  level: `limitation-${entry.daysBefore}`,
  reason: entry.reason,
});

/** How the morning digest lists an alarm. */
export const limitationAlarmItem = (entry: LimitationAlarmEntry) => ({
  daysBefore: entry.daysBefore,
  daysLeft: entry.daysLeft,
  case: {
    caseId: entry.c.caseId,
    caseNumber: entry.c.caseNumber,
    title: entry.c.title.slice(0, 200),
    dueDate: entry.date,
    sealed: entry.c.sealed,
  },
});

async function* openMisconductCases(cases: LimitationAlarmSource['cases']): AsyncGenerator<CaseRecord> {
  for (const kind of MISCONDUCT_KINDS) {
    let cursor: string | undefined;
    do {
      const page = await cases.listByKind(kind, { limit: 100, ...(cursor !== undefined && { cursor }) });
      for (const c of page.items) if (c.stage !== 'closed') yield c;
      cursor = page.cursor;
    } while (cursor !== undefined);
  }
}

/**
 * The alarms a run on `runDate` (a business day) owes, by person: the investigator and the team
 * leads of each open misconduct case at its nearest threshold reached by the day before the next
 * business day. An official concerned in the case never hears about it, whatever their role.
 */
export async function limitationAlarmsDue(
  source: LimitationAlarmSource,
  directory: StaffDirectory,
  runDate: string,
): Promise<{
  casesRead: number;
  casesDue: number;
  byPerson: Map<string, { person: StaffMember; entries: LimitationAlarmEntry[] }>;
}> {
  let lastDayCovered = runDate;
  while (!source.calendar.isBusinessDay(addDays(lastDayCovered, 1))) lastDayCovered = addDays(lastDayCovered, 1);
  const byPerson = new Map<string, { person: StaffMember; entries: LimitationAlarmEntry[] }>();
  const add = (person: StaffMember, entry: LimitationAlarmEntry) => {
    const slot = byPerson.get(person.sub) ?? { person, entries: [] };
    if (!slot.entries.some((e) => e.c.caseId === entry.c.caseId)) slot.entries.push(entry);
    byPerson.set(person.sub, slot);
  };
  let casesRead = 0;
  let casesDue = 0;
  for await (const c of openMisconductCases(source.cases)) {
    casesRead += 1;
    const due = dueBy(c, runDate, lastDayCovered);
    if (!due) continue;
    casesDue += 1;
    const investigator = c.assigneeSub !== undefined ? await directory.get(c.assigneeSub) : undefined;
    const leads = await directory.withRole('team-lead', c.team);
    const allowed = (person: StaffMember) => person.active && !isConcerned(c.misconduct, person.sub);
    if (investigator && allowed(investigator)) add(investigator, { c, ...due, reason: 'assignee' });
    for (const lead of leads.filter(allowed)) add(lead, { c, ...due, reason: 'team-lead' });
    if (!investigator && leads.length === 0)
      source.log({ level: 'warn', message: 'a limitation alarm has nobody to tell', caseId: c.caseId });
  }
  return { casesRead, casesDue, byPerson };
}
