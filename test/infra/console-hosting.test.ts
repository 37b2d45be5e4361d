/**
 * The console's hosting as CloudFormation gets it: a bucket nobody reads but CloudFront (origin access
 * control), strict security headers, app routes answered with index.html, and a user-pool client for
 * the console's sign-in with callback URLs on its own origin.
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConsoleHosting } from '../../infra/constructs/console-hosting.ts';
import { newApp, SYNTH_TIMEOUT_MS } from './synthesize.ts';

type Resource = { Type: string; Properties: Record<string, any> };
let template: Template;

beforeAll(() => {
  const stack = new Stack(newApp(), 'ConsoleProbe', { env: { account: '123456789012', region: 'ap-northeast-2' } });
  new ConsoleHosting(stack, 'Console', {
    userPool: new UserPool(stack, 'Pool'),
    apiOrigin: 'https://api.example.go.kr',
    consoleOrigin: 'https://console.example.go.kr',
    signInDomainPrefix: 'gamsa',
    filesOrigin: 'https://gamsa-case-files-123456789012-ap-northeast-2.s3.ap-northeast-2.amazonaws.com',
  });
  template = Template.fromStack(stack);
}, SYNTH_TIMEOUT_MS);

describe('console hosting', () => {
  it('keeps the bucket private: public access blocked, TLS only, read by CloudFront through OAC alone', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')) as Resource[];
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, any>[]);
    const reads = statements.filter((s) => s.Effect === 'Allow' && JSON.stringify(s.Action).includes('s3:GetObject'));
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(read.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(
      statements.some((s) => s.Effect === 'Deny' && JSON.stringify(s.Condition).includes('aws:SecureTransport')),
    ).toBe(true);
  });

  it('sends a strict CSP (calls to the API, the sign-in and the case-files bucket only) and HSTS, and redirects to HTTPS', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.stringLikeRegexp(
              "default-src 'self'.*connect-src 'self' https://api.example.go.kr https://cognito-idp.ap-northeast-2.amazonaws.com https://gamsa.auth.ap-northeast-2.amazoncognito.com https://gamsa-case-files-123456789012-ap-northeast-2.s3.ap-northeast-2.amazonaws.com;.*script-src 'self'.*frame-ancestors 'none'",
            ),
            Override: true,
          },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        CustomErrorResponses: Match.arrayWith([
          Match.objectLike({ ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html' }),
        ]),
      }),
    });
  });

  it("gives the console a user-pool client for code + PKCE with callback URLs on the console's origin", () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'staff-console',
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: ['https://console.example.go.kr/auth/callback'],
      LogoutURLs: ['https://console.example.go.kr/login'],
    });
  });
});
