/**
 * Who may use the system: a Cognito user pool of the office's staff, one app client, and one group
 * per role (shared/domain/roles.ts). Tokens are ID tokens; `cognito:groups` carries the roles and
 * `aud` the app client id, which is what API Gateway's JWT authorizer checks.
 *
 * Accounts are created by an administrator (no self sign-up) with the e-mail address as user name.
 * MFA (TOTP) is required: the pool guards whistleblower identities and complainants' personal data,
 * so a leaked password alone must not be enough. SMS is not offered (cost, SIM-swap risk).
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLE_LABELS, ROLES } from '#shared/domain/roles.ts';

export class StaffDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The `iss` of the pool's tokens. */
  readonly issuerUrl: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection (compromised-credential checks, adaptive blocking of risky sign-ins)
      // enforced. It is billed per monthly active user, and the office has a few dozen (docs/cost-model.md);
      // it also keeps password history.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: '[감사담당관 사건관리] 계정이 만들어졌습니다',
        emailBody:
          '사건관리 시스템 계정이 만들어졌습니다.<br>아이디: {username}<br>임시 비밀번호: {####}<br>' +
          '처음 로그인할 때 비밀번호를 바꾸고 OTP 앱을 등록해 주십시오. 임시 비밀번호는 3일 동안 유효합니다.',
      },
      userVerification: {
        emailSubject: '[감사담당관 사건관리] 이메일 인증 코드',
        emailBody: '사건관리 시스템 이메일 인증 코드: {####}',
      },
      // Staff accounts and their MFA enrolments cannot be exported; losing the pool locks everyone out.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.userPool.addClient('StaffAppClient', {
      userPoolClientName: 'staff-app',
      // A browser or CLI cannot keep a client secret; SRP never sends the password itself.
      generateSecret: false,
      authFlows: { userSrp: true },
      // No hosted UI yet; without this CDK would enable OAuth flows with a placeholder callback URL.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // About one working day: a session left on a shared office PC does not survive the night.
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes().withStandardAttributes({
        email: true,
        emailVerified: true,
        fullname: true,
      }),
      // Staff may correct their display name; e-mail (the user name) is changed by an administrator.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    for (const role of ROLES) {
      this.userPool.addGroup(`Group-${role}`, { groupName: role, description: ROLE_LABELS[role] });
    }

    const stack = Stack.of(this);
    this.issuerUrl = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }
}
