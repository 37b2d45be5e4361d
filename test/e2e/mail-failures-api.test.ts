/**
 * Undelivered mail over the HTTP API on the local system: a permanent SES bounce goes through the
 * mail-events handler (the real parser and use case), a refused send with the cases it was about is
 * recorded in the store; the head of office and admins list them with case numbers only, other
 * roles are refused; an admin lifts a suppression (idempotently), an address that is not suppressed
 * answers 404 and a bad body 400, each naming the field.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-data.ts';
import { handleMailEvent } from '../../functions/jobs/mail-events.handler.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { MailFailureStore } from '#shared/store/mail-failure-store.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { cachedStaffDirectory, ReminderStore } from '#shared/store/reminder-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { mailFailures } from '#shared/usecases/mail-failures.ts';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
let store: MailFailureStore;
let client: DynamoDBClient;
const sealedTitle = '내부 공익신고 — 비공개 사건 제목';
let caseNumber: string;
const bouncedEmail = 'gone.away@gamsa.local';
const refusedEmail = DEMO_USERS.investigator.email;

beforeAll(async () => {
  t = await startTestSystem();
  client = new DynamoDBClient({ endpoint: t.system.dynamoEndpoint });
  const doc = createDocumentClient(client);
  const tableName = process.env.TABLE_NAME!;
  store = new MailFailureStore(doc, tableName);

  const created = await t.call('POST', '/cases', {
    as: 'clerk',
    body: {
      kind: 'grievance',
      title: sealedTitle,
      channel: '응답소',
      department: '건축과',
      receivedAt: '2026-11-20T10:30:00+09:00',
    },
  });
  expect(created.status).toBe(201);
  await t.system.stepFunctions.settle();
  caseNumber = created.body.case.caseNumber;

  // A refused send (SMTP 550) of a digest about that case, recorded as the reminder outbox does.
  await store.record(
    {
      kind: 'send-error',
      disposition: 'suppress',
      email: refusedEmail,
      messageId: '<digest-1@gamsa.local>',
      providerMessageId: undefined,
      digestId: 'digest-1',
      template: 'deadline-digest',
      detail: '550 5.1.1 user unknown',
      at: '2026-11-25T08:31:00+09:00',
      mailRef: '<digest-1@gamsa.local>',
      recipient: { sub: DEMO_USERS.investigator.sub, name: DEMO_USERS.investigator.name },
      caseIds: [created.body.case.caseId],
    },
    new Date('2026-11-24T23:31:00Z'),
  );
  await store.suppress({
    email: refusedEmail,
    kind: 'send-error',
    detail: '550 5.1.1 user unknown',
    since: '2026-11-25T08:31:00+09:00',
    recipient: { sub: DEMO_USERS.investigator.sub, name: DEMO_USERS.investigator.name },
  });

  // A permanent bounce SES reports (EventBridge), through the mail-events handler.
  const staff = new StaffRepository(doc, tableName);
  const sent: string[] = [];
  const failures = mailFailures({
    failures: store,
    reminders: new ReminderStore(doc, tableName),
    cases: new CaseRepository(doc, tableName),
    staffDirectory: () => cachedStaffDirectory(staff, [DEMO_USERS.head.sub]),
    mailer: {
      send: async (mail) => {
        sent.push(mail.subject);
        return { messageId: '<notice@gamsa.local>' } as never;
      },
    },
    mail: { officeName: '감사담당관실', baseUrl: 'http://localhost' },
    clock: () => new Date('2026-11-25T00:00:00Z'),
    log: () => undefined,
  });
  const outcome = await handleMailEvent(
    {
      version: '0',
      id: 'c5a1e9f0-0000-4000-8000-0000000000aa',
      'detail-type': 'Email Bounced',
      source: 'aws.ses',
      account: '123456789012',
      time: '2026-11-25T00:36:00Z',
      region: 'ap-northeast-2',
      resources: [],
      detail: {
        eventType: 'Bounce',
        bounce: {
          feedbackId: 'feedback-aa',
          bounceType: 'Permanent',
          bounceSubType: 'General',
          bouncedRecipients: [
            {
              emailAddress: bouncedEmail,
              action: 'failed',
              status: '5.1.1',
              diagnosticCode: 'smtp; 550 5.1.1 no such user',
            },
          ],
          timestamp: '2026-11-25T00:36:00.000Z',
          reportingMTA: 'dns; a1-2.smtp-out.amazonses.com',
        },
        mail: {
          timestamp: '2026-11-25T00:35:00.000Z',
          source: 'gamsa@gamsa.local',
          sendingAccountId: '123456789012',
          messageId: '0100018c-ses-aa',
          destination: [bouncedEmail],
          headersTruncated: false,
          headers: [{ name: 'Message-ID', value: '<notice-aa@gamsa.local>' }],
          commonHeaders: { messageId: '<notice-aa@gamsa.local>', subject: '알림' },
          tags: { 'ses:configuration-set': ['gamsa-mail'] },
        },
      },
    },
    failures,
  );
  expect(outcome.outcomes).toEqual([
    expect.objectContaining({
      email: bouncedEmail,
      kind: 'bounce',
      disposition: 'suppress',
      recorded: true,
      suppressed: true,
    }),
  ]);
});
afterAll(async () => {
  client?.destroy();
  await t?.system.close();
});

describe('GET /mail/failures', () => {
  it('lists recent failures with case numbers only, and the suppressed addresses, to admins and the head of office', async () => {
    for (const as of ['admin', 'head'] as const) {
      const res = await t.call('GET', '/mail/failures', { as });
      expect(res.status).toBe(200);
      expect(res.body.failures).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            email: bouncedEmail,
            kind: 'bounce',
            permanence: 'permanent',
            messageId: '<notice-aa@gamsa.local>',
            caseNumbers: [],
          }),
          expect.objectContaining({
            email: refusedEmail,
            kind: 'smtp-refusal',
            permanence: 'permanent',
            at: '2026-11-25T08:31:00+09:00',
            messageId: '<digest-1@gamsa.local>',
            recipient: { sub: DEMO_USERS.investigator.sub, name: DEMO_USERS.investigator.name },
            caseNumbers: [caseNumber],
          }),
        ]),
      );
      expect(res.body.suppressions.map((s: { email: string }) => s.email).sort()).toEqual(
        [bouncedEmail, refusedEmail].sort(),
      );
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(sealedTitle);
      expect(text).not.toContain('caseIds');
      expect(text).not.toContain('gsi');
    }
  });

  it('refuses auditors, committee members and other staff', async () => {
    for (const as of ['auditor', 'member', 'team-lead'] as const) {
      const res = await t.call('GET', '/mail/failures', { as });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await t.call('GET', '/mail/failures')).status).toBe(401);
  });
});

describe('POST /mail/suppressions/lift', () => {
  it('is for admins only', async () => {
    for (const as of ['head', 'auditor', 'member'] as const) {
      const res = await t.call('POST', '/mail/suppressions/lift', { as, body: { email: bouncedEmail } });
      expect(res.status).toBe(403);
    }
    expect((await store.suppressedAmong([bouncedEmail])).size).toBe(1);
  });

  it('lifts a suppression once; a retry with the same Idempotency-Key replays it', async () => {
    const headers = { 'idempotency-key': 'lift-refused-0001' };
    const first = await t.call('POST', '/mail/suppressions/lift', {
      as: 'admin',
      body: { email: refusedEmail.toUpperCase() },
      headers,
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ email: refusedEmail, lifted: true, replayed: false });
    expect((await store.suppressedAmong([refusedEmail])).size).toBe(0);

    const again = await t.call('POST', '/mail/suppressions/lift', {
      as: 'admin',
      body: { email: refusedEmail.toUpperCase() },
      headers,
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ email: refusedEmail, lifted: true, replayed: true });

    const list = await t.call('GET', '/mail/failures', { as: 'admin' });
    expect(list.body.suppressions.map((s: { email: string }) => s.email)).toEqual([bouncedEmail]);
    // The failure record stays: it is history, not a suppression.
    expect(list.body.failures.map((f: { email: string }) => f.email)).toContain(refusedEmail);
  });

  it('answers 404 naming the field when the address is not suppressed', async () => {
    const res = await t.call('POST', '/mail/suppressions/lift', { as: 'admin', body: { email: 'nobody@gamsa.local' } });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', field: 'email', rule: 'not_suppressed' });
    // Lifted already: not suppressed any more.
    const twice = await t.call('POST', '/mail/suppressions/lift', { as: 'admin', body: { email: refusedEmail } });
    expect(twice.status).toBe(404);
  });

  it('refuses a bad body with 400 naming the field', async () => {
    const notEmail = await t.call('POST', '/mail/suppressions/lift', {
      as: 'admin',
      body: { email: 'not-an-address' },
    });
    expect(notEmail.status).toBe(400);
    expect(JSON.stringify(notEmail.body.error)).toContain('email');
    const extra = await t.call('POST', '/mail/suppressions/lift', {
      as: 'admin',
      body: { email: bouncedEmail, force: true },
    });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body.error)).toContain('force');
    const missing = await t.call('POST', '/mail/suppressions/lift', { as: 'admin', body: {} });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.error)).toContain('email');
    expect((await store.suppressedAmong([bouncedEmail])).size).toBe(1);
  });
});
