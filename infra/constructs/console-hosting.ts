/**
 * Hosting of the staff console (web/dist) on AWS: a private S3 bucket read only by CloudFront through
 * origin access control, every app route answered with index.html, strict security headers (the
 * same CSP the local console server sends: infra/local/console-server.ts), and a user-pool client
 * for the console's sign-in (authorization code + PKCE, callback and sign-out URLs on the console's
 * own origin). The API's CORS is to allow `origin` only.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { ClientAttributes, OAuthScope, type IUserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { consoleSecurityHeaders } from '../local/console-server.ts';

export interface ConsoleHostingProps {
  userPool: IUserPool;
  /** The API's origin (https://…), the only place the console's scripts may call. */
  apiOrigin: string;
  /** The console's public origin when it has its own domain; CloudFront's domain otherwise. */
  consoleOrigin?: string;
  /**
   * The managed login's domain (https://<prefix>.auth.<region>.amazoncognito.com): the console exchanges
   * codes and renews tokens there, so the CSP lets scripts call it beside the user pool's issuer.
   */
  signInDomain?: string;
}

export class ConsoleHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly client: UserPoolClient;
  /** Where the console is served: the origin the API's CORS allows. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      // Built files are reproducible from the repository; the bucket holds nothing else.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com`;
    const local = consoleSecurityHeaders(props.apiOrigin, [
      issuer,
      ...(props.signInDomain ? [props.signInDomain] : []),
    ]);
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

    this.origin = props.consoleOrigin ?? `https://${this.distribution.distributionDomainName}`;
    this.client = props.userPool.addClient('ConsoleClient', {
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
  }
}
