/**
 * Each person's reminder preferences (shared/domain/reminder-preferences.ts), one item next to their
 * staff profile, written with a version condition; and their unsubscribe token, the secret a mail's
 * List-Unsubscribe link carries so a mail client can turn the optional part off without a sign-in.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  defaultReminderPreferences,
  reminderPreferencesSchema,
  type ReminderPreferences,
} from '../domain/reminder-preferences.ts';
import type { ReminderPreferencesStore as ReminderPreferencesPort } from '../usecases/ports.ts';
import { keys } from './keys.ts';

const isConditionFailure = (error: unknown) =>
  (error as { name?: unknown } | null)?.name === 'ConditionalCheckFailedException';

const preferencesOf = (sub: string, item: Record<string, unknown> | undefined): ReminderPreferences =>
  item
    ? reminderPreferencesSchema.parse({
        sub,
        nonUrgent: item.nonUrgent ?? 'daily',
        version: item.version ?? 0,
        ...(typeof item.pausedUntil === 'string' && { pausedUntil: item.pausedUntil }),
        ...(typeof item.digestTime === 'string' && { digestTime: item.digestTime }),
        ...(typeof item.updatedAt === 'string' && { updatedAt: item.updatedAt }),
      })
    : defaultReminderPreferences(sub);

export class ReminderPreferencesStore implements ReminderPreferencesPort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Their preferences, or the defaults when they never chose. */
  async get(sub: string): Promise<ReminderPreferences> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.reminderPreferences(sub), ConsistentRead: true }),
    );
    return preferencesOf(sub, out.Item);
  }

  /** Several people's preferences at once (one run reads everyone it mails). */
  async getMany(subs: readonly string[]): Promise<Map<string, ReminderPreferences>> {
    const found = new Map<string, ReminderPreferences>();
    const unique = [...new Set(subs)];
    for (let i = 0; i < unique.length; i += 100) {
      let requested: Record<string, unknown>[] | undefined = unique
        .slice(i, i + 100)
        .map((sub) => keys.reminderPreferences(sub));
      while (requested && requested.length > 0) {
        const out: BatchGetCommandOutput = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: requested, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? [])
          found.set(String(item.sub), preferencesOf(String(item.sub), item));
        requested = out.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    for (const sub of unique) if (!found.has(sub)) found.set(sub, defaultReminderPreferences(sub));
    return found;
  }

  /** Writes `next` if the stored version is still `readVersion`; false when someone changed it in between. */
  async save(next: ReminderPreferences, readVersion: number, at: string): Promise<ReminderPreferences | undefined> {
    const saved: ReminderPreferences = { ...next, version: readVersion + 1, updatedAt: at };
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.reminderPreferences(next.sub),
          UpdateExpression: `SET entity = :entity, #sub = :sub, nonUrgent = :nonUrgent, version = :next, updatedAt = :at${
            saved.digestTime ? ', digestTime = :digestTime' : ''
          }${saved.pausedUntil ? ', pausedUntil = :pausedUntil' : ''}${saved.pausedUntil ? '' : ' REMOVE pausedUntil'}`,
          ConditionExpression:
            readVersion === 0 ? 'attribute_not_exists(version) OR version = :read' : 'version = :read',
          ExpressionAttributeNames: { '#sub': 'sub' },
          ExpressionAttributeValues: {
            ':entity': 'reminder-preferences',
            ':sub': next.sub,
            ':nonUrgent': saved.nonUrgent,
            ':next': saved.version,
            ':read': readVersion,
            ':at': at,
            ...(saved.pausedUntil && { ':pausedUntil': saved.pausedUntil }),
            ...(saved.digestTime && { ':digestTime': saved.digestTime }),
          },
        }),
      );
      return saved;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /** Their unsubscribe token, made once (whoever makes it first wins; later calls read it). */
  async unsubscribeToken(sub: string): Promise<string> {
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.reminderPreferences(sub),
        UpdateExpression: 'SET unsubscribeToken = if_not_exists(unsubscribeToken, :token), #sub = :sub',
        ExpressionAttributeNames: { '#sub': 'sub' },
        ExpressionAttributeValues: { ':token': randomBytes(24).toString('base64url'), ':sub': sub },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return String(out.Attributes?.unsubscribeToken);
  }

  /** Whether `token` is this person's unsubscribe token (compared in constant time). */
  async tokenMatches(sub: string, token: string): Promise<boolean> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.reminderPreferences(sub),
        ProjectionExpression: 'unsubscribeToken',
        ConsistentRead: true,
      }),
    );
    const stored = out.Item?.unsubscribeToken;
    if (typeof stored !== 'string') return false;
    const a = Buffer.from(stored);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
