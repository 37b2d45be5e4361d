/**
 * Idempotency records: a write that carries an `Idempotency-Key` stores the result it produced in
 * the same transaction as its effect. A repeat with the same key and the same request returns that
 * result and writes nothing; the same key with a different request is refused. Records expire
 * after a day (DynamoDB TTL on AWS; DynamoDB Local never deletes, so reads check `expiresAt` too).
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TTL_ATTRIBUTE } from './table-definition.ts';
import { keys } from './keys.ts';
import {
  IdempotencyRaceError,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type IdempotencyStore as IdempotencyStorePort,
} from '../usecases/ports.ts';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export { IdempotencyRaceError, type IdempotencyClaim, type IdempotencyRecord };

export function idempotencyPut(tableName: string, claim: IdempotencyClaim) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.idempotency(claim.scope, claim.key),
        entity: 'idempotency',
        fingerprint: claim.fingerprint,
        result: JSON.stringify(claim.result),
        [TTL_ATTRIBUTE]: claim.nowEpochSeconds + IDEMPOTENCY_TTL_SECONDS,
      },
      // An expired record may be overwritten: the key is free again.
      ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now',
      ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: { ':now': claim.nowEpochSeconds },
    },
  };
}

export class IdempotencyStore implements IdempotencyStorePort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(scope: string, key: string, nowEpochSeconds: number): Promise<IdempotencyRecord | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.idempotency(scope, key), ConsistentRead: true }),
    );
    const item = out.Item;
    if (!item || typeof item[TTL_ATTRIBUTE] !== 'number' || item[TTL_ATTRIBUTE] < nowEpochSeconds) return undefined;
    return { fingerprint: String(item.fingerprint), result: JSON.parse(String(item.result)) as unknown };
  }
}
