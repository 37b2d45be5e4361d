/** The staff directory: who people are, their team and roles (kept in sync with the user pool groups). */
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { staffMemberSchema, type StaffMember } from '../domain/staff.ts';
import { keys, withoutStorageKeys } from './keys.ts';
import type { StaffRepository as StaffRepositoryPort } from '../usecases/ports.ts';

export class StaffRepository implements StaffRepositoryPort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(sub: string): Promise<StaffMember | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.staff(sub) }));
    return out.Item ? staffMemberSchema.parse(withoutStorageKeys(out.Item)) : undefined;
  }

  /** Creates the member if absent; returns false when they were already there (seeding is re-runnable). */
  async putIfAbsent(member: StaffMember): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.staff(member.sub),
            entity: 'staff',
            ...member,
            ...(member.team
              ? { gsi1pk: keys.byTeam(member.team), gsi1sk: member.name }
              : member.department && { gsi1pk: keys.staffOfDepartment(member.department), gsi1sk: member.name }),
            gsi3pk: keys.byEmail(member.email),
            gsi3sk: 'STAFF',
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async listByTeam(team: string): Promise<StaffMember[]> {
    return this.#gsi1(keys.byTeam(team));
  }

  /** The staff records of a 구 department (부서) — its contacts — active or not. */
  async listByDepartment(department: string): Promise<StaffMember[]> {
    return this.#gsi1(keys.staffOfDepartment(department));
  }

  async #gsi1(partition: string): Promise<StaffMember[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
      }),
    );
    return (out.Items ?? []).map((i) => staffMemberSchema.parse(withoutStorageKeys(i)));
  }
}
