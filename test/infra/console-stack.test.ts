/**
 * The staff console as the system deploys it, beside the API in the stateless stack: a private bucket
 * read by CloudFront through OAC, the security headers naming the API's origin, a code + PKCE client
 * whose URLs are on the console's origin, the API accepting that client's tokens and allowing
 * cross-origin calls from the console's origin only, and the built console uploaded with its config.
 */
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StatelessStack } from '../../infra/stacks/stateless-stack.ts';
import { SYNTH_TIMEOUT_MS, synthesizeSystemWithoutBundling } from './synthesize.ts';

type Resource = { Type: string; Properties: Record<string, any> };
let stack: StatelessStack;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  stack = synthesizeSystemWithoutBundling().stateless;
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
}, SYNTH_TIMEOUT_MS);

const idOf = (s: Stack, element: CfnElement): string => s.resolve(element.logicalId) as string;
const consoleDomain = () => ({
  'Fn::GetAtt': [idOf(stack, stack.console.distribution.node.defaultChild as CfnElement), 'DomainName'],
});
const consoleOrigin = () => ({ 'Fn::Join': ['', ['https://', consoleDomain()]] });

describe('the console in the stateless stack', () => {
  it('keeps its bucket private and lets only its distribution read it, through origin access control', () => {
    const bucketId = idOf(stack, stack.console.bucket.node.defaultChild as CfnElement);
    expect(resources[bucketId]!.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const policy = Object.values(resources).find(
      (r) =>
        r.Type === 'AWS::S3::BucketPolicy' && JSON.stringify(r.Properties.Bucket) === JSON.stringify({ Ref: bucketId }),
    )!;
    const reads = (policy.Properties.PolicyDocument.Statement as Record<string, any>[]).filter(
      (s) => s.Effect === 'Allow' && JSON.stringify(s.Action).includes('s3:GetObject'),
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]!.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(JSON.stringify(reads[0]!.Condition)).toContain(
      idOf(stack, stack.console.distribution.node.defaultChild as CfnElement),
    );
  });

  it("serves it with the WAF and strict security headers whose CSP lets scripts call the API's distribution", () => {
    const distribution = resources[idOf(stack, stack.console.distribution.node.defaultChild as CfnElement)]!;
    expect(distribution.Properties.DistributionConfig.WebACLId).toBeDefined();
    const policyId = distribution.Properties.DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId.Ref;
    const headers = resources[policyId]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63072000, Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(idOf(stack, stack.edge.distribution.node.defaultChild as CfnElement));
    expect(csp).toContain('.auth.ap-northeast-2.amazoncognito.com');
  });

  it("signs in with code + PKCE (no secret), the callback and sign-out URLs on the console's origin", () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'staff-console',
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', consoleDomain(), '/auth/callback']] }],
      LogoutURLs: [{ 'Fn::Join': ['', ['https://', consoleDomain(), '/login']] }],
    });
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });

  it("has the API's authorizer accept the staff app's and the console's tokens", () => {
    const authorizers = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const audience = authorizers[0]!.Properties.JwtConfiguration.Audience as unknown[];
    expect(audience).toHaveLength(2);
    expect(JSON.stringify(audience[0])).toContain('StaffAppClient');
    expect(audience[1]).toEqual({ Ref: idOf(stack, stack.console.client.node.defaultChild as CfnElement) });
  });

  it("allows cross-origin calls to the API from the console's origin only", () => {
    const api = Object.values(resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Api')!;
    expect(api.Properties.CorsConfiguration).toBeUndefined();
    const cors = Object.values(resources).filter((r) => r.Type === 'Custom::HttpApiCors');
    expect(cors).toHaveLength(1);
    const create = JSON.stringify(cors[0]!.Properties.Create);
    const update = JSON.stringify(cors[0]!.Properties.Update);
    expect(update).toBe(create);
    // The one allowed origin is the console distribution's domain.
    const parts = cors[0]!.Properties.Create['Fn::Join'][1] as unknown[];
    const domainId = idOf(stack, stack.console.distribution.node.defaultChild as CfnElement);
    const written = parts
      .map((part) =>
        typeof part === 'string'
          ? part
          : JSON.stringify(part) === JSON.stringify(consoleDomain())
            ? `<${domainId}.DomainName>`
            : '<other>',
      )
      .join('');
    const call = JSON.parse(written) as { action: string; parameters: { CorsConfiguration: Record<string, unknown> } };
    expect(call.action).toBe('UpdateApi');
    expect(call.parameters.CorsConfiguration.AllowOrigins).toEqual([`https://<${domainId}.DomainName>`]);
    expect(call.parameters.CorsConfiguration.AllowHeaders).toEqual(
      expect.arrayContaining(['authorization', 'idempotency-key']),
    );
    expect(create).not.toContain('*');
    expect(JSON.stringify(cors[0]!.Properties.Delete)).toContain('DeleteCorsConfiguration');
  });

  it('uploads the built console and its config.json (API, user pool, client, sign-in domain) to the bucket', () => {
    const deployments = Object.values(resources).filter((r) => r.Type === 'Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(1);
    const props = deployments[0]!.Properties;
    expect(props.DestinationBucketName).toEqual({
      Ref: idOf(stack, stack.console.bucket.node.defaultChild as CfnElement),
    });
    expect(props.SourceObjectKeys).toHaveLength(2);
    expect(props.Prune).toBe(false);
    const markers = JSON.stringify(props.SourceMarkers);
    expect(markers).toContain(idOf(stack, stack.console.client.node.defaultChild as CfnElement));
    expect(markers).toContain(idOf(stack, stack.edge.distribution.node.defaultChild as CfnElement));
  });

  it('tells every function where the console is, for links in mail', () => {
    const functions = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    const ours = functions.filter((f) => f.Properties.Environment?.Variables?.TABLE_NAME !== undefined);
    expect(ours.length).toBeGreaterThan(0);
    for (const fn of ours) expect(fn.Properties.Environment.Variables.CONSOLE_URL).toEqual(consoleOrigin());
    template.hasOutput('ConsoleUrl', { Value: consoleOrigin() });
    template.hasOutput('ConsoleClientId', Match.anyValue());
  });
});
