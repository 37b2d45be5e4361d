/**
 * Moving and cancelling a committee meeting before it sits: only a scheduled meeting, a business
 * day as when scheduling, the meeting's version; a cancelled meeting gets no notices, cannot be
 * opened and is never counted as held.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import {
  cancelMeeting,
  meetingWasHeld,
  recordAttendance,
  rescheduleMeeting,
  type Committee,
  type Meeting,
} from '#shared/domain/committee.ts';
import { IllegalTransitionError, ValidationError, VersionConflictError } from '#shared/domain/errors.ts';
import { noticeDue } from '#shared/usecases/committee-notices.ts';
import { committeeMeetingSource } from '#shared/usecases/office-report.ts';

const calendar = createCalendar();
const isBusinessDay = (d: string) => calendar.isBusinessDay(d);
const now = new Date('2026-12-01T10:00:00+09:00');

const scheduled: Meeting = {
  meetingId: 'personnel-test',
  committee: 'personnel',
  scheduledAt: '2026-12-15T14:00:00+09:00',
  status: 'scheduled',
  source: 'manual',
  recusals: [],
  version: 3,
  createdAt: '2026-12-01T09:00:00+09:00',
  createdBy: 'secretary-sub',
};

const committee: Committee = {
  committeeId: 'personnel',
  kind: 'personnel',
  nameKo: '인사위원회',
  members: [
    {
      memberId: 'm1',
      name: '송기철',
      affiliation: '부구청장',
      chair: true,
      external: false,
      termStart: '2025-07-01',
      termEnd: '2027-06-30',
    },
  ],
  secretarySub: 'secretary-sub',
  quorum: { attendance: 'majority', decision: 'majority', article: '청원법 시행령 제3조' },
  cadence: { type: 'as-needed', minimumPerYear: 0, labelKo: '수시', basis: '조례' },
  version: 1,
  updatedAt: '2026-01-01T09:00:00+09:00',
  updatedBy: 'admin',
};

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as ValidationError;
  }
  throw new Error('expected a refusal');
};

describe('rescheduleMeeting', () => {
  it('moves a scheduled meeting to another business day, keeping the move with its reason, one version up', () => {
    const moved = rescheduleMeeting(
      scheduled,
      { scheduledAt: '2026-12-16T10:00:00+09:00', reason: '위원장 출장', expectedVersion: 3 },
      'secretary-sub',
      now,
      isBusinessDay,
    );
    expect(moved).toMatchObject({ status: 'scheduled', scheduledAt: '2026-12-16T10:00:00+09:00', version: 4 });
    expect(moved.reschedules).toEqual([
      {
        from: '2026-12-15T14:00:00+09:00',
        to: '2026-12-16T10:00:00+09:00',
        reason: '위원장 출장',
        at: expect.any(String),
        by: 'secretary-sub',
      },
    ]);
  });

  it('refuses a Sunday or a holiday as scheduling does (400 not_a_business_day)', () => {
    const sunday = refusal(() =>
      rescheduleMeeting(
        scheduled,
        { scheduledAt: '2026-12-20T10:00:00+09:00', reason: 'x', expectedVersion: 3 },
        's',
        now,
        isBusinessDay,
      ),
    );
    expect(sunday).toBeInstanceOf(ValidationError);
    expect(sunday).toMatchObject({ field: 'scheduledAt', rule: 'not_a_business_day', statusCode: 400 });
    expect(
      refusal(() =>
        rescheduleMeeting(
          scheduled,
          { scheduledAt: '2026-12-25T10:00:00+09:00', reason: 'x', expectedVersion: 3 },
          's',
          now,
          isBusinessDay,
        ),
      ),
    ).toMatchObject({ rule: 'not_a_business_day' });
  });

  it('refuses a meeting that has sat or was cancelled (409 with field and rule)', () => {
    for (const [status, rule] of [
      ['held', 'meeting_held'],
      ['closed', 'meeting_closed'],
      ['cancelled', 'meeting_cancelled'],
    ] as const) {
      const error = refusal(() =>
        rescheduleMeeting(
          { ...scheduled, status },
          { scheduledAt: '2026-12-16T10:00:00+09:00', reason: 'x', expectedVersion: 3 },
          's',
          now,
          isBusinessDay,
        ),
      );
      expect(error).toBeInstanceOf(IllegalTransitionError);
      expect(error).toMatchObject({ field: 'meetingId', rule, statusCode: 409 });
      expect(error.messageKo).toBeTruthy();
    }
  });

  it('refuses a stale expectedVersion (409 stale_version) and the same time again', () => {
    const stale = refusal(() =>
      rescheduleMeeting(
        scheduled,
        { scheduledAt: '2026-12-16T10:00:00+09:00', reason: 'x', expectedVersion: 2 },
        's',
        now,
        isBusinessDay,
      ),
    );
    expect(stale).toBeInstanceOf(VersionConflictError);
    expect(stale).toMatchObject({ field: 'expectedVersion', rule: 'stale_version', statusCode: 409 });
    expect(
      refusal(() =>
        rescheduleMeeting(
          scheduled,
          { scheduledAt: scheduled.scheduledAt, reason: 'x', expectedVersion: 3 },
          's',
          now,
          isBusinessDay,
        ),
      ),
    ).toMatchObject({ field: 'scheduledAt', rule: 'unchanged' });
  });
});

describe('cancelMeeting', () => {
  it('cancels a scheduled meeting with its reason, one version up; it was never held', () => {
    const cancelled = cancelMeeting(scheduled, { reason: '안건 없음', expectedVersion: 3 }, 'head-sub', now);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      version: 4,
      cancellation: { reason: '안건 없음', by: 'head-sub' },
    });
    expect(meetingWasHeld(cancelled)).toBe(false);
    expect(meetingWasHeld({ status: 'held' })).toBe(true);
    expect(meetingWasHeld({ status: 'closed' })).toBe(true);
    expect(meetingWasHeld(scheduled)).toBe(false);
  });

  it('refuses a meeting that has sat, one already cancelled, and a stale version', () => {
    expect(
      refusal(() => cancelMeeting({ ...scheduled, status: 'held' }, { reason: 'x', expectedVersion: 3 }, 's', now)),
    ).toMatchObject({ field: 'meetingId', rule: 'meeting_held', statusCode: 409 });
    expect(
      refusal(() => cancelMeeting({ ...scheduled, status: 'closed' }, { reason: 'x', expectedVersion: 3 }, 's', now)),
    ).toMatchObject({ field: 'meetingId', rule: 'meeting_closed' });
    expect(
      refusal(() =>
        cancelMeeting({ ...scheduled, status: 'cancelled' }, { reason: 'x', expectedVersion: 3 }, 's', now),
      ),
    ).toMatchObject({ field: 'meetingId', rule: 'meeting_cancelled' });
    expect(refusal(() => cancelMeeting(scheduled, { reason: 'x', expectedVersion: 4 }, 's', now))).toMatchObject({
      field: 'expectedVersion',
      rule: 'stale_version',
      statusCode: 409,
    });
  });

  it('a cancelled meeting cannot be opened by recording attendance', () => {
    const cancelled = cancelMeeting(scheduled, { reason: 'x', expectedVersion: 3 }, 's', now);
    expect(
      refusal(() =>
        recordAttendance(committee, cancelled, ['m1'], [], 'secretary-sub', new Date('2026-12-15T14:30:00+09:00')),
      ),
    ).toMatchObject({ field: 'meetingId', rule: 'meeting_cancelled', statusCode: 409 });
  });
});

describe('a cancelled meeting in the notices and the office report', () => {
  const cancelled: Meeting = { ...scheduled, status: 'cancelled' };

  it('gets no agenda, day-before or decisions-pending notice', () => {
    // The same days on which a scheduled meeting gets each notice.
    expect(noticeDue(scheduled, '2026-12-08', 7, isBusinessDay, 2)).toBe('agenda');
    expect(noticeDue(scheduled, '2026-12-14', 7, isBusinessDay, 2)).toBe('day-before');
    expect(noticeDue(scheduled, '2026-12-16', 7, isBusinessDay, 2)).toBe('decisions-pending');
    for (const day of ['2026-12-08', '2026-12-14', '2026-12-16'])
      expect(noticeDue(cancelled, day, 7, isBusinessDay, 2)).toBeUndefined();
  });

  it('is not counted among the meetings held', async () => {
    const meetings: Meeting[] = [
      { ...scheduled, meetingId: 'm-held', status: 'held' },
      { ...scheduled, meetingId: 'm-closed', status: 'closed' },
      { ...scheduled, meetingId: 'm-cancelled', status: 'cancelled' },
      { ...scheduled, meetingId: 'm-scheduled' },
    ];
    const source = committeeMeetingSource({
      meetingsBetween: async (kind) => meetings.filter((m) => m.committee === kind),
    });
    const held = await source.meetingsHeldBetween('2026-12-01', '2026-12-31');
    expect(held.map((m) => m.meetingId).sort()).toEqual(['m-closed', 'm-held']);
  });
});
