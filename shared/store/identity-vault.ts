/**
 * The identity vault's items in the one table, apart from the case (their own partition, so no case
 * query, search, export or history read ever touches them), and only ever as ciphertext:
 *
 * | item             | pk                 | sk                  | gsi2                                                  |
 * |------------------|--------------------|---------------------|-------------------------------------------------------|
 * | sealed identity  | IDENTITY#<caseId>  | REPORTER            |                                                       |
 * | access request   | IDENTITY#<caseId>  | ACCESS#<requestId>  | IDENTITY_REQUESTS#PENDING / <requestedAt>#<id> (pending only) |
 *
 * Every write here goes in the same transaction as the history event that records it
 * (CaseRepository.create / appendWithoutVersion `also`), so a request, decision or read is never
 * without its chain entry, nor the other way round.
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accessRequestSchema, type AccessRequest } from '../domain/identity.ts';
import type { Envelope } from '../identity/envelope.ts';
import { atomic } from './atomic-write.ts';
import type { AtomicWrite, IdentityVault as IdentityVaultPort } from '../usecases/ports.ts';
import { queryAll } from './paged-query.ts';

const vaultKeys = {
  identity: (caseId: string) => ({ pk: `IDENTITY#${caseId}`, sk: 'REPORTER' }),
  request: (caseId: string, requestId: string) => ({ pk: `IDENTITY#${caseId}`, sk: `ACCESS#${requestId}` }),
  requestPrefix: 'ACCESS#',
  pending: 'IDENTITY_REQUESTS#PENDING',
};

const envelopeFields = ['keyId', 'wrappedKey', 'iv', 'tag', 'ciphertext', 'algorithm'] as const;

export class IdentityVault implements IdentityVaultPort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The sealed identity, written once with the case it belongs to. */
  sealedIdentityPut(caseId: string, envelope: Envelope, storedAt: string): AtomicWrite {
    return atomic({
      Put: {
        TableName: this.tableName,
        Item: { ...vaultKeys.identity(caseId), entity: 'sealed-identity', caseId, storedAt, ...envelope },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }

  async getEnvelope(caseId: string): Promise<Envelope | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: vaultKeys.identity(caseId), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    return Object.fromEntries(envelopeFields.map((f) => [f, out.Item?.[f]])) as unknown as Envelope;
  }

  /** A new request (pending: listed for the custodian) or a changed one, conditioned on what it was. */
  requestPut(next: AccessRequest, previous?: AccessRequest): AtomicWrite {
    const pending = next.status === 'pending';
    return atomic({
      Put: {
        TableName: this.tableName,
        Item: {
          ...vaultKeys.request(next.caseId, next.requestId),
          entity: 'identity-access-request',
          ...next,
          ...(pending && { gsi2pk: vaultKeys.pending, gsi2sk: `${next.requestedAt}#${next.requestId}` }),
        },
        ...(previous === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: '#status = :status AND #reads = :reads',
              ExpressionAttributeNames: { '#status': 'status', '#reads': 'reads' },
              ExpressionAttributeValues: { ':status': previous.status, ':reads': previous.reads },
            }),
      },
    });
  }

  async getRequest(caseId: string, requestId: string): Promise<AccessRequest | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: vaultKeys.request(caseId, requestId), ConsistentRead: true }),
    );
    return out.Item ? accessRequestSchema.parse(out.Item) : undefined;
  }

  /** Every request about one case, oldest first (a handful per case). */
  async requestsOfCase(caseId: string): Promise<AccessRequest[]> {
    const found = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `IDENTITY#${caseId}`, ':prefix': vaultKeys.requestPrefix },
      ConsistentRead: true,
    });
    const items: AccessRequest[] = found.map((i) => accessRequestSchema.parse(i));
    return items.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  }

  /** Requests waiting for the custodian, oldest first (an index query on the pending partition). */
  async pendingRequests(limit = 100): Promise<AccessRequest[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': vaultKeys.pending },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => accessRequestSchema.parse(i));
  }
}
