/**
 * 응답소 현장민원 records (shared/kinds/field-complaint/complaint-record.ts) and their imports.
 *
 * | item          | pk                      | sk               | gsi2                                          |
 * |---------------|-------------------------|------------------|-----------------------------------------------|
 * | record        | FCOMPLAINT#<응답소 no.> | RECORD           | FCOMPLAINTS#<yyyy-mm> / <receivedAt>#<no.>    |
 * | change entry  | FCOMPLAINT#<응답소 no.> | CHANGE#<version> |                                               |
 * | import job    | FCIMPORT#<importId>     | JOB              | FCIMPORTS / <startedAt>#<importId>            |
 * | import upload | FCIMPORT#<importId>     | UPLOAD           |                                               |
 *
 * The monthly analysis reads one gsi2 partition per month (about 8,000 items), never the table.
 * An import reads 100 records per BatchGetItem and writes new ones with BatchWriteItem (25 per
 * request): BatchWrite cannot be conditional, but the numbers were read absent just before and a
 * row's record is a function of the row, so two imports racing on a new number write the same item.
 * A changed row is a transaction: the record, conditional on the version read, and its change entry.
 * An import started through the API (shared/usecases/field-complaint-import-jobs.ts) saves its job
 * conditional on its attempt, so a worker whose job was started again by someone else stops.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { IdempotencyClaim } from '../usecases/ports.ts';
import { IdempotencyRaceError } from '../usecases/ports.ts';
import type { FieldImportJobs, FieldImportUpload } from '../usecases/field-complaint-import-jobs.ts';
import { SupersededImportError } from '../usecases/field-complaint-import-jobs.ts';
import { idempotencyPut } from './idempotency-store.ts';
import type { FieldComplaintRecord } from '../kinds/field-complaint/complaint-record.ts';
import type {
  FieldComplaintChange,
  FieldComplaintRecords,
  FieldImportJob,
  StoredFieldComplaint,
} from '../usecases/field-complaint-import.ts';
import { queryAll } from './paged-query.ts';
import { isConditionFailure } from './condition-failure.ts';

const recordKey = (number: string) => ({ pk: `FCOMPLAINT#${number}`, sk: 'RECORD' });
const jobKey = (importId: string) => ({ pk: `FCIMPORT#${importId}`, sk: 'JOB' });
const uploadKey = (importId: string) => ({ pk: `FCIMPORT#${importId}`, sk: 'UPLOAD' });
const JOBS_PARTITION = 'FCIMPORTS';
const monthPartition = (month: string) => `FCOMPLAINTS#${month}`;
const STORAGE = new Set(['pk', 'sk', 'gsi2pk', 'gsi2sk', 'entity', 'version', 'lastImportId']);

function recordItem(record: FieldComplaintRecord, version: number, importId: string) {
  return {
    ...recordKey(record.number),
    entity: 'FieldComplaint',
    gsi2pk: monthPartition(record.month),
    gsi2sk: `${record.receivedAt}#${record.number}`,
    ...record,
    version,
    lastImportId: importId,
  };
}

const recordOf = (item: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !STORAGE.has(k))) as unknown as FieldComplaintRecord;

function jobOf(item: Record<string, unknown>): FieldImportJob {
  const { pk: _pk, sk: _sk, entity: _e, gsi2pk: _g, gsi2sk: _s, ...job } = item;
  return job as unknown as FieldImportJob;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FieldComplaintStore implements FieldComplaintRecords, FieldImportJobs {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getMany(numbers: readonly string[]): Promise<Map<string, StoredFieldComplaint>> {
    const found = new Map<string, StoredFieldComplaint>();
    for (let i = 0; i < numbers.length; i += 100) {
      let keys: Record<string, unknown>[] = numbers.slice(i, i + 100).map(recordKey);
      for (let attempt = 0; keys.length > 0; attempt++) {
        const out = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) {
          found.set(String(item.number), { record: recordOf(item), version: Number(item.version) });
        }
        keys = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
        if (keys.length > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
      }
    }
    return found;
  }

  async createMany(records: readonly FieldComplaintRecord[], importId: string): Promise<void> {
    const batches: Promise<void>[] = [];
    for (let i = 0; i < records.length; i += 25) {
      const requests = records.slice(i, i + 25).map((r) => ({ PutRequest: { Item: recordItem(r, 1, importId) } }));
      batches.push(this.#batchWrite(requests));
    }
    await Promise.all(batches);
  }

  async #batchWrite(requests: Record<string, unknown>[]): Promise<void> {
    for (let attempt = 0; requests.length > 0; attempt++) {
      const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
      requests = (out.UnprocessedItems?.[this.tableName] ?? []) as Record<string, unknown>[];
      if (requests.length > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
    }
  }

  async update(record: FieldComplaintRecord, expectedVersion: number, change: FieldComplaintChange): Promise<boolean> {
    const next = expectedVersion + 1;
    const key = recordKey(record.number);
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: recordItem(record, next, change.importId),
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': expectedVersion },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  pk: key.pk,
                  sk: `CHANGE#${String(next).padStart(6, '0')}`,
                  entity: 'FieldComplaintChange',
                  ...change,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'TransactionCanceledException') return false;
      throw error;
    }
  }

  async changesOf(number: string): Promise<FieldComplaintChange[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :change)',
      ExpressionAttributeValues: { ':pk': recordKey(number).pk, ':change': 'CHANGE#' },
    });
    return items.map(({ at, importId, row, changes }) => ({ at, importId, row, changes }));
  }

  /** Every record received in the month (`YYYY-MM`, Korea time), in receipt order, from gsi2. */
  async month(month: string): Promise<FieldComplaintRecord[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :month',
      ExpressionAttributeValues: { ':month': monthPartition(month) },
    });
    return items.map(recordOf);
  }

  /**
   * Records received between two Korea dates (inclusive), with their versions: the months' gsi2
   * partitions, each read only between the dates (the sort key starts with the Korea-time receipt).
   */
  async receivedBetween(from: string, to: string): Promise<StoredFieldComplaint[]> {
    const months: string[] = [];
    for (let m = from.slice(0, 7); m <= to.slice(0, 7); ) {
      months.push(m);
      const [y, mm] = m.split('-').map(Number) as [number, number];
      m = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
    }
    const lists = await Promise.all(
      months.map((month) =>
        queryAll(this.doc, {
          TableName: this.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :month AND gsi2sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':month': monthPartition(month),
            ':from': `${from}T00:00:00`,
            ':to': `${to}T23:59:59+09:00#\uffff`,
          },
        }),
      ),
    );
    return lists.flat().map((item) => ({ record: recordOf(item), version: Number(item.version) }));
  }

  #jobItem(job: FieldImportJob) {
    return {
      ...jobKey(job.importId),
      entity: 'FieldImportJob',
      gsi2pk: JOBS_PARTITION,
      gsi2sk: `${job.startedAt}#${job.importId}`,
      ...job,
    };
  }

  /** Saves the job's status; a job with an attempt only while the stored one is that attempt. */
  async saveJob(job: FieldImportJob): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.#jobItem(job),
          ...(job.attempt !== undefined && {
            ConditionExpression: 'attempt = :attempt',
            ExpressionAttributeValues: { ':attempt': job.attempt },
          }),
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new SupersededImportError(job.importId, job.attempt ?? 0);
      throw error;
    }
  }

  /**
   * Queues a job: a new one (none stored yet), or the next attempt of the one stored at
   * `previous` (its attempt and last save unchanged since it was read), with the request's
   * idempotency record in the same transaction. False when another request queued it first.
   */
  async queueJob(
    job: FieldImportJob,
    previous: { attempt: number; savedAt: string } | undefined,
    claim?: IdempotencyClaim,
  ): Promise<boolean> {
    const items: Record<string, unknown>[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: this.#jobItem(job),
          ...(previous
            ? {
                ConditionExpression: 'attempt = :attempt AND savedAt = :savedAt',
                ExpressionAttributeValues: { ':attempt': previous.attempt, ':savedAt': previous.savedAt },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
    ];
    if (claim) items.push(idempotencyPut(this.tableName, claim));
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items as never }));
      return true;
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') throw error;
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
      if (claim && reasons?.[1]?.Code === 'ConditionalCheckFailed') throw new IdempotencyRaceError();
      return false;
    }
  }

  /** The worker's claim on a queued attempt: false when it is not that attempt's turn (already run, or superseded). */
  async claimRun(importId: string, attempt: number, savedAt: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobKey(importId),
          UpdateExpression: 'SET #status = :running, savedAt = :savedAt',
          ConditionExpression: 'attempt = :attempt AND #status = :queued',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':running': 'running',
            ':queued': 'queued',
            ':attempt': attempt,
            ':savedAt': savedAt,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** The most recent jobs, newest first (gsi2 partition FCIMPORTS, by start time). */
  async recentJobs(limit: number): Promise<FieldImportJob[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': JOBS_PARTITION },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(jobOf);
  }

  async putUpload(upload: FieldImportUpload): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...uploadKey(upload.importId), entity: 'FieldImportUpload', ...upload },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getUpload(importId: string): Promise<FieldImportUpload | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: uploadKey(importId), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, entity: _e, ...upload } = out.Item;
    return upload as FieldImportUpload;
  }

  async getJob(importId: string): Promise<FieldImportJob | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: jobKey(importId), ConsistentRead: true }),
    );
    return out.Item ? jobOf(out.Item) : undefined;
  }
}
