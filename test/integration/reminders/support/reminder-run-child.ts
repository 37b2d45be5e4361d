/**
 * One deadline-reminder run in a process of its own, for the SIGKILL test: wired as the job is on
 * one machine (DynamoDB Local, SMTP to the mail catcher, the catcher asked before a resend), over
 * the parent's table. Prints `STARTED`, `SENT <address>` after each mail the server accepted, and
 * `DONE <report>` — the parent kills it at some point in between.
 *
 * Env: TABLE_NAME, AWS_ENDPOINT_URL_DYNAMODB (inherited), SMTP_PORT, LOOKUP_URL, RUN_AT (the run's
 * scheduled instant), CLOCK_AT (where this process's clock starts: each attempt one lease later,
 * as the scheduler's retries come), LEASE_MS, HEAD_SUB.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createCalendar } from '#shared/calendar/index.ts';
import { catcherDeliveryLookup } from '#shared/mail/delivery-lookup.ts';
import { createSmtpMailer } from '#shared/mail/mailer.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { cachedStaffDirectory, ReminderStore } from '#shared/store/reminder-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { deadlineReminders } from '#shared/usecases/deadline-reminders.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const tableName = env('TABLE_NAME');
const doc = createDocumentClient(new DynamoDBClient({}));
const staff = new StaffRepository(doc, tableName);
const smtp = createSmtpMailer({
  host: '127.0.0.1',
  port: Number(env('SMTP_PORT')),
  secure: false,
  from: { name: '영등포구청 감사담당관', address: 'gamsa@gamsa.local' },
});
const startedAt = Date.now();
const clockAt = Date.parse(env('CLOCK_AT'));

const job = deadlineReminders({
  store: new ReminderStore(doc, tableName),
  cases: new CaseRepository(doc, tableName),
  staffDirectory: () => cachedStaffDirectory(staff, [env('HEAD_SUB')]),
  mailer: {
    async send(mail) {
      const sent = await smtp.send(mail);
      process.stdout.write(`SENT ${mail.to[0]?.address ?? ''}\n`);
      return sent;
    },
  },
  deliveries: catcherDeliveryLookup(env('LOOKUP_URL')),
  calendar: createCalendar(),
  mail: { officeName: '영등포구청 감사담당관', baseUrl: 'http://localhost:4000' },
  messageIdDomain: 'gamsa.local',
  clock: () => new Date(clockAt + (Date.now() - startedAt)),
  options: { leaseMs: Number(env('LEASE_MS')), concurrency: 4 },
  log: () => undefined,
});

process.stdout.write('STARTED\n');
job.run(new Date(env('RUN_AT'))).then(
  (report) => {
    process.stdout.write(`DONE ${JSON.stringify({ digestsSent: report.digestsSent, recovered: report.recovered })}\n`);
    smtp.close();
    process.exit(0);
  },
  (error: unknown) => {
    process.stdout.write(`FAILED ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
    smtp.close();
    process.exit(1);
  },
);
