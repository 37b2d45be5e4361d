/**
 * 징계시효 알림 (issue 6): the daily job that tells the investigator and the team lead of an open
 * misconduct case when its discipline limitation date is 90, 30 and 7 days away — once per case ×
 * threshold × person, in one mail per person per run, with the same claim → send → record
 * machinery as the deadline digests (reminder-outbox.ts), recorded as MAIL_SENT in the case history.
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
import { koreaDate } from '../domain/korea-time.ts';
import type { StaffMember } from '../domain/staff.ts';
import {
  LIMITATION_ALARM_DAYS,
  LIMITATION_ALARM_TEMPLATE,
  type LimitationAlarmDays,
  type LimitationAlarmInput,
} from '../mail/limitation-alarm.template.ts';
import type { MailBuildOptions } from '../mail/mail-content.ts';
import type { DeliveryLookup } from '../mail/delivery-lookup.ts';
import type { Mailer } from '../mail/mailer.ts';
import { limitationWarning } from '../kinds/misconduct/discipline-limitation.ts';
import type { CaseRepository } from './ports.ts';
import type { ReminderItemRef, ReminderStore, StaffDirectory } from '../store/reminder-store.ts';
import { mapPooled, reminderOutbox } from './reminder-outbox.ts';

/** The "task" of a limitation alarm's marker: the case's discipline limitation itself. */
export const LIMITATION_ALARM_TASK_ID = 'discipline-limitation';

export interface LimitationAlarmDeps {
  store: ReminderStore;
  /** The legal calendar: alarms go out on business days, early when their day is not one. */
  calendar: Pick<Calendar, 'isBusinessDay'>;
  cases: Pick<CaseRepository, 'get' | 'commit' | 'listByKind' | 'appendWithoutVersion'>;
  staffDirectory: () => StaffDirectory;
  mailer: Pick<Mailer, 'send'>;
  mail: MailBuildOptions;
  messageIdDomain: string;
  clock?: () => Date;
  /** @default 90 s, as the deadline digests */
  leaseMs?: number;
  log?: (entry: Record<string, unknown>) => void;
  /** Asked before a crashed run's mail is resent (reminder-outbox.ts). */
  deliveries?: DeliveryLookup;
}

export interface LimitationAlarmReport {
  runDate: string;
  skipped?: string;
  casesRead: number;
  casesDue: number;
  recipients: number;
  mailsSent: number;
  alarmsSent: number;
  recovered: number;
  failed: { sub: string; retryable: boolean; error: string }[];
  heldElsewhere: number;
}

/** The run could not send every alarm; running it again (same scheduled time) sends the rest. */
export class LimitationAlarmRunIncompleteError extends Error {
  override name = 'LimitationAlarmRunIncompleteError';
}

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

interface AlarmEntry {
  c: CaseRecord;
  daysBefore: LimitationAlarmDays;
  daysLeft: number;
  date: string;
  reason: 'assignee' | 'team-lead';
}

export function limitationAlarms(deps: LimitationAlarmDeps) {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const outbox = reminderOutbox({ ...deps, clock, log, leaseMs: deps.leaseMs ?? 90_000, maxItemsPerDigest: 200 });

  async function* openMisconductCases(): AsyncGenerator<CaseRecord> {
    for (const kind of MISCONDUCT_KINDS) {
      let cursor: string | undefined;
      do {
        const page = await deps.cases.listByKind(kind, { limit: 100, ...(cursor !== undefined && { cursor }) });
        for (const c of page.items) if (c.stage !== 'closed') yield c;
        cursor = page.cursor;
      } while (cursor !== undefined);
    }
  }

  const refOf = (entry: AlarmEntry): ReminderItemRef => ({
    caseId: entry.c.caseId,
    taskId: LIMITATION_ALARM_TASK_ID,
    threshold: `D-${entry.daysBefore}@${entry.date}`,
    level: `limitation-${entry.daysBefore}`,
    reason: entry.reason,
  });

  function mailInputFor(person: StaffMember, runDate: string, entries: readonly AlarmEntry[]): LimitationAlarmInput {
    return {
      template: LIMITATION_ALARM_TEMPLATE,
      recipient: { name: person.name, email: person.email },
      asOf: runDate,
      items: entries.map((e) => ({
        daysBefore: e.daysBefore,
        daysLeft: e.daysLeft,
        case: {
          caseId: e.c.caseId,
          caseNumber: e.c.caseNumber,
          title: e.c.title.slice(0, 200),
          dueDate: e.date,
          sealed: e.c.sealed,
        },
      })),
    };
  }

  return {
    /** One run for the given scheduled instant; running it again for the same instant sends nothing new. */
    async run(scheduledTime: Date): Promise<LimitationAlarmReport> {
      const runDate = koreaDate(scheduledTime);
      const report: LimitationAlarmReport = {
        runDate,
        casesRead: 0,
        casesDue: 0,
        recipients: 0,
        mailsSent: 0,
        alarmsSent: 0,
        recovered: 0,
        failed: [],
        heldElsewhere: 0,
      };
      if (!deps.calendar.isBusinessDay(runDate)) return { ...report, skipped: 'not a business day' };
      let lastDayCovered = runDate;
      while (!deps.calendar.isBusinessDay(addDays(lastDayCovered, 1))) lastDayCovered = addDays(lastDayCovered, 1);
      report.recovered = await outbox.recover();

      const directory = deps.staffDirectory();
      const byPerson = new Map<string, { person: StaffMember; entries: AlarmEntry[] }>();
      const add = (person: StaffMember, entry: AlarmEntry) => {
        const slot = byPerson.get(person.sub) ?? { person, entries: [] };
        if (!slot.entries.some((e) => e.c.caseId === entry.c.caseId)) slot.entries.push(entry);
        byPerson.set(person.sub, slot);
      };
      for await (const c of openMisconductCases()) {
        report.casesRead += 1;
        const due = dueBy(c, runDate, lastDayCovered);
        if (!due) continue;
        report.casesDue += 1;
        const investigator = c.assigneeSub !== undefined ? await directory.get(c.assigneeSub) : undefined;
        const leads = await directory.withRole('team-lead', c.team);
        // An official concerned in the case never hears about it, whatever their role.
        const allowed = (person: StaffMember) => !isConcerned(c.misconduct, person.sub);
        if (investigator && allowed(investigator)) add(investigator, { c, ...due, reason: 'assignee' });
        for (const lead of leads.filter(allowed)) add(lead, { c, ...due, reason: 'team-lead' });
        if (!investigator && leads.length === 0)
          log({ level: 'warn', message: 'a limitation alarm has nobody to tell', caseId: c.caseId });
      }
      report.recipients = byPerson.size;

      const runKey = `limitation-alarms@${scheduledTime.toISOString()}`;
      const outcomes = await mapPooled([...byPerson.values()], 4, async ({ person, entries }) => {
        const sorted = [...entries].sort(
          (a, b) => a.daysLeft - b.daysLeft || a.c.caseNumber.localeCompare(b.c.caseNumber),
        );
        const recipient = { sub: person.sub, name: person.name, email: person.email };
        const outcome = await outbox.sendDigest(
          { runKey, runDate },
          recipient,
          sorted.map((entry) => ({ ref: refOf(entry), entry })),
          (claimed) => mailInputFor(person, runDate, claimed),
        );
        return { sub: person.sub, ...outcome };
      });
      for (const { sub, delivery, heldElsewhere } of outcomes) {
        if (heldElsewhere) report.heldElsewhere += 1;
        if (delivery.outcome === 'sent') {
          report.mailsSent += 1;
          report.alarmsSent += delivery.items;
        } else if (delivery.outcome === 'failed') {
          report.failed.push({ sub, retryable: delivery.retryable, error: delivery.error });
        }
      }
      log({ level: report.failed.length > 0 ? 'error' : 'info', message: 'limitation alarms run', ...report });
      if (report.failed.some((f) => f.retryable) || report.heldElsewhere > 0) {
        throw new LimitationAlarmRunIncompleteError(
          `${report.failed.length} alarm mails failed and ${report.heldElsewhere} are held by another process for ${runDate}; running again finishes them`,
        );
      }
      return report;
    },
  };
}

export type LimitationAlarms = ReturnType<typeof limitationAlarms>;
