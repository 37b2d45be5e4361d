/**
 * The local stand-in for SES's far end: an SMTP server on loopback that accepts every message
 * (`smtp-server`), parses it (`mailparser`) and keeps it for the web inbox and for tests. Mail is
 * sent to it through the ordinary SMTP adapter of shared/mail, so what arrives here is exactly what
 * nodemailer built — the same MIME that goes to SES on AWS.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { ulid } from 'ulid';
import { createInboxRequestHandler } from './inbox-web.ts';
import { openMessageStore, type CaughtMessage, type MessageStore } from './message-store.ts';

export type { CaughtMessage } from './message-store.ts';

export interface MailCatcherOptions {
  /** 0 or absent: a free port (tests). `npm start` passes fixed ones. */
  smtpPort?: number;
  httpPort?: number;
  /** Keep the inbox in `<dataDir>/mail-catcher-messages.json` across restarts; memory only when absent. */
  dataDir?: string;
  /** Oldest messages are dropped beyond this many. */
  maxMessages?: number;
  /** Largest message accepted, in bytes; larger ones get SMTP 552. */
  maxMessageBytes?: number;
  /**
   * Refuses a recipient at RCPT TO when this returns a reply (e.g. `{ code: 550, message: 'No such
   * user' }` for a bad address, 450 for a busy mailbox), as a real server would; asked per message,
   * so tests can start and stop refusing.
   */
  rejectRecipient?: (address: string) => { code: number; message: string } | undefined;
}

export interface MailCatcher {
  smtpPort: number;
  httpUrl: string;
  /** Received messages, oldest first. */
  messages(): readonly CaughtMessage[];
  /** The first message, already received or yet to come, that satisfies `predicate`. */
  waitFor(predicate: (message: CaughtMessage) => boolean, timeoutMs?: number): Promise<CaughtMessage>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

export class MailCatcherTimeoutError extends Error {
  override name = 'MailCatcherTimeoutError';
}

const LOOPBACK = '127.0.0.1';

export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const store = await openMessageStore({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    maxMessages: options.maxMessages ?? 1_000,
  });
  const maxMessageBytes = options.maxMessageBytes ?? 25 * 1024 * 1024;

  const smtp = new SMTPServer({
    // Loopback only and no TLS: nothing here is secret, and a self-signed STARTTLS would only get
    // in the way of clients. Any AUTH is accepted so an SMTP_USER set for real servers still works.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'local' }),
    disableReverseLookup: true,
    size: maxMessageBytes,
    banner: 'gamsa local mail catcher',
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = options.rejectRecipient?.(address.address);
      if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('error', (error) => callback(error));
      stream.once('end', () => {
        if (stream.sizeExceeded) {
          return callback(
            Object.assign(new Error(`Message exceeds the ${maxMessageBytes} byte limit`), { responseCode: 552 }),
          );
        }
        const raw = Buffer.concat(chunks);
        // Answer 250 only once the message is stored, so a sender that got "sent" can read it back at once.
        simpleParser(raw)
          .then((parsed) => store.add(toCaughtMessage(parsed, session.envelope, raw.length)))
          .then(
            () => callback(),
            (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
          );
      });
    },
  });
  // A client hanging up mid-session must not take the catcher (or `npm start`) down.
  smtp.on('error', () => undefined);
  const smtpPort = await listen((port, host, ready) => smtp.listen(port, host, ready), options.smtpPort ?? 0);

  const http: HttpServer = createServer(createInboxRequestHandler(store));
  let httpPort: number;
  try {
    httpPort = await listen((port, host, ready) => http.listen(port, host, ready), options.httpPort ?? 0);
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw error;
  }

  return {
    smtpPort,
    httpUrl: `http://${LOOPBACK}:${httpPort}`,
    messages: () => store.list(),
    waitFor: (predicate, timeoutMs = 5_000) => waitForMessage(store, predicate, timeoutMs),
    clear: () => store.clear(),
    async close() {
      await Promise.all([
        new Promise<void>((resolve) => smtp.close(() => resolve())),
        new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        }),
      ]);
      await store.flush();
    },
  };
}

/** Starts a server on loopback and resolves with the port it actually got. */
function listen(
  start: (
    port: number,
    host: string,
    ready: () => void,
  ) => { once(event: 'error', listener: (error: Error) => void): unknown; address(): AddressInfo | string | null },
  port: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = start(port, LOOPBACK, () => {
      const address = server.address();
      if (address === null || typeof address === 'string')
        return reject(new Error('the server did not report a TCP port'));
      resolve(address.port);
    });
    server.once('error', reject);
  });
}

function waitForMessage(
  store: MessageStore,
  predicate: (message: CaughtMessage) => boolean,
  timeoutMs: number,
): Promise<CaughtMessage> {
  const existing = store.list().find(predicate);
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const onMessage = (message: CaughtMessage) => {
      if (!predicate(message)) return;
      cleanUp();
      resolve(message);
    };
    const timer = setTimeout(() => {
      cleanUp();
      reject(
        new MailCatcherTimeoutError(
          `No matching mail arrived within ${timeoutMs} ms (${store.list().length} received so far)`,
        ),
      );
    }, timeoutMs);
    const cleanUp = () => {
      clearTimeout(timer);
      store.events.off('message', onMessage);
    };
    store.events.on('message', onMessage);
  });
}

function flattenAddresses(header: AddressObject | AddressObject[] | undefined): CaughtMessage['to'] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return objects.flatMap((object) =>
    object.value.flatMap((entry) => (entry.address ? [{ name: entry.name, address: entry.address }] : [])),
  );
}

function toCaughtMessage(
  parsed: ParsedMail,
  envelope: { mailFrom: SMTPServerAddress | false; rcptTo: SMTPServerAddress[] },
  size: number,
): CaughtMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of parsed.headers) {
    if (typeof value === 'string') headers[name] = value;
  }
  // Headers the parser turns into structures (List-Unsubscribe, …) are kept as they were sent.
  for (const { key, line } of parsed.headerLines) {
    if (headers[key] === undefined)
      headers[key] = line
        .slice(line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim();
  }
  return {
    id: ulid(),
    receivedAt: new Date().toISOString(),
    envelope: { from: envelope.mailFrom ? envelope.mailFrom.address : null, to: envelope.rcptTo.map((r) => r.address) },
    from: flattenAddresses(parsed.from),
    to: flattenAddresses(parsed.to),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    messageId: parsed.messageId ?? null,
    headers,
    size,
  };
}
