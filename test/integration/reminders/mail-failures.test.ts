/**
 * Failed reminder mail is recorded and retried, never silently lost (issue 6), against DynamoDB
 * Local and the real mail catcher refusing recipients at RCPT TO:
 * - a busy mailbox (450): the failure is recorded (store and case history), the reminders stay
 *   unsent, the scheduler's retry sends them once the server takes mail again;
 * - a bad address (550): recorded, the address suppressed, the administrator told; runs skip that
 *   person until the suppression is lifted, then send what was held back;
 * - a bounce SES reports after accepting a digest (an EventBridge event): the digest's reminders are
 *   released in the same transaction as the case history's MAIL_FAILED, so the next run sends them
 *   again; the same event delivered twice changes nothing more;
 * - what SES took (its Send events) is recorded by our Message-ID copy, which is what a crashed run's
 *   recovery asks on AWS before it resends a digest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF, DEMO_USERS } from '../../../infra/local/demo-data.ts';
import type { CaughtMessage } from '../../../infra/local/mail-catcher/mail-catcher.ts';
import { MailFailureStore } from '#shared/store/mail-failure-store.ts';
import { MailSendLog } from '#shared/store/mail-send-log.ts';
import { cachedStaffDirectory, ReminderStore } from '#shared/store/reminder-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { ReminderRunIncompleteError } from '#shared/usecases/deadline-reminders.ts';
import { mailFailures, type MailFailures } from '#shared/usecases/mail-failures.ts';
import {
  BASE_URL,
  createReminderWorld,
  OFFICE_NAME,
  readDigest,
  runAt,
  staffNamed,
  type OpenedTask,
  type ReminderWorld,
} from './reminder-fixture.ts';

const refusals = new Map<string, { code: number; message: string }>();
let world: ReminderWorld;
let failures: MailFailures;
let failureStore: MailFailureStore;
let sendLog: MailSendLog;
const tasks: Record<'busy' | 'bad', OpenedTask> = {} as never;
const busy = staffNamed('조현우');
const bad = staffNamed('임채원');
const admin = DEMO_USERS.admin;

const mailsTo = (messages: readonly CaughtMessage[], email: string) =>
  messages.filter((m) => m.to.some((t) => t.address === email));

async function historyOf(task: OpenedTask, type: 'MAIL_SENT' | 'MAIL_FAILED') {
  return (await world.caseRepository.history(task.caseId)).filter((e) => e.type === type);
}

beforeAll(async () => {
  world = await createReminderWorld({ rejectRecipient: (address) => refusals.get(address) });
  const staffRepository = new StaffRepository(world.table.doc, world.table.tableName);
  failureStore = new MailFailureStore(world.table.doc, world.table.tableName);
  sendLog = new MailSendLog(world.table.doc, world.table.tableName);
  failures = mailFailures({
    failures: failureStore,
    reminders: new ReminderStore(world.table.doc, world.table.tableName),
    cases: world.caseRepository,
    staffDirectory: () => cachedStaffDirectory(staffRepository, [DEMO_USERS.head.sub, admin.sub]),
    mailer: world.mailer,
    mail: { officeName: OFFICE_NAME, baseUrl: BASE_URL },
    clock: () => new Date('2026-12-17T08:31:00+09:00'),
    log: () => undefined,
    sends: sendLog,
  });
  // Both pass half their allowed time on 17 December (10 business days from 7 December).
  for (const [key, member] of [
    ['busy', busy],
    ['bad', bad],
  ] as const) {
    tasks[key] = await world.openTask({
      kind: 'case-review',
      title: `일반 검토 — ${member.name}`,
      openedAt: '2026-12-07T10:00:00+09:00',
      taskType: 'investigate',
      stage: 'investigation',
      assignTo: { sub: member.sub },
      allowedDecisions: ['submit'],
      dueInBusinessDays: 10,
    });
  }
});

afterAll(async () => {
  await world?.close();
});

describe('failed reminder mail', () => {
  it('records a refused send on the case and in the failure list, and sends it when the run is retried (busy mailbox, 450)', async () => {
    refusals.set(busy.email, { code: 450, message: 'Mailbox busy, try again later' });
    refusals.set(bad.email, { code: 550, message: 'No such user here' });
    world.setNow(runAt('2026-12-17', '08:30:30'));

    // The busy mailbox is worth another try today: the run fails so the scheduler retries it.
    await expect(world.reminderJob({ failures }).run(runAt('2026-12-17'))).rejects.toThrow(ReminderRunIncompleteError);

    const caught = world.catcher.messages();
    expect(mailsTo(caught, busy.email)).toEqual([]);
    expect(mailsTo(caught, bad.email)).toEqual([]);
    const recorded = await failureStore.recent(10);
    expect(recorded.map((f) => [f.email, f.kind, f.disposition]).sort()).toEqual([
      [bad.email, 'send-error', 'suppress'],
      [busy.email, 'send-error', 'retry'],
    ]);
    expect(recorded.find((f) => f.email === busy.email)).toMatchObject({
      recipient: { sub: busy.sub, name: busy.name },
      caseIds: [tasks.busy.caseId],
    });
    expect(recorded.find((f) => f.email === busy.email)?.detail).toContain('450');
    // On the case: who was not reached, and that it will be sent again; no reminder counts as sent.
    const failedEvents = await historyOf(tasks.busy, 'MAIL_FAILED');
    expect(failedEvents).toHaveLength(1);
    expect(failedEvents[0]?.data).toMatchObject({
      recipient: { sub: busy.sub },
      kind: 'send-error',
      disposition: 'retry',
      reminders: [{ taskId: tasks.busy.taskId, threshold: 'elapsed-50' }],
    });
    expect(String(failedEvents[0]?.data.summaryKo)).toContain('다음 발송 때 다시 보냅니다');
    expect(await historyOf(tasks.busy, 'MAIL_SENT')).toEqual([]);
    expect(await world.markersOf(tasks.busy.caseId)).toEqual([]);

    // The scheduler's retry, once the mailbox takes mail again.
    refusals.delete(busy.email);
    world.setNow(runAt('2026-12-17', '08:35:00'));
    const retry = await world.reminderJob({ failures }).run(runAt('2026-12-17'));

    expect(retry.digestsSent).toBe(1);
    const delivered = mailsTo(world.catcher.messages(), busy.email);
    expect(delivered.map((m) => readDigest(m).items)).toEqual([[`50% 경과 ${tasks.busy.caseNumber}`]]);
    expect(await historyOf(tasks.busy, 'MAIL_SENT')).toHaveLength(1);
    expect(await failures.isSuppressed(busy.email)).toBe(false);
  });

  it('suppresses a refused address (550), tells the administrator once, skips the person until the address is fixed, then sends what was held back', async () => {
    // From the first test's run: the bad address was suppressed and the administrator told.
    expect(await failures.isSuppressed(bad.email)).toBe(true);
    const notices = mailsTo(world.catcher.messages(), admin.email);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.subject).toContain('메일 수신 중단 알림');
    expect(notices[0]?.text).toContain(bad.email);
    expect(notices[0]?.text).toContain(bad.name);
    // The notice names people and addresses, never a case.
    expect(notices[0]?.text).not.toContain(tasks.bad.caseNumber);
    expect(await failureStore.pendingNotices()).toEqual([]);
    const failed = await historyOf(tasks.bad, 'MAIL_FAILED');
    expect(failed.map((e) => e.data.disposition)).toEqual(['suppress']);

    // The retry skipped the suppressed address (a permanent failure is not retried the same morning) …
    refusals.delete(bad.email);
    expect(mailsTo(world.catcher.messages(), bad.email)).toEqual([]);
    // … and so does the next morning's run: the person is reported, the run itself succeeds.
    world.setNow(runAt('2026-12-18', '08:31:00'));
    const nextDay = await world.reminderJob({ failures }).run(runAt('2026-12-18'));
    expect(nextDay.failed).toEqual([{ sub: bad.sub, retryable: false, error: expect.stringContaining('suppressed') }]);
    expect(mailsTo(world.catcher.messages(), bad.email)).toEqual([]);
    expect(mailsTo(world.catcher.messages(), admin.email)).toHaveLength(1);

    // The administrator fixed the address and lifted the suppression: the next run sends the reminder.
    await failureStore.lift(bad.email);
    world.setNow(runAt('2026-12-18', '09:00:00'));
    await world.reminderJob({ failures }).run(runAt('2026-12-18'));
    const delivered = mailsTo(world.catcher.messages(), bad.email);
    expect(delivered.map((m) => readDigest(m).items)).toEqual([[`75% 경과 ${tasks.bad.caseNumber}`]]);
    // Theirs once; the team lead was told of the 75% on their own digest the morning before.
    const sentOnBad = (await historyOf(tasks.bad, 'MAIL_SENT')).map((e) => e.data.recipient as { sub: string });
    expect(sentOnBad.filter((r) => r.sub === bad.sub)).toEqual([{ sub: bad.sub, name: bad.name }]);
    expect(sentOnBad.filter((r) => r.sub !== bad.sub)).toHaveLength(1);
  });

  it('releases a digest SES reports as bounced after accepting it, records it on the case once, and the next run sends it again', async () => {
    // 18 December's digest to 조현우 (the 75% reminder), accepted and then bounced.
    const digestMail = mailsTo(world.catcher.messages(), busy.email).find((m) =>
      readDigest(m).items[0]?.startsWith('75%'),
    )!;
    const digestId = digestMail.headers['x-gamsa-digest'];
    expect(digestId).toBeTruthy();
    const markersBefore = await world.markersOf(tasks.busy.caseId);
    expect(markersBefore.map((m) => [m.threshold, m.status]).sort()).toEqual([
      ['elapsed-50', 'sent'],
      ['elapsed-75', 'sent'],
      ['escalated-75', 'sent'],
    ]);

    const bounce = {
      version: '0',
      id: 'c5a1e9f0-0000-4000-8000-000000000001',
      'detail-type': 'Email Bounced',
      source: 'aws.ses',
      account: '123456789012',
      time: '2026-12-18T00:36:00Z',
      region: 'ap-northeast-2',
      resources: [],
      detail: {
        eventType: 'Bounce',
        bounce: {
          feedbackId: 'feedback-1',
          bounceType: 'Transient',
          bounceSubType: 'MailboxFull',
          bouncedRecipients: [
            {
              emailAddress: busy.email,
              action: 'failed',
              status: '4.2.2',
              diagnosticCode: 'smtp; 452 4.2.2 mailbox full',
            },
          ],
          timestamp: '2026-12-18T00:36:00.000Z',
          reportingMTA: 'dns; a1-2.smtp-out.amazonses.com',
        },
        mail: {
          timestamp: '2026-12-18T00:35:00.000Z',
          source: 'gamsa@gamsa.local',
          sendingAccountId: '123456789012',
          messageId: '0100018c-ses-id',
          destination: [busy.email],
          headersTruncated: false,
          headers: [
            { name: 'Message-ID', value: digestMail.messageId! },
            { name: 'X-Gamsa-Digest', value: digestId! },
            { name: 'X-Gamsa-Template', value: 'deadline-digest' },
          ],
          commonHeaders: { messageId: digestMail.messageId!, subject: digestMail.subject },
          tags: { 'ses:configuration-set': ['gamsa-mail'] },
        },
      },
    };

    const first = await failures.onSesEvent(bounce);
    const again = await failures.onSesEvent(bounce);

    expect(first).toEqual([
      { email: busy.email, kind: 'bounce', disposition: 'retry', recorded: true, released: 1, suppressed: false },
    ]);
    expect(again).toEqual([
      { email: busy.email, kind: 'bounce', disposition: 'retry', recorded: false, released: 0, suppressed: false },
    ]);
    const busyMarkers = (await world.markersOf(tasks.busy.caseId)).filter((m) => m.recipientSub === busy.sub);
    expect(busyMarkers.map((m) => m.threshold)).toEqual(['elapsed-50']);
    const bounced = (await historyOf(tasks.busy, 'MAIL_FAILED')).filter((e) => e.data.kind === 'bounce');
    expect(bounced).toHaveLength(1);
    expect(bounced[0]?.data).toMatchObject({
      digestId,
      messageId: digestMail.messageId,
      disposition: 'retry',
      reminders: [{ threshold: 'elapsed-75' }],
    });

    // The next run of that morning sends the released reminder again (a new digest, a new message).
    await world.catcher.clear();
    world.setNow(runAt('2026-12-18', '10:00:00'));
    const rerun = await world.reminderJob({ failures }).run(runAt('2026-12-18'));
    expect(rerun.digestsSent).toBe(1);
    const resent = mailsTo(world.catcher.messages(), busy.email);
    expect(resent.map((m) => readDigest(m).items)).toEqual([[`75% 경과 ${tasks.busy.caseNumber}`]]);
    expect(resent[0]?.messageId).not.toBe(digestMail.messageId);
    expect(world.catcher.messages()).toHaveLength(1);
    // Theirs: 50%, the bounced 75% and its resend; and the team lead's 75% escalation.
    expect(await historyOf(tasks.busy, 'MAIL_SENT')).toHaveLength(4);
  });

  it('suppresses an address SES reports a complaint for, and refuses an event that is not an SES event', async () => {
    const complaint = {
      source: 'aws.ses',
      'detail-type': 'Email Complaint Received',
      detail: {
        eventType: 'Complaint',
        complaint: {
          complainedRecipients: [{ emailAddress: DEMO_STAFF.find((m) => m.name === '문가영')!.email }],
          timestamp: '2026-12-17T01:00:00.000Z',
          feedbackId: 'f-2',
          complaintFeedbackType: 'abuse',
        },
        mail: { timestamp: '2026-12-17T00:40:00.000Z', messageId: 'ses-2', destination: [], headers: [] },
      },
    };
    const outcome = await failures.onSesEvent(complaint);
    expect(outcome).toEqual([
      expect.objectContaining({ kind: 'complaint', disposition: 'suppress', suppressed: true, released: 0 }),
    ]);
    expect(await failures.isSuppressed('gayoung.moon@gamsa.local')).toBe(true);
    await expect(
      failures.onSesEvent({ source: 'aws.ses', 'detail-type': 'Email Bounced', detail: { eventType: 'Bounce' } }),
    ).rejects.toThrow(/bounce|mail/);
  });

  it('records each mail SES took (a Send event) by our own Message-ID copy, which the recovery asks before resending', async () => {
    const digest = world.catcher.messages().find((m) => m.headers['x-gamsa-digest'] !== undefined);
    expect(digest).toBeDefined();
    // The copy SES keeps even where it replaces Message-ID is the very id the outbox asks about.
    expect(digest!.headers['x-gamsa-message-id']).toBe(digest!.messageId);
    expect(await sendLog.find(digest!.messageId!)).toEqual({ found: false });

    const sent = {
      source: 'aws.ses',
      'detail-type': 'Email Sent',
      detail: {
        eventType: 'Send',
        send: {},
        mail: {
          timestamp: '2026-12-18T00:35:00.000Z',
          messageId: '0100018c-ses-sent',
          destination: digest!.to.map((t) => t.address),
          headers: [
            { name: 'Message-ID', value: '<0100018c-ses-sent@email.amazonses.com>' },
            { name: 'X-Gamsa-Message-ID', value: digest!.headers['x-gamsa-message-id']! },
            { name: 'X-Gamsa-Digest', value: digest!.headers['x-gamsa-digest']! },
          ],
          tags: { 'ses:configuration-set': ['gamsa-mail'] },
        },
      },
    };
    // Not a failure; delivered twice (EventBridge may), it records the same thing.
    expect(await failures.onSesEvent(sent)).toEqual([]);
    expect(await failures.onSesEvent(sent)).toEqual([]);
    expect(await sendLog.find(digest!.messageId!)).toEqual({ found: true, providerMessageId: '0100018c-ses-sent' });
    expect(await sendLog.find('<reminder.unknown.1@gamsa.local>')).toEqual({ found: false });
  });
});
