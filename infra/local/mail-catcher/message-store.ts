/**
 * The catcher's mailbox: received messages in memory, newest last, optionally mirrored to one JSON
 * file so restarting `npm start` keeps the inbox. Writes are serialized and atomic (temp file +
 * rename), so a crash mid-write leaves the previous file, never half a file.
 */
import { EventEmitter } from 'node:events';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';

const addressSchema = z.object({ name: z.string(), address: z.string() });

export const caughtMessageSchema = z.object({
  id: z.string().min(1),
  receivedAt: z.iso.datetime(),
  /** SMTP envelope: who the client said it was sending for and to (Bcc recipients show only here). */
  envelope: z.object({ from: z.string().nullable(), to: z.array(z.string()) }),
  from: z.array(addressSchema),
  to: z.array(addressSchema),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  messageId: z.string().nullable(),
  /** Single-valued text headers, lower-case names (auto-submitted, x-gamsa-template, ...). */
  headers: z.record(z.string(), z.string()),
  size: z.number().int().nonnegative(),
});

export type CaughtMessage = z.infer<typeof caughtMessageSchema>;

const storeFileSchema = z.object({ version: z.literal(1), messages: z.array(caughtMessageSchema) });

export class MailCatcherStoreError extends Error {
  override name = 'MailCatcherStoreError';
}

export const MESSAGES_FILE_NAME = 'mail-catcher-messages.json';

export interface MessageStore {
  list(): readonly CaughtMessage[];
  get(id: string): CaughtMessage | undefined;
  add(message: CaughtMessage): Promise<void>;
  clear(): Promise<void>;
  /** Resolves once every change so far is on disk. */
  flush(): Promise<void>;
  /** Emits 'message' with each added CaughtMessage. */
  readonly events: EventEmitter<{ message: [CaughtMessage] }>;
}

export interface MessageStoreOptions {
  /** Directory for the JSON file; memory only when absent. */
  dataDir?: string;
  /** Oldest messages are dropped beyond this, so a long-running local system stays small. */
  maxMessages: number;
}

export async function openMessageStore(options: MessageStoreOptions): Promise<MessageStore> {
  const file = options.dataDir === undefined ? undefined : join(options.dataDir, MESSAGES_FILE_NAME);
  let messages: CaughtMessage[] = file ? await load(file) : [];
  const events = new EventEmitter<{ message: [CaughtMessage] }>();
  let writes: Promise<void> = Promise.resolve();

  const persist = (): Promise<void> => {
    if (!file) return Promise.resolve();
    const snapshot = JSON.stringify({ version: 1, messages }, null, 1);
    writes = writes.then(async () => {
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, snapshot, 'utf8');
      await rename(temporary, file);
    });
    return writes;
  };

  if (options.dataDir !== undefined) await mkdir(options.dataDir, { recursive: true });

  return {
    list: () => messages,
    get: (id) => messages.find((m) => m.id === id),
    async add(message) {
      messages = [...messages, message].slice(-options.maxMessages);
      await persist();
      events.emit('message', message);
    },
    async clear() {
      messages = [];
      await persist();
    },
    flush: () => writes,
    events,
  };
}

async function load(file: string): Promise<CaughtMessage[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new MailCatcherStoreError(`Cannot read the mail catcher's inbox file ${file}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MailCatcherStoreError(`The mail catcher's inbox file ${file} is not JSON; move it aside or delete it`, {
      cause: error,
    });
  }
  const parsed = storeFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new MailCatcherStoreError(
      `The mail catcher's inbox file ${file} has an unexpected shape; move it aside or delete it`,
      { cause: parsed.error },
    );
  }
  return parsed.data.messages;
}
