/**
 * The record of every export (who, when, which filters or which case, what format, how many rows),
 * one item per export, listed by month from gsi2 (EXPORTS#<yyyy-mm> / <at>#<exportId>) so an auditor
 * can answer "who took what out of the system". The record is written before the first row leaves
 * (status `started`) and completed with the row count after the last one, so an export that dies
 * half-way is still on the list.
 */
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { exportRecordSchema, type ExportRecord } from '../domain/export-record.ts';
import { queryAll } from './paged-query.ts';
import type { ExportLog as ExportLogPort } from '../usecases/ports.ts';

export { exportRecordSchema, type ExportRecord } from '../domain/export-record.ts';

const key = (exportId: string) => ({ pk: `EXPORT#${exportId}`, sk: 'EXPORT' });
const monthPartition = (month: string) => `EXPORTS#${month}`;

export class ExportLog implements ExportLogPort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async start(record: Omit<ExportRecord, 'status'>): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...key(record.exportId),
          entity: 'export',
          ...record,
          status: 'started',
          gsi2pk: monthPartition(record.at.slice(0, 7)),
          gsi2sk: `${record.at}#${record.exportId}`,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async finish(
    exportId: string,
    result: { rowCount: number; completedAt: string; nextCursor?: string },
  ): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(exportId),
        UpdateExpression: `SET #status = :status, rowCount = :rows, completedAt = :at${result.nextCursor !== undefined ? ', nextCursor = :next' : ''}`,
        ConditionExpression: 'attribute_exists(pk) AND #status = :started',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': result.nextCursor !== undefined ? 'truncated' : 'completed',
          ':rows': result.rowCount,
          ':at': result.completedAt,
          ':started': 'started',
          ...(result.nextCursor !== undefined && { ':next': result.nextCursor }),
        },
      }),
    );
  }

  /** The exports of one month (YYYY-MM, Korea time), oldest first. */
  async listMonth(month: string): Promise<ExportRecord[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': monthPartition(month) },
    });
    return items.map((item): ExportRecord => exportRecordSchema.parse(item));
  }
}
