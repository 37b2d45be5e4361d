/**
 * 위원회 정기회의 미리 만들기 (issue 6): on the 1st of each month, the meetings each committee's
 * cadence calls for (e.g. the ethics committee in June and December) are created for this month
 * and the next `monthsAhead`, on the preferred day or the next business day (the legal calendar),
 * so they appear in the calendar and collect their agendas. Meeting ids are deterministic
 * (`<committee>-<YYYY-MM>`): a re-run, a retry or an overlapping run creates nothing twice, and a
 * meeting the secretary already changed is left alone.
 */
import type { Calendar } from '../calendar/index.ts';
import { cadenceMeetings, type Meeting } from '../domain/committee.ts';
import { koreaDate } from '../domain/korea-time.ts';
import type { CommitteeRepository } from './ports.ts';

export interface CommitteeMeetingsAheadDeps {
  committees: Pick<CommitteeRepository, 'list' | 'createMeeting'>;
  calendar: Pick<Calendar, 'isBusinessDay'>;
  clock?: () => Date;
  log?: (entry: Record<string, unknown>) => void;
}

export interface MeetingsAheadReport {
  runDate: string;
  committees: number;
  created: string[];
  existing: string[];
}

export const MEETINGS_AHEAD_ACTOR = 'system:committee-meetings-ahead';

export function committeeMeetingsAhead(deps: CommitteeMeetingsAheadDeps) {
  const clock = deps.clock ?? (() => new Date());
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  return {
    async run(scheduledTime: Date, monthsAhead: number): Promise<MeetingsAheadReport> {
      const runDate = koreaDate(scheduledTime);
      const committees = await deps.committees.list();
      const report: MeetingsAheadReport = { runDate, committees: committees.length, created: [], existing: [] };
      for (const committee of committees) {
        for (const planned of cadenceMeetings(committee, runDate.slice(0, 7), monthsAhead, (d) =>
          deps.calendar.isBusinessDay(d),
        )) {
          // A meeting day already past (e.g. a run late in the month) is not created after the fact.
          if (planned.scheduledAt.slice(0, 10) < runDate) continue;
          const meeting: Meeting = {
            meetingId: planned.meetingId,
            committee: committee.kind,
            scheduledAt: planned.scheduledAt,
            status: 'scheduled',
            source: 'cadence',
            recusals: [],
            version: 1,
            createdAt: clock().toISOString(),
            createdBy: MEETINGS_AHEAD_ACTOR,
          };
          if (await deps.committees.createMeeting(meeting)) report.created.push(meeting.meetingId);
          else report.existing.push(meeting.meetingId);
        }
      }
      log({ level: 'info', message: 'committee meetings ahead', ...report });
      return report;
    },
  };
}

export type CommitteeMeetingsAhead = ReturnType<typeof committeeMeetingsAhead>;
