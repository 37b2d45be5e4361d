/**
 * The HTTP API staff use: API Gateway HTTP API with a Cognito JWT authorizer, one route per entry of
 * functions/api/routes.ts (added by the stack with `addRoute`). Authentication happens here;
 * authorization by role (`cognito:groups`) happens in the use cases, which see the verified claims.
 *
 * Every route needs a token unless the route list says `auth: false` — the JWT authorizer is the
 * API's default, so a route added some other way is closed, not open.
 *
 * The authorizer is one resource of the API's own stack, created here rather than lazily by the first
 * route that uses it: routes live in nested stacks (infra/stacks/stateless-stack.ts says why) and all
 * refer to it. Which clients' tokens it accepts (`aud`) and which origin the browser may call from
 * (CORS) are settled after construction, once the console that adds a client and an origin exists.
 */
import { Lazy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  type HttpRouteAuthorizerConfig,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ApiRoute } from '../../functions/api/routes.ts';
import { LOG_RETENTION } from './log-retention.ts';

export interface CaseHttpApiProps {
  readonly userPool: IUserPool;
  /** The client whose ID tokens are accepted (`aud`); `acceptClient` adds more. */
  readonly userPoolClient: IUserPoolClient;
}

/** Headers the console sends (web/src: bearer token, JSON bodies, one idempotency key per submission). */
const CORS_ALLOW_HEADERS = ['authorization', 'content-type', 'idempotency-key'];
const CORS_ALLOW_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const CORS_MAX_AGE_SECONDS = 3600;
/** The singleton function of every AwsCustomResource in a stack (aws-cdk-lib custom-resources). */
const AWS_CUSTOM_RESOURCE_FUNCTION_ID = `AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`;
/** Headers the console reads from answers (the CSV export's file name). */
const CORS_EXPOSE_HEADERS = ['content-disposition'];

/** Routes refer to the one authorizer of the API's stack by id, from whichever stack they are in. */
class SharedJwtAuthorizer implements IHttpRouteAuthorizer {
  constructor(private readonly authorizer: HttpAuthorizer) {}

  bind(): HttpRouteAuthorizerConfig {
    return { authorizerId: this.authorizer.authorizerId, authorizationType: 'JWT' };
  }
}

/**
 * Who called what, when, from where, with which outcome (개인정보의 안전성 확보조치 기준 제8조:
 * account, time, origin, work performed). The subject's case id is in the path. No e-mail or body.
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  sub: '$context.authorizer.claims.sub',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  responseLatencyMs: '$context.responseLatency',
  authorizerError: '$context.authorizer.error',
  integrationError: '$context.integrationErrorMessage',
};

/** A few dozen staff: generous for people, a ceiling for a runaway script or the unauthenticated routes. */
const THROTTLE = { rateLimit: 50, burstLimit: 100 };

export class CaseHttpApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** `https://{api-id}.execute-api.{region}.amazonaws.com`, no trailing slash. */
  readonly baseUrl: string;
  readonly authorizer: HttpAuthorizer;
  private readonly jwtAuthorizer: IHttpRouteAuthorizer;
  private readonly audience: string[] = [];

  constructor(scope: Construct, id: string, props: CaseHttpApiProps) {
    super(scope, id);
    this.audience.push(props.userPoolClient.userPoolClientId);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: 'gamsa-cases-staff-api',
      description: 'Audit office case tracking (감사담당관 사건관리) — staff API',
      // The authorizer below needs the API first; a route added later binds to it through this.
      defaultAuthorizer: { bind: (options) => this.jwtAuthorizer.bind(options) },
      // The stage is declared below, to give it throttling and access logs.
      createDefaultStage: false,
    });

    const stack = Stack.of(this);
    this.authorizer = new HttpAuthorizer(this, 'StaffIdToken', {
      httpApi: this.httpApi,
      authorizerName: 'StaffIdToken',
      type: HttpAuthorizerType.JWT,
      identitySource: ['$request.header.Authorization'],
      jwtIssuer: `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${props.userPool.userPoolId}`,
      jwtAudience: Lazy.list({ produce: () => this.audience }),
    });
    this.jwtAuthorizer = new SharedJwtAuthorizer(this.authorizer);

    const accessLogs = new LogGroup(this, 'AccessLogs', LOG_RETENTION);
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    this.baseUrl = this.httpApi.apiEndpoint;
  }

  /** Accepts the ID tokens of another app client of the same user pool (the console's). */
  acceptClient(client: IUserPoolClient): void {
    this.audience.push(client.userPoolClientId);
  }

  /**
   * Lets browser pages on `origins` (https://…, no path) — and nowhere else — call the API. Set after
   * deployment of the API by a custom resource rather than as the API's own property: the console's
   * origin is its CloudFront domain, whose CSP names the API's, so each resource would wait on the
   * other. The API resource carries no CORS property, so CloudFormation never resets it.
   */
  allowOrigins(origins: string[]): AwsCustomResource {
    const stack = Stack.of(this);
    const apiArn = `arn:${stack.partition}:apigateway:${stack.region}::/apis/${this.httpApi.apiId}`;
    const cors = {
      ApiId: this.httpApi.apiId,
      CorsConfiguration: {
        AllowOrigins: origins,
        AllowMethods: CORS_ALLOW_METHODS,
        AllowHeaders: CORS_ALLOW_HEADERS,
        ExposeHeaders: CORS_EXPOSE_HEADERS,
        MaxAge: CORS_MAX_AGE_SECONDS,
      },
    };
    const update = {
      service: 'ApiGatewayV2',
      action: 'UpdateApi',
      parameters: cors,
      physicalResourceId: PhysicalResourceId.of(`${this.httpApi.apiId}-cors`),
    };
    const resource = new AwsCustomResource(this, 'Cors', {
      resourceType: 'Custom::HttpApiCors',
      onCreate: update,
      onUpdate: update,
      onDelete: {
        service: 'ApiGatewayV2',
        action: 'DeleteCorsConfiguration',
        parameters: { ApiId: this.httpApi.apiId },
      },
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['apigateway:PATCH'], resources: [apiArn] }),
        new PolicyStatement({ actions: ['apigateway:DELETE'], resources: [`${apiArn}/cors`] }),
      ]),
      installLatestAwsSdk: false,
    });
    const handler = stack.node.tryFindChild(AWS_CUSTOM_RESOURCE_FUNCTION_ID);
    if (handler !== undefined) {
      Validations.of(handler).acknowledge({
        id: 'AwsSolutions-L1',
        reason: "CDK's own custom-resource function (sets the API's CORS); its runtime moves with aws-cdk-lib.",
      });
      const role = handler.node.tryFindChild('ServiceRole');
      if (role !== undefined) {
        Validations.of(role).acknowledge({
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: "CDK's custom-resource function writes its own logs; the managed policy grants only that.",
        });
      }
    }
    return resource;
  }

  /** The public URL of the default stage (with a trailing slash). */
  get url(): string {
    return this.stage.url;
  }

  /**
   * One route → one handler, behind the JWT authorizer unless the route says `auth: false`. The route
   * and its integration go into `scope` (the handler's nested stack), beside the handler.
   */
  addRoute(route: ApiRoute, handler: IFunction, scope: Construct = this): HttpRoute {
    const { method, path } = parseRouteKey(route.routeKey);
    const httpRoute = new HttpRoute(scope, `Route-${route.name}`, {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.with(path, method),
      integration: new HttpLambdaIntegration(`Integration-${route.name}`, handler),
      authorizer: route.auth ? this.jwtAuthorizer : new HttpNoneAuthorizer(),
    });
    if (!route.auth) {
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `Open by declaration in functions/api/routes.ts (auth: false): ${route.routeKey} — ${route.summary}; it returns no case or staff data.`,
      });
    }
    return httpRoute;
  }
}

function parseRouteKey(routeKey: ApiRoute['routeKey']): { method: HttpMethod; path: string } {
  const [verb, path] = routeKey.split(' ');
  const method = Object.values(HttpMethod).find((m) => m === verb);
  if (method === undefined || path === undefined || !path.startsWith('/')) {
    throw new Error(`Route key "${routeKey}" is not "<METHOD> /<path>"`);
  }
  return { method, path };
}
