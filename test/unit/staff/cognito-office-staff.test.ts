/**
 * The head of office on AWS comes from the user pool's `head` group: every page of ListUsersInGroup
 * is read, disabled accounts are left out, a member with a staff record is that record (holding the
 * role the group gives), and one without is made from the account's attributes.
 */
import { ListUsersInGroupCommand, type UserType } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import type { StaffMember } from '#shared/domain/staff.ts';
import { cognitoOfficeLevelStaff } from '#shared/store/cognito-office-staff.ts';
import { cachedStaffDirectory } from '#shared/store/reminder-store.ts';

const user = (sub: string, email: string, extra: Partial<UserType> = {}, name?: string): UserType => ({
  Username: email,
  Enabled: true,
  Attributes: [
    { Name: 'sub', Value: sub },
    { Name: 'email', Value: email },
    ...(name ? [{ Name: 'name', Value: name }] : []),
  ],
  ...extra,
});

/** The user pool as ListUsersInGroup answers: two pages of `head`, nobody in `admin`. */
function pool(requests: ListUsersInGroupCommand['input'][]) {
  const pages: Record<string, UserType[][]> = {
    head: [
      [user('head-1', 'head@gamsa.go.kr'), user('gone', 'gone@gamsa.go.kr', { Enabled: false })],
      [user('head-2', 'deputy@gamsa.go.kr', {}, '이대행')],
    ],
    admin: [[]],
  };
  return {
    async send(command: unknown) {
      if (!(command instanceof ListUsersInGroupCommand)) throw new Error('unexpected command');
      requests.push(command.input);
      const group = pages[command.input.GroupName ?? ''] ?? [[]];
      const index = command.input.NextToken ? Number(command.input.NextToken) : 0;
      return {
        Users: group[index],
        ...(index + 1 < group.length && { NextToken: String(index + 1) }),
        $metadata: {},
      };
    },
  };
}

const records: Record<string, StaffMember> = {
  'head-1': {
    sub: 'head-1',
    name: '김정민',
    email: 'head@gamsa.go.kr',
    position: '감사담당관(5급)',
    roles: ['auditor'],
    active: true,
  },
};
const staff = { get: async (sub: string) => records[sub], listByTeam: async () => [] };

describe('the head of office from the user pool', () => {
  it('reads every page of the head group on this pool, leaving disabled accounts out', async () => {
    const requests: ListUsersInGroupCommand['input'][] = [];
    const heads = await cognitoOfficeLevelStaff(pool(requests), 'ap-northeast-2_pool', staff).withRole('head');
    expect(requests.map((r) => [r.UserPoolId, r.GroupName])).toEqual([
      ['ap-northeast-2_pool', 'head'],
      ['ap-northeast-2_pool', 'head'],
    ]);
    expect(heads).toEqual([
      { ...records['head-1'], roles: ['auditor', 'head'] },
      { sub: 'head-2', name: '이대행', email: 'deputy@gamsa.go.kr', roles: ['head'], active: true },
    ]);
  });

  it('is what the jobs’ directory answers for the head, asked once per run', async () => {
    const requests: ListUsersInGroupCommand['input'][] = [];
    const directory = cachedStaffDirectory(staff, cognitoOfficeLevelStaff(pool(requests), 'p', staff));
    expect((await directory.withRole('head', undefined)).map((m) => m.sub)).toEqual(['head-1', 'head-2']);
    expect((await directory.withRole('head', undefined)).map((m) => m.sub)).toEqual(['head-1', 'head-2']);
    expect(await directory.withRole('admin', undefined)).toEqual([]);
    expect(requests.map((r) => r.GroupName)).toEqual(['head', 'head', 'admin']);
  });
});
