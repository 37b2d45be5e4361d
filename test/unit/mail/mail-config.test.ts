import { describe, expect, it } from 'vitest';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { ConfigError } from '#shared/config/runtime-config.ts';
import { parseMailConfig } from '#shared/mail/mail-config.ts';
import { createMailer } from '#shared/mail/mailer.ts';

describe('parseMailConfig', () => {
  it('reads SMTP settings with local defaults for host and port', () => {
    expect(parseMailConfig({ MAIL_TRANSPORT: 'smtp', MAIL_FROM: 'no-reply@gamsa.local' })).toEqual({
      transport: 'smtp',
      fromAddress: 'no-reply@gamsa.local',
      smtp: { host: '127.0.0.1', port: 1025, secure: false },
    });
  });

  it('reads SMTP port, TLS and credentials from text', () => {
    const config = parseMailConfig({
      MAIL_TRANSPORT: 'smtp',
      MAIL_FROM: 'no-reply@example.go.kr',
      SMTP_HOST: 'smtp.example.go.kr',
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
      SMTP_USER: 'u',
      SMTP_PASS: 'p',
    });
    expect(config).toEqual({
      transport: 'smtp',
      fromAddress: 'no-reply@example.go.kr',
      smtp: { host: 'smtp.example.go.kr', port: 465, secure: true, auth: { user: 'u', pass: 'p' } },
    });
  });

  it('reads SES settings with an optional configuration set', () => {
    expect(
      parseMailConfig({ MAIL_TRANSPORT: 'ses', MAIL_FROM: 'no-reply@example.go.kr', SES_CONFIGURATION_SET: 'gamsa' }),
    ).toEqual({
      transport: 'ses',
      fromAddress: 'no-reply@example.go.kr',
      configurationSetName: 'gamsa',
    });
  });

  it.each([
    [{ MAIL_FROM: 'no-reply@gamsa.local' }, /MAIL_TRANSPORT/],
    [{ MAIL_TRANSPORT: 'sendmail', MAIL_FROM: 'no-reply@gamsa.local' }, /MAIL_TRANSPORT/],
    [{ MAIL_TRANSPORT: 'smtp', MAIL_FROM: 'nobody' }, /MAIL_FROM: Invalid email address/],
    [{ MAIL_TRANSPORT: 'smtp', MAIL_FROM: 'a@b.kr', SMTP_PORT: '70000' }, /SMTP_PORT/],
    [{ MAIL_TRANSPORT: 'smtp', MAIL_FROM: 'a@b.kr', SMTP_SECURE: 'maybe' }, /SMTP_SECURE/],
    [
      { MAIL_TRANSPORT: 'smtp', MAIL_FROM: 'a@b.kr', SMTP_USER: 'u' },
      /SMTP_PASS: set both SMTP_USER and SMTP_PASS, or neither/,
    ],
  ])('refuses %o, naming the setting', (env, message) => {
    expect(() => parseMailConfig(env)).toThrow(ConfigError);
    expect(() => parseMailConfig(env)).toThrow(message);
  });
});

describe('createMailer', () => {
  it('chooses the transport from configuration', () => {
    const sesClient = new SESv2Client({ region: 'ap-northeast-2' });
    const ses = createMailer({ transport: 'ses', fromAddress: 'a@b.kr' }, { fromName: 'OO구청 감사담당관', sesClient });
    const smtp = createMailer(
      { transport: 'smtp', fromAddress: 'a@b.kr', smtp: { host: '127.0.0.1', port: 1025, secure: false } },
      { fromName: 'OO구청 감사담당관' },
    );
    expect(ses.transport).toBe('ses');
    expect(smtp.transport).toBe('smtp');
    ses.close();
    smtp.close();
    sesClient.destroy();
  });
});
