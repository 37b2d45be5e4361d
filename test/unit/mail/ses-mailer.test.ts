import { describe, expect, it } from 'vitest';
import { MessageRejected, type SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { simpleParser } from 'mailparser';
import { buildMail } from '#shared/mail/mail-message.ts';
import { createSesMailer, MailSendError, type SesSendingClient } from '#shared/mail/mailer.ts';

const mail = buildMail(
  {
    template: 'deadline-digest',
    recipient: { name: '김조사', email: 'investigator@example.go.kr' },
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

/** Stands in for SESv2Client: records each SendEmailCommand, answers or fails as told. */
function recordingClient(answer: () => Promise<unknown>) {
  const commands: SendEmailCommand[] = [];
  const client = {
    config: { region: async () => 'ap-northeast-2' },
    send: async (command: SendEmailCommand) => {
      commands.push(command);
      return answer();
    },
  } as unknown as SesSendingClient;
  return { client, commands };
}

describe('SES mailer', () => {
  it('sends the built mail as one raw MIME message through SendEmailCommand', async () => {
    const { client, commands } = recordingClient(async () => ({ MessageId: '0100018f-abc' }));
    const mailer = createSesMailer({
      sesClient: client,
      from: { name: 'OO구청 감사담당관', address: 'no-reply@example.go.kr' },
      configurationSetName: 'gamsa',
    });

    const sent = await mailer.send(mail);

    expect(sent.messageId).toBe('<0100018f-abc@ap-northeast-2.amazonses.com>');
    expect(commands).toHaveLength(1);
    const input = commands[0]?.input;
    expect(input?.Destination?.ToAddresses).toEqual(['investigator@example.go.kr']);
    expect(input?.ConfigurationSetName).toBe('gamsa');
    const raw = input?.Content?.Raw?.Data;
    if (!raw) throw new Error('no raw message was sent');
    const parsed = await simpleParser(Buffer.from(raw));
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.from?.value).toEqual([{ name: 'OO구청 감사담당관', address: 'no-reply@example.go.kr' }]);
    expect(parsed.text?.trim()).toBe(mail.text.trim());
    expect(parsed.html).toContain('2026-민원-0311');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('turns throttling into a retryable MailSendError that keeps the SDK error as its cause', async () => {
    const throttled = new TooManyRequestsException({
      message: 'Maximum sending rate exceeded',
      $metadata: { httpStatusCode: 429 },
    });
    const { client } = recordingClient(async () => Promise.reject(throttled));
    const mailer = createSesMailer({ sesClient: client, from: { name: 'x', address: 'no-reply@example.go.kr' } });

    const error = await mailer.send(mail).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(MailSendError);
    expect(error).toMatchObject({
      name: 'MailSendError',
      transport: 'ses',
      transportCode: 'TooManyRequestsException',
      retryable: true,
    });
    // Maps to a 502 that does not reach clients: it names servers and addresses.
    expect(error).toMatchObject({ code: 'MAIL_SEND_FAILED', statusCode: 502, expose: false });
    expect((error as MailSendError).cause).toBe(throttled);
  });

  it('marks a rejected message as not retryable', async () => {
    const rejected = new MessageRejected({
      message: 'Email address is not verified.',
      $metadata: { httpStatusCode: 400 },
    });
    const { client } = recordingClient(async () => Promise.reject(rejected));
    const mailer = createSesMailer({ sesClient: client, from: { name: 'x', address: 'no-reply@example.go.kr' } });

    await expect(mailer.send(mail)).rejects.toMatchObject({
      name: 'MailSendError',
      transportCode: 'MessageRejected',
      retryable: false,
    });
  });
});
