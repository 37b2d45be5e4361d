/**
 * The morning deadline-reminder run (issue 6): every open task due soon is checked against the
 * reminder policy; each person gets one digest mail listing everything newly due for them; each
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
import { koreaDate } from '../domain/korea-time.ts';
import { ROLE_LABELS, TEAM_CASE_CODES, TEAM_LABELS, type Team } from '../domain/roles.ts';
import type { StaffMember } from '../domain/staff.ts';
import { DEADLINE_DIGEST_TEMPLATE, type DeadlineDigestInput } from '../mail/deadline-digest.template.ts';
import { SEALED_TITLE_PLACEHOLDER, tasksListLink } from '../mail/mail-case.ts';
import type { MailBuildOptions } from '../mail/mail-content.ts';
import type { DeliveryLookup } from '../mail/delivery-lookup.ts';
import type { Mailer } from '../mail/mailer.ts';
import {
  BusinessDayCounter,
  DEFAULT_REMINDER_POLICY,
  LEVEL_URGENCY_RANK,
  reminderDue,
  reminderRecipients,
  type RecipientReason,
  type ReminderDue,
  type ReminderPolicyOptions,
} from '../policies/reminder-policy.ts';
import type { CaseRepository } from '../store/case-repository.ts';
import type {
  DigestRecipient,
  ReminderItemRef,
  ReminderStore,
  ReminderTask,
  StaffDirectory,
} from '../store/reminder-store.ts';
import type { MailFailures } from './mail-failures.ts';
import { mapPooled, reminderOutbox, type DigestOutcome } from './reminder-outbox.ts';

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
}

export const DEFAULT_DEADLINE_REMINDER_OPTIONS: DeadlineReminderOptions = {
  policy: DEFAULT_REMINDER_POLICY,
  horizonDays: 45,
  leaseMs: 90_000,
  concurrency: 4,
  maxItemsPerDigest: 800,
  listInFull: 30,
};

export interface DeadlineReminderDeps {
  store: ReminderStore;
  cases: Pick<CaseRepository, 'appendWithoutVersion'>;
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
}

export interface ReminderRunReport {
  runDate: string;
  skipped?: string;
  tasksRead: number;
  tasksDue: number;
  /** Of those, the tasks past their due date (the dashboard's overdue figure). */
  tasksOverdue: number;
  recipients: number;
  digestsSent: number;
  remindersSent: number;
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
  assigneeLabel: string;
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
        : ` — ${entry.task.titleKo} (담당: ${entry.assigneeLabel})`;
    return `${truncate(entry.task.caseTitle, Math.max(20, MAX_TITLE - suffix.length))}${suffix}`.slice(0, MAX_TITLE);
  }

  function mailInputFor(
    recipient: DigestRecipient,
    runDate: string,
    entries: readonly DigestEntry[],
  ): DeadlineDigestInput {
    const listed = entries.slice(0, options.listInFull);
    return {
      template: DEADLINE_DIGEST_TEMPLATE,
      recipient: { name: recipient.name, email: recipient.email },
      asOf: runDate,
      ...(entries.length > listed.length && { summary: summaryOf(entries) }),
      items: listed.map((entry) => ({
        urgency: entry.due.level,
        case: {
          caseId: entry.task.caseId,
          caseNumber: entry.task.caseNumber,
          title: itemTitle(entry),
          dueDate: entry.task.dueAt,
          sealed: entry.task.sealed,
        },
      })),
    };
  }

  /** Every entry counted by urgency, team (from the case number) and kind of task, largest first. */
  function summaryOf(entries: readonly DigestEntry[]): NonNullable<DeadlineDigestInput['summary']> {
    const count = (label: (entry: DigestEntry) => string) => {
      const counts = new Map<string, number>();
      for (const entry of entries) counts.set(label(entry), (counts.get(label(entry)) ?? 0) + 1);
      return [...counts]
        .map(([name, n]) => ({ label: name.slice(0, 60), count: n }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'ko'));
    };
    const totals = count((entry) => entry.due.level).map(({ label, count: n }) => ({
      urgency: label as ReminderDue['level'],
      count: n,
    }));
    return {
      totals,
      byTeam: count((entry) => teamOfCaseNumber(entry.task.caseNumber)).slice(0, 20),
      byKind: count((entry) => entry.task.titleKo).slice(0, 60),
      fullListUrl: tasksListLink(deps.mail.baseUrl),
    };
  }

  /** Steps 1–6 for one person (reminder-outbox.ts), their entries listed most urgent first. */
  async function sendDigest(
    runKey: string,
    runDate: string,
    person: StaffMember,
    entries: DigestEntry[],
  ): Promise<DigestOutcome> {
    const recipient: DigestRecipient = { sub: person.sub, name: person.name, email: person.email };
    const refOf = (entry: DigestEntry): ReminderItemRef => ({
      caseId: entry.task.caseId,
      taskId: entry.task.taskId,
      threshold: entry.due.threshold,
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
      sorted.map((entry) => ({ ref: refOf(entry), entry })),
      (claimed) => mailInputFor(recipient, runDate, claimed),
      {
        deferRecording: true,
      },
    );
  }

  /** Who gets a task's due reminder, and how the assignee is named to those escalated to. */
  async function recipientsOf(task: ReminderTask, due: ReminderDue, directory: StaffDirectory) {
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
    const teamLeads = due.escalateTo.includes('team-lead') && team ? await directory.withRole('team-lead', team) : [];
    const heads = due.escalateTo.includes('head') ? await directory.withRole('head', undefined) : [];
    return { recipients: reminderRecipients(due, { assignees, teamLeads, heads }, task.hiddenFrom), assigneeLabel };
  }

  return {
    /** One run for the given scheduled instant; running it again for the same instant sends nothing new. */
    async run(scheduledTime: Date): Promise<ReminderRunReport> {
      const runDate = koreaDate(scheduledTime);
      const timings = { recoverMs: 0, readMs: 0, evaluateMs: 0, sendMs: 0, recordMs: 0 };
      const report: ReminderRunReport = {
        runDate,
        tasksRead: 0,
        tasksDue: 0,
        tasksOverdue: 0,
        recipients: 0,
        digestsSent: 0,
        remindersSent: 0,
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
      const digests = new Map<string, { person: StaffMember; entries: DigestEntry[] }>();
      const evaluated = await mapPooled(tasks, 16, async (task) => {
        const due = reminderDue(task, scheduledTime, days, options.policy);
        return due ? { task, due, ...(await recipientsOf(task, due, directory)) } : undefined;
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
        for (const { person, reason } of item.recipients) {
          const digest = digests.get(person.sub) ?? { person, entries: [] };
          digest.entries.push({ task: item.task, due: item.due, reason, assigneeLabel: item.assigneeLabel });
          digests.set(person.sub, digest);
        }
      }
      report.recipients = digests.size;
      stepDone('evaluateMs');

      const runKey = scheduledTime.toISOString();
      const outcomes = await mapPooled([...digests.values()], options.concurrency, async ({ person, entries }) => ({
        sub: person.sub,
        ...(await sendDigest(runKey, runDate, person, entries)),
      }));
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
      return report;
    },
  };
}

export type DeadlineReminders = ReturnType<typeof deadlineReminders>;
