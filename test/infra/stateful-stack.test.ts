import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { StatefulStack } from '../../infra/stacks/stateful-stack.ts';
import { IMPORT_FILES_PREFIX, IMPORT_UPLOAD_DAYS } from '../../infra/constructs/case-files.ts';
import { ROLES } from '#shared/domain/roles.ts';
import { createTableInput, TTL_ATTRIBUTE } from '#shared/store/table-definition.ts';
import { newApp } from './synthesize.ts';

// The stateful stack has no functions, so it is built on its own: no bundling, fast.
let stack: StatefulStack;
let template: Template;

beforeAll(() => {
  stack = new StatefulStack(newApp(), 'GamsaCases-Stateful', { env: { region: 'ap-northeast-2' } });
  template = Template.fromStack(stack);
});

type Resource = { Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

function onlyResource(type: string): { logicalId: string; resource: Resource } {
  const found = Object.entries(template.findResources(type));
  expect(found, `exactly one ${type}`).toHaveLength(1);
  const [logicalId, resource] = found[0]!;
  return { logicalId, resource: resource as Resource };
}

describe('case table', () => {
  it('has the keys, attribute types and indexes DynamoDB Local gets from table-definition.ts', () => {
    const local = createTableInput('any-name');
    const { resource } = onlyResource('AWS::DynamoDB::GlobalTable');
    const props = resource.Properties;

    expect(props.KeySchema).toEqual(local.KeySchema);
    const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) =>
      String(a.AttributeName).localeCompare(String(b.AttributeName));
    expect([...props.AttributeDefinitions].sort(byName)).toEqual([...local.AttributeDefinitions!].sort(byName));
    expect(props.GlobalSecondaryIndexes).toEqual(
      local.GlobalSecondaryIndexes!.map((index) => ({
        IndexName: index.IndexName,
        KeySchema: index.KeySchema,
        Projection: index.Projection,
      })),
    );
    expect(props.BillingMode).toBe(local.BillingMode);
  });

  it('is encrypted with its own customer-managed KMS key, rotated yearly and retained', () => {
    const keyId = stack.getLogicalId(stack.cases.key.node.defaultChild as never);
    const key = template.toJSON().Resources[keyId] as Resource;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');

    const { resource: table } = onlyResource('AWS::DynamoDB::GlobalTable');
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    expect(table.Properties.Replicas).toHaveLength(1);
    expect(table.Properties.Replicas[0].SSESpecification).toEqual({
      KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
  });

  it('keeps point-in-time recovery on, refuses deletion and survives stack deletion', () => {
    const { resource: table } = onlyResource('AWS::DynamoDB::GlobalTable');
    const replica = table.Properties.Replicas[0];
    expect(replica.PointInTimeRecoverySpecification).toMatchObject({ PointInTimeRecoveryEnabled: true });
    expect(replica.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(stack.terminationProtection).toBe(true);
  });

  it('expires items by the TTL attribute the store writes', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
  });

  it('streams new item images for the outbox relay', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
  });
});

describe('staff directory', () => {
  it('has exactly the ten role groups (the identity custodian and citizen auditors among them)', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => (g as Resource).Properties.GroupName as string,
    );
    const ten = [
      'clerk',
      'investigator',
      'team-lead',
      'head',
      'secretary',
      'member',
      'auditor',
      'admin',
      'custodian',
      'citizen-auditor',
    ];
    expect(groups.sort()).toEqual([...ten].sort());
    expect([...ROLES].sort()).toEqual([...ten].sort());
  });

  it('lets only administrators create accounts, signs in by e-mail and requires TOTP MFA', () => {
    const { resource: pool } = onlyResource('AWS::Cognito::UserPool');
    const props = pool.Properties;
    expect(props.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(props.UsernameAttributes).toEqual(['email']);
    expect(props.MfaConfiguration).toBe('ON');
    expect(props.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(props.DeletionProtection).toBe('ACTIVE');
    expect(pool.DeletionPolicy).toBe('Retain');
  });

  it('enforces a strong password policy and threat protection (Plus plan)', () => {
    const { resource: pool } = onlyResource('AWS::Cognito::UserPool');
    expect(pool.Properties.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(pool.Properties.UserPoolTier).toBe('PLUS');
    expect(pool.Properties.UserPoolAddOns?.AdvancedSecurityMode).toBe('ENFORCED');
  });

  it('has one public app client for SRP sign-in, without OAuth flows', () => {
    const { resource: client } = onlyResource('AWS::Cognito::UserPoolClient');
    expect(client.Properties.GenerateSecret).toBe(false);
    expect(client.Properties.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client.Properties.AllowedOAuthFlows).toBeUndefined();
    expect(client.Properties.PreventUserExistenceErrors).toBe('ENABLED');
  });
});

describe('outputs', () => {
  it('publishes the table name, user pool id and client id', () => {
    template.hasOutput('TableName', { Value: { Ref: Match.stringLikeRegexp('^CasesTable') } });
    template.hasOutput('UserPoolId', { Value: { Ref: Match.stringLikeRegexp('^StaffUserPool') } });
    template.hasOutput('UserPoolClientId', { Value: { Ref: Match.stringLikeRegexp('^StaffUserPoolStaffAppClient') } });
  });
});

describe('the key that seals reporter identities', () => {
  it('is a key of its own beside the table key, rotated, retained and aliased', () => {
    const keys = Object.entries(template.findResources('AWS::KMS::Key'));
    expect(keys.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'BackupKey',
      'CaseFilesKey',
      'CasesKey',
      'ChainAnchorsSigningKey',
      'ReporterIdentityKey',
    ]);
    const [identityKeyId, identityKey] = keys.find(([id]) => id.startsWith('ReporterIdentity')) as [string, Resource];
    expect(identityKey.Properties.EnableKeyRotation).toBe(true);
    expect(identityKey.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/gamsa-reporter-identity',
      TargetKeyId: { 'Fn::GetAtt': [identityKeyId, 'Arn'] },
    });
  });
});

describe('the key that signs chain anchors', () => {
  it('is an asymmetric P-256 signing key of its own, retained, with its ARN in the outputs', () => {
    const [[keyId, key]] = Object.entries(template.findResources('AWS::KMS::Key')).filter(([id]) =>
      id.startsWith('ChainAnchorsSigningKey'),
    ) as [[string, Resource]];
    expect(key.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    expect(key.DeletionPolicy).toBe('Retain');
    template.hasOutput('AnchorSigningKeyArn', { Value: { 'Fn::GetAtt': [keyId, 'Arn'] } });
  });
});

describe('the case files bucket', () => {
  const filesBucket = () => {
    const [[id, bucket]] = Object.entries(template.findResources('AWS::S3::Bucket')).filter(([id]) =>
      id.startsWith('CaseFilesBucket'),
    ) as [[string, Resource]];
    return { id, bucket };
  };

  it('is encrypted with its own rotated KMS key, blocks public access, is versioned and retained', () => {
    const { bucket } = filesBucket();
    const [[keyId, key]] = Object.entries(template.findResources('AWS::KMS::Key')).filter(([id]) =>
      id.startsWith('CaseFilesKey'),
    ) as [[string, Resource]];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      {
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: {
          SSEAlgorithm: 'aws:kms',
          KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
        },
      },
    ]);
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.LoggingConfiguration).toMatchObject({ LogFilePrefix: 'case-files/' });
    expect(bucket.DeletionPolicy).toBe('Retain');
    template.hasOutput('CaseFilesBucketName', { Value: { Ref: filesBucket().id } });
  });

  it('expires import uploads no finished import deleted, and only under the imports prefix', () => {
    const { bucket } = filesBucket();
    const rules = bucket.Properties.LifecycleConfiguration.Rules as { Prefix?: string; ExpirationInDays?: number }[];
    const expiring = rules.filter((r) => r.ExpirationInDays !== undefined);
    expect(expiring).toEqual([
      expect.objectContaining({ Prefix: IMPORT_FILES_PREFIX, ExpirationInDays: IMPORT_UPLOAD_DAYS }),
    ]);
  });

  it('refuses every request that is not over TLS', () => {
    const { id } = filesBucket();
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')).filter(
      (p) => (p as Resource).Properties.Bucket.Ref === id,
    ) as Resource[];
    expect(policies).toHaveLength(1);
    expect(policies[0]!.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Principal: { AWS: '*' },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });
});
