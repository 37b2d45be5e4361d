/**
 * What the deadline-reminder job reads and writes (layout in table-definition.ts):
 *
 * - the open-task index (gsi2, `OPEN_TASKS#<shard>` / `<midpoint of opened..due>#<taskId>`, see
 *   openTaskIndexSortKey), read up to a bound only — the job's cost follows the tasks near a
 *   reminder, not the table;
 * - reminder markers, one per task × threshold × recipient, in the case's partition: the ledger
 *   that makes each reminder go out once. A marker is claimed `pending` (conditional put) before
 *   the mail is sent and becomes `sent` in the same transaction as the case's MAIL_SENT event;
 * - reminder digests, one per recipient per run: the unit that is mailed, an outbox record that
 *   moves claiming → sending → sent → done (or abandoned when nothing was sent). While unfinished
 *   it sits in gsi2 under `REMINDER_DIGESTS#OPEN`, keyed by when its lease ends, so a later run
 *   finds the digests of a crashed run with one query and finishes or releases them.
 *
 * Every change to a digest is conditioned on its `holder` (a random token of the process that holds
 * it) and status; a marker claim is one transaction with a check that the claimant still holds
 * the digest. So a slow process whose lease ran out cannot claim, send or release anything after
 * another process took the digest over.
 */
import { randomUUID } from 'node:crypto';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { TEAMS, type Role, type Team } from '../domain/roles.ts';
import type { StaffMember } from '../domain/staff.ts';
import { taskRecordSchema } from '../domain/task.ts';
import { atomics, type TransactItem } from './atomic-write.ts';
import { cancellationReasons } from './case-repository.ts';
import type {
  AtomicWrite,
  DigestRecipient,
  DigestStatus,
  LimitationAlarmLevel,
  OfficeLevelStaff,
  ReminderItemRef,
  ReminderStore as ReminderStorePort,
  ReminderTask,
  StaffDirectory,
  StoredDigest,
} from '../usecases/ports.ts';
import { keys } from './keys.ts';
import type { StaffRepository } from './staff-repository.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';
import { OPEN_TASK_SHARDS } from './task-repository.ts';
import { queryAll } from './paged-query.ts';
import { isConditionFailure } from './condition-failure.ts';

/** The fields of an open task a reminder needs (read with a projection). */
export const reminderTaskSchema = taskRecordSchema.pick({
  taskId: true,
  caseId: true,
  caseNumber: true,
  caseTitle: true,
  sealed: true,
  type: true,
  titleKo: true,
  assignee: true,
  openedAt: true,
  dueAt: true,
  status: true,
  hiddenFrom: true,
});
export type { DigestRecipient, DigestStatus, LimitationAlarmLevel, ReminderItemRef, ReminderTask, StoredDigest };

const OPEN_STATUSES: readonly DigestStatus[] = ['claiming', 'sending', 'sent'];
/** Generations of one person's digest in one run (a re-run that finds new items makes the next). */
const MAX_GENERATIONS = 20;
/** Finished digests are kept a while for diagnosis; the case history is the lasting record. */
const DIGEST_RETENTION_SECONDS = 90 * 24 * 3600;
/** Overdue markers are per day; after a month nothing can ask for one again. */
const DAILY_MARKER_RETENTION_SECONDS = 31 * 24 * 3600;
/** TransactWriteItems takes 100 actions: the digest check plus 99 markers. */
const CLAIM_CHUNK = 99;

const STORAGE = new Set([
  'pk',
  'sk',
  'entity',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  TTL_ATTRIBUTE,
]);
const stripStorage = (item: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !STORAGE.has(k)));

export const markerOwner = (digest: Pick<StoredDigest, 'digestId' | 'attempt'>) =>
  `${digest.digestId}/${digest.attempt}`;
const markerKey = (recipientSub: string, item: Pick<ReminderItemRef, 'caseId' | 'taskId' | 'threshold'>) =>
  keys.reminder(item.caseId, item.taskId, item.threshold, recipientSub);
const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

export class ReminderStore implements ReminderStorePort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Open tasks whose index key (the midpoint of their time) is at or before `dueBy` (ISO with
   * +09:00, compared as the index sorts it), from every shard of the open-task index. Reads nothing
   * later: the query's key condition stops there.
   */
  async openTasksDueBy(dueBy: string): Promise<ReminderTask[]> {
    const fields = Object.keys(reminderTaskSchema.shape);
    const names = Object.fromEntries(fields.map((f) => [`#${f}`, f]));
    const shards = await Promise.all(
      Array.from({ length: OPEN_TASK_SHARDS }, async (_, shard) => {
        const items = await queryAll(this.doc, {
          TableName: this.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :bound',
          ExpressionAttributeValues: { ':pk': keys.openTasksShard(shard), ':bound': `${dueBy}#\uffff` },
          ProjectionExpression: Object.keys(names).join(', '),
          ExpressionAttributeNames: names,
        });
        return items.map((item): ReminderTask => reminderTaskSchema.parse(item)).filter((t) => t.status === 'open');
      }),
    );
    return shards.flat();
  }

  /** The markers these reminders already have for `recipientSub`: marker id → `pending` or `sent`. */
  async existingMarkers(
    recipientSub: string,
    items: readonly ReminderItemRef[],
  ): Promise<Map<string, 'pending' | 'sent'>> {
    const found = new Map<string, 'pending' | 'sent'>();
    for (let i = 0; i < items.length; i += 100) {
      let requested: Record<string, unknown>[] | undefined = items
        .slice(i, i + 100)
        .map((item) => markerKey(recipientSub, item));
      while (requested && requested.length > 0) {
        const out: BatchGetCommandOutput = await this.doc.send(
          new BatchGetCommand({
            RequestItems: {
              [this.tableName]: {
                Keys: requested,
                ProjectionExpression: 'pk, sk, #status',
                ExpressionAttributeNames: { '#status': 'status' },
                ConsistentRead: true,
              },
            },
          }),
        );
        for (const item of out.Responses?.[this.tableName] ?? [])
          found.set(`${String(item.pk)}|${String(item.sk)}`, item.status === 'sent' ? 'sent' : 'pending');
        requested = out.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  markerId(recipientSub: string, item: ReminderItemRef): string {
    const key = markerKey(recipientSub, item);
    return `${key.pk}|${key.sk}`;
  }

  async getDigest(digestId: string): Promise<StoredDigest | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.reminderDigest(digestId), ConsistentRead: true }),
    );
    return out.Item ? (stripStorage(out.Item) as unknown as StoredDigest) : undefined;
  }

  /**
   * Whether one of these runs mailed the recipient a digest (sent, or handed to the mail server and
   * not yet known to be refused): its first generation is the one a run's digest goes out as.
   */
  async mailedInAny(runKeys: readonly string[], sub: string): Promise<boolean> {
    const found = await Promise.all(runKeys.map((runKey) => this.getDigest(`${runKey}#${sub}#1`)));
    return found.some((d) => d !== undefined && (d.status === 'sending' || d.status === 'sent' || d.status === 'done'));
  }

  /**
   * Takes this run's digest for one recipient, or undefined when another process holds it (an
   * overlapping run, or a crashed one whose lease has not ended). A finished digest of the same run
   * means this is a re-run: the next generation is taken, for whatever the first did not send.
   */
  async acquireDigest(request: {
    runKey: string;
    runDate: string;
    recipient: DigestRecipient;
    candidates: ReminderItemRef[];
    now: Date;
    leaseMs: number;
  }): Promise<StoredDigest | undefined> {
    for (let generation = 1; generation <= MAX_GENERATIONS; generation++) {
      const digestId = `${request.runKey}#${request.recipient.sub}#${generation}`;
      const fresh: StoredDigest = {
        digestId,
        runKey: request.runKey,
        runDate: request.runDate,
        recipient: request.recipient,
        attempt: 1,
        status: 'claiming',
        holder: randomUUID(),
        leaseUntil: new Date(request.now.getTime() + request.leaseMs).toISOString(),
        candidates: request.candidates,
      };
      if (await this.#put(this.#openItem(fresh), { ConditionExpression: 'attribute_not_exists(pk)' })) return fresh;
      const existing = await this.getDigest(digestId);
      if (!existing || existing.status === 'done') continue;
      if (existing.status !== 'abandoned') return undefined;
      const retaken: StoredDigest = { ...fresh, attempt: existing.attempt + 1 };
      const ok = await this.#put(this.#openItem(retaken), {
        ConditionExpression: '#status = :abandoned AND attempt = :seen',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':abandoned': 'abandoned', ':seen': existing.attempt },
      });
      return ok ? retaken : undefined;
    }
    return undefined;
  }

  /**
   * Claims markers for the digest's recipient, each only if no marker exists (whoever claimed it
   * first, in any run, sends it). Each claim is checked against the digest still being ours; `lost`
   * says it no longer was (the markers claimed so far are released by whoever took it over).
   */
  async claimMarkers(
    digest: StoredDigest,
    items: readonly ReminderItemRef[],
    now: Date,
  ): Promise<{ claimed: ReminderItemRef[]; lost: boolean }> {
    const owner = markerOwner(digest);
    const claimed: ReminderItemRef[] = [];
    for (let i = 0; i < items.length; i += CLAIM_CHUNK) {
      let pending = items.slice(i, i + CLAIM_CHUNK);
      while (pending.length > 0) {
        const actions: TransactItem[] = [
          {
            ConditionCheck: {
              TableName: this.tableName,
              Key: keys.reminderDigest(digest.digestId),
              ConditionExpression: 'holder = :holder AND #status = :claiming',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':holder': digest.holder, ':claiming': 'claiming' },
            },
          },
          ...pending.map(
            (item): TransactItem => ({
              Put: {
                TableName: this.tableName,
                Item: {
                  ...markerKey(digest.recipient.sub, item),
                  entity: 'reminder',
                  ...item,
                  recipientSub: digest.recipient.sub,
                  status: 'pending',
                  owner,
                  claimedAt: now.toISOString(),
                  // Daily keys only: a once-per-task key (an escalation) must outlive any month.
                  ...((item.threshold.startsWith('overdue:') || item.level === 'committee-decisions-pending') && {
                    [TTL_ATTRIBUTE]: epochSeconds(now) + DAILY_MARKER_RETENTION_SECONDS,
                  }),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            }),
          ),
        ];
        try {
          await this.doc.send(new TransactWriteCommand({ TransactItems: actions }));
          claimed.push(...pending);
          break;
        } catch (error) {
          const reasons = cancellationReasons(error);
          if (!reasons) throw error;
          if (reasons[0] === 'ConditionalCheckFailed') return { claimed, lost: true };
          const taken = new Set(
            pending.flatMap((_, index) => (reasons[index + 1] === 'ConditionalCheckFailed' ? [index] : [])),
          );
          if (taken.size === 0) throw error;
          pending = pending.filter((_, index) => !taken.has(index));
        }
      }
    }
    return { claimed, lost: false };
  }

  /** Deletes the markers this digest attempt claimed and has not sent (others' markers are untouched). */
  async releaseMarkers(digest: StoredDigest, items: readonly ReminderItemRef[]): Promise<void> {
    const owner = markerOwner(digest);
    for (const item of items) {
      try {
        await this.doc.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: markerKey(digest.recipient.sub, item),
            ConditionExpression: '#owner = :owner AND #status = :pending',
            ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
            ExpressionAttributeValues: { ':owner': owner, ':pending': 'pending' },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
  }

  /** Transaction actions that mark this digest's markers of one case sent (to commit with the case's MAIL_SENT event). */
  markSent(digest: StoredDigest, items: readonly ReminderItemRef[], sentAt: string): AtomicWrite[] {
    return atomics(
      items.map(
        (item): TransactItem => ({
          Update: {
            TableName: this.tableName,
            Key: markerKey(digest.recipient.sub, item),
            UpdateExpression: 'SET #status = :sent, sentAt = :at, messageId = :messageId',
            ConditionExpression: '#owner = :owner AND #status = :pending',
            ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
            ExpressionAttributeValues: {
              ':owner': markerOwner(digest),
              ':pending': 'pending',
              ':sent': 'sent',
              ':at': sentAt,
              ':messageId': digest.messageId ?? '',
            },
          },
        }),
      ),
    );
  }

  /**
   * Transaction actions that delete this digest attempt's `sent` markers of one case after its mail
   * bounced (to commit with the case's MAIL_FAILED event): the next run finds them missing and sends
   * those reminders again. Conditioned on the very message, so a redelivered bounce, or one for an
   * older attempt, deletes nothing a later mail sent.
   */
  releaseSent(digest: StoredDigest, items: readonly ReminderItemRef[], messageId: string): AtomicWrite[] {
    return atomics(
      items.map(
        (item): TransactItem => ({
          Delete: {
            TableName: this.tableName,
            Key: markerKey(digest.recipient.sub, item),
            ConditionExpression: '#owner = :owner AND #status = :sent AND messageId = :messageId',
            ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
            ExpressionAttributeValues: { ':owner': markerOwner(digest), ':sent': 'sent', ':messageId': messageId },
          },
        }),
      ),
    );
  }

  /** Moves a digest we hold to the next open status, renewing the lease; undefined when we no longer hold it. */
  async advance(
    digest: StoredDigest,
    to: Extract<DigestStatus, 'claiming' | 'sending' | 'sent'>,
    fields: Partial<
      Pick<StoredDigest, 'claimed' | 'mailInput' | 'messageId' | 'sentAt' | 'providerMessageId' | 'deliveryUncertain'>
    >,
    now: Date,
    leaseMs: number,
  ): Promise<StoredDigest | undefined> {
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const values: Record<string, unknown> = {
      ':holder': digest.holder,
      ':from': digest.status,
      ':to': to,
      ':lease': leaseUntil,
      ':due': `${leaseUntil}#${digest.digestId}`,
    };
    const sets = ['#status = :to', 'leaseUntil = :lease', 'gsi2sk = :due'];
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      sets.push(`${name} = :${name}`);
      values[`:${name}`] = value;
    }
    const ok = await this.#update({
      Key: keys.reminderDigest(digest.digestId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'holder = :holder AND #status = :from',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    });
    return ok ? { ...digest, ...fields, status: to, leaseUntil } : undefined;
  }

  /** Closes a digest we hold: it leaves the recovery index and expires later. */
  async finish(
    digest: StoredDigest,
    to: Extract<DigestStatus, 'done' | 'abandoned'>,
    now: Date,
    failure?: string,
  ): Promise<boolean> {
    return this.#update({
      Key: keys.reminderDigest(digest.digestId),
      UpdateExpression: `SET #status = :to, finishedAt = :at, ${TTL_ATTRIBUTE} = :expires${failure ? ', failure = :failure' : ''} REMOVE gsi2pk, gsi2sk`,
      ConditionExpression: 'holder = :holder AND #status = :from',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':holder': digest.holder,
        ':from': digest.status,
        ':to': to,
        ':at': now.toISOString(),
        ':expires': epochSeconds(now) + DIGEST_RETENTION_SECONDS,
        ...(failure && { ':failure': failure.slice(0, 2000) }),
      },
    });
  }

  /** Unfinished digests whose lease has ended (their process died or gave up), oldest lease first. */
  async staleDigests(now: Date): Promise<StoredDigest[]> {
    const at = now.toISOString();
    const open = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :bound',
      ExpressionAttributeValues: { ':pk': keys.openReminderDigests, ':bound': `${at}#\uffff` },
      ProjectionExpression: 'digestId',
    });
    const ids = open.map((item) => String(item.digestId));
    const digests = await Promise.all(ids.map((id) => this.getDigest(id)));
    // The index is eventually consistent; the item read decides.
    return digests.filter(
      (d): d is StoredDigest => d !== undefined && OPEN_STATUSES.includes(d.status) && d.leaseUntil <= at,
    );
  }

  /** Takes over a stale digest (one process wins); the result carries our holder token and a new lease. */
  async takeOver(digest: StoredDigest, now: Date, leaseMs: number): Promise<StoredDigest | undefined> {
    const holder = randomUUID();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const ok = await this.#update({
      Key: keys.reminderDigest(digest.digestId),
      UpdateExpression: 'SET holder = :holder, leaseUntil = :lease, gsi2sk = :due',
      ConditionExpression: 'holder = :old AND #status = :status AND leaseUntil = :oldLease',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':holder': holder,
        ':lease': leaseUntil,
        ':due': `${leaseUntil}#${digest.digestId}`,
        ':old': digest.holder,
        ':status': digest.status,
        ':oldLease': digest.leaseUntil,
      },
    });
    return ok ? { ...digest, holder, leaseUntil } : undefined;
  }

  #openItem(digest: StoredDigest): Record<string, unknown> {
    return {
      ...keys.reminderDigest(digest.digestId),
      entity: 'reminder-digest',
      ...digest,
      gsi2pk: keys.openReminderDigests,
      gsi2sk: `${digest.leaseUntil}#${digest.digestId}`,
    };
  }

  async #put(
    item: Record<string, unknown>,
    condition: {
      ConditionExpression: string;
      ExpressionAttributeNames?: Record<string, string>;
      ExpressionAttributeValues?: Record<string, unknown>;
    },
  ): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item, ...condition }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async #update(input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>): Promise<boolean> {
    try {
      await this.doc.send(new UpdateCommand({ TableName: this.tableName, ...input }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

export type { OfficeLevelStaff, StaffDirectory };

/** Office-level staff named by their subs (the local system, tests), read by key from the staff records. */
export function configuredOfficeLevelStaff(
  staff: Pick<StaffRepository, 'get'>,
  subs: readonly string[],
): OfficeLevelStaff {
  return {
    async withRole(role) {
      const members = await Promise.all(subs.map((sub) => staff.get(sub)));
      return members.filter((m): m is StaffMember => m !== undefined && m.roles.includes(role));
    },
  };
}

/**
 * A directory over the staff repository that asks each question once (make one per run). Staff are
 * listed by team (an index query each); staff with no team — the head of office — cannot be listed
 * by any index, so they come from `officeLevel` (the user pool's role groups on AWS; subs named by
 * configuration locally and in tests).
 */
export function cachedStaffDirectory(
  staff: Pick<StaffRepository, 'get' | 'listByTeam'>,
  officeLevel: readonly string[] | OfficeLevelStaff,
): StaffDirectory {
  const people = new Map<string, Promise<StaffMember | undefined>>();
  const teams = new Map<Team, Promise<StaffMember[]>>();
  const officeRoles = new Map<Role, Promise<StaffMember[]>>();
  const offices = Array.isArray(officeLevel)
    ? configuredOfficeLevelStaff(staff, officeLevel as readonly string[])
    : (officeLevel as OfficeLevelStaff);
  const get = (sub: string) => {
    let found = people.get(sub);
    if (!found) {
      found = staff.get(sub);
      people.set(sub, found);
    }
    return found;
  };
  const team = (name: Team) => {
    let members = teams.get(name);
    if (!members) {
      members = staff.listByTeam(name);
      teams.set(name, members);
    }
    return members;
  };
  const officeWith = (role: Role) => {
    let members = officeRoles.get(role);
    if (!members) {
      members = offices.withRole(role);
      officeRoles.set(role, members);
    }
    return members;
  };
  return {
    get,
    async withRole(role, inTeam) {
      const pool = inTeam
        ? await team(inTeam)
        : [...(await Promise.all(TEAMS.map(team))).flat(), ...(await officeWith(role))];
      const unique = new Map(pool.filter((m) => m.roles.includes(role)).map((m) => [m.sub, m]));
      return [...unique.values()];
    },
  };
}
