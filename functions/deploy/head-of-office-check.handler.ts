/**
 * Deploy-time check, the handler of a CloudFormation custom resource of the stateless stack that
 * runs on every deploy (infra/constructs/head-of-office-check.ts): the deploy fails, saying who is
 * missing and how to add them, when nobody active is in the user pool's `head` group. Escalations to
 * the head, tasks put on the head and the quarterly reports go to whoever that group holds, so a
 * system deployed without a head would drop them until the morning job's failure alarm spoke up.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import * as z from 'zod';
import { cognitoOfficeLevelStaff } from '#shared/store/cognito-office-staff.ts';
import { NoHeadOfOfficeError, requireHeadOfOffice } from '#shared/usecases/head-of-office.ts';
import type { OfficeLevelStaff } from '#shared/usecases/ports.ts';

const settingsSchema = z.object({ STAFF_USER_POOL_ID: z.string().min(1) });

/** What the Provider framework hands back to CloudFormation. */
export interface CheckResult {
  PhysicalResourceId: string;
  Data?: { HeadCount: number };
}

export async function checkHeadOfOffice(
  event: Pick<CloudFormationCustomResourceEvent, 'RequestType'>,
  userPoolId: string,
  groups: OfficeLevelStaff,
): Promise<CheckResult> {
  const physicalId = `head-of-office@${userPoolId}`;
  // Taking the stack down must never wait for a head of office.
  if (event.RequestType === 'Delete') return { PhysicalResourceId: physicalId };
  try {
    const heads = await requireHeadOfOffice({ withRole: (role) => groups.withRole(role) }, 'deploy');
    return { PhysicalResourceId: physicalId, Data: { HeadCount: heads.length } };
  } catch (error) {
    if (!(error instanceof NoHeadOfOfficeError)) throw error;
    throw new NoHeadOfOfficeDeployError(userPoolId);
  }
}

/** The message `cdk deploy` prints as the reason the stack failed. */
export class NoHeadOfOfficeDeployError extends Error {
  override name = 'NoHeadOfOfficeDeployError';
  constructor(userPoolId: string) {
    super(
      `감사담당관(head) 그룹에 활성 계정이 없어 배포를 멈춥니다 — nobody active is in the "head" group of user pool ${userPoolId}. ` +
        `Add the head of office, then deploy again: aws cognito-idp admin-add-user-to-group --user-pool-id ${userPoolId} --username <e-mail> --group-name head`,
    );
  }
}

const groups = (() => {
  let made: { userPoolId: string; staff: OfficeLevelStaff } | undefined;
  return () => {
    if (made) return made;
    const { STAFF_USER_POOL_ID } = settingsSchema.parse(process.env);
    // The group alone says who holds the role; staff records (the table) are not needed to count them.
    const staff = cognitoOfficeLevelStaff(new CognitoIdentityProviderClient({}), STAFF_USER_POOL_ID, {
      get: async () => undefined,
    });
    made = { userPoolId: STAFF_USER_POOL_ID, staff };
    return made;
  };
})();

export const handler = async (event: CloudFormationCustomResourceEvent): Promise<CheckResult> => {
  const { userPoolId, staff } = groups();
  return checkHeadOfOffice(event, userPoolId, staff);
};
