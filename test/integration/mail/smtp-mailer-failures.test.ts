import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { freePort } from '../../../infra/local/dynamodb-local.ts';
import { buildMail } from '#shared/mail/mail-message.ts';
import { createSmtpMailer, MailSendError } from '#shared/mail/mailer.ts';

const mail = buildMail(
  {
    template: 'deadline-digest',
    recipient: { name: '김조사', email: 'gone@example.go.kr' },
    asOf: '2026-11-27',
    items: [
      {
        urgency: 'due-today',
        case: {
          caseId: 'C03',
          caseNumber: '2026-민원-0311',
          title: '고충민원 처리',
          dueDate: '2026-11-27',
          sealed: false,
        },
      },
    ],
  },
  { officeName: 'OO구청 감사담당관', baseUrl: 'http://localhost:4000' },
);

const from = { name: 'OO구청 감사담당관', address: 'no-reply@gamsa.local' };

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the send to fail');
    },
    (error: unknown) => error,
  );
}

describe('SMTP mailer failures', () => {
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    // A server that refuses this recipient permanently, as a real relay does for an unknown mailbox.
    server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (_address, _session, callback) =>
        callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 })),
    });
    port = await new Promise<number>((resolve, reject) => {
      server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
      server.server.once('error', reject);
    });
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reports a refused recipient as a MailSendError that is not worth retrying', async () => {
    const mailer = createSmtpMailer({ host: '127.0.0.1', port, secure: false, from });

    const error = await failure(mailer.send(mail));
    mailer.close();

    expect(error).toBeInstanceOf(MailSendError);
    expect(error).toMatchObject({
      name: 'MailSendError',
      transport: 'smtp',
      transportCode: 'EENVELOPE',
      retryable: false,
    });
    expect((error as MailSendError).cause).toMatchObject({ responseCode: 550 });
  });

  it('reports an unreachable server as a retryable MailSendError', async () => {
    const closedPort = await freePort();
    const mailer = createSmtpMailer({ host: '127.0.0.1', port: closedPort, secure: false, from, timeoutMs: 2_000 });

    const error = await failure(mailer.send(mail));
    mailer.close();

    expect(error).toBeInstanceOf(MailSendError);
    expect(error).toMatchObject({ transport: 'smtp', retryable: true });
    expect((error as MailSendError).transportCode).toMatch(/^(ECONNECTION|ESOCKET)$/);
  });
});
