/**
 * The web application firewall in front of the staff API.
 *
 * Decision: an HTTP API (API Gateway v2) cannot be associated with AWS WAF; WAF attaches to REST
 * APIs, CloudFront, ALB, AppSync, Cognito and App Runner. Moving to a REST API would change the
 * authorizer, the payload format every handler reads and the price (REST requests cost about three
 * times as much). So the API keeps its HTTP API and gets a CloudFront distribution in front of it
 * with a WAF web ACL (scope CLOUDFRONT, which AWS requires to live in us-east-1 — hence the small
 * edge stack). The console's static hosting can share the same web ACL.
 *
 * Rules, in order: AWS managed IP reputation list, common rule set (OWASP-style), known bad inputs,
 * then a rate-based rule per client IP. The rate is per 5 minutes and high on purpose: the whole
 * office reaches the internet through the 구청's few public addresses, so one IP is many people.
 *
 * Not closed: the API's own execute-api endpoint stays reachable beside CloudFront (still behind the
 * Cognito JWT authorizer and stage throttling). Closing it needs a custom domain on the API
 * (`disableExecuteApiEndpoint`) — a DNS name the office has to provide.
 */
import { Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** AWS managed rule groups, evaluated in this order before the rate rule. */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

export interface EdgeWebAclProps {
  /** Requests per 5 minutes from one IP before it is blocked (WAF's minimum is 10). */
  readonly ratePer5Minutes: number;
}

/** The web ACL (CLOUDFRONT scope): create it in a us-east-1 stack. */
export class EdgeWebAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeWebAclProps) {
    super(scope, id);
    if (Stack.of(this).region !== 'us-east-1') {
      throw new Error('A CloudFront web ACL must be created in us-east-1');
    }
    if (!Number.isInteger(props.ratePer5Minutes) || props.ratePer5Minutes < 10) {
      throw new Error(`WAF rate limit must be a whole number ≥ 10, not ${props.ratePer5Minutes}`);
    }
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('gamsa-edge'),
      rules: [
        ...MANAGED_RULE_GROUPS.map((name, priority) => ({
          name,
          priority,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
          visibilityConfig: visibility(name),
        })),
        {
          name: 'RatePerIp',
          priority: MANAGED_RULE_GROUPS.length,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit: props.ratePer5Minutes, aggregateKeyType: 'IP', evaluationWindowSec: 300 },
          },
          visibilityConfig: visibility('gamsa-rate-per-ip'),
        },
      ],
    });
  }
}

export interface ApiDistributionProps {
  readonly httpApi: IHttpApi;
  /** ARN of the EdgeWebAcl (a cross-region reference from the us-east-1 stack). */
  readonly webAclArn: string;
}

/** CloudFront in front of the HTTP API: no caching, every header but Host passed on, WAF attached. */
export class ApiDistribution extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: ApiDistributionProps) {
    super(scope, id);
    const apiDomain = Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint));
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Audit office case tracking — staff API behind WAF',
      webAclId: props.webAclArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Staff are in Korea; the cheapest class that includes Korea's edge locations.
      priceClass: PriceClass.PRICE_CLASS_200,
      defaultBehavior: {
        origin: new HttpOrigin(apiDomain, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          readTimeout: Duration.seconds(30),
        }),
        allowedMethods: AllowedMethods.ALLOW_ALL,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        // Every answer depends on the caller's token: nothing is cached.
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: staff work from the office and, on duty, from elsewhere; sign-in and MFA decide access.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        'The API stage keeps its own access log (who, when, from where, outcome); CloudFront logs would duplicate it.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The default *.cloudfront.net certificate allows TLS 1.0 viewers in CloudFront’s check; TLS 1.2 needs the office’s own domain and certificate.',
    });
  }

  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
