/**
 * Point reads made together go to DynamoDB together. GetItem calls sent on one document client in
 * the same turn of the event loop — a use case's `Promise.all` of a task, its case and two staff
 * profiles — leave as one BatchGetItem per table instead of one request each: one round trip, one
 * request for the SDK to build, sign and parse (on DynamoDB Local, which answers one request at a
 * time, four GetItems cost ~3× one BatchGetItem of four keys; on AWS the same read units).
 *
 * What a caller sees does not change: each `send(new GetCommand(…))` resolves with its own `Item`
 * (absent when there is none) or rejects with the batch's error (a refused key sends each Get alone). The batch is a consistent read
 * when any of its Gets asked for one (stronger than asked, never weaker). A Get that stands alone,
 * or asks for more than TableName/Key/ConsistentRead (a projection, consumed capacity), or passes
 * options or a callback, is sent as it is. Keys asked twice are asked once; unprocessed keys are asked again.
 */
import {
  BatchGetCommand,
  GetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  type GetCommandOutput,
} from '@aws-sdk/lib-dynamodb';

/** BatchGetItem takes at most 100 keys a call. */
const MAX_BATCH_KEYS = 100;
const PLAIN_GET_FIELDS = new Set(['TableName', 'Key', 'ConsistentRead']);

interface Waiting {
  command: GetCommand;
  resolve: (output: GetCommandOutput) => void;
  reject: (error: unknown) => void;
}

type Send = (command: object, ...rest: unknown[]) => Promise<unknown>;

/** Key attributes in a fixed order, so a requested key and a returned item's key compare equal. */
function keyId(key: Record<string, unknown>, names: readonly string[]): string {
  return JSON.stringify(names.map((name) => key[name]));
}

export function coalesceGets<T extends DynamoDBDocumentClient>(doc: T): T {
  // The prototype's send, looked up at each call (instrumentation that wraps it still sees every request).
  const inherited: Send = (command, ...rest) =>
    (Object.getPrototypeOf(doc) as { send: Send }).send.call(doc, command, ...rest);
  let queued: Map<string, Waiting[]> | undefined;

  const flush = () => {
    const groups = queued!;
    queued = undefined;
    for (const [table, waiting] of groups) {
      if (waiting.length === 1) {
        const only = waiting[0]!;
        (inherited(only.command) as Promise<GetCommandOutput>).then(only.resolve, only.reject);
      } else {
        batch(table, waiting).catch((error: unknown) => {
          // A key DynamoDB refuses (e.g. too long) fails the whole batch: each Get then goes alone, so
          // only the Get that asked for it fails, as it would have without the batch.
          if (error instanceof Error && error.name === 'ValidationException') {
            for (const w of waiting) (inherited(w.command) as Promise<GetCommandOutput>).then(w.resolve, w.reject);
          } else {
            for (const w of waiting) w.reject(error);
          }
        });
      }
    }
  };

  async function batch(table: string, waiting: Waiting[]): Promise<void> {
    const names = Object.keys(waiting[0]!.command.input.Key ?? {}).sort();
    const consistent = waiting.some((w) => w.command.input.ConsistentRead === true);
    const keys = new Map<string, Record<string, unknown>>();
    for (const w of waiting) keys.set(keyId(w.command.input.Key!, names), w.command.input.Key!);
    const found = new Map<string, Record<string, unknown>>();
    let metadata: GetCommandOutput['$metadata'] = {};
    const all = [...keys.values()];
    for (let i = 0; i < all.length; i += MAX_BATCH_KEYS) {
      let requested: Record<string, unknown>[] | undefined = all.slice(i, i + MAX_BATCH_KEYS);
      while (requested && requested.length > 0) {
        const out = (await inherited(
          new BatchGetCommand({ RequestItems: { [table]: { Keys: requested, ConsistentRead: consistent } } }),
        )) as BatchGetCommandOutput & {
          Responses?: Record<string, Record<string, unknown>[]>;
          UnprocessedKeys?: Record<string, { Keys?: Record<string, unknown>[] }>;
        };
        metadata = out.$metadata;
        for (const item of out.Responses?.[table] ?? []) found.set(keyId(item, names), item);
        requested = out.UnprocessedKeys?.[table]?.Keys;
      }
    }
    const handedOut = new Set<string>();
    for (const w of waiting) {
      const id = keyId(w.command.input.Key!, names);
      const item = found.get(id);
      // A key asked twice: each caller gets its own copy.
      const own = item && handedOut.has(id) ? structuredClone(item) : item;
      handedOut.add(id);
      w.resolve({ $metadata: metadata, ...(own && { Item: own }) });
    }
  }

  const send = (command: object, ...rest: unknown[]): Promise<unknown> => {
    if (
      !(command instanceof GetCommand) ||
      rest.length > 0 ||
      !command.input.TableName ||
      !command.input.Key ||
      Object.keys(command.input).some((field) => !PLAIN_GET_FIELDS.has(field))
    ) {
      return inherited(command, ...rest);
    }
    return new Promise<GetCommandOutput>((resolve, reject) => {
      if (!queued) {
        queued = new Map();
        queueMicrotask(flush);
      }
      const table = command.input.TableName!;
      const group = queued.get(table) ?? [];
      group.push({ command, resolve, reject });
      queued.set(table, group);
    });
  };
  Object.defineProperty(doc, 'send', { value: send, configurable: true, writable: true });
  return doc;
}
