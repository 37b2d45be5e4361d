/**
 * The deploy stops while nobody active is in the user pool's `head` group: the custom resource's
 * handler fails with a message naming the pool and the command that adds the head of office, and
 * succeeds once someone is there; taking the stack down never waits for a head.
 */
import { ListUsersInGroupCommand, type UserType } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { checkHeadOfOffice } from '../../../functions/deploy/head-of-office-check.handler.ts';
import { cognitoOfficeLevelStaff } from '#shared/store/cognito-office-staff.ts';

const POOL = 'ap-northeast-2_TESTPOOL';

const user = (sub: string, enabled: boolean): UserType => ({
  Username: `${sub}@gamsa.go.kr`,
  Enabled: enabled,
  Attributes: [
    { Name: 'sub', Value: sub },
    { Name: 'email', Value: `${sub}@gamsa.go.kr` },
  ],
});

/** ListUsersInGroup over a pool whose `head` group holds `heads`. */
function groupsOf(heads: UserType[], asked: string[] = []) {
  const client = {
    async send(command: unknown) {
      if (!(command instanceof ListUsersInGroupCommand)) throw new Error('unexpected command');
      asked.push(`${command.input.UserPoolId}/${command.input.GroupName}`);
      return { Users: command.input.GroupName === 'head' ? heads : [], $metadata: {} };
    },
  };
  return cognitoOfficeLevelStaff(client, POOL, { get: async () => undefined });
}

describe('the deploy-time head-of-office check', () => {
  it('fails the deploy when the head group is empty or holds only disabled accounts, naming the fix', async () => {
    for (const heads of [[], [user('retired-head', false)]]) {
      const asked: string[] = [];
      const check = checkHeadOfOffice({ RequestType: 'Update' }, POOL, groupsOf(heads, asked));
      await expect(check).rejects.toThrow(/감사담당관\(head\) 그룹에 활성 계정이 없어 배포를 멈춥니다/);
      await expect(check).rejects.toThrow(
        `aws cognito-idp admin-add-user-to-group --user-pool-id ${POOL} --username <e-mail> --group-name head`,
      );
      expect(asked).toEqual([`${POOL}/head`]);
    }
  });

  it('lets the deploy go on when someone holds the role, on create and on every update', async () => {
    const groups = groupsOf([user('head-1', true), user('retired-head', false)]);
    for (const RequestType of ['Create', 'Update'] as const)
      expect(await checkHeadOfOffice({ RequestType }, POOL, groups)).toEqual({
        PhysicalResourceId: `head-of-office@${POOL}`,
        Data: { HeadCount: 1 },
      });
  });

  it('never holds up deleting the stack', async () => {
    const asked: string[] = [];
    expect(await checkHeadOfOffice({ RequestType: 'Delete' }, POOL, groupsOf([], asked))).toEqual({
      PhysicalResourceId: `head-of-office@${POOL}`,
    });
    expect(asked).toEqual([]);
  });
});
