/**
 * Rewrites every case item with its index attributes (case-repository caseItem), kind by kind from
 * the kind index, each conditioned on the version it read: a case changed meanwhile was rewritten
 * by that change already. Needed once for a table that holds cases from before an index existed
 * (`npm run audit -- reindex`; the local system does it by itself when it adds an index).
 */
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CASE_KINDS } from '../kinds/registry.ts';
import { caseItem, CaseRepository } from './case-repository.ts';

export interface ReindexProgress {
  start(total: number): void;
  tick(done: number): void;
}

export async function reindexCases(
  doc: DynamoDBDocumentClient,
  tableName: string,
  progress?: ReindexProgress,
): Promise<number> {
  const repo = new CaseRepository(doc, tableName);
  const total = (await Promise.all(CASE_KINDS.map((k) => repo.countByKind(k)))).reduce((a, b) => a + b, 0);
  progress?.start(total);
  let done = 0;
  for (const kind of CASE_KINDS) {
    let cursor: string | undefined;
    do {
      const page = await repo.listByKind(kind, { limit: 200, ...(cursor !== undefined && { cursor }) });
      for (const c of page.items) {
        await doc
          .send(
            new PutCommand({
              TableName: tableName,
              Item: caseItem(c),
              ConditionExpression: '#v = :v',
              ExpressionAttributeNames: { '#v': 'version' },
              ExpressionAttributeValues: { ':v': c.version },
            }),
          )
          .catch((error: unknown) => {
            if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
          });
        progress?.tick(++done);
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return done;
}
