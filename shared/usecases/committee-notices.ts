/**
 * 위원회 개최 안내 (issue 6), a morning job on business days:
 *   - the agenda mail to every member (in their term) and the secretary N days before a meeting
 *     (N a setting, default 7): from the day the meeting comes within N days, once;
 *   - a reminder on the last business day before the meeting, once;
 *   - after a meeting, a reminder to the secretary each business day until every agenda item has a
 *     recorded decision (a meeting whose day passed without attendance recorded counts too).
 * Staff (members with an active staff record, and the secretary) read their notices as a section of
 * their one morning digest (deadline-reminders.ts, exactly once through the digest's markers); this
 * job mails only the outside members, who have no digest.
 * Exactly once per (meeting, notice, recipient) — per day for the daily reminder — through the
 * report-mail ledger (claim → send with a fixed Message-ID → mark sent; a crashed run's claim is
 * taken over once its lease ends). The agenda of a meeting not yet held is the cases waiting for
 * the committee today. Members never receive a case they are concerned in.
 */
import * as z from 'zod';
import type { Calendar } from '../calendar/index.ts';
import { addDays } from '../calendar/korea-dates.ts';
import {
  agendaItemOf,
  meetingDate,
  membersInTerm,
  type AgendaItem,
  type Committee,
  type Meeting,
} from '../domain/committee.ts';
import { koreaDate } from '../domain/korea-time.ts';
import type { StaffMember } from '../domain/staff.ts';
import { COMMITTEE_AGENDA_TEMPLATE, type CommitteeNotice } from '../mail/committee-agenda.template.ts';
import type { BuiltMail, MailBuildOptions } from '../mail/mail-content.ts';
import { buildMail } from '../mail/mail-message.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { CommitteeRepository, ReportMailLedger } from './ports.ts';
import type { StaffRepository, TaskRepository } from './ports.ts';

/** The notice settings (environment, parsed once): how many days ahead the agenda goes out. */
export const committeeNoticeConfigSchema = z.object({
  COMMITTEE_AGENDA_DAYS_BEFORE: z.coerce.number().int().min(1).max(30).default(7),
  COMMITTEE_NOTICE_LEASE_SECONDS: z.coerce.number().int().min(10).max(3600).default(90),
});
export type CommitteeNoticeConfig = z.infer<typeof committeeNoticeConfigSchema>;

export interface CommitteeNoticeDeps {
  committees: Pick<CommitteeRepository, 'list' | 'meetingsBetween' | 'decisions'>;
  tasks: Pick<TaskRepository, 'openForCommittee'>;
  staff: Pick<StaffRepository, 'get'>;
  ledger: Pick<ReportMailLedger, 'claim' | 'markSent' | 'release'>;
  mailer: Pick<Mailer, 'send'>;
  mail: MailBuildOptions;
  messageIdDomain: string;
  calendar: Pick<Calendar, 'isBusinessDay'>;
  agendaDaysBefore: number;
  leaseMs: number;
  clock?: () => Date;
  log?: (entry: Record<string, unknown>) => void;
  /**
   * Whether active staff read their notices in the morning digest (the deadline-reminder job with
   * its committee source), so this job mails only outside members; default true.
   */
  staffInDigest?: boolean;
}

export interface CommitteeNoticeReport {
  runDate: string;
  skipped?: string;
  meetingsRead: number;
  sent: { notice: CommitteeNotice; meetingId: string; to: string }[];
  alreadySent: number;
  /** Agenda and meeting reminders not sent because the meeting has no agenda items (for that person). */
  nothingToSay: number;
  /** Notices left to the recipient's morning digest (they are active staff). */
  inDigest: number;
  failed: { meetingId: string; to: string; error: string }[];
}

export class CommitteeNoticeRunIncompleteError extends Error {
  override name = 'CommitteeNoticeRunIncompleteError';
}

export interface Recipient {
  key: string;
  name: string;
  email: string;
  staffSub?: string;
}

/** The notice a meeting needs on `runDate`, if any. */
export function noticeDue(
  meeting: Meeting,
  runDate: string,
  agendaDaysBefore: number,
  isBusinessDay: (d: string) => boolean,
  undecided: number,
): CommitteeNotice | undefined {
  // A cancelled meeting has no agenda and no decisions to wait for: nobody hears of it again.
  if (meeting.status === 'cancelled') return undefined;
  const date = meetingDate(meeting);
  if (date > runDate && meeting.status === 'scheduled') {
    let businessDayBetween = false;
    for (let d = addDays(runDate, 1); d < date; d = addDays(d, 1)) if (isBusinessDay(d)) businessDayBetween = true;
    if (!businessDayBetween) return 'day-before';
    return date <= addDays(runDate, agendaDaysBefore) ? 'agenda' : undefined;
  }
  if (date < runDate && meeting.status !== 'closed' && undecided > 0) return 'decisions-pending';
  return undefined;
}

/** Where the notices due on a day are read from (the separate job and the morning digest share it). */
export interface CommitteeNoticeSource {
  committees: Pick<CommitteeRepository, 'list' | 'meetingsBetween' | 'decisions'>;
  tasks: Pick<TaskRepository, 'openForCommittee'>;
  /** Staff records: an active one means the person gets the notice in their morning digest. */
  staff: { get(sub: string): Promise<StaffMember | undefined> };
  calendar: Pick<Calendar, 'isBusinessDay'>;
  agendaDaysBefore: number;
  log: (entry: Record<string, unknown>) => void;
}

/** One notice one person is owed today, with the agenda items they may see (never a case they are concerned in). */
export interface CommitteeNoticeDue {
  notice: CommitteeNotice;
  committee: Committee;
  meeting: Meeting;
  recipient: Recipient;
  /** The active staff member, when the recipient is one: they hear of it in their morning digest. */
  staff?: StaffMember;
  items: AgendaItem[];
}

/**
 * Every notice due on `runDate` (a business day), per recipient. Agenda and meeting reminders that
 * would list nothing (for that person) are counted in `nothingToSay` and left out.
 */
export async function committeeNoticesDue(
  source: CommitteeNoticeSource,
  runDate: string,
): Promise<{ meetingsRead: number; nothingToSay: number; due: CommitteeNoticeDue[] }> {
  const isBusinessDay = (d: string) => source.calendar.isBusinessDay(d);
  const staffOf = async (sub: string) => {
    const member = await source.staff.get(sub);
    return member?.active ? member : undefined;
  };
  const out = { meetingsRead: 0, nothingToSay: 0, due: [] as CommitteeNoticeDue[] };

  async function membersOf(
    committee: Committee,
    date: string,
  ): Promise<{ recipient: Recipient; staff?: StaffMember }[]> {
    const found: { recipient: Recipient; staff?: StaffMember }[] = [];
    for (const m of membersInTerm(committee, date)) {
      const staff = m.staffSub !== undefined ? await staffOf(m.staffSub) : undefined;
      const email = staff?.email ?? m.email;
      if (email === undefined) {
        source.log({
          level: 'warn',
          message: 'a committee member has no mail address',
          committee: committee.kind,
          memberId: m.memberId,
        });
        continue;
      }
      found.push({
        recipient: {
          key: `member-${m.memberId}`,
          name: m.name,
          email,
          ...(m.staffSub !== undefined && { staffSub: m.staffSub }),
        },
        ...(staff && { staff }),
      });
    }
    return found;
  }

  for (const committee of await source.committees.list()) {
    const meetings = await source.committees.meetingsBetween(
      committee.kind,
      addDays(runDate, -92),
      addDays(runDate, source.agendaDaysBefore),
    );
    let waiting: AgendaItem[] | undefined;
    for (const meeting of meetings) {
      out.meetingsRead += 1;
      if (meeting.status === 'cancelled') continue;
      const agenda =
        meeting.agenda ?? (waiting ??= (await source.tasks.openForCommittee(committee.kind)).map(agendaItemOf));
      const decided = new Set((await source.committees.decisions(meeting.meetingId)).map((d) => d.taskId));
      const undecided = agenda.filter((i) => !decided.has(i.taskId));
      const notice = noticeDue(meeting, runDate, source.agendaDaysBefore, isBusinessDay, undecided.length);
      if (!notice) continue;

      const secretaryStaff = await staffOf(committee.secretarySub);
      const secretary = secretaryStaff
        ? {
            recipient: {
              key: `staff-${committee.secretarySub}`,
              name: secretaryStaff.name,
              email: secretaryStaff.email,
              staffSub: committee.secretarySub,
            },
            staff: secretaryStaff,
          }
        : undefined;
      const recipients =
        notice === 'decisions-pending'
          ? secretary
            ? [secretary]
            : []
          : [...(await membersOf(committee, meetingDate(meeting))), ...(secretary ? [secretary] : [])];
      const items = notice === 'decisions-pending' ? undecided : agenda;
      for (const { recipient, staff } of recipients) {
        // A member concerned in a case never hears of it, not even its number.
        const theirs = items.filter(
          (i) => recipient.staffSub === undefined || !(i.hiddenFrom ?? []).includes(recipient.staffSub),
        );
        if (notice !== 'decisions-pending' && theirs.length === 0) {
          // Nothing on the agenda (for them): no "0건" agenda and no reminder of an empty meeting.
          out.nothingToSay += 1;
          continue;
        }
        out.due.push({ notice, committee, meeting, recipient, ...(staff && { staff }), items: theirs });
      }
    }
  }
  return out;
}

/** The mail-safe form of a notice's items, as both the notice mail and the digest section list them. */
export const committeeNoticeMailItems = (items: readonly AgendaItem[]) =>
  items.map((i) => ({
    case: {
      caseId: i.caseId,
      caseNumber: i.caseNumber,
      title: i.title ?? '비공개 사건',
      dueDate: i.dueAt,
      sealed: i.sealed || i.title === null,
    },
    taskTitle: i.taskTitle,
  }));

export const committeeNoticeMailMeeting = (meeting: Meeting) => ({
  meetingId: meeting.meetingId,
  scheduledAt: meeting.scheduledAt,
  ...(meeting.place !== undefined && { place: meeting.place }),
});

export function committeeNotices(deps: CommitteeNoticeDeps) {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const isBusinessDay = (d: string) => deps.calendar.isBusinessDay(d);
  const staffInDigest = deps.staffInDigest ?? true;

  return {
    /** One run for a scheduled instant; running it again (same day) sends nothing new. */
    async run(scheduledTime: Date): Promise<CommitteeNoticeReport> {
      const runDate = koreaDate(scheduledTime);
      const report: CommitteeNoticeReport = {
        runDate,
        meetingsRead: 0,
        sent: [],
        alreadySent: 0,
        nothingToSay: 0,
        inDigest: 0,
        failed: [],
      };
      if (!isBusinessDay(runDate)) return { ...report, skipped: 'not a business day' };

      const found = await committeeNoticesDue({ ...deps, log }, runDate);
      report.meetingsRead = found.meetingsRead;
      report.nothingToSay = found.nothingToSay;
      for (const { notice, committee, meeting, recipient, staff, items } of found.due) {
        if (staffInDigest && staff) {
          // Staff read it in their morning digest (deadline-reminders.ts), with its own exactly-once markers.
          report.inDigest += 1;
          continue;
        }
        const reportId = `committee-notice#${meeting.meetingId}#${notice}#${recipient.key}${notice === 'decisions-pending' ? `#${runDate}` : ''}`;
        const claim = await deps.ledger.claim(reportId, deps.messageIdDomain, clock(), deps.leaseMs);
        if (!claim) {
          report.alreadySent += 1;
          continue;
        }
        const built = buildMail(
          {
            template: COMMITTEE_AGENDA_TEMPLATE,
            notice,
            asOf: runDate,
            recipient: { name: recipient.name, email: recipient.email },
            committeeName: committee.nameKo,
            meeting: committeeNoticeMailMeeting(meeting),
            items: committeeNoticeMailItems(items),
          },
          deps.mail,
        );
        const mail: BuiltMail = { ...built, headers: { ...built.headers, 'Message-ID': claim.messageId } };
        try {
          await deps.mailer.send(mail);
        } catch (error) {
          await deps.ledger.release(claim);
          report.failed.push({
            meetingId: meeting.meetingId,
            to: recipient.key,
            error: error instanceof Error ? error.name : String(error),
          });
          continue;
        }
        await deps.ledger.markSent(claim, clock());
        report.sent.push({ notice, meetingId: meeting.meetingId, to: recipient.key });
      }
      log({
        level: report.failed.length > 0 ? 'error' : 'info',
        message: 'committee notices run',
        runDate,
        meetingsRead: report.meetingsRead,
        sent: report.sent.length,
        alreadySent: report.alreadySent,
        nothingToSay: report.nothingToSay,
        inDigest: report.inDigest,
        failed: report.failed.length,
      });
      if (report.failed.length > 0)
        throw new CommitteeNoticeRunIncompleteError(
          `${report.failed.length} committee notices failed for ${runDate}; running again sends them`,
        );
      return report;
    },
  };
}

export type CommitteeNotices = ReturnType<typeof committeeNotices>;
