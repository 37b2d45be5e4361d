/**
 * The HTTP API staff use: API Gateway HTTP API with a Cognito JWT authorizer, one route per entry of
 * functions/api/routes.ts (added by the stack with `addRoute`). Authentication happens here;
 * authorization by role (`cognito:groups`) happens in the use cases, which see the verified claims.
 *
 * Every route needs a token unless the route list says `auth: false` — the JWT authorizer is the
 * API's default, so a route added some other way is closed, not open.
 */
import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ApiRoute } from '../../functions/api/routes.ts';
import { LOG_RETENTION } from './log-retention.ts';

export interface CaseHttpApiProps {
  readonly userPool: IUserPool;
  /** The client whose ID tokens are accepted (`aud`). */
  readonly userPoolClient: IUserPoolClient;
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
  private readonly jwtAuthorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: CaseHttpApiProps) {
    super(scope, id);

    this.jwtAuthorizer = new HttpUserPoolAuthorizer('StaffIdToken', props.userPool, {
      userPoolClients: [props.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: 'gamsa-cases-staff-api',
      description: 'Audit office case tracking (감사담당관 사건관리) — staff API',
      defaultAuthorizer: this.jwtAuthorizer,
      // The stage is declared below, to give it throttling and access logs.
      createDefaultStage: false,
    });

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

  /** The public URL of the default stage (with a trailing slash). */
  get url(): string {
    return this.stage.url;
  }

  /** One route → one handler, behind the JWT authorizer unless the route says `auth: false`. */
  addRoute(route: ApiRoute, handler: IFunction): HttpRoute {
    const { method, path } = parseRouteKey(route.routeKey);
    const httpRoute = new HttpRoute(this, `Route-${route.name}`, {
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
