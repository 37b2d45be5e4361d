/** The 구민감사관 roster (shared/domain/citizen-auditors.ts): one versioned record per auditor, listed through gsi2. */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { citizenAuditorSchema, type CitizenAuditor } from '../domain/citizen-auditors.ts';
import { VersionConflictError } from '../domain/errors.ts';
import type { CitizenAuditorRoster as RosterPort } from '../usecases/ports.ts';
import { withoutStorageKeys } from './keys.ts';
import { queryAll } from './paged-query.ts';
import { putVersioned } from './versioned-put.ts';

export const rosterKeys = {
  auditor: (sub: string) => ({ pk: `CITIZEN_AUDITOR#${sub}`, sk: 'APPOINTMENT' }),
  all: 'CITIZEN_AUDITORS',
} as const;

const itemOf = (auditor: CitizenAuditor) => ({
  ...rosterKeys.auditor(auditor.sub),
  entity: 'citizen-auditor',
  ...auditor,
  gsi2pk: rosterKeys.all,
  gsi2sk: `${auditor.name}#${auditor.sub}`,
});

export class CitizenAuditorRoster implements RosterPort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(sub: string): Promise<CitizenAuditor | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: rosterKeys.auditor(sub), ConsistentRead: true }),
    );
    return out.Item ? citizenAuditorSchema.parse(withoutStorageKeys(out.Item)) : undefined;
  }

  /** Everyone on the roster, by name (a few dozen people). */
  async list(): Promise<CitizenAuditor[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': rosterKeys.all },
    });
    return items.map((i) => citizenAuditorSchema.parse(withoutStorageKeys(i)));
  }

  /** Writes the record at its version (1: only if absent; otherwise over exactly the version before). */
  async put(auditor: CitizenAuditor): Promise<CitizenAuditor> {
    const written = await putVersioned(this.doc, this.tableName, itemOf(auditor));
    if (written) return auditor;
    const current = await this.get(auditor.sub);
    throw new VersionConflictError(
      `Citizen auditor ${auditor.sub} was changed by someone else (current version ${current?.version ?? 'none'})`,
      `다른 사용자가 먼저 구민감사관 정보를 변경했습니다 (현재 버전 ${current?.version ?? '없음'})`,
      { field: 'expectedVersion', rule: 'stale_version', meta: { currentVersion: current?.version } },
    );
  }

  /** Seeds an auditor if not there yet (demo data, the year generator); true when written. */
  async putIfAbsent(auditor: CitizenAuditor): Promise<boolean> {
    return putVersioned(this.doc, this.tableName, itemOf({ ...auditor, version: 1 }));
  }
}
