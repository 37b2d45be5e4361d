/**
 * Hosting of the staff console (web/dist) on AWS: a private S3 bucket read only by CloudFront through
 * origin access control, every app route answered with index.html, strict security headers (the
 * same CSP the local console server sends: infra/local/console-server.ts), and a user-pool client
 * for the console's sign-in (authorization code + PKCE, callback and sign-out URLs on the console's
 * own origin) through the pool's managed login on its own domain. The built files and the console's
 * /config.json (web/src/config.ts) are uploaded on deploy. The API's CORS is to allow `origin` only.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DefaultStackSynthesizer, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { ClientAttributes, type IUserPool, OAuthScope, UserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, type ISource, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { consoleSecurityHeaders } from '../local/console-server.ts';
import { fromProjectRoot } from '../project-paths.ts';

export interface ConsoleHostingProps {
  userPool: IUserPool;
  /** The API's origin (https://…), the only place the console's scripts may call. */
  apiOrigin: string;
  /** The console's public origin when it has its own domain; CloudFront's domain otherwise. */
  consoleOrigin?: string;
  /**
   * Prefix of the managed login's domain (https://<prefix>.auth.<region>.amazoncognito.com), unique in
   * the region: the console exchanges codes and renews tokens there, so the CSP lets scripts call it.
   */
  signInDomainPrefix: string;
  /** The case-files bucket's origin (https://<bucket>.s3.<region>.amazonaws.com): the console PUTs uploads there. */
  filesOrigin?: string;
  /** The WAF web ACL (us-east-1) the API's distribution uses; the console's distribution shares it. */
  webAclArn?: string;
  /** The built console (web/dist); uploaded with its /config.json on every deploy. */
  files?: ISource;
}

export class ConsoleHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly client: UserPoolClient;
  /** Where the console is served: the origin the API's CORS allows. */
  readonly origin: string;
  /** The managed login (https://<prefix>.auth.<region>.amazoncognito.com). */
  readonly signInDomain: string;
  readonly deployment?: BucketDeployment;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      // Emptying a bucket on delete takes a custom resource (a function and a role) for files that are
      // rebuilt from the repository anyway; a deleted stack leaves the bucket to delete by hand.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Holds only the built console (public code, no data); CloudFront reads it, and the API logs every data access.',
    });

    new UserPoolDomain(this, 'SignIn', {
      userPool: props.userPool,
      cognitoDomain: { domainPrefix: props.signInDomainPrefix },
    });
    // Spelled out rather than read from the domain resource: a literal CSP wherever the prefix is one.
    this.signInDomain = `https://${props.signInDomainPrefix}.auth.${Stack.of(this).region}.amazoncognito.com`;

    const issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com`;
    const local = consoleSecurityHeaders(props.apiOrigin, [issuer, this.signInDomain], props.filesOrigin);
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: '감사담당관 콘솔: CSP, HSTS, framing, MIME sniffing, referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: local['content-security-policy']!, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: '감사담당관 사건 관리 콘솔',
      defaultRootObject: 'index.html',
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      // Staff are in Korea; the cheapest class that includes Korea's edge locations.
      priceClass: PriceClass.PRICE_CLASS_200,
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        responseHeadersPolicy: headers,
      },
      // The app's routes (/cases/…, /search) are not files: S3 answers 403 for them, the app handles them.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: staff work from the office and, on duty, from elsewhere; sign-in and MFA decide access.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason: 'Serves only the built console (public code, no data); the API stage logs every data access.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The default *.cloudfront.net certificate allows TLS 1.0 viewers in CloudFront’s check; TLS 1.2 needs the office’s own domain and certificate.',
    });
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason: 'No web ACL given: static files only; the API behind it has its own.',
      });
    }

    this.origin = props.consoleOrigin ?? `https://${this.distribution.distributionDomainName}`;
    // Beside the console, not under the pool: the pool's stack cannot wait on this one's distribution.
    this.client = new UserPoolClient(this, 'ConsoleClient', {
      userPool: props.userPool,
      userPoolClientName: 'staff-console',
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${this.origin}/auth/callback`],
        logoutUrls: [`${this.origin}/login`],
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes().withStandardAttributes({
        email: true,
        emailVerified: true,
        fullname: true,
      }),
    });

    if (props.files) {
      const config = {
        apiUrl: props.apiOrigin,
        auth: {
          mode: 'cognito',
          authority: `${issuer}/${props.userPool.userPoolId}`,
          clientId: this.client.userPoolClientId,
          domain: this.signInDomain,
        },
      };
      this.deployment = new BucketDeployment(this, 'Deploy', {
        sources: [props.files, Source.jsonData('config.json', config)],
        destinationBucket: this.bucket,
        // A page loaded before a deploy still fetches its lazily loaded chunks: old files stay.
        prune: false,
        // Revalidated on each load (ETag), so a deploy shows at once without an invalidation.
        cacheControl: [CacheControl.fromString('no-cache')],
        memoryLimit: 512,
      });
      this.acknowledgeDeploymentFindings(this.deployment);
    }
  }

  /** The upload's function is CDK's own (one per stack); what cdk-nag finds on it, and why it stays. */
  private acknowledgeDeploymentFindings(deployment: BucketDeployment): void {
    const stack = Stack.of(this);
    const role = deployment.handlerRole;
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    const assets = `arn:${stack.partition}:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-${stack.region}/*`;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "CDK's upload function writes its own logs; the managed policy grants only that.",
    });
    for (const finding of [
      'Action::s3:GetBucket*',
      'Action::s3:GetObject*',
      'Action::s3:List*',
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      `Resource::${assets}`,
      `Resource::<${bucketId}.Arn>/*`,
    ]) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason:
          "CDK's upload function copies the built console from the deploy's asset bucket into the console's bucket: object-level actions on those two buckets only.",
      });
    }
    const handler = role.node.scope;
    if (handler !== undefined) {
      Validations.of(handler).acknowledge({
        id: 'AwsSolutions-L1',
        reason: "CDK's own upload function; its runtime moves with aws-cdk-lib.",
      });
    }
  }
}

/**
 * The console built for upload (`vite build` into the asset's output, as `cdk synth` bundles the
 * functions); synthesis without bundling (template tests) takes web/ as it is.
 */
export function builtConsole(): ISource {
  const webRoot = fromProjectRoot('web');
  return Source.asset(webRoot, {
    exclude: ['dist'],
    bundling: {
      // Never used: the local build below always answers.
      image: DockerImage.fromRegistry('node:22-slim'),
      local: {
        tryBundle(outputDir: string): boolean {
          execFileSync(
            'npx',
            ['vite', 'build', '--config', join(webRoot, 'vite.config.ts'), '--outDir', outputDir, '--emptyOutDir'],
            { cwd: fromProjectRoot('.'), stdio: ['ignore', 'inherit', 'inherit'] },
          );
          return true;
        },
      },
    },
  });
}
