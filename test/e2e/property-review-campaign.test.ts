/**
 * 재산등록 심사 end to end through the HTTP API: a yearly campaign as one case whose registrants are
 * records under it —
 *
 * - registration due dates by type (법 제5·6조), an extension within 30 days (시행령 제7조), a supplement
 *   order due 20 days from receipt (법 제8조②, 시행령 제10조), two refused summonses allowing a complaint
 *   (시행령 제11조), a fine resolved by the committee at a meeting the system recorded (법 제8조의2);
 * - a reviewer refused for their own registration and their team lead's (시행령 제3조⑥);
 * - a registration read only with a permitted reason, and the read recorded (시행령 제26조);
 * - the campaign's submission refused while registrants are open; a generated campaign of
 *   PROPERTY_CAMPAIGN_SIZE registrants (default 100; 500 is the office's yearly volume, run with PROPERTY_CAMPAIGN_SIZE=500) reviewed with progress, its counts in the case,
 *   the docket and the office report equal to the runner's tally; the head approves, the
 *   공직자윤리위원회 resolves the results at a recorded meeting, and the lifecycle closes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import {
  extendedRegistrationDueOn,
  registrationDueOn,
  registrationPeriod,
  replyDueOn,
  reviewDue,
} from '#shared/kinds/property-review/property-review-deadlines.ts';
import { runPropertyCampaign, startPropertyCampaign, type Call } from '../../infra/ops/property-campaign.ts';
import { readRegistrantFile } from '../../infra/ops/registrant-file.ts';
import { addDays } from '#shared/calendar/korea-dates.ts';
import { DEMO_STAFF } from '../../infra/local/demo-data.ts';
import { startTestSystem } from '../support/local-system.ts';
import { headOfOffice, staffApi, staffNamed } from '../support/staff-api.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
const { call, decide, tryDecide, caseOf, openTask } = staffApi(() => t);

const head = headOfOffice;
const lead = staffNamed('최유진');
const reviewer = staffNamed('박준형');
const colleague = staffNamed('조현우');
const secretary = DEMO_STAFF.find((m) => m.roles.includes('secretary'))!;

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => t?.system.close());

const calendar = createCalendar();
const today = koreaDate(new Date());
const daysBefore = (on: string, days: number) =>
  new Date(Date.parse(`${on}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
/** The committee sits on the last business day up to today (CI may run on a weekend). */
function meetingDay(): string {
  let d = today;
  while (!calendar.isBusinessDay(d)) d = addDays(d, -1);
  return d;
}

const person = (no: string, over: Record<string, unknown> = {}) => ({
  registrantNo: no,
  name: '홍길동',
  category: 'district-official',
  department: '도로관리과',
  position: '지방시설주사(6급)',
  registrationType: 'yearly',
  eventOn: `${year}-01-01`,
  ...over,
});

describe('one campaign, registrant by registrant', () => {
  let caseId = '';
  const act = (m: typeof lead, no: string, body: unknown) =>
    call(m, 'POST', `/cases/${caseId}/registrants/${no}/actions`, body);

  it('is received as a campaign and assigned; registrants get the due date of their registration type', async () => {
    const res = await call(lead, 'POST', '/cases', {
      kind: 'property-review',
      title: `${year}년 정기 재산변동신고 심사`,
      propertyReview: { year, registrationType: 'yearly' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    caseId = res.body.case.caseId;
    await decide(lead, caseId, 'assign', { decision: 'assign', assigneeSub: reviewer.sub });

    const newcomerOn = daysBefore(today, 5);
    const added = await call(lead, 'POST', `/cases/${caseId}/registrants`, {
      registrants: [
        person('A-1'),
        person('A-2', { name: reviewer.name, staffSub: reviewer.sub, department: '감사담당관' }),
        person('A-3', { name: lead.name, staffSub: lead.sub, department: '감사담당관' }),
        person('A-4', { registrationType: 'initial', eventOn: newcomerOn }),
      ],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.added).toBe(4);
    expect(added.body.tally).toMatchObject({ 'awaiting-filing': 4, total: 4 });
    const again = await call(lead, 'POST', `/cases/${caseId}/registrants`, { registrants: [person('A-1')] });
    expect(again.body).toMatchObject({ added: 0, skipped: 1 });

    const docket = await call(reviewer, 'GET', `/cases/${caseId}/registrants`);
    const due = Object.fromEntries(
      docket.body.items.map((i: { registrantNo: string; dueOn: string }) => [i.registrantNo, i.dueOn]),
    );
    expect(due['A-1']).toBe(registrationDueOn('yearly', `${year}-01-01`, calendar));
    expect(due['A-4']).toBe(registrationDueOn('initial', newcomerOn, calendar));
    expect(docket.body.items.every((i: { reviewTargetOn?: string }) => i.reviewTargetOn === undefined)).toBe(true);

    // 등록기간 연장: at most 30 days from the period's end (시행령 제7조).
    const tooLong = await act(lead, 'A-4', { action: 'extend', days: 31, reason: '병가' });
    expect(tooLong.status).toBe(400);
    const extended = await act(lead, 'A-4', { action: 'extend', days: 30, reason: '병가' });
    expect(extended.status, JSON.stringify(extended.body)).toBe(200);
    expect(extended.body.registrant.dueOn).toBe(
      extendedRegistrationDueOn(registrationPeriod('initial', newcomerOn).endsOn, 30, calendar),
    );
  });

  it('refuses a reviewer for their own registration and for their team lead’s', async () => {
    for (const no of ['A-1', 'A-2', 'A-3'])
      expect((await act(lead, no, { action: 'file', filedOn: `${year}-02-20` })).status).toBe(200);
    const filed = await call(reviewer, 'GET', `/cases/${caseId}/registrants?state=received`);
    expect(filed.body.items).toHaveLength(3);
    // The review's own target is a setting (구 docket: no statutory limit, 법 제8조⑩).
    expect(filed.body.items[0].reviewTargetOn).toBe(reviewDue(`${year}-02-20`, calendar).dueAt.slice(0, 10));
    const own = await act(reviewer, 'A-2', { action: 'start-review' });
    expect(own.status).toBe(403);
    expect(own.body.error.rule).toBe('conflict_of_interest_self');
    expect(own.body.error.messageKo).toContain('본인의 재산등록');
    const leads = await act(colleague, 'A-3', { action: 'start-review' });
    expect(leads.status).toBe(403);
    expect(leads.body.error.rule).toBe('conflict_of_interest_team_lead');
    // Naming a reviewer does not get round it either.
    const named = await act(lead, 'A-2', { action: 'start-review', reviewerSub: reviewer.sub });
    expect(named.status).toBe(403);
    expect((await act(colleague, 'A-2', { action: 'start-review' })).status).toBe(200);
    expect((await act(head, 'A-3', { action: 'start-review' })).status).toBe(200);
  });

  it('orders a supplement due 20 days from receipt, counts refused summonses, and takes a fine only by resolution', async () => {
    expect((await act(reviewer, 'A-1', { action: 'start-review' })).status).toBe(200);
    const receivedOn = daysBefore(today, 3);
    const ordered = await act(reviewer, 'A-1', {
      action: 'order',
      kind: 'supplement',
      issuedOn: daysBefore(today, 4),
      receivedOn,
    });
    expect(ordered.status, JSON.stringify(ordered.body)).toBe(200);
    expect(ordered.body.registrant.orders[0].dueOn).toBe(replyDueOn(receivedOn, calendar));
    expect(ordered.body.case.propertyReview.tally).toMatchObject({
      'supplement-ordered': 1,
    });
    expect((await act(reviewer, 'A-1', { action: 'answer', kind: 'supplement', answeredOn: today })).status).toBe(200);
    for (const outcome of ['refused', 'absent'])
      expect((await act(reviewer, 'A-1', { action: 'summons', sentOn: today, outcome })).status).toBe(200);

    const fineWithout = await act(reviewer, 'A-1', {
      action: 'decide',
      result: { clean: false, measures: ['fine'], reasons: '정당한 사유 없는 출석 거부' },
    });
    expect(fineWithout.status).toBe(400);
    expect(fineWithout.body.error.field).toBe('resolution');
    const fine = (resolution: Record<string, unknown>) =>
      act(reviewer, 'A-1', {
        action: 'decide',
        result: { clean: false, measures: ['fine'], reasons: '정당한 사유 없는 출석 거부', resolution },
      });
    // The resolution names a meeting of the 공직자윤리위원회 the system recorded, with its attendance.
    const madeUp = await fine({ meetingId: 'ethics-meeting-1', resolvedOn: today, membersPresent: 6, votesFor: 5 });
    expect(madeUp.status).toBe(400);
    expect(madeUp.body.error.rule).toBe('no_such_meeting');
    const day = meetingDay();
    const meeting = await call(secretary, 'POST', '/committees/ethics/meetings', {
      scheduledAt: `${day}T10:00:00+09:00`,
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const meetingId = meeting.body.meeting.meetingId as string;
    const notHeld = await fine({ meetingId, resolvedOn: day, membersPresent: 6, votesFor: 5 });
    expect(notHeld.body.error?.rule).toBe('meeting_not_held');
    const present = ['et-chair', 'et-accountant', 'et-professor', 'et-tax', 'et-civic', 'et-admin'];
    const attended = await call(secretary, 'POST', `/meetings/${meetingId}/attendance`, { presentMemberIds: present });
    expect(attended.status, JSON.stringify(attended.body)).toBe(200);
    const miscounted = await fine({ meetingId, resolvedOn: day, membersPresent: 7, votesFor: 5 });
    expect(miscounted.body.error?.rule).toBe('attendance_mismatch');
    const fined = await fine({ meetingId, resolvedOn: day, membersPresent: 6, votesFor: 5 });
    expect(fined.status, JSON.stringify(fined.body)).toBe(200);
    expect(fined.body.registrant.result.resolution).toMatchObject({ meetingId, resolvedOn: day });
    expect((await act(reviewer, 'A-1', { action: 'notice', to: '도로관리과장', notifiedOn: today })).status).toBe(200);
  });

  it('shows a registration only for a permitted reason, and records the read', async () => {
    const none = await call(reviewer, 'GET', `/cases/${caseId}/registrants/A-1`);
    expect(none.status).toBe(400);
    const selfOther = await call(reviewer, 'GET', `/cases/${caseId}/registrants/A-1?reason=self`);
    expect(selfOther.status).toBe(403);
    const read = await call(reviewer, 'GET', `/cases/${caseId}/registrants/A-1?reason=review`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.mayComplainToProsecutors).toBe(true);
    expect(read.body.registrant.result.measures).toEqual(['fine']);
    const history = await call(head, 'GET', `/cases/${caseId}/history`);
    expect(history.body.verification.ok).toBe(true);
    const reads = history.body.events.filter((e: { type: string }) => e.type === 'REGISTRATION_READ');
    expect(reads).toHaveLength(1);
    expect(reads[0].data).toMatchObject({ registrantNo: 'A-1', reason: 'review' });
    expect(reads[0].actor.sub).toBe(reviewer.sub);
  });

  it('refuses the campaign’s submission while registrants are open', async () => {
    const early = await tryDecide(reviewer, caseId, 'property-review-campaign', {
      decision: 'complete-campaign',
      summary: '전원 심사 완료',
    });
    expect(early.status).toBe(400);
    expect(early.body.error.rule).toBe('registrants_open');
  });
});

describe('a campaign from a registrant list file (npm run property-campaign)', () => {
  it('checks every row first, then starts once: the same file again continues the same campaign', async () => {
    const csv = [
      'registrantNo,name,category,department,position,staffSub',
      'F-1,김민준,district-official,건축과,지방시설주사(6급),',
      'F-2,이서연,affiliated-body,구시설관리공단,과장,',
      `F-3,${reviewer.name},district-official,감사담당관,지방행정주사(6급),${reviewer.sub}`,
    ].join('\n');
    expect(() =>
      readRegistrantFile(`${csv}\nF-4,박하은,nobody,세무1과,주무관,`, 'csv', { year, registrationType: 'yearly' }),
    ).toThrow(/5행: category/);
    const list = readRegistrantFile(csv, 'csv', { year, registrationType: 'yearly' });
    const adapter: Call = (as, method, path, body, headers) => call(as as typeof lead, method, path, body, headers);
    const campaign = {
      year,
      registrationType: 'yearly' as const,
      title: '명단 파일 심사',
      registrants: list,
      idempotencyKey: `file-${year}`,
    };
    const progress: number[] = [];
    const first = await startPropertyCampaign(adapter, lead, campaign, (done) => progress.push(done));
    expect(first).toMatchObject({ added: 3, skipped: 0, tally: { 'awaiting-filing': 3, total: 3 } });
    expect(progress).toEqual([3]);
    const again = await startPropertyCampaign(adapter, lead, campaign);
    expect(again).toMatchObject({ caseId: first.caseId, added: 0, skipped: 3 });
    const docket = await call(head, 'GET', `/cases/${first.caseId}/registrants`);
    expect(docket.body.items.map((i: { registrantNo: string; dueOn: string }) => [i.registrantNo, i.dueOn])).toEqual(
      ['F-1', 'F-2', 'F-3'].map((no) => [no, registrationDueOn('yearly', `${year}-01-01`, calendar)]),
    );
  });
});

describe('a generated yearly campaign', () => {
  const size = Number(process.env.PROPERTY_CAMPAIGN_SIZE ?? 100);

  it(`reviews ${size} registrants with progress, and every count equals the runner's tally`, {
    timeout: 1_800_000,
  }, async () => {
    let last = '';
    const run = await runPropertyCampaign(
      (as, method, path, body, headers) => call(as as typeof lead, method, path, body, headers),
      { lead, head, reviewers: [reviewer, colleague] },
      { year, registrants: size, filedOn: `${year}-02-20`, receivedOn: `${year}-03-10`, answeredOn: `${year}-03-20` },
      (done, total, label) => {
        if (done % 50 === 0 || done === total) {
          last = label;
          console.log(`[재산등록 심사] ${label}`);
        }
      },
    );
    expect(last).toBe(`심사 ${size}/${size}`);
    expect(run.conflictsRefused).toBe(4);

    const docket = await call(head, 'GET', `/cases/${run.caseId}/registrants`);
    expect(docket.body.items).toHaveLength(size);
    expect(docket.body.tally).toEqual({
      'awaiting-filing': 0,
      received: 0,
      'under-review': 0,
      'supplement-ordered': 0,
      done: run.tally.done,
      total: run.tally.total,
    });
    expect(docket.body.items.filter((i: { state: string }) => i.state === 'done')).toHaveLength(run.tally.done!);

    const from = `${year}-01-01`;
    const report = await call(head, 'GET', `/reports/office?from=${from}&to=${today}`);
    expect(report.status).toBe(200);
    const table = report.body.tables.find((tb: { id: string }) => tb.id === 'property-review-campaigns');
    const row = table.rows.find((r: { key: string }) => r.key === run.caseId);
    expect(row.cells).toMatchObject({ total: size, done: size, 'under-review': 0 });

    await decide(lead, run.caseId, 'assign', { decision: 'assign', assigneeSub: reviewer.sub });
    await decide(reviewer, run.caseId, 'property-review-campaign', {
      decision: 'complete-campaign',
      summary: '전원 심사 완료',
    });
    await decide(head, run.caseId, 'approve', { decision: 'approve' });

    // The results wait on the 공직자윤리위원회's agenda; its secretary records the meeting's resolution.
    const waiting = await openTask(run.caseId);
    expect(waiting).toMatchObject({ type: 'property-review-resolution', committee: 'ethics' });
    const meeting = await call(secretary, 'POST', '/committees/ethics/meetings', {
      scheduledAt: `${meetingDay()}T15:00:00+09:00`,
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const meetingId = meeting.body.meeting.meetingId as string;
    const agenda = await call(secretary, 'GET', `/meetings/${meetingId}`);
    expect(agenda.body.agenda.map((i: { caseId: string }) => i.caseId)).toContain(run.caseId);
    const present = ['et-chair', 'et-accountant', 'et-professor', 'et-tax', 'et-civic'];
    expect(
      (await call(secretary, 'POST', `/meetings/${meetingId}/attendance`, { presentMemberIds: present })).status,
    ).toBe(200);
    const resolved = await call(secretary, 'POST', `/meetings/${meetingId}/items/${waiting.taskId}/decision`, {
      votes: { for: present },
      form: { decision: 'resolve-campaign-results', resolutionKo: '심사 결과 원안 의결' },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body.decision).toMatchObject({ decision: 'resolve-campaign-results', present: 5, enrolled: 7 });

    const closed = await caseOf(run.caseId);
    expect(closed.stage).toBe('closed');
    expect(closed.propertyReview).toMatchObject({ completedOn: today, approvedOn: today, resolvedOn: today });
    const history = await call(head, 'GET', `/cases/${run.caseId}/history`);
    expect(history.body.verification.ok).toBe(true);
  });
});
