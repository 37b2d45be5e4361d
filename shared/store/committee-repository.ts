/**
 * Committees, their meetings and each agenda item's decision in the one table (layout in
 * table-definition.ts). Committees and meetings carry a version and every change is conditioned on
 * it; a meeting created from a cadence has a deterministic id, so creating it twice makes one.
 * An item's decision is written only inside the case's transaction (`decisionPut`), so a decision,
 * the task it completes and the minutes in the case history land together or not at all.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  committeeSchema,
  itemDecisionSchema,
  meetingSchema,
  type Committee,
  type CommitteeKind,
  type ItemDecision,
  type Meeting,
} from '../domain/committee.ts';
import { VersionConflictError } from '../domain/errors.ts';
import { atomic, type TransactItem } from './atomic-write.ts';
import type { AtomicWrite, CommitteeRepository as CommitteeRepositoryPort } from '../usecases/ports.ts';
import { IdempotencyRaceError, idempotencyPut, type IdempotencyClaim } from './idempotency-store.ts';
import { withoutStorageKeys } from './keys.ts';
import { queryAll } from './paged-query.ts';
import { putVersioned } from './versioned-put.ts';

export const committeeKeys = {
  committee: (kind: CommitteeKind) => ({ pk: `COMMITTEE#${kind}`, sk: 'COMMITTEE' }),
  allCommittees: 'COMMITTEES',
  meeting: (meetingId: string) => ({ pk: `MEETING#${meetingId}`, sk: 'MEETING' }),
  meetingsOf: (kind: CommitteeKind) => `MEETINGS#${kind}`,
  decision: (meetingId: string, taskId: string) => ({ pk: `MEETING#${meetingId}`, sk: `DECISION#${taskId}` }),
  decisionPrefix: 'DECISION#',
} as const;

const isConditionFailure = (error: unknown) =>
  (error as { name?: unknown } | null)?.name === 'ConditionalCheckFailedException';

export class CommitteeRepository implements CommitteeRepositoryPort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(kind: CommitteeKind): Promise<Committee | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: committeeKeys.committee(kind), ConsistentRead: true }),
    );
    return out.Item ? committeeSchema.parse(withoutStorageKeys(out.Item)) : undefined;
  }

  async list(): Promise<Committee[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': committeeKeys.allCommittees },
      }),
    );
    return (out.Items ?? []).map((i) => committeeSchema.parse(withoutStorageKeys(i)));
  }

  /** Writes a committee at `committee.version`: version 1 only if none exists, otherwise over exactly the version before. */
  async put(committee: Committee): Promise<Committee> {
    const written = await putVersioned(this.doc, this.tableName, {
      ...committeeKeys.committee(committee.kind),
      entity: 'committee',
      ...committee,
      gsi2pk: committeeKeys.allCommittees,
      gsi2sk: committee.kind,
    });
    if (written) return committee;
    const current = await this.get(committee.kind);
    throw new VersionConflictError(
      `Committee ${committee.kind} was changed by someone else (current version ${current?.version ?? 'none'})`,
      `다른 사용자가 먼저 위원회 정보를 변경했습니다 (현재 버전 ${current?.version ?? '없음'})`,
      { field: 'expectedVersion', rule: 'stale_version', meta: { currentVersion: current?.version } },
    );
  }

  /** Seeds a committee if there is none yet (demo data); true when it was written. */
  async putIfAbsent(committee: Committee): Promise<boolean> {
    try {
      await this.put({ ...committee, version: 1 });
      return true;
    } catch (error) {
      if (error instanceof VersionConflictError) return false;
      throw error;
    }
  }

  async getMeeting(meetingId: string): Promise<Meeting | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: committeeKeys.meeting(meetingId), ConsistentRead: true }),
    );
    return out.Item ? meetingSchema.parse(withoutStorageKeys(out.Item)) : undefined;
  }

  /** Creates a meeting; false when one with this id exists (a cadence meeting made before). */
  async createMeeting(meeting: Meeting, claim?: IdempotencyClaim): Promise<boolean> {
    const failed = await this.write(
      { TableName: this.tableName, Item: this.meetingItem(meeting), ConditionExpression: 'attribute_not_exists(pk)' },
      claim,
    );
    return !failed;
  }

  /** Saves a changed meeting over exactly the version it was read at. */
  async saveMeeting(meeting: Meeting, claim?: IdempotencyClaim): Promise<Meeting> {
    const failed = await this.write(
      {
        TableName: this.tableName,
        Item: this.meetingItem(meeting),
        ConditionExpression: '#version = :previous',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':previous': meeting.version - 1 },
      },
      claim,
    );
    if (failed) {
      throw new VersionConflictError(
        `Meeting ${meeting.meetingId} was changed by someone else`,
        '다른 사용자가 먼저 회의 기록을 변경했습니다. 다시 불러와 시도하세요',
        {
          field: 'expectedVersion',
          rule: 'stale_version',
        },
      );
    }
    return meeting;
  }

  /**
   * Puts one item under its condition, with the request's idempotency record in the same
   * transaction when there is one. True when the item's own condition failed (nothing written).
   */
  private async write(put: NonNullable<TransactItem['Put']>, claim: IdempotencyClaim | undefined): Promise<boolean> {
    try {
      if (!claim) await this.doc.send(new PutCommand(put));
      else
        await this.doc.send(
          new TransactWriteCommand({ TransactItems: [{ Put: put }, idempotencyPut(this.tableName, claim)] }),
        );
      return false;
    } catch (error) {
      if (isConditionFailure(error)) return true;
      if (error instanceof TransactionCanceledException) {
        const reasons = (error.CancellationReasons ?? []).map((r) => r.Code);
        if (reasons[1] === 'ConditionalCheckFailed') throw new IdempotencyRaceError();
        if (reasons[0] === 'ConditionalCheckFailed') return true;
      }
      throw error;
    }
  }

  /** Meetings of a committee between two Korea dates (inclusive), earliest first. */
  async meetingsBetween(kind: CommitteeKind, fromDate: string, toDate: string): Promise<Meeting[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': committeeKeys.meetingsOf(kind), ':from': fromDate, ':to': `${toDate}~` },
    });
    return items.map((i): Meeting => meetingSchema.parse(withoutStorageKeys(i)));
  }

  async decisions(meetingId: string): Promise<ItemDecision[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': committeeKeys.meeting(meetingId).pk,
          ':prefix': committeeKeys.decisionPrefix,
        },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map((i) => itemDecisionSchema.parse(withoutStorageKeys(i)));
  }

  async decision(meetingId: string, taskId: string): Promise<ItemDecision | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: committeeKeys.decision(meetingId, taskId),
        ConsistentRead: true,
      }),
    );
    return out.Item ? itemDecisionSchema.parse(withoutStorageKeys(out.Item)) : undefined;
  }

  /** The decision item, to be written in the case's transaction: only if the item has none yet. */
  decisionPut(decision: ItemDecision): AtomicWrite {
    return atomic({
      Put: {
        TableName: this.tableName,
        Item: {
          ...committeeKeys.decision(decision.meetingId, decision.taskId),
          entity: 'meeting-decision',
          ...decision,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }

  private meetingItem(meeting: Meeting): Record<string, unknown> {
    return {
      ...committeeKeys.meeting(meeting.meetingId),
      entity: 'meeting',
      ...meeting,
      gsi2pk: committeeKeys.meetingsOf(meeting.committee),
      gsi2sk: `${meeting.scheduledAt}#${meeting.meetingId}`,
    };
  }
}
