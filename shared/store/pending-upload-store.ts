/**
 * Upload URLs handed out and not completed yet (shared/usecases/case-files.ts): one marker per file
 * id, written before the URL is made and deleted once the case records the file. The daily
 * upload-cleanup job reads the markers whose URL expired (gsi2, oldest first) — never the bucket.
 *
 * | item            | pk              | sk      | gsi2                                           |
 * |-----------------|-----------------|---------|------------------------------------------------|
 * | pending upload  | UPLOAD#<fileId> | PENDING | UPLOADS#PENDING / <expiresAt UTC ISO>#<fileId> |
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PendingUpload, PendingUploads } from '../usecases/ports.ts';

const key = (fileId: string) => ({ pk: `UPLOAD#${fileId}`, sk: 'PENDING' });
const PARTITION = 'UPLOADS#PENDING';

export class PendingUploadStore implements PendingUploads {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(upload: PendingUpload): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...key(upload.fileId),
          entity: 'PendingUpload',
          gsi2pk: PARTITION,
          gsi2sk: `${upload.expiresAt}#${upload.fileId}`,
          ...upload,
        },
      }),
    );
  }

  async remove(fileId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: key(fileId) }));
  }

  async expiredBefore(instant: string, limit: number): Promise<PendingUpload[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :p AND gsi2sk < :before',
        ExpressionAttributeValues: { ':p': PARTITION, ':before': instant },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(({ fileId, caseId, objectKey, expiresAt }) => ({
      fileId,
      caseId,
      objectKey,
      expiresAt,
    }));
  }
}
