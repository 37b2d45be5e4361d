/**
 * Office-level staff on AWS: whoever the user pool's group of a role holds (one group per role,
 * infra/constructs/staff-directory.ts) — the head of office is whoever is in `head`, so handing the
 * office over is a group change, not a redeploy. Each member is read from the staff records when
 * there is one (position, team) and otherwise made from the account's attributes; the group is
 * what says they hold the role. Disabled accounts are left out.
 */
import {
  type CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '../domain/roles.ts';
import type { StaffMember } from '../domain/staff.ts';
import type { OfficeLevelStaff } from '../usecases/ports.ts';
import type { StaffRepository } from './staff-repository.ts';

const attribute = (user: UserType, name: string): string | undefined =>
  user.Attributes?.find((a) => a.Name === name)?.Value;

export function cognitoOfficeLevelStaff(
  client: Pick<CognitoIdentityProviderClient, 'send'>,
  userPoolId: string,
  staff: Pick<StaffRepository, 'get'>,
): OfficeLevelStaff {
  return {
    async withRole(role: Role): Promise<StaffMember[]> {
      const users: UserType[] = [];
      let next: string | undefined;
      do {
        const page = await client.send(
          new ListUsersInGroupCommand({
            UserPoolId: userPoolId,
            GroupName: role,
            Limit: 60,
            ...(next !== undefined && { NextToken: next }),
          }),
        );
        users.push(...(page.Users ?? []));
        next = page.NextToken;
      } while (next !== undefined);
      const members: StaffMember[] = [];
      for (const user of users) {
        if (user.Enabled === false) continue;
        const sub = attribute(user, 'sub');
        const email = attribute(user, 'email');
        if (sub === undefined) continue;
        const record = await staff.get(sub);
        if (record) {
          members.push({ ...record, roles: record.roles.includes(role) ? record.roles : [...record.roles, role] });
        } else if (email !== undefined) {
          members.push({ sub, email, name: attribute(user, 'name') ?? email, roles: [role], active: true });
        }
      }
      return members;
    },
  };
}
