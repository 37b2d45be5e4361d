/**
 * Reading SES mail events (EventBridge and SNS envelopes) and deciding what each failure means:
 * suppress the address, send again later, or only watch.
 */
import { describe, expect, it } from 'vitest';
import {
  classifySendError,
  classifySesEvent,
  MailEventInputError,
  parseSesEvent,
  sentMessageOf,
  type SesEventRecord,
} from '#shared/mail/mail-events.ts';
import { MailSendError } from '#shared/mail/mailer.ts';

const mail = {
  timestamp: '2026-12-17T00:30:00.000Z',
  source: 'gamsa@gamsa.go.kr',
  messageId: '0100018c-ses',
  destination: ['a@office.go.kr', 'b@office.go.kr'],
  headersTruncated: false,
  headers: [
    { name: 'Message-ID', value: '<reminder.abc.1@gamsa.go.kr>' },
    { name: 'X-Gamsa-Digest', value: '2026-12-16T23:30:00.000Z#sub-1#1' },
    { name: 'X-Gamsa-Template', value: 'deadline-digest' },
  ],
  commonHeaders: { messageId: '<reminder.abc.1@gamsa.go.kr>', subject: '처리기한 알림' },
  tags: { 'ses:configuration-set': ['gamsa'] },
};

const onBus = (detailType: string, detail: Record<string, unknown>) => ({
  version: '0',
  id: 'e-1',
  'detail-type': detailType,
  source: 'aws.ses',
  account: '1',
  time: '2026-12-17T00:31:00Z',
  region: 'ap-northeast-2',
  resources: [],
  detail,
});

const bounce = (bounceType: 'Permanent' | 'Transient' | 'Undetermined') =>
  onBus('Email Bounced', {
    eventType: 'Bounce',
    mail,
    bounce: {
      bounceType,
      bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
      bouncedRecipients: [
        { emailAddress: 'A@office.go.kr', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
      ],
      timestamp: '2026-12-17T00:31:00.000Z',
      feedbackId: 'f',
    },
  });

const only = (records: SesEventRecord[]) => {
  expect(records).toHaveLength(1);
  return classifySesEvent(records[0]!);
};

describe('SES mail events', () => {
  it('suppresses a permanently bounced address and names the mail it was about', () => {
    expect(only(parseSesEvent(bounce('Permanent')))).toEqual([
      {
        kind: 'bounce',
        disposition: 'suppress',
        email: 'a@office.go.kr',
        messageId: '<reminder.abc.1@gamsa.go.kr>',
        providerMessageId: '0100018c-ses',
        digestId: '2026-12-16T23:30:00.000Z#sub-1#1',
        template: 'deadline-digest',
        detail: 'Permanent/General — 5.1.1 — smtp; 550 5.1.1 user unknown',
        at: '2026-12-17T00:31:00.000Z',
      },
    ]);
  });

  it('sends again after a transient or undetermined bounce and after SES rejected the message; only watches a delay', () => {
    expect(only(parseSesEvent(bounce('Transient'))).map((f) => f.disposition)).toEqual(['retry']);
    expect(only(parseSesEvent(bounce('Undetermined'))).map((f) => f.disposition)).toEqual(['retry']);
    const rejected = only(
      parseSesEvent(onBus('Email Rejected', { eventType: 'Reject', mail, reject: { reason: 'Bad content' } })),
    );
    expect(rejected.map((f) => [f.email, f.kind, f.disposition])).toEqual([
      ['a@office.go.kr', 'reject', 'retry'],
      ['b@office.go.kr', 'reject', 'retry'],
    ]);
    const delayed = only(
      parseSesEvent(
        onBus('Email Delivery Delayed', {
          eventType: 'DeliveryDelay',
          mail,
          deliveryDelay: {
            delayType: 'MailboxFull',
            delayedRecipients: [{ emailAddress: 'b@office.go.kr', status: '4.2.2', diagnosticCode: 'full' }],
            timestamp: '2026-12-17T01:00:00.000Z',
            expirationTime: '2026-12-17T12:00:00.000Z',
          },
        }),
      ),
    );
    expect(delayed).toEqual([
      expect.objectContaining({ kind: 'delay', disposition: 'watch', email: 'b@office.go.kr' }),
    ]);
    expect(delayed[0]?.detail).toContain('SES gives up at 2026-12-17T12:00:00.000Z');
  });

  it('suppresses each address that complained', () => {
    const complaint = onBus('Email Complaint Received', {
      eventType: 'Complaint',
      mail,
      complaint: {
        complainedRecipients: [{ emailAddress: 'a@office.go.kr' }, { emailAddress: 'b@office.go.kr' }],
        timestamp: '2026-12-17T02:00:00.000Z',
        feedbackId: 'f',
        complaintFeedbackType: 'abuse',
      },
    });
    expect(only(parseSesEvent(complaint)).map((f) => [f.email, f.kind, f.disposition, f.detail])).toEqual([
      ['a@office.go.kr', 'complaint', 'suppress', 'complaint — abuse'],
      ['b@office.go.kr', 'complaint', 'suppress', 'complaint — abuse'],
    ]);
  });

  it('reads the same records from SNS notifications, and works without our headers', () => {
    const detail = { ...bounce('Transient').detail, mail: { ...mail, headers: [], commonHeaders: undefined } };
    const records = parseSesEvent({
      Records: [
        { EventSource: 'aws:sns', Sns: { Message: JSON.stringify(detail) } },
        { EventSource: 'aws:sns', Sns: { Message: JSON.stringify(detail) } },
      ],
    });
    expect(records).toHaveLength(2);
    expect(classifySesEvent(records[0]!)).toEqual([
      expect.objectContaining({
        disposition: 'retry',
        messageId: undefined,
        digestId: undefined,
        providerMessageId: '0100018c-ses',
      }),
    ]);
  });

  it('reads a Send event as the mail SES took, by our own Message-ID copy: no failure', () => {
    const sentMail = {
      ...mail,
      // SES replaced Message-ID with its own; our copy in X-Gamsa-Message-ID is what names the digest.
      headers: [
        { name: 'Message-ID', value: '<0100018c-ses@email.amazonses.com>' },
        { name: 'X-Gamsa-Message-ID', value: '<reminder.abc.1@gamsa.go.kr>' },
      ],
      commonHeaders: { messageId: '<0100018c-ses@email.amazonses.com>' },
    };
    const [record] = parseSesEvent(onBus('Email Sent', { eventType: 'Send', mail: sentMail, send: {} }));
    expect(classifySesEvent(record!)).toEqual([]);
    expect(sentMessageOf(record!)).toEqual({
      messageId: '<reminder.abc.1@gamsa.go.kr>',
      providerMessageId: '0100018c-ses',
      at: mail.timestamp,
    });
    expect(sentMessageOf(parseSesEvent(bounce('Permanent'))[0]!)).toBeUndefined();
  });

  it('refuses what is not an SES failure event, naming the field', () => {
    expect(() =>
      parseSesEvent({ source: 'aws.ses', 'detail-type': 'Email Bounced', detail: { eventType: 'Bounce', mail } }),
    ).toThrow(MailEventInputError);
    expect(() =>
      parseSesEvent({ source: 'aws.ses', 'detail-type': 'Email Bounced', detail: { eventType: 'Bounce', mail } }),
    ).toThrow(/detail\.bounce/);
    expect(() => parseSesEvent(onBus('Email Delivered', { eventType: 'Delivery', mail }))).toThrow(/detail-type/);
    expect(() => parseSesEvent({ Records: [{ EventSource: 'aws:sns', Sns: { Message: 'not json' } }] })).toThrow(
      /Records\.0\.Sns\.Message: not JSON/,
    );
    expect(() => parseSesEvent(bounce('Permanent').detail)).toThrow(MailEventInputError);
  });

  it('treats a refused recipient (SMTP 550 on RCPT TO) as a bad address and anything transient as worth another try', () => {
    const at = new Date('2026-12-17T00:00:00Z');
    const refused = new MailSendError('rejected', {
      transport: 'smtp',
      transportCode: 'EENVELOPE',
      retryable: false,
      cause: Object.assign(new Error('550'), { code: 'EENVELOPE', responseCode: 550, rejected: ['A@office.go.kr'] }),
    });
    expect(classifySendError(refused, ['a@office.go.kr'], at)).toEqual([
      expect.objectContaining({
        kind: 'send-error',
        disposition: 'suppress',
        email: 'a@office.go.kr',
        at: '2026-12-17T00:00:00.000Z',
      }),
    ]);
    const busy = new MailSendError('busy', {
      transport: 'smtp',
      transportCode: 'EENVELOPE',
      retryable: true,
      cause: Object.assign(new Error('450'), { code: 'EENVELOPE', responseCode: 450 }),
    });
    expect(classifySendError(busy, ['a@office.go.kr'], at).map((f) => f.disposition)).toEqual(['retry']);
    const down = new MailSendError('down', {
      transport: 'smtp',
      transportCode: 'ECONNECTION',
      retryable: true,
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' }),
    });
    expect(classifySendError(down, ['a@office.go.kr'], at).map((f) => f.disposition)).toEqual(['retry']);
    const sesRejected = new MailSendError('rejected', {
      transport: 'ses',
      transportCode: 'MessageRejected',
      retryable: false,
      cause: new Error('Email address is not verified'),
    });
    // SES refusing the sender or the content says nothing against the recipient's address.
    expect(classifySendError(sesRejected, ['a@office.go.kr'], at).map((f) => f.disposition)).toEqual(['retry']);
  });
});
