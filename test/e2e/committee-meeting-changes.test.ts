/**
 * Moving and cancelling committee meetings through the API on the local system: a scheduled
 * meeting moves to another business day (and is listed there), never to a Sunday; a cancelled
 * meeting keeps its record but has no agenda; a meeting that sat can be neither moved nor
 * cancelled; only the secretary or the head of office may; a stale version changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import { addDays } from '#shared/calendar/korea-dates.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import type { Role } from '#shared/domain/roles.ts';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
const calendar = createCalendar();
const today = koreaDate(new Date());

const businessDayFrom = (d: string) => {
  while (!calendar.isBusinessDay(d)) d = addDays(d, 1);
  return d;
};
/** The most recent business day on or before today. */
function pastBusinessDay(): string {
  let d = today;
  while (!calendar.isBusinessDay(d)) d = addDays(d, -1);
  return d;
}
const firstDay = businessDayFrom(addDays(today, 10));
const secondDay = businessDayFrom(addDays(firstDay, 1));
let sunday = addDays(today, 1);
while (new Date(`${sunday}T00:00:00Z`).getUTCDay() !== 0) sunday = addDays(sunday, 1);

async function openTask(as: Role, caseId: string, type: string) {
  await t.system.stepFunctions.settle();
  const res = await t.call('GET', '/me/tasks?limit=100', { as });
  expect(res.status).toBe(200);
  return (res.body.items as { taskId: string; caseId: string; type: string; committee?: string }[]).find(
    (task) => task.caseId === caseId && task.type === type,
  );
}

async function step(as: Role, caseId: string, type: string, body: Record<string, unknown>) {
  const task = await openTask(as, caseId, type);
  expect(task, `${type} task for ${as}`).toBeDefined();
  const res = await t.call('POST', `/cases/${caseId}/tasks/${task!.taskId}/complete`, { as, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** A discipline case walked to where it waits for the personnel committee, so a live agenda has an item. */
async function caseWaitingForCommittee(): Promise<string> {
  const res = await t.call('POST', '/cases', {
    as: 'team-lead',
    body: {
      kind: 'external-referral',
      title: '범죄처분결과 통보 — 일정 변경',
      assigneeSub: t.users.investigator.sub,
      misconduct: {
        category: 'abuse-of-authority',
        conductDate: '2025-03-02',
        officials: [{ name: '김도윤', department: '도로관리과', grade: '지방시설주사(6급)' }],
        referral: {
          agency: '경찰',
          noticeType: '범죄처분결과 통보',
          noticeNumber: '영등포경찰서 수사과-2026-0999',
          noticeDate: addDays(today, -3),
        },
      },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const caseId = res.body.case.caseId as string;
  await step('investigator', caseId, 'investigate', {
    decision: 'propose',
    findings: '비위 사실 확인',
    disposition: { type: 'discipline', severity: '경징계' },
  });
  await step('team-lead', caseId, 'review', { decision: 'endorse' });
  await step('head', caseId, 'approve', { decision: 'approve' });
  await step('investigator', caseId, 'request-discipline', {
    decision: 'send-request',
    requestedOn: today,
    documentNumber: '감사담당관-2026-901',
  });
  expect((await openTask('investigator', caseId, 'record-resolution'))?.committee).toBe('personnel');
  return caseId;
}

async function schedule(day: string, key?: string): Promise<string> {
  const res = await t.call('POST', '/committees/personnel/meetings', {
    as: 'secretary',
    body: { scheduledAt: `${day}T14:00:00+09:00` },
    ...(key && { headers: { 'idempotency-key': key } }),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.meeting.meetingId as string;
}

async function meeting(meetingId: string) {
  const res = await t.call('GET', `/meetings/${meetingId}`, { as: 'secretary' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function listed(day: string): Promise<string[]> {
  const res = await t.call('GET', `/committees/personnel/meetings?from=${day}&to=${day}`, { as: 'secretary' });
  expect(res.status).toBe(200);
  return res.body.items.map((m: { meetingId: string }) => m.meetingId);
}

let caseId: string;
beforeAll(async () => {
  t = await startTestSystem();
  caseId = await caseWaitingForCommittee();
}, 120_000);
afterAll(async () => t.system.close());

describe('moving a committee meeting', () => {
  it('moves a scheduled meeting to another business day: shown and listed there, with the reason; a retry with the same key replays', async () => {
    const id = await schedule(firstDay);
    const body = { scheduledAt: `${secondDay}T10:00:00+09:00`, reason: '위원장 출장으로 연기', expectedVersion: 1 };
    const res = await t.call('POST', `/meetings/${id}/reschedule`, {
      as: 'secretary',
      body,
      headers: { 'idempotency-key': 'reschedule-0001' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      replayed: false,
      meeting: { meetingId: id, status: 'scheduled', scheduledAt: `${secondDay}T10:00:00+09:00`, version: 2 },
    });
    const again = await t.call('POST', `/meetings/${id}/reschedule`, {
      as: 'secretary',
      body,
      headers: { 'idempotency-key': 'reschedule-0001' },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ replayed: true, meeting: { version: 2 } });

    const shown = await meeting(id);
    expect(shown.meeting).toMatchObject({
      scheduledAt: `${secondDay}T10:00:00+09:00`,
      version: 2,
      reschedules: [
        {
          from: `${firstDay}T14:00:00+09:00`,
          to: `${secondDay}T10:00:00+09:00`,
          reason: '위원장 출장으로 연기',
          by: t.users.secretary.sub,
        },
      ],
    });
    expect(await listed(secondDay)).toContain(id);
    expect(await listed(firstDay)).not.toContain(id);
  });

  it('refuses a Sunday as scheduling does, changing nothing', async () => {
    const id = await schedule(firstDay);
    const res = await t.call('POST', `/meetings/${id}/reschedule`, {
      as: 'secretary',
      body: { scheduledAt: `${sunday}T10:00:00+09:00`, reason: '일요일로', expectedVersion: 1 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error).toMatchObject({ field: 'scheduledAt', rule: 'not_a_business_day' });
    expect((await meeting(id)).meeting).toMatchObject({ scheduledAt: `${firstDay}T14:00:00+09:00`, version: 1 });
  });

  it('lets only the secretary or the head of office move or cancel (403 for an investigator); the head may', async () => {
    const id = await schedule(firstDay);
    const moved = await t.call('POST', `/meetings/${id}/reschedule`, {
      as: 'investigator',
      body: { scheduledAt: `${secondDay}T10:00:00+09:00`, reason: '변경', expectedVersion: 1 },
    });
    expect(moved.status).toBe(403);
    expect(moved.body.error).toMatchObject({ rule: 'not_committee_secretary' });
    const cancelled = await t.call('POST', `/meetings/${id}/cancel`, {
      as: 'investigator',
      body: { reason: '취소', expectedVersion: 1 },
    });
    expect(cancelled.status).toBe(403);
    expect((await meeting(id)).meeting).toMatchObject({
      status: 'scheduled',
      scheduledAt: `${firstDay}T14:00:00+09:00`,
      version: 1,
    });
    const byHead = await t.call('POST', `/meetings/${id}/reschedule`, {
      as: 'head',
      body: { scheduledAt: `${secondDay}T10:00:00+09:00`, reason: '변경', expectedVersion: 1 },
    });
    expect(byHead.status, JSON.stringify(byHead.body)).toBe(200);
  });

  it('refuses a stale expectedVersion (409 stale_version), changing nothing', async () => {
    const id = await schedule(firstDay);
    const ok = await t.call('POST', `/meetings/${id}/reschedule`, {
      as: 'secretary',
      body: { scheduledAt: `${secondDay}T10:00:00+09:00`, reason: '첫 변경', expectedVersion: 1 },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const before = await meeting(id);
    const stale = await t.call('POST', `/meetings/${id}/reschedule`, {
      as: 'secretary',
      body: { scheduledAt: `${firstDay}T10:00:00+09:00`, reason: '늦은 변경', expectedVersion: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ field: 'expectedVersion', rule: 'stale_version' });
    const staleCancel = await t.call('POST', `/meetings/${id}/cancel`, {
      as: 'secretary',
      body: { reason: '늦은 취소', expectedVersion: 1 },
    });
    expect(staleCancel.status).toBe(409);
    expect(staleCancel.body.error).toMatchObject({ field: 'expectedVersion', rule: 'stale_version' });
    expect((await meeting(id)).meeting).toEqual(before.meeting);
  });
});

describe('cancelling a committee meeting', () => {
  it('cancels a scheduled meeting: it keeps its record and reason, and its agenda no longer lists the waiting case', async () => {
    const id = await schedule(firstDay);
    const before = await meeting(id);
    expect(before.agenda.map((i: { caseId: string }) => i.caseId)).toContain(caseId);
    const res = await t.call('POST', `/meetings/${id}/cancel`, {
      as: 'secretary',
      body: { reason: '상정 안건 없음', expectedVersion: 1 },
      headers: { 'idempotency-key': 'cancel-0001' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.meeting).toMatchObject({
      status: 'cancelled',
      statusLabel: '취소',
      version: 2,
      cancellation: { reason: '상정 안건 없음', by: t.users.secretary.sub },
    });
    const after = await meeting(id);
    expect(after.meeting.status).toBe('cancelled');
    expect(after.agenda).toEqual([]);
    expect(after.undecided).toBe(0);

    const again = await t.call('POST', `/meetings/${id}/cancel`, {
      as: 'secretary',
      body: { reason: '상정 안건 없음', expectedVersion: 2 },
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ field: 'meetingId', rule: 'meeting_cancelled' });
    const attend = await t.call('POST', `/meetings/${id}/attendance`, {
      as: 'secretary',
      body: { presentMemberIds: ['ps-chair'] },
    });
    expect(attend.status).toBe(409);
    expect(attend.body.error).toMatchObject({ field: 'meetingId', rule: 'meeting_cancelled' });
  });

  it('neither moves nor cancels a meeting that has sat (409 meeting_held), changing nothing', async () => {
    const id = await schedule(pastBusinessDay());
    const opened = await t.call('POST', `/meetings/${id}/attendance`, {
      as: 'secretary',
      body: { presentMemberIds: ['ps-chair'] },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const before = await meeting(id);
    expect(before.meeting.status).toBe('held');
    const moved = await t.call('POST', `/meetings/${id}/reschedule`, {
      as: 'secretary',
      body: { scheduledAt: `${secondDay}T10:00:00+09:00`, reason: '변경', expectedVersion: before.meeting.version },
    });
    expect(moved.status).toBe(409);
    expect(moved.body.error).toMatchObject({ field: 'meetingId', rule: 'meeting_held' });
    const cancelled = await t.call('POST', `/meetings/${id}/cancel`, {
      as: 'secretary',
      body: { reason: '취소', expectedVersion: before.meeting.version },
    });
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error).toMatchObject({ field: 'meetingId', rule: 'meeting_held' });
    expect((await meeting(id)).meeting).toEqual(before.meeting);
  });
});
