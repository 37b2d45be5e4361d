/**
 * The morning deadline-reminder run (issue 6): every open task due soon is checked against the
 * reminder policy; each person gets one digest mail listing everything newly due for them (and,
 * with the committee source, the notices of their committees' meetings), as their
 * preferences allow (a pause, progress reminders weekly or off; never the legal deadlines); each
 * reminder (task × threshold × recipient) goes out once, however often the run is repeated,
 * interrupted or overlapped, and is recorded in the case's history.
 *
 * Exactly once, step by step for one person's digest (the steps live in reminder-outbox.ts, shared
 * with the limitation alarms; reminder-store.ts has the items):
 *   1. read the markers of their candidate reminders; nothing new → done, nothing written;
 *   2. take the run's digest for them (conditional put; an overlapping run of the same occurrence skips);
 *   3. claim a marker per reminder (conditional put, checked against holding the digest) — a
 *      reminder someone else claimed first is theirs to send;
 *   4. record the mail to send on the digest (`sending`, with a fixed Message-ID), then send it;
 *   5. mark the digest `sent`; once every digest of the run is sent, per case one transaction appends
 *      a MAIL_SENT for each digest that lists it and marks their markers sent (one history write per
 *      case per run, on the hash chain without bumping the case's version);
 *   6. close the digest.
 * A failed send (the mail server said no) releases the markers and abandons the digest, so the next
 * run (the scheduler's retry of this one, or tomorrow's) sends them. A process that dies leaves the
 * digest in the recovery index; once its lease ends, the next run finishes it first: `claiming` →
 * release the markers; `sending` → ask the provider whether the recorded Message-ID arrived (the
 * server may have accepted the mail just before the process died) and record it as sent if so, send
 * it again otherwise; `sent` → write the history. Where the provider cannot be asked (SES), the
 * resend is marked `deliveryUncertain` and logged: a reminder is never lost, and a possible
 * duplicate is on record (reminder-outbox.ts finishSending).
 * A run that finds some of a person's reminders held by another process (an overlapping run, or a
 * dead one whose lease has not ended) does the rest and then fails with ReminderRunIncompleteError,
 * so the scheduler retries it; the retry finishes or releases what the dead run left.
 */
import type { Calendar } from '../calendar/index.ts';
import { koreaDate, toKoreaIso } from '../domain/korea-time.ts';
import { DIGEST_TIMES, digestTimeOf, isPaused, type ReminderPreferences } from '../domain/reminder-preferences.ts';
import { ROLE_LABELS, TEAM_CASE_CODES, TEAM_LABELS, type Team } from '../domain/roles.ts';
import type { StaffMember } from '../domain/staff.ts';
import {
  DEADLINE_DIGEST_TEMPLATE,
  type DeadlineDigestInput,
  type DigestUrgency,
} from '../mail/deadline-digest.template.ts';
import { overdueCasesLink, SEALED_TITLE_PLACEHOLDER, tasksListLink } from '../mail/mail-case.ts';
import type { MailBuildOptions } from '../mail/mail-content.ts';
import type { DeliveryLookup } from '../mail/delivery-lookup.ts';
import type { Mailer } from '../mail/mailer.ts';
import {
  BusinessDayCounter,
  DEFAULT_REMINDER_POLICY,
  isUrgent,
  LEVEL_URGENCY_RANK,
  reminderDue,
  reminderRecipients,
  type RecipientReason,
  type ReminderDue,
  type ReminderPolicyOptions,
} from '../policies/reminder-policy.ts';
import type { ReminderPreferencesStore } from './ports.ts';
import type { CaseRepository } from './ports.ts';
import type { DigestRecipient, ReminderItemRef, ReminderStore, ReminderTask, StaffDirectory } from './ports.ts';
import type { MailFailures } from './mail-failures.ts';
import { mapPooled, reminderOutbox, type DigestOutcome } from './reminder-outbox.ts';
import {
  limitationAlarmItem,
  limitationAlarmRef,
  limitationAlarmsDue,
  type LimitationAlarmEntry,
} from './limitation-alarms.ts';
import { requireHeadOfOffice } from './head-of-office.ts';
import type { AgendaItem } from '../domain/committee.ts';
import {
  committeeNoticeMailItems,
  committeeNoticeMailMeeting,
  committeeNoticesDue,
  type CommitteeNoticeDue,
  type CommitteeNoticeSource,
} from './committee-notices.ts';

export interface DeadlineReminderOptions {
  policy: ReminderPolicyOptions;
  /**
   * How far past the run's day the open-task index is read, in calendar days. The index is sorted by
   * the midpoint of each task's time (task-repository.ts openTaskIndexSortKey), near which its 50%
   * reminder falls, so a task is read from some 45 days before it can earn its first reminder,
   * however long its allowed time; a task whose midpoint is further off is never read.
   */
  horizonDays: number;
  /**
   * How long a digest may be held before another run may assume its process died. Longer than one
   * digest's slowest step (an SMTP send is bounded by the mailer's timeouts, under a minute), and
   * shorter than the scheduler's retries take to come round, so a retry finishes a crashed run's
   * digests the same morning.
   */
  leaseMs: number;
  /** Digests worked on at once. */
  concurrency: number;
  /**
   * Most reminders one digest carries (claims and counts); any beyond wait for the next run. Sized
   * so the digest record (its item lists, kept for recovery) stays well inside DynamoDB's 400 KB.
   */
  maxItemsPerDigest: number;
  /**
   * Items a digest lists in full, most urgent and oldest first; when a person has more, the mail
   * lists these and summarises every item (counts by urgency, team and kind of task) with a link to
   * the full list, so nothing is silently left out and the mail stays readable.
   */
  listInFull: number;
  /** Oldest long-overdue tasks the head's summary names in full (the rest are counted by team and kind). */
  headListsOldest: number;
}

export const DEFAULT_DEADLINE_REMINDER_OPTIONS: DeadlineReminderOptions = {
  policy: DEFAULT_REMINDER_POLICY,
  horizonDays: 45,
  leaseMs: 90_000,
  concurrency: 4,
  maxItemsPerDigest: 800,
  listInFull: 30,
  headListsOldest: 5,
};

export interface DeadlineReminderDeps {
  store: ReminderStore;
  cases: Pick<CaseRepository, 'appendWithoutVersion'>;
  /**
   * Where the 징계시효 alarms come from (the misconduct kinds' index); with it, each person's morning
   * digest opens with their alarms (limitation-alarms.ts) — one morning mail, not two.
   */
  misconductCases?: Pick<CaseRepository, 'listByKind'>;
  /**
   * Where the committee notices come from (committee-notices.ts); with it, a staff member's digest
   * carries the notices of the committees they sit on or serve as secretary, and the separate
   * committee-notice job mails only the outside members.
   */
  committees?: Pick<CommitteeNoticeSource, 'committees' | 'tasks' | 'agendaDaysBefore'>;
  /** A directory for one run (it may cache); called once per run. */
  staffDirectory: () => StaffDirectory;
  mailer: Pick<Mailer, 'send'>;
  calendar: Pick<Calendar, 'isBusinessDay'>;
  mail: MailBuildOptions;
  /** Right-hand side of Message-IDs (the sending domain). */
  messageIdDomain: string;
  /** Real time: leases and history timestamps. What is due is decided by the run's scheduled time. */
  clock?: () => Date;
  options?: Partial<DeadlineReminderOptions>;
  log?: (entry: Record<string, unknown>) => void;
  /** Failed mail: refused sends recorded, suppressed addresses skipped, administrator notices retried (mail-failures.ts). */
  failures?: Pick<MailFailures, 'onSendFailure' | 'isSuppressed' | 'notifyPending'>;
  /** Asked before a crashed run's digest is resent (reminder-outbox.ts). */
  deliveries?: DeliveryLookup;
  /**
   * Each person's choices (pause, weekly or no progress reminders) and their unsubscribe token;
   * without it everyone gets the defaults and mail carries no List-Unsubscribe.
   */
  preferences?: Pick<ReminderPreferencesStore, 'get' | 'unsubscribeToken'>;
  /** Where the one-click unsubscribe route answers (the API's base URL). */
  unsubscribeBaseUrl?: string;
}

export interface ReminderRunReport {
  runDate: string;
  /** The digest time this run serves (Korea time, e.g. 08:30); people who chose another are left for theirs. */
  digestTime: string;
  /** People with something due whose digest comes at another time today. */
  otherTimes: number;
  /** People not mailed again because they had today's digest at an earlier time before changing theirs. */
  alreadyMailedToday: number;
  skipped?: string;
  tasksRead: number;
  tasksDue: number;
  /** Of those, the tasks past their due date (the dashboard's overdue figure). */
  tasksOverdue: number;
  recipients: number;
  digestsSent: number;
  remindersSent: number;
  /** 징계시효 alarms sent in the digests (included in remindersSent). */
  limitationAlarmsSent: number;
  /** Agenda items of committee notices sent in the digests (included in remindersSent). */
  committeeNoticesSent: number;
  /** Open misconduct cases read for 징계시효 alarms. */
  misconductCasesRead: number;
  /** Unfinished digests of earlier runs that this run finished or released. */
  recovered: number;
  /** People whose digest could not be sent this time (their reminders stay unsent for the next run). */
  failed: { sub: string; retryable: boolean; error: string }[];
  /**
   * People whose digest of this run another process holds: an overlapping run, or one that died and
   * whose lease has not ended yet. A later run (the scheduler's retry) finishes or releases it.
   */
  heldElsewhere: number;
  /** Wall time of each step of the run, in ms (for logs and the benchmark). */
  timings: { recoverMs: number; readMs: number; evaluateMs: number; sendMs: number; recordMs: number };
}

/** The run could not send every digest; running it again (same scheduled time) sends the rest. */
export class ReminderRunIncompleteError extends Error {
  override name = 'ReminderRunIncompleteError';
}

const MAX_TITLE = 200;

interface DigestEntry {
  task: ReminderTask;
  due: ReminderDue;
  reason: RecipientReason;
  /** This recipient's exactly-once key (reminder-policy.ts reminderRecipients). */
  threshold: string;
  assigneeLabel: string;
}

/** One agenda item of a committee notice a staff member is owed. */
interface CommitteeEntry {
  due: CommitteeNoticeDue;
  item: AgendaItem;
}

/** What one digest item is: a deadline reminder, a 징계시효 alarm or an agenda item of a committee notice. */
type DigestPart =
  | { deadline: DigestEntry; alarm?: never; committee?: never }
  | { alarm: LimitationAlarmEntry; deadline?: never; committee?: never }
  | { committee: CommitteeEntry; deadline?: never; alarm?: never };

/**
 * The marker of a committee notice's item: once per meeting × notice (× day, for the secretary's
 * daily reminder) × agenda item × person, in the item's case.
 */
const committeeRef = ({ due, item }: CommitteeEntry, runDate: string): ReminderItemRef => ({
  caseId: item.caseId,
  taskId: item.taskId,
  threshold: `${due.notice}@${due.meeting.meetingId}${due.notice === 'decisions-pending' ? `@${runDate}` : ''}`,
  level: `committee-${due.notice}`,
  reason: due.recipient.key.startsWith('staff-') ? 'committee-secretary' : 'committee-member',
});

/** How a level reads in the digest: overdue is told apart as new since the last business day or continuing. */
const urgencyOf = (due: ReminderDue): DigestUrgency =>
  due.level === 'overdue' ? (due.newlyOverdue ? 'overdue-new' : 'overdue') : due.level;

/** The first business day of its week (Monday, or the next business day when Monday is a holiday). */
function firstBusinessDayOfWeek(date: string, calendar: Pick<Calendar, 'isBusinessDay'>): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const sinceMonday = (weekday + 6) % 7;
  for (let back = 1; back <= sinceMonday; back++) if (calendar.isBusinessDay(addDays(date, -back))) return false;
  return calendar.isBusinessDay(date);
}

/**
 * What a person's preferences leave of their entries on `runDate`: away → only what they must have
 * because nobody could stand in (urgent items of their own); progress reminders (50%, 75%) daily,
 * weekly (the first business day of the week) or not at all. Legal deadlines always stay.
 */
function chosenEntries(
  entries: readonly DigestEntry[],
  preferences: ReminderPreferences,
  runDate: string,
  weekStarts: boolean,
): DigestEntry[] {
  const away = isPaused(preferences, runDate);
  return entries.filter((entry) => {
    if (isUrgent(entry.due.level)) return !away || entry.reason === 'assignee';
    if (away) return false;
    return preferences.nonUrgent === 'daily' || (preferences.nonUrgent === 'weekly' && weekStarts);
  });
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const TEAM_BY_CASE_CODE = new Map(Object.entries(TEAM_CASE_CODES).map(([team, code]) => [code, team as Team]));

/** The team whose case number this is (`2026-조사-0042` → 조사팀). */
function teamOfCaseNumber(caseNumber: string): string {
  const team = TEAM_BY_CASE_CODE.get(caseNumber.split('-')[1] ?? '');
  return team ? TEAM_LABELS[team] : '기타';
}

/** The one-click unsubscribe link of a person (RFC 8058): it turns their progress reminders off. */
export function unsubscribeLink(apiBaseUrl: string, sub: string, token: string): string {
  const url = new URL('mail/unsubscribe', apiBaseUrl.endsWith('/') ? apiBaseUrl : `${apiBaseUrl}/`);
  url.searchParams.set('sub', sub);
  url.searchParams.set('token', token);
  return url.toString();
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function deadlineReminders(deps: DeadlineReminderDeps) {
  const options: DeadlineReminderOptions = { ...DEFAULT_DEADLINE_REMINDER_OPTIONS, ...deps.options };
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const { store } = deps;
  const outbox = reminderOutbox({
    ...deps,
    clock,
    log,
    leaseMs: options.leaseMs,
    maxItemsPerDigest: options.maxItemsPerDigest,
  });

  function itemTitle(entry: DigestEntry): string {
    // Sealed cases: the template shows no title; none is even stored with the digest.
    if (entry.task.sealed) return SEALED_TITLE_PLACEHOLDER;
    const suffix =
      entry.reason === 'assignee'
        ? ` — ${entry.task.titleKo}`
        : entry.reason === 'deputy'
          ? ` — ${entry.task.titleKo} (담당: ${entry.assigneeLabel}, 부재 중 대리)`
          : ` — ${entry.task.titleKo} (담당: ${entry.assigneeLabel})`;
    return `${truncate(entry.task.caseTitle, Math.max(20, MAX_TITLE - suffix.length))}${suffix}`.slice(0, MAX_TITLE);
  }

  function mailCase(entry: DigestEntry) {
    return {
      caseId: entry.task.caseId,
      caseNumber: entry.task.caseNumber,
      title: itemTitle(entry),
      dueDate: entry.task.dueAt,
      sealed: entry.task.sealed,
    };
  }

  /**
   * The digest for the entries claimed. Items told to the head go into a summary of every task
   * overdue long enough for the head in this run (counts by team and kind, the oldest few), not
   * into the list; everything else is listed (and summarised past `listInFull`).
   */
  function mailInputFor(
    recipient: DigestRecipient,
    runDate: string,
    parts: readonly DigestPart[],
    beyondLimit: readonly DigestPart[],
    headContext: readonly DigestEntry[],
    unsubscribeUrl: string | undefined,
  ): DeadlineDigestInput {
    const claimed = parts.flatMap((part) => (part.deadline ? [part.deadline] : []));
    const alarms = parts.flatMap((part) => (part.alarm ? [limitationAlarmItem(part.alarm)] : []));
    // The items claimed, put back together per notice (a meeting's notice lists only what was claimed).
    const notices = new Map<string, { due: CommitteeNoticeDue; items: AgendaItem[] }>();
    for (const part of parts) {
      if (!part.committee) continue;
      const { due, item } = part.committee;
      const key = `${due.meeting.meetingId}#${due.notice}`;
      const notice = notices.get(key) ?? { due, items: [] };
      notice.items.push(item);
      notices.set(key, notice);
    }
    const committeeNotices = [...notices.values()].map(({ due, items }) => ({
      notice: due.notice,
      committeeName: due.committee.nameKo,
      meeting: committeeNoticeMailMeeting(due.meeting),
      items: committeeNoticeMailItems(items),
    }));
    const forHead = claimed.filter((entry) => entry.reason === 'head');
    const entries = claimed.filter((entry) => entry.reason !== 'head');
    const listed = entries.slice(0, options.listInFull);
    // Over the digest's limit: not claimed (the next run tells them) but counted, so the summary leaves nothing out.
    const waiting = beyondLimit.flatMap((part) =>
      part.deadline && part.deadline.reason !== 'head' ? [part.deadline] : [],
    );
    const oldest = [...headContext]
      .sort((a, b) => a.task.dueAt.localeCompare(b.task.dueAt) || a.task.taskId.localeCompare(b.task.taskId))
      .slice(0, options.headListsOldest);
    return {
      template: DEADLINE_DIGEST_TEMPLATE,
      recipient: { name: recipient.name, email: recipient.email },
      asOf: runDate,
      ...(alarms.length > 0 && { limitationAlarms: alarms }),
      ...(committeeNotices.length > 0 && { committeeNotices }),
      ...((entries.length > listed.length || waiting.length > 0) && {
        summary: { ...summaryOf([...entries, ...waiting]), ...(waiting.length > 0 && { waiting: waiting.length }) },
      }),
      items: listed.map((entry) => ({ urgency: urgencyOf(entry.due), case: mailCase(entry) })),
      ...(forHead.length > 0 && {
        headSummary: {
          newlyReported: forHead.length,
          total: headContext.length,
          afterBusinessDays: options.policy.headAfterBusinessDays,
          byTeam: countBy(headContext, (entry) => teamOfCaseNumber(entry.task.caseNumber)).slice(0, 20),
          byKind: countBy(headContext, (entry) => entry.task.titleKo).slice(0, 60),
          oldest: oldest.map(mailCase),
          fullListUrl: overdueCasesLink(deps.mail.baseUrl),
        },
      }),
      ...(unsubscribeUrl && { unsubscribeUrl }),
    };
  }

  function countBy(entries: readonly DigestEntry[], label: (entry: DigestEntry) => string) {
    const counts = new Map<string, number>();
    for (const entry of entries) counts.set(label(entry), (counts.get(label(entry)) ?? 0) + 1);
    return [...counts]
      .map(([name, n]) => ({ label: name.slice(0, 60), count: n }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'ko'));
  }

  /** Every entry counted by urgency, team (from the case number) and kind of task, largest first. */
  function summaryOf(entries: readonly DigestEntry[]): NonNullable<DeadlineDigestInput['summary']> {
    const totals = countBy(entries, (entry) => urgencyOf(entry.due)).map(({ label, count: n }) => ({
      urgency: label as DigestUrgency,
      count: n,
    }));
    return {
      totals,
      byTeam: countBy(entries, (entry) => teamOfCaseNumber(entry.task.caseNumber)).slice(0, 20),
      byKind: countBy(entries, (entry) => entry.task.titleKo).slice(0, 60),
      fullListUrl: tasksListLink(deps.mail.baseUrl),
    };
  }

  /** Steps 1–6 for one person (reminder-outbox.ts), their entries listed most urgent first. */
  async function sendDigest(
    runKey: string,
    runDate: string,
    person: StaffMember,
    entries: DigestEntry[],
    alarms: readonly LimitationAlarmEntry[],
    committee: readonly CommitteeEntry[],
    headContext: readonly DigestEntry[],
    unsubscribeUrl: string | undefined,
  ): Promise<DigestOutcome> {
    const recipient: DigestRecipient = { sub: person.sub, name: person.name, email: person.email };
    const refOf = (entry: DigestEntry): ReminderItemRef => ({
      caseId: entry.task.caseId,
      taskId: entry.task.taskId,
      threshold: entry.threshold,
      level: entry.due.level,
      reason: entry.reason,
    });
    const sorted = [...entries].sort(
      (a, b) =>
        LEVEL_URGENCY_RANK[a.due.level] - LEVEL_URGENCY_RANK[b.due.level] ||
        a.task.dueAt.localeCompare(b.task.dueAt) ||
        a.task.taskId.localeCompare(b.task.taskId),
    );
    return outbox.sendDigest(
      { runKey, runDate },
      recipient,
      [
        ...[...alarms]
          .sort((a, b) => a.daysLeft - b.daysLeft || a.c.caseNumber.localeCompare(b.c.caseNumber))
          .map((alarm): { ref: ReminderItemRef; entry: DigestPart } => ({
            ref: limitationAlarmRef(alarm),
            entry: { alarm },
          })),
        ...[...committee]
          .sort(
            (a, b) =>
              a.due.meeting.scheduledAt.localeCompare(b.due.meeting.scheduledAt) ||
              a.due.meeting.meetingId.localeCompare(b.due.meeting.meetingId) ||
              a.due.notice.localeCompare(b.due.notice) ||
              a.item.caseNumber.localeCompare(b.item.caseNumber),
          )
          .map((entry): { ref: ReminderItemRef; entry: DigestPart } => ({
            ref: committeeRef(entry, runDate),
            entry: { committee: entry },
          })),
        ...sorted.map((entry): { ref: ReminderItemRef; entry: DigestPart } => ({
          ref: refOf(entry),
          entry: { deadline: entry },
        })),
      ],
      (claimed, beyondLimit) => mailInputFor(recipient, runDate, claimed, beyondLimit, headContext, unsubscribeUrl),
      {
        deferRecording: true,
      },
    );
  }

  /** Who gets a task's due reminder, and how the assignee is named to those escalated to. */
  async function recipientsOf(
    task: ReminderTask,
    due: ReminderDue,
    directory: StaffDirectory,
    preferencesOf: (sub: string) => Promise<ReminderPreferences | undefined>,
    runDate: string,
  ) {
    const assignee = task.assignee;
    let assignees: StaffMember[];
    let team: Team | undefined;
    let assigneeLabel: string;
    if ('sub' in assignee) {
      const member = await directory.get(assignee.sub);
      assignees = member ? [member] : [];
      team = member?.team;
      assigneeLabel = member?.name ?? '담당자 미상';
    } else {
      assignees = await directory.withRole(assignee.role, assignee.team);
      team = assignee.team;
      assigneeLabel = `${assignee.team ? `${TEAM_LABELS[assignee.team]} ` : ''}${ROLE_LABELS[assignee.role]}`;
    }
    const away = new Set<string>();
    for (const person of assignees) {
      const preferences = await preferencesOf(person.sub);
      if (preferences && isPaused(preferences, runDate)) away.add(person.sub);
    }
    const needLeads = due.escalateTo.includes('team-lead') || (away.size > 0 && isUrgent(due.level));
    const teamLeads = needLeads && team ? await directory.withRole('team-lead', team) : [];
    for (const lead of teamLeads) {
      const preferences = await preferencesOf(lead.sub);
      if (preferences && isPaused(preferences, runDate)) away.add(lead.sub);
    }
    const heads = due.escalateTo.includes('head') ? await directory.withRole('head', undefined) : [];
    return {
      recipients: reminderRecipients(due, { assignees, teamLeads, heads, away }, task.hiddenFrom),
      assigneeLabel,
    };
  }

  return {
    /** One run for the given scheduled instant; running it again for the same instant sends nothing new. */
    async run(scheduledTime: Date): Promise<ReminderRunReport> {
      const runDate = koreaDate(scheduledTime);
      const timings = { recoverMs: 0, readMs: 0, evaluateMs: 0, sendMs: 0, recordMs: 0 };
      const digestTime = toKoreaIso(scheduledTime).slice(11, 16);
      const report: ReminderRunReport = {
        runDate,
        digestTime,
        otherTimes: 0,
        alreadyMailedToday: 0,
        tasksRead: 0,
        tasksDue: 0,
        tasksOverdue: 0,
        recipients: 0,
        digestsSent: 0,
        remindersSent: 0,
        limitationAlarmsSent: 0,
        committeeNoticesSent: 0,
        misconductCasesRead: 0,
        recovered: 0,
        failed: [],
        heldElsewhere: 0,
        timings,
      };
      if (!deps.calendar.isBusinessDay(runDate)) return { ...report, skipped: 'not a business day' };
      let stepStarted = performance.now();
      const stepDone = (step: keyof typeof timings) => {
        const now = performance.now();
        timings[step] = Math.round(now - stepStarted);
        stepStarted = now;
      };

      report.recovered = await outbox.recover();
      // Administrators not yet told about a suppressed address (the notice failed before) are told now.
      await deps.failures
        ?.notifyPending()
        .catch((error: unknown) =>
          log({ level: 'error', message: 'suppression notices not sent', error: String(error) }),
        );
      stepDone('recoverMs');

      const tasks = await store.openTasksDueBy(`${addDays(runDate, options.horizonDays)}T23:59:59+09:00`);
      report.tasksRead = tasks.length;
      stepDone('readMs');
      const days = new BusinessDayCounter(deps.calendar);
      const directory = deps.staffDirectory();
      const preferenceCache = new Map<string, Promise<ReminderPreferences | undefined>>();
      const preferencesOf = (sub: string) => {
        let found = preferenceCache.get(sub);
        if (!found) {
          found = deps.preferences ? deps.preferences.get(sub) : Promise.resolve(undefined);
          preferenceCache.set(sub, found);
        }
        return found;
      };
      const digests = new Map<string, { person: StaffMember; entries: DigestEntry[] }>();
      const evaluated = await mapPooled(tasks, 16, async (task) => {
        const due = reminderDue(task, scheduledTime, days, options.policy);
        return due ? { task, due, ...(await recipientsOf(task, due, directory, preferencesOf, runDate)) } : undefined;
      });
      for (const item of evaluated) {
        if (!item) continue;
        report.tasksDue += 1;
        if (item.due.level === 'overdue') report.tasksOverdue += 1;
        if (item.recipients.length === 0)
          log({
            level: 'warn',
            message: 'an open task has nobody to remind',
            taskId: item.task.taskId,
            caseId: item.task.caseId,
            assignee: item.task.assignee,
          });
        for (const { person, reason, threshold } of item.recipients) {
          const digest = digests.get(person.sub) ?? { person, entries: [] };
          digest.entries.push({ task: item.task, due: item.due, reason, threshold, assigneeLabel: item.assigneeLabel });
          digests.set(person.sub, digest);
        }
      }
      const alarmsOf = new Map<string, LimitationAlarmEntry[]>();
      if (deps.misconductCases) {
        const due = await limitationAlarmsDue(
          { cases: deps.misconductCases, calendar: deps.calendar, log },
          directory,
          runDate,
        );
        report.misconductCasesRead = due.casesRead;
        for (const [sub, { person, entries }] of due.byPerson) {
          alarmsOf.set(sub, entries);
          if (!digests.has(sub)) digests.set(sub, { person, entries: [] });
        }
      }
      const committeeOf = new Map<string, CommitteeEntry[]>();
      if (deps.committees) {
        const found = await committeeNoticesDue(
          { ...deps.committees, staff: directory, calendar: deps.calendar, log },
          runDate,
        );
        const seen = new Set<string>();
        for (const due of found.due) {
          if (!due.staff) continue;
          // A secretary who also sits on the committee hears of each meeting once.
          const once = `${due.staff.sub}#${due.meeting.meetingId}#${due.notice}`;
          if (seen.has(once)) continue;
          seen.add(once);
          committeeOf.set(due.staff.sub, [
            ...(committeeOf.get(due.staff.sub) ?? []),
            ...due.items.map((item) => ({ due, item })),
          ]);
          if (!digests.has(due.staff.sub)) digests.set(due.staff.sub, { person: due.staff, entries: [] });
        }
      }
      const weekStarts = firstBusinessDayOfWeek(runDate, deps.calendar);
      const chosen: {
        person: StaffMember;
        entries: DigestEntry[];
        alarms: LimitationAlarmEntry[];
        committee: CommitteeEntry[];
        unsubscribeUrl?: string;
      }[] = [];
      // Today's other runs. Whoever got a digest in one of them gets nothing more today: they moved their
      // time after it was sent, or this is a late retry of an earlier run.
      const otherRunKeys = DIGEST_TIMES.filter((time) => time !== digestTime).map((time) =>
        new Date(`${runDate}T${time}:00+09:00`).toISOString(),
      );
      for (const { person, entries } of digests.values()) {
        const preferences = await preferencesOf(person.sub);
        // A later time gets its digest then. An earlier one whose run found no digest for them (they
        // moved their time earlier after that run) gets it now, so the day is never skipped.
        if (digestTimeOf(preferences) > digestTime) {
          report.otherTimes += 1;
          continue;
        }
        const kept = preferences ? chosenEntries(entries, preferences, runDate, weekStarts) : entries;
        // 징계시효 alarms cannot be turned off, and a pause does not hold them back.
        const alarms = alarmsOf.get(person.sub) ?? [];
        // Committee notices are about a meeting the person sits on: not optional either.
        const committee = committeeOf.get(person.sub) ?? [];
        if (kept.length === 0 && alarms.length === 0 && committee.length === 0) continue;
        if (await store.mailedInAny(otherRunKeys, person.sub)) {
          report.alreadyMailedToday += 1;
          continue;
        }
        const unsubscribeUrl =
          deps.preferences && deps.unsubscribeBaseUrl && preferences?.nonUrgent !== 'off'
            ? unsubscribeLink(deps.unsubscribeBaseUrl, person.sub, await deps.preferences.unsubscribeToken(person.sub))
            : undefined;
        chosen.push({ person, entries: kept, alarms, committee, ...(unsubscribeUrl && { unsubscribeUrl }) });
      }
      report.recipients = chosen.length;
      stepDone('evaluateMs');

      const runKey = scheduledTime.toISOString();
      const outcomes = await mapPooled(
        chosen,
        options.concurrency,
        async ({ person, entries, alarms, committee, unsubscribeUrl }) => ({
          sub: person.sub,
          ...(await sendDigest(
            runKey,
            runDate,
            person,
            entries,
            alarms,
            committee,
            entries.filter((entry) => entry.reason === 'head'),
            unsubscribeUrl,
          )),
        }),
      );
      stepDone('sendMs');
      // Step 5 for the whole run: each case's history is written once, for every digest that mentions it.
      await outbox.recordAndFinish(
        outcomes.flatMap(({ delivery }) =>
          delivery.outcome === 'sent' && delivery.toRecord ? [delivery.toRecord] : [],
        ),
      );
      stepDone('recordMs');
      for (const { sub, delivery, heldElsewhere } of outcomes) {
        if (heldElsewhere) report.heldElsewhere += 1;
        if (delivery.outcome === 'sent') {
          report.digestsSent += 1;
          report.remindersSent += delivery.items;
          report.limitationAlarmsSent += (delivery.toRecord?.claimed ?? []).filter((item) =>
            item.level.startsWith('limitation-'),
          ).length;
          report.committeeNoticesSent += (delivery.toRecord?.claimed ?? []).filter((item) =>
            item.level.startsWith('committee-'),
          ).length;
        } else if (delivery.outcome === 'failed') {
          report.failed.push({ sub, retryable: delivery.retryable, error: delivery.error });
        }
      }
      log({ level: report.failed.length > 0 ? 'error' : 'info', message: 'deadline reminders run', ...report });
      // Failing the run makes the scheduler retry it (same occurrence, so nothing is sent twice).
      if (report.failed.some((f) => f.retryable) || report.heldElsewhere > 0) {
        throw new ReminderRunIncompleteError(
          `${report.failed.length} digests failed and ${report.heldElsewhere} are held by another process for ${runDate}; running again finishes them`,
        );
      }
      // Everyone else has their digest; a missing head fails the run loudly (the job-failure alarm).
      try {
        await requireHeadOfOffice(directory, 'deadline-reminders');
      } catch (error) {
        log({ level: 'error', message: 'no head of office: escalations to the head go nowhere', runDate });
        throw error;
      }
      return report;
    },
  };
}

export type DeadlineReminders = ReturnType<typeof deadlineReminders>;
