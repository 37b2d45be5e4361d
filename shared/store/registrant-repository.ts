/**
 * Registrants (재산등록 의무자) of a property-review campaign: one item each in the campaign case's
 * partition (a campaign of ~470 would not fit on the case item), versioned, written only together
 * with the case change that records it (its tally and its event), so the case's counts and the
 * registrants never disagree.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { registrantSchema, type Registrant } from '../kinds/property-review/registrants.ts';
import type { AtomicWrite, RegistrantStore, VersionedRegistrant } from '../usecases/ports.ts';
import { atomic } from './atomic-write.ts';
import { keys, withoutStorageKeys } from './keys.ts';
import { queryItems } from './paged-query.ts';

const parse = (item: Record<string, unknown>): VersionedRegistrant => {
  const { version, ...rest } = withoutStorageKeys(item);
  return { registrant: registrantSchema.parse(rest), version: Number(version) };
};

export class RegistrantRepository implements RegistrantStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(caseId: string, registrantNo: string): Promise<VersionedRegistrant | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.registrant(caseId, registrantNo), ConsistentRead: true }),
    );
    return out.Item ? parse(out.Item) : undefined;
  }

  async *ofCase(caseId: string): AsyncGenerator<VersionedRegistrant> {
    for await (const item of queryItems(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.case(caseId).pk, ':prefix': keys.registrantPrefix },
    }))
      yield parse(item);
  }

  /** A put that holds only if the registrant is new (`version` 0) or still at `version`. */
  put(caseId: string, registrant: Registrant, version: number): AtomicWrite {
    return atomic({
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.registrant(caseId, registrant.registrantNo),
          entity: 'registrant',
          caseId,
          ...registrant,
          version: version + 1,
        },
        ConditionExpression: version === 0 ? 'attribute_not_exists(pk)' : '#version = :expected',
        ...(version !== 0 && {
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': version },
        }),
      },
    });
  }
}
