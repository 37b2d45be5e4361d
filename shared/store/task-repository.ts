/**
 * Human tasks, stored in their case's partition so a task and its case change in one transaction.
 * Open tasks are in two sparse indexes: by person or role (gsi1, "my open tasks") and by due time
 * across shards (gsi2, for reminder jobs); completing a task removes it from both.
 */
import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CommitteeKind } from '../domain/committee-kinds.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import { ROLES } from '../domain/roles.ts';
import { taskRecordSchema, type TaskRecord } from '../domain/task.ts';
import { atomic } from './atomic-write.ts';
import { keys, withoutStorageKeys } from './keys.ts';
import { queryItems } from './paged-query.ts';
import type { AtomicWrite, TaskRepository as TaskRepositoryPort } from '../usecases/ports.ts';

export const OPEN_TASK_SHARDS = 8;

/**
 * Sort key of a task in the open-task index (gsi2): the calendar midpoint between its opening and
 * its due time, not the due time. The reminder job reads this index up to `horizonDays` past its
 * run, and a task's first reminder (50% of its allowed business days) falls near that midpoint —
 * never 45 days before it — so a task with a long allowed time (over ~90 days) is read in time for
 * its 50% reminder too, while tasks whose midpoint is far off are still never read. It depends
 * only on the opening and due times, so reassignment leaves it alone and a moved due date moves it.
 */
export function openTaskIndexSortKey(task: Pick<TaskRecord, 'openedAt' | 'dueAt' | 'taskId'>): string {
  const opened = Date.parse(task.openedAt);
  const due = Date.parse(task.dueAt);
  const midpoint =
    Number.isNaN(opened) || Number.isNaN(due) || opened >= due
      ? task.dueAt
      : toKoreaIso(new Date(opened + Math.floor((due - opened) / 2)));
  return `${midpoint}#${task.taskId}`;
}

const shardOf = (taskId: string) => createHash('sha256').update(taskId).digest()[0]! % OPEN_TASK_SHARDS;

function queueKey(task: TaskRecord): string {
  return 'sub' in task.assignee
    ? keys.tasksOfPerson(task.assignee.sub)
    : keys.tasksOfRole(task.assignee.role, task.assignee.team);
}

export class TaskRepository implements TaskRepositoryPort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(caseId: string, taskId: string): Promise<TaskRecord | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.task(caseId, taskId), ConsistentRead: true }),
    );
    return out.Item ? toTask(out.Item) : undefined;
  }

  /** Tasks of one case (open and done), oldest first. */
  async ofCase(caseId: string): Promise<TaskRecord[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.case(caseId).pk, ':prefix': keys.taskPrefix },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? [])
      .map(toTask)
      .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.taskId.localeCompare(b.taskId));
  }

  /** Open tasks waiting in a person's queues (their own, and their roles'), soonest due first. */
  async openForActor(
    actor: { sub: string; roles: string[] },
    team: string | undefined,
    limit: number,
  ): Promise<TaskRecord[]> {
    return this.openInQueues(queuesFor(actor, team), limit);
  }

  /** Open tasks held by a team: its members' own and its role queues (one gsi1 query each), soonest due first. */
  async openForTeam(team: string, memberSubs: readonly string[], limit: number): Promise<TaskRecord[]> {
    return this.openInQueues(teamQueues(team, memberSubs), limit);
  }

  /** Each queue is read in due order, so the first `limit` of each hold the first `limit` of them all. */
  private async openInQueues(queues: readonly string[], limit: number): Promise<TaskRecord[]> {
    const pages = await Promise.all(
      queues.map((q) =>
        this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': q },
            Limit: limit,
          }),
        ),
      ),
    );
    return pages
      .flatMap((p) => (p.Items ?? []).map(toTask))
      .filter((t) => t.status === 'open')
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
      .slice(0, limit);
  }

  /** Open tasks waiting for a committee's decision, longest waiting first (the agenda of its next meeting). */
  async openForCommittee(committee: CommitteeKind, limit = 200): Promise<TaskRecord[]> {
    const items: TaskRecord[] = [];
    const queued = queryItems(this.doc, {
      TableName: this.tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': committeeQueueKey(committee) },
    });
    for await (const item of queued) {
      const task = toTask(item);
      if (task.status === 'open') items.push(task);
      if (items.length >= limit) break;
    }
    return items;
  }

  putOpen(task: TaskRecord): AtomicWrite {
    return atomic({
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.task(task.caseId, task.taskId),
          entity: 'task',
          ...task,
          gsi1pk: queueKey(task),
          gsi1sk: `${task.dueAt}#${task.taskId}`,
          gsi2pk: keys.openTasksShard(shardOf(task.taskId)),
          gsi2sk: openTaskIndexSortKey(task),
          // A step a committee decides also waits on that committee's agenda (committee-repository.ts).
          ...(task.committee !== undefined && {
            gsi3pk: committeeQueueKey(task.committee),
            gsi3sk: `${task.openedAt}#${task.taskId}`,
          }),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }

  /** Completes an open task, but only the one holding this token (a stale token changes nothing). */
  complete(task: TaskRecord, by: { sub: string; decision: TaskRecord['decision']; at: string }): AtomicWrite {
    return atomic({
      Update: {
        TableName: this.tableName,
        Key: keys.task(task.caseId, task.taskId),
        UpdateExpression:
          'SET #status = :completed, completedAt = :at, completedBy = :by, decision = :decision, delivered = :false REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk',
        ConditionExpression: '#status = :open AND taskToken = :token',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':completed': 'completed',
          ':open': 'open',
          ':token': task.taskToken,
          ':at': by.at,
          ':by': by.sub,
          ':decision': by.decision,
          ':false': false,
        },
      },
    });
  }

  /** Cancels an open task (e.g. its case is suspended); it leaves the open-task indexes. */
  cancel(task: Pick<TaskRecord, 'caseId' | 'taskId'>): AtomicWrite {
    return atomic({
      Update: {
        TableName: this.tableName,
        Key: keys.task(task.caseId, task.taskId),
        UpdateExpression: 'SET #status = :cancelled REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'cancelled', ':open': 'open' },
      },
    });
  }

  /** Moves an open personal task to another person (reassignment), keeping its token and due date. */
  reassign(task: TaskRecord, sub: string): AtomicWrite {
    return atomic({
      Update: {
        TableName: this.tableName,
        Key: keys.task(task.caseId, task.taskId),
        UpdateExpression: 'SET assignee = :assignee, gsi1pk = :queue',
        ConditionExpression: '#status = :open AND taskToken = :token',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':assignee': { sub },
          ':queue': keys.tasksOfPerson(sub),
          ':open': 'open',
          ':token': task.taskToken,
        },
      },
    });
  }

  /** Hides an open task from the officials concerned by its case (added after the task opened). */
  hideFrom(task: TaskRecord, subs: readonly string[]): AtomicWrite {
    return atomic({
      Update: {
        TableName: this.tableName,
        Key: keys.task(task.caseId, task.taskId),
        UpdateExpression: 'SET hiddenFrom = :subs',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':subs': [...subs], ':open': 'open' },
      },
    });
  }

  /**
   * Moves an open task's due date (its case's statutory due date moved: an extension, a clock stop),
   * in both open-task indexes; only while the task is open, holds the same token and still has the
   * due date the change was computed from (a concurrent move is refused, not overwritten).
   */
  moveDue(task: TaskRecord, dueAt: string, dueBasis: TaskRecord['dueBasis']): AtomicWrite {
    return atomic({
      Update: {
        TableName: this.tableName,
        Key: keys.task(task.caseId, task.taskId),
        UpdateExpression: `SET dueAt = :dueAt, gsi1sk = :sk, gsi2sk = :openSk${dueBasis ? ', dueBasis = :basis' : ''}`,
        ConditionExpression: '#status = :open AND taskToken = :token AND dueAt = :previous',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':dueAt': dueAt,
          ':sk': `${dueAt}#${task.taskId}`,
          ':openSk': openTaskIndexSortKey({ ...task, dueAt }),
          ':open': 'open',
          ':token': task.taskToken,
          ':previous': task.dueAt,
          ...(dueBasis && { ':basis': dueBasis }),
        },
      },
    });
  }

  /**
   * The workflow re-ran the same task state after a restart, with a new token: the task keeps its
   * identity and takes the new token (the condition refuses a concurrent change of token).
   */
  async replaceToken(task: TaskRecord, taskToken: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.task(task.caseId, task.taskId),
        UpdateExpression: 'SET taskToken = :token',
        ConditionExpression: 'taskToken = :old',
        ExpressionAttributeValues: { ':token': taskToken, ':old': task.taskToken },
      }),
    );
  }

  async markDelivered(task: TaskRecord): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.task(task.caseId, task.taskId),
        UpdateExpression: 'SET delivered = :true',
        ExpressionAttributeValues: { ':true': true },
      }),
    );
  }

  /** Completed tasks whose decision the workflow has not yet accepted (crash between commit and callback). */
  async undelivered(caseId: string): Promise<TaskRecord[]> {
    return (await this.ofCase(caseId)).filter((t) => t.status === 'completed' && t.delivered === false);
  }
}

/** gsi3 partition of the open tasks a committee decides (sparse: removed when the task is done). */
export const committeeQueueKey = (committee: CommitteeKind) => `COMMITTEE_TASKS#${committee}`;

export function queuesFor(actor: { sub: string; roles: string[] }, team: string | undefined): string[] {
  return [
    keys.tasksOfPerson(actor.sub),
    ...actor.roles.flatMap((r) => [keys.tasksOfRole(r, undefined), ...(team ? [keys.tasksOfRole(r, team)] : [])]),
  ];
}

/** A team's queues: each member's own, and every role's queue of the team (e.g. 민원관리팀 접수 담당). */
export function teamQueues(team: string, memberSubs: readonly string[]): string[] {
  return [...memberSubs.map((sub) => keys.tasksOfPerson(sub)), ...ROLES.map((r) => keys.tasksOfRole(r, team))];
}

function toTask(item: Record<string, unknown>): TaskRecord {
  return taskRecordSchema.parse(withoutStorageKeys(item));
}
