import { existsSync } from 'node:fs';
import path from 'node:path';
import { type App, type Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../functions/api/routes.ts';
import type { AppFunction } from '../../infra/constructs/app-function.ts';
import type { StatelessStack } from '../../infra/stacks/stateless-stack.ts';
import { runtimeConfigSchema } from '../../shared/config/runtime-config.ts';
import { SYNTH_TIMEOUT_MS, synthesizeSystem } from './synthesize.ts';

type Resource = { Type: string; Properties: Record<string, any> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

let app: App;
let stack: StatelessStack;
let statefulStack: Stack;
let template: Template;

beforeAll(() => {
  const system = synthesizeSystem();
  app = system.app;
  stack = system.stateless;
  statefulStack = system.stateful;
  template = Template.fromStack(stack);
}, SYNTH_TIMEOUT_MS);

function logicalId(stackOf: Stack, cfn: CfnFunction | CfnRole): string {
  return stackOf.resolve(cfn.logicalId) as string;
}

function handlerOf(routeName: string): AppFunction {
  const handler = stack.apiHandlers.get(routeName);
  if (handler === undefined) throw new Error(`no handler for route ${routeName}`);
  return handler;
}

function functionResource(routeName: string): { id: string; props: Record<string, any> } {
  const id = logicalId(stack, handlerOf(routeName).node.defaultChild as CfnFunction);
  const resource = template.toJSON().Resources[id] as Resource;
  return { id, props: resource.Properties };
}

/** Every statement of every IAM policy attached to the route's execution role. */
function roleStatements(routeName: string): Statement[] {
  const roleId = logicalId(stack, handlerOf(routeName).role!.node.defaultChild as CfnRole);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .map((p) => (p as Resource).Properties)
    .filter((p) => (p.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap((p) => p.PolicyDocument.Statement as Statement[]);
}

function allStatements(): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (p) => (p as Resource).Properties.PolicyDocument.Statement as Statement[],
  );
}

const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement): unknown[] => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

/**
 * Runtime-config variables whose resource the CDK app does not build yet: the case workflows (state
 * machines) arrive with a later issue, which sets WORKFLOW_ARNS and removes it from this list.
 */
const NOT_DEPLOYED_YET = ['WORKFLOW_ARNS'];

const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:TransactWriteItems',
  'dynamodb:PartiQLInsert',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
];

describe('the app', () => {
  it('builds both stacks for ap-northeast-2 in whatever account deploys them', () => {
    for (const s of [statefulStack, stack]) {
      expect(s.region).toBe('ap-northeast-2');
      expect(Token.isUnresolved(s.account)).toBe(true);
    }
    expect(stack.dependencies.map((d) => d.stackName)).toEqual(['GamsaCases-Stateful']);
  });
});

describe('API handlers', () => {
  it('has exactly one Lambda function per route', () => {
    expect(Object.keys(template.findResources('AWS::Lambda::Function'))).toHaveLength(apiRoutes.length);
    expect(new Set(apiRoutes.map((r) => functionResource(r.name).id)).size).toBe(apiRoutes.length);
  });

  it.each(apiRoutes)('runs $name on Node.js 22 (arm64) with active tracing and JSON logs', (route) => {
    const { props } = functionResource(route.name);
    expect(props.Runtime).toBe('nodejs22.x');
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.TracingConfig).toEqual({ Mode: 'Active' });
    expect(props.LoggingConfig).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'INFO' });
  });

  it.each(apiRoutes)('keeps the logs of $name for two years, also after the stack is gone', (route) => {
    const { props } = functionResource(route.name);
    const logGroupId = props.LoggingConfig.LogGroup.Ref as string;
    const logGroup = template.toJSON().Resources[logGroupId];
    expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
    expect(logGroup.Properties.RetentionInDays).toBe(731);
    expect(logGroup.DeletionPolicy).toBe('Retain');
  });

  it.each(apiRoutes)('gives $name every runtime-config variable whose resource is deployed', (route) => {
    const { props } = functionResource(route.name);
    const variables = Object.keys(props.Environment.Variables);
    const expected = Object.keys(runtimeConfigSchema.shape).filter((name) => !NOT_DEPLOYED_YET.includes(name));
    expect(variables).toEqual(expect.arrayContaining(expected));
  });

  it.each(apiRoutes)('bundles $name as an ES module with a source map', (route) => {
    const { props } = functionResource(route.name);
    expect(props.Handler).toBe('index.handler');
    const assetHash = String(props.Code.S3Key).replace(/\.zip$/, '');
    const bundleDir = path.join(app.outdir, `asset.${assetHash}`);
    expect(existsSync(path.join(bundleDir, 'index.mjs'))).toBe(true);
    expect(existsSync(path.join(bundleDir, 'index.mjs.map'))).toBe(true);
  });
});

describe('HTTP API', () => {
  const authorizerId = (): string => Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'))[0]!;

  it('checks Cognito ID tokens of the staff app client', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    const authorizer = template.toJSON().Resources[authorizerId()].Properties;
    expect(authorizer.AuthorizerType).toBe('JWT');
    expect(authorizer.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(JSON.stringify(authorizer.JwtConfiguration.Issuer)).toContain('https://cognito-idp.ap-northeast-2.');
    expect(JSON.stringify(authorizer.JwtConfiguration.Audience)).toContain('StaffAppClient');
  });

  it('has exactly the routes of routes.ts', () => {
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => (r as Resource).Properties.RouteKey as string,
    );
    expect(routeKeys.sort()).toEqual(apiRoutes.map((r) => r.routeKey).sort());
  });

  it.each(apiRoutes)('routes $routeKey to its own handler, with the JWT authorizer iff auth', (route) => {
    const resources = template.toJSON().Resources as Record<string, Resource>;
    const apiRoute = Object.values(resources).find(
      (r) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.RouteKey === route.routeKey,
    )!;
    if (route.auth) {
      expect(apiRoute.Properties.AuthorizationType).toBe('JWT');
      expect(apiRoute.Properties.AuthorizerId).toEqual({ Ref: authorizerId() });
    } else {
      expect(apiRoute.Properties.AuthorizationType).toBe('NONE');
      expect(apiRoute.Properties.AuthorizerId).toBeUndefined();
    }

    const integrationId = (apiRoute.Properties.Target['Fn::Join'][1] as unknown[])[1] as { Ref: string };
    const integration = resources[integrationId.Ref]!;
    expect(integration.Properties.IntegrationType).toBe('AWS_PROXY');
    expect(integration.Properties.PayloadFormatVersion).toBe('2.0');
    expect(integration.Properties.IntegrationUri).toEqual({ 'Fn::GetAtt': [functionResource(route.name).id, 'Arn'] });
  });

  it('logs every request to a retained access log and throttles the stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0] as Resource;
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format as string) as Record<string, string>;
    expect(format).toMatchObject({ sub: '$context.authorizer.claims.sub', routeKey: '$context.routeKey' });
  });

  it('publishes the API URL', () => {
    template.hasOutput('ApiUrl', {});
  });
});

describe('least privilege', () => {
  it.each(apiRoutes.filter((r) => !r.writes))('lets read-only $name read but never write the table', (route) => {
    const actions = roleStatements(route.name).flatMap(actionsOf);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'kms:Decrypt']));
    for (const action of [...WRITE_ACTIONS, 'kms:Encrypt', 'kms:GenerateDataKey*']) {
      expect(actions).not.toContain(action);
    }
  });

  it.each(apiRoutes.filter((r) => r.writes))('lets $name write items, encrypting with the table key', (route) => {
    const actions = roleStatements(route.name).flatMap(actionsOf);
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem', 'kms:GenerateDataKey*']),
    );
  });

  it('grants no DynamoDB wildcard action, no Scan and no DynamoDB action on Resource "*"', () => {
    const dynamoStatements = allStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(dynamoStatements.length).toBeGreaterThan(0);
    for (const statement of dynamoStatements) {
      expect(actionsOf(statement)).not.toContain('dynamodb:*');
      expect(actionsOf(statement)).not.toContain('dynamodb:Scan');
      expect(resourcesOf(statement)).not.toContain('*');
    }
  });

  it('grants KMS use on the table key only', () => {
    const kmsStatements = allStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('kms:')));
    expect(kmsStatements.length).toBeGreaterThan(0);
    for (const statement of kmsStatements) {
      expect(resourcesOf(statement)).not.toContain('*');
      expect(JSON.stringify(statement.Resource)).toContain('CasesKey');
    }
  });
});
