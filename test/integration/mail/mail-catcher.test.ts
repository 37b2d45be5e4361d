import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startMailCatcher,
  type CaughtMessage,
  type MailCatcher,
} from '../../../infra/local/mail-catcher/mail-catcher.ts';
import { MESSAGES_FILE_NAME } from '../../../infra/local/mail-catcher/message-store.ts';
import { parseMailConfig } from '#shared/mail/mail-config.ts';
import type { BuiltMail } from '#shared/mail/mail-content.ts';
import { buildMail } from '#shared/mail/mail-message.ts';
import { createMailer, type Mailer } from '#shared/mail/mailer.ts';

const OFFICE = 'OO구청 감사담당관';

function digestFor(name: string, email: string): BuiltMail {
  return buildMail(
    {
      template: 'deadline-digest',
      recipient: { name, email },
      asOf: '2026-11-27',
      items: [
        {
          urgency: 'overdue',
          case: {
            caseId: 'C01',
            caseNumber: '2026-조사-0003',
            title: '공익신고 조사',
            dueDate: '2026-11-20',
            sealed: true,
          },
        },
        {
          urgency: 'due-today',
          case: {
            caseId: 'C03',
            caseNumber: '2026-민원-0311',
            title: '고충민원 <재민원> 처리',
            dueDate: '2026-11-27',
            sealed: false,
          },
        },
      ],
    },
    { officeName: OFFICE, baseUrl: 'http://localhost:4000' },
  );
}

function smtpMailerTo(catcher: MailCatcher): Mailer {
  const config = parseMailConfig({
    MAIL_TRANSPORT: 'smtp',
    MAIL_FROM: 'no-reply@gamsa.local',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(catcher.smtpPort),
  });
  return createMailer(config, { fromName: OFFICE });
}

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

describe('mail catcher with the SMTP adapter', () => {
  let catcher: MailCatcher;
  let mailer: Mailer;

  beforeAll(async () => {
    catcher = await startMailCatcher();
    mailer = smtpMailerTo(catcher);
  });

  afterEach(async () => {
    await catcher.clear();
  });

  afterAll(async () => {
    mailer.close();
    await catcher.close();
  });

  it('receives a Korean-subject digest exactly as built, readable in process', async () => {
    const mail = digestFor('김조사', 'investigator@example.go.kr');

    const sent = await mailer.send(mail);
    const caught = await catcher.waitFor((m) => m.messageId === sent.messageId);

    expect(caught.subject).toBe(mail.subject);
    expect(caught.subject).toContain('처리기한 알림 2026년 11월 27일(금)');
    expect(caught.from).toEqual([{ name: OFFICE, address: 'no-reply@gamsa.local' }]);
    expect(caught.to).toEqual([{ name: '김조사', address: 'investigator@example.go.kr' }]);
    expect(caught.envelope).toEqual({ from: 'no-reply@gamsa.local', to: ['investigator@example.go.kr'] });
    expect(caught.text.trim()).toBe(mail.text.trim());
    expect(caught.html?.trim()).toBe(mail.html.trim());
    expect(caught.headers['auto-submitted']).toBe('auto-generated');
    expect(caught.headers['x-gamsa-template']).toBe('deadline-digest');
    expect(caught.text).not.toContain('공익신고 조사');
  });

  it('serves the same message through the JSON API, newest first', async () => {
    const first = digestFor('김조사', 'first@example.go.kr');
    const second = digestFor('이감사', 'second@example.go.kr');
    await mailer.send(first);
    await mailer.send(second);

    const list = await getJson(`${catcher.httpUrl}/api/messages`);
    expect(list.status).toBe(200);
    const messages = (list.body as { messages: CaughtMessage[] }).messages;
    expect(messages.map((m) => m.to[0]?.address)).toEqual(['second@example.go.kr', 'first@example.go.kr']);

    const one = await getJson(`${catcher.httpUrl}/api/messages/${encodeURIComponent(messages[1]?.id ?? '')}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      subject: first.subject,
      to: [{ name: '김조사', address: 'first@example.go.kr' }],
    });
    expect((one.body as CaughtMessage).text.trim()).toBe(first.text.trim());
    expect((one.body as CaughtMessage).html?.trim()).toBe(first.html.trim());

    expect((await getJson(`${catcher.httpUrl}/api/messages/nope`)).status).toBe(404);
  });

  it('empties the inbox on DELETE /api/messages', async () => {
    await mailer.send(digestFor('김조사', 'investigator@example.go.kr'));
    expect(catcher.messages()).toHaveLength(1);

    const response = await fetch(`${catcher.httpUrl}/api/messages`, { method: 'DELETE' });

    expect(response.status).toBe(204);
    expect(catcher.messages()).toHaveLength(0);
    expect(((await getJson(`${catcher.httpUrl}/api/messages`)).body as { messages: unknown[] }).messages).toEqual([]);
  });

  it('lists mail in a Korean inbox page with the received time in Korea time', async () => {
    const mail = digestFor('김조사', 'investigator@example.go.kr');
    await mailer.send(mail);
    const [caught] = catcher.messages();

    const response = await fetch(`${catcher.httpUrl}/`);
    const page = await response.text();

    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const heading of [
      '받은 편지함 (1)',
      '<th>보낸 사람</th>',
      '<th>받는 사람</th>',
      '<th>제목</th>',
      '<th>받은 시각</th>',
    ]) {
      expect(page).toContain(heading);
    }
    expect(page).toContain(`<a href="/messages/${caught?.id}">${mail.subject}</a>`);
    expect(page).toMatch(/<td>2\d{3}년 \d{1,2}월 \d{1,2}일\([일월화수목금토]\) \d{2}:\d{2}<\/td>/);
  });

  it('shows a message’s HTML only inside a sandboxed frame without scripts, and its text escaped', async () => {
    await mailer.send(digestFor('김조사', 'investigator@example.go.kr'));
    const [caught] = catcher.messages();

    const response = await fetch(`${catcher.httpUrl}/messages/${caught?.id}`);
    const page = await response.text();

    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page).toMatch(
      /<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" [^>]*srcdoc="&lt;base target=&quot;_blank&quot;&gt;&lt;!doctype html&gt;/,
    );
    expect(page).not.toContain('allow-scripts');
    // The mail's own markup never appears unescaped in the page.
    expect(page).not.toContain('<table');
    expect(page).toContain('고충민원 &lt;재민원&gt; 처리');
  });
});

describe('mail catcher persistence', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mail-catcher-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps received mail across a restart when given a data directory', async () => {
    const first = await startMailCatcher({ dataDir });
    const mailer = smtpMailerTo(first);
    const mail = digestFor('김조사', 'investigator@example.go.kr');
    await mailer.send(mail);
    mailer.close();
    await first.close();

    const second = await startMailCatcher({ dataDir });
    try {
      expect(second.messages().map((m) => m.subject)).toEqual([mail.subject]);
      const onDisk = JSON.parse(await readFile(join(dataDir, MESSAGES_FILE_NAME), 'utf8')) as {
        messages: CaughtMessage[];
      };
      expect(onDisk.messages).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
