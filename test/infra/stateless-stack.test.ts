import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App, type CfnElement, NestedStack, Stack, Token } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiHandlerEntry,
  apiRoutes,
  filesAccessOf,
  identityKeyAccessOf,
  importFilesAccessOf,
  workflowAccessOf,
} from '../../functions/api/routes.ts';
import { AppFunction } from '../../infra/constructs/app-function.ts';
import { PROJECT_ROOT } from '../../infra/project-paths.ts';
import { STAFF_DIRECTORY_JOBS, type StatelessStack } from '../../infra/stacks/stateless-stack.ts';
import { runtimeConfigSchema } from '#shared/config/runtime-config.ts';
import { placeholdersOf, STEP_FUNCTIONS, type StepFunctionPlaceholder, stepHandlerEntry } from '../../workflows/asl.ts';
import { WORKFLOWS } from '../../workflows/registry.ts';
import { DEFAULT_MAIL_FROM } from '../../infra/build-app.ts';
import { assertDeployable, SCHEDULE_RETRY_POLICY, ScheduledJobs } from '../../infra/constructs/scheduled-jobs.ts';
import { deployableJobs } from '../../functions/jobs/job-modules.ts';
import {
  jobEventSchema,
  schedulerContext,
  ScheduledJobDefinitionError,
  type ScheduledJob,
} from '#shared/schedules/scheduled-job.ts';
import { SYNTH_TIMEOUT_MS, synthesizeSystem } from './synthesize.ts';
import { HEAD_OF_OFFICE_CHECK_TYPE } from '../../infra/constructs/head-of-office-check.ts';
import { OUTBOX_STREAM_RETRY_ATTEMPTS } from '../../infra/constructs/outbox-relay.ts';
import { workflowReconcileJob } from '#shared/schedules/scheduled-jobs.ts';

type Resource = { Type: string; Properties: Record<string, any> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

let app: App;
let stack: StatelessStack;
let statefulStack: Stack;
let template: Template;
/** The stateless stack and its nested stacks (the API's routes and handlers, one per tag). */
let templates: Map<Stack, Template>;
const resolvedResources = new Map<Stack, Record<string, Resource>>();

beforeAll(() => {
  const system = synthesizeSystem();
  app = system.app;
  stack = system.stateless;
  statefulStack = system.stateful;
  template = Template.fromStack(stack);
  templates = new Map([[stack as Stack, template]]);
  for (const nested of stack.routeStacks.values()) templates.set(nested, Template.fromStack(nested));
}, SYNTH_TIMEOUT_MS);

/** What the parent passes to a nested stack's parameters (references to the parent's or other stacks' resources). */
function parametersOf(s: Stack): Record<string, unknown> {
  if (!(s instanceof NestedStack)) return {};
  const id = logicalId(stack, s.nestedStackResource as CfnElement);
  return (template.toJSON().Resources[id] as Resource).Properties.Parameters ?? {};
}

function substituteParameters(value: unknown, parameters: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => substituteParameters(v, parameters));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && entries[0]![0] === 'Ref' && typeof entries[0]![1] === 'string') {
    const ref = entries[0]![1];
    if (ref in parameters) return parameters[ref];
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, substituteParameters(v, parameters)]));
}

/**
 * The resources of one stack of the system with a nested stack's parameters replaced by what the
 * parent passes, so a reference reads the same wherever the resource lives.
 */
function resourcesIn(s: Stack): Record<string, Resource> {
  let resources = resolvedResources.get(s);
  if (resources === undefined) {
    const own = templates.get(s);
    if (own === undefined) throw new Error(`no template for stack ${s.node.path}`);
    resources = substituteParameters(own.toJSON().Resources, parametersOf(s)) as Record<string, Resource>;
    resolvedResources.set(s, resources);
  }
  return resources;
}

/** The logical ids of our functions (AppFunction) in one stack, not CDK's own helper functions. */
function appFunctionIds(s: Stack): Set<string> {
  return new Set(
    s.node
      .findAll()
      .filter((c): c is AppFunction => c instanceof AppFunction && Stack.of(c) === s)
      .map((fn) => logicalId(s, fn.node.defaultChild as CfnFunction)),
  );
}

/** Every resource of the given type in the stateless stack and its nested stacks. */
function resourcesOfType(type: string): Resource[] {
  return [...templates.keys()].flatMap((s) => Object.values(resourcesIn(s)).filter((r) => r.Type === type));
}

function logicalId(stackOf: Stack, cfn: CfnElement): string {
  return stackOf.resolve(cfn.logicalId) as string;
}

function handlerOf(routeName: string): AppFunction {
  const handler = stack.apiHandlers.get(routeName);
  if (handler === undefined) throw new Error(`no handler for route ${routeName}`);
  return handler;
}

function stepOf(placeholder: StepFunctionPlaceholder): AppFunction {
  const step = stack.workflows.stepFunctions.get(placeholder);
  if (step === undefined) throw new Error(`no step function for \${${placeholder}}`);
  return step;
}

function resourceOf(fn: AppFunction): { id: string; props: Record<string, any>; stack: Stack } {
  const own = Stack.of(fn);
  const id = logicalId(own, fn.node.defaultChild as CfnFunction);
  const resource = resourcesIn(own)[id]!;
  return { id, props: resource.Properties, stack: own };
}

function functionResource(routeName: string): { id: string; props: Record<string, any>; stack: Stack } {
  return resourceOf(handlerOf(routeName));
}

/** Every statement of every IAM policy attached to the role (by logical id). */
function statementsOfRole(roleId: string, own: Stack = stack): Statement[] {
  // A role whose inline policy grows past IAM's size limit gets the rest in CDK's overflow managed policies.
  return Object.values(resourcesIn(own))
    .filter((r) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')
    .map((p) => p.Properties)
    .filter((p) => (p.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap((p) => p.PolicyDocument.Statement as Statement[]);
}

/** Every statement of every IAM policy attached to the function's execution role. */
function functionStatements(fn: AppFunction): Statement[] {
  const own = Stack.of(fn);
  return statementsOfRole(logicalId(own, fn.role!.node.defaultChild as CfnRole), own);
}

function roleStatements(routeName: string): Statement[] {
  return functionStatements(handlerOf(routeName));
}

function allStatements(): Statement[] {
  return resourcesOfType('AWS::IAM::Policy').flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement): unknown[] => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

/** Every (action, resource) pair the statements allow, resources as JSON, for exact comparisons. */
function grantsOf(statements: Statement[], service: string): { action: string; resource: string }[] {
  return statements
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) =>
      actionsOf(s)
        .filter((action) => action.startsWith(`${service}:`))
        .flatMap((action) => resourcesOf(s).map((resource) => ({ action, resource: JSON.stringify(resource) }))),
    )
    .sort(byActionAndResource);
}

function byActionAndResource(a: { action: string; resource: string }, b: { action: string; resource: string }): number {
  return `${a.action} ${a.resource}`.localeCompare(`${b.action} ${b.resource}`);
}

/**
 * Runtime-config variables an API handler gets only when it needs them (IDENTITY_KEY_FILE is for one
 * machine only; CONSOLE_URL comes from the console's hosting, which every function gets alike).
 */
const ONLY_WHERE_NEEDED = [
  'WORKFLOW_ARNS',
  'IDENTITY_KEY_ID',
  'IDENTITY_KEY_FILE',
  'CONSOLE_URL',
  // Case files: the bucket only on the file routes; path-style and the scan switch have defaults.
  'FILES_BUCKET',
  'FILES_PATH_STYLE',
  'FILES_SCAN_REQUIRED',
  // The import worker's name: only on the route that starts imports.
  'FIELD_IMPORT_WORKER',
];

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
    // The edge stack holds CloudFront's web ACL, which AWS requires in us-east-1.
    expect(stack.dependencies.map((d) => d.stackName).sort()).toEqual(['GamsaCases-Edge', 'GamsaCases-Stateful']);
  });
});

describe('API handlers', () => {
  it('has exactly one Lambda function per route, besides the workflow steps', () => {
    const stepCount = Object.keys(STEP_FUNCTIONS).length;
    const jobCount = deployableJobs().active.length;
    // … and the handler of SES mail events (infra/constructs/mail-events.ts), the outbox relay, the
    // deploy's head-of-office check (infra/constructs/head-of-office-check.ts) and the import worker.
    const functions = [...templates.keys()].flatMap((s) =>
      Object.entries(resourcesIn(s))
        .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
        .map(([id]) => ({ s, id })),
    );
    // Besides ours, only CDK's three helpers: the console's upload, the setter of the API's CORS and the
    // provider framework around the head-of-office check.
    expect(functions.filter(({ s, id }) => !appFunctionIds(s).has(id))).toHaveLength(3);
    expect(functions.filter(({ s, id }) => appFunctionIds(s).has(id))).toHaveLength(
      apiRoutes.length + stepCount + jobCount + 4,
    );
    expect(
      new Set(apiRoutes.map((r) => `${functionResource(r.name).stack.node.path} ${functionResource(r.name).id}`)).size,
    ).toBe(apiRoutes.length);
  });

  it.each(apiRoutes)('runs $name on Node.js 22 (arm64) with active tracing and JSON logs', (route) => {
    const { props } = functionResource(route.name);
    expect(props.Runtime).toBe('nodejs22.x');
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.TracingConfig).toEqual({ Mode: 'Active' });
    expect(props.LoggingConfig).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'INFO' });
  });

  it('stays well under CloudFormation’s 500 resources in the stack and in each nested stack (every route costs 6)', () => {
    expect(templates.size).toBeGreaterThan(1);
    for (const [s, t] of templates) {
      // 450 leaves room for a dozen routes in a tag, or for the parent's next constructs.
      expect(Object.keys(t.toJSON().Resources).length, s.node.path).toBeLessThan(450);
    }
  });

  it('puts every route and its handler in the nested stack of its tag', () => {
    for (const route of apiRoutes) expect(Stack.of(handlerOf(route.name))).toBe(stack.routeStacks.get(route.tag));
    expect(template.findResources('AWS::ApiGatewayV2::Route')).toEqual({});
  });

  it('writes every function’s logs to its stack’s one function log group', () => {
    for (const s of templates.keys()) {
      const functions = [...appFunctionIds(s)].map((id) => resourcesIn(s)[id]!);
      const groups = new Set(functions.map((r) => JSON.stringify(r.Properties.LoggingConfig?.LogGroup)));
      expect(groups.size, s.node.path).toBe(1);
      const [group] = [...groups];
      expect(resourcesIn(s)[(JSON.parse(group!) as { Ref: string }).Ref]?.Type).toBe('AWS::Logs::LogGroup');
    }
  });

  it.each(apiRoutes)('keeps the logs of $name for two years, also after the stack is gone', (route) => {
    const { props, stack: own } = functionResource(route.name);
    const logGroupId = props.LoggingConfig.LogGroup.Ref as string;
    const logGroup = templates.get(own)!.toJSON().Resources[logGroupId];
    expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
    expect(logGroup.Properties.RetentionInDays).toBe(731);
    expect(logGroup.DeletionPolicy).toBe('Retain');
  });

  it.each(apiRoutes)(
    'gives $name every runtime-config variable it needs, and WORKFLOW_ARNS only if it starts workflows',
    (route) => {
      const { props } = functionResource(route.name);
      const variables = Object.keys(props.Environment.Variables);
      const expected = Object.keys(runtimeConfigSchema.shape).filter((name) => !ONLY_WHERE_NEEDED.includes(name));
      expect(variables).toEqual(expect.arrayContaining(expected));
      const starts = workflowAccessOf(route).includes('start');
      expect(variables.includes('WORKFLOW_ARNS')).toBe(starts);
      expect(variables.includes('IDENTITY_KEY_ID')).toBe(identityKeyAccessOf(route) !== undefined);
      expect(variables).not.toContain('IDENTITY_KEY_FILE');
      expect(variables.includes('FILES_BUCKET')).toBe(
        filesAccessOf(route) !== undefined || importFilesAccessOf(route) !== undefined,
      );
      expect(variables.includes('FIELD_IMPORT_WORKER')).toBe(importFilesAccessOf(route) === 'start');
    },
  );

  it.each(apiRoutes)('bundles $name as an ES module with a source map', (route) => {
    const { props } = functionResource(route.name);
    expect(props.Handler).toBe('index.handler');
    const assetHash = String(props.Code.S3Key).replace(/\.zip$/, '');
    const bundleDir = path.join(app.outdir, `asset.${assetHash}`);
    expect(existsSync(path.join(bundleDir, 'index.mjs'))).toBe(true);
    // The map names the sources from the project root (a stack trace on Lambda reads functions/…, shared/…).
    const { sources } = JSON.parse(readFileSync(path.join(bundleDir, 'index.mjs.map'), 'utf8')) as {
      sources: string[];
    };
    expect(sources).toContain(apiHandlerEntry(route.name));
    for (const source of sources) expect(existsSync(path.join(PROJECT_ROOT, source)), source).toBe(true);
  });
});

describe('HTTP API', () => {
  const authorizerId = (): string => Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'))[0]!;

  it('checks Cognito ID tokens of the staff app client and of the console', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    const authorizer = template.toJSON().Resources[authorizerId()].Properties;
    expect(authorizer.AuthorizerType).toBe('JWT');
    expect(authorizer.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(JSON.stringify(authorizer.JwtConfiguration.Issuer)).toContain('https://cognito-idp.ap-northeast-2.');
    expect(JSON.stringify(authorizer.JwtConfiguration.Audience)).toContain('StaffAppClient');
    expect(authorizer.JwtConfiguration.Audience).toHaveLength(2);
    expect(authorizer.JwtConfiguration.Audience[1]).toEqual({
      Ref: logicalId(stack, stack.console.client.node.defaultChild as CfnElement),
    });
  });

  it('has exactly the routes of routes.ts', () => {
    const routeKeys = resourcesOfType('AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey as string);
    expect(routeKeys.sort()).toEqual(apiRoutes.map((r) => r.routeKey).sort());
  });

  it.each(apiRoutes)('routes $routeKey to its own handler, with the JWT authorizer iff auth', (route) => {
    const resources = resourcesIn(functionResource(route.name).stack);
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
    // Presigning a case-file upload needs the files key's data keys; that is the bucket's key, not the table's.
    const actions = roleStatements(route.name)
      .filter((s) => !JSON.stringify(s.Resource).includes('CaseFilesKey'))
      .flatMap(actionsOf);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'kms:Decrypt']));
    for (const action of [...WRITE_ACTIONS, 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKey*']) {
      expect(actions).not.toContain(action);
    }
  });

  it.each(apiRoutes.filter((r) => r.writes))('lets $name write items, encrypting with the table key', (route) => {
    const actions = roleStatements(route.name).flatMap(actionsOf);
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:ConditionCheckItem',
        'kms:GenerateDataKey',
      ]),
    );
    // No KMS wildcard actions (cdk-nag IAM5): DynamoDB needs no ReEncrypt or data key pairs.
    expect(actions.filter((a) => a.startsWith('kms:') && a.includes('*'))).toEqual([]);
  });

  it("lets the jobs that read the staff directory list the user pool's groups, on that pool only, and nothing else", () => {
    const withGroups = (fn: AppFunction) =>
      functionStatements(fn).filter((st) => actionsOf(st).some((a) => a.startsWith('cognito-idp:')));
    const readers = [
      stack.mailEvents.handler,
      stack.headOfOfficeCheck.handler,
      ...STAFF_DIRECTORY_JOBS.map((name) => stack.jobs.functions.get(name)!),
    ];
    for (const fn of readers) {
      const statements = withGroups(fn);
      expect(statements).toHaveLength(1);
      expect(actionsOf(statements[0]!)).toEqual(['cognito-idp:ListUsersInGroup']);
      expect(resourcesOf(statements[0]!)).toHaveLength(1);
      expect(resourcesOf(statements[0]!)).not.toContain('*');
      expect(JSON.stringify(resourcesOf(statements[0]!))).toMatch(/UserPool/);
      expect(resourceOf(fn).props.Environment.Variables.STAFF_USER_POOL_ID).toBeDefined();
    }
    const others = [
      ...apiRoutes.map((r) => handlerOf(r.name)),
      ...stack.workflows.stepFunctions.values(),
      ...[...stack.jobs.functions].filter(([name]) => !STAFF_DIRECTORY_JOBS.includes(name)).map(([, fn]) => fn),
    ];
    for (const fn of others) expect(withGroups(fn)).toEqual([]);
  });

  it('checks on every deploy that someone holds the head group of the pool, and may read nothing else', () => {
    const synthStarted = Date.now() - SYNTH_TIMEOUT_MS;
    const checks = template.findResources(HEAD_OF_OFFICE_CHECK_TYPE);
    expect(Object.keys(checks)).toHaveLength(1);
    const { UserPoolId, CheckedAt } = (Object.values(checks)[0] as Resource).Properties;
    expect(JSON.stringify(UserPoolId)).toMatch(/UserPool/);
    // The synth time: a new value each deploy, so CloudFormation runs the check each time.
    expect(Date.parse(CheckedAt)).toBeGreaterThan(synthStarted);
    const fn = stack.headOfOfficeCheck.handler;
    expect(resourceOf(fn).props.Environment.Variables.TABLE_NAME).toBeUndefined();
    expect(
      functionStatements(fn)
        .flatMap(actionsOf)
        .filter((a) => !a.startsWith('xray:')),
    ).toEqual(['cognito-idp:ListUsersInGroup']);
  });

  it('lets only the import routes touch the import uploads, the start route alone invoke the worker, and the worker only read and delete them', () => {
    const s3On = (statements: Statement[]) =>
      statements
        .filter(
          (st) => actionsOf(st).some((a) => a.startsWith('s3:')) && JSON.stringify(st.Resource).includes('imports/'),
        )
        .flatMap(actionsOf)
        .sort();
    const invokes = (statements: Statement[]) =>
      statements.filter((st) => actionsOf(st).includes('lambda:InvokeFunction'));
    for (const route of apiRoutes) {
      const statements = roleStatements(route.name);
      const access = importFilesAccessOf(route);
      expect(s3On(statements), route.name).toEqual(
        access === 'upload'
          ? ['s3:PutObject', 's3:PutObjectTagging']
          : access === 'start'
            ? ['s3:DeleteObject', 's3:GetObject']
            : [],
      );
      // The import routes never reach the case files.
      if (access) expect(JSON.stringify(statements), route.name).not.toContain('/cases/*');
      expect(invokes(statements).length, route.name).toBe(access === 'start' ? 1 : 0);
    }
    const [invoke] = invokes(roleStatements('field-import-start'));
    expect(resourcesOf(invoke!)).toHaveLength(1);
    expect(JSON.stringify(resourcesOf(invoke!))).toContain('FieldImportWorker');
    const worker = functionStatements(stack.fieldImportWorker);
    expect(s3On(worker)).toEqual(['s3:DeleteObject', 's3:GetObject']);
    expect(JSON.stringify(worker)).not.toContain('/cases/*');
    expect(worker.flatMap(actionsOf)).toEqual(expect.arrayContaining(['dynamodb:BatchWriteItem', 'dynamodb:Query']));
    expect(resourceOf(stack.fieldImportWorker).props.Timeout).toBe(900);
    const [asyncConfig] = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig')) as Resource[];
    expect(asyncConfig?.Properties).toMatchObject({ MaximumRetryAttempts: 0 });
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

  it('grants the case-files key only to the routes that put or get file contents', () => {
    for (const route of apiRoutes) {
      const onFilesKey = roleStatements(route.name).filter((s) => JSON.stringify(s.Resource).includes('CaseFilesKey'));
      // Listing reads the case's file records, never an object.
      const files = filesAccessOf(route);
      if (files === 'write' || files === 'read' || importFilesAccessOf(route))
        expect(onFilesKey.length, route.name).toBeGreaterThan(0);
      else expect(onFilesKey, route.name).toEqual([]);
    }
  });

  it('grants KMS use on the table key, on the anchor signing key, and on the identity key only to the routes that seal or open identities', () => {
    const kmsStatements = allStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('kms:')));
    expect(kmsStatements.length).toBeGreaterThan(0);
    for (const statement of kmsStatements) {
      expect(resourcesOf(statement)).not.toContain('*');
      expect(JSON.stringify(statement.Resource)).toMatch(
        /CasesKey|ReporterIdentityKey|ChainAnchorsSigningKey|CaseFilesKey/,
      );
      // The anchor signing key is only ever used to sign or verify anchors.
      if (JSON.stringify(statement.Resource).includes('ChainAnchorsSigningKey'))
        expect(actionsOf(statement).every((a) => a === 'kms:Sign' || a === 'kms:Verify')).toBe(true);
    }
    const identityRoutes = apiRoutes
      .filter((r) => roleStatements(r.name).some((s) => JSON.stringify(s.Resource).includes('ReporterIdentityKey')))
      .map((r) => r.name);
    expect(identityRoutes.sort()).toEqual(['create-case', 'identity-read']);
    for (const step of stack.workflows.stepFunctions.values()) {
      expect(JSON.stringify(functionStatements(step))).not.toContain('ReporterIdentityKey');
    }
  });

  it('lets intake only generate data keys and the identity read only decrypt them, under the identity context', () => {
    const identityStatement = (route: string) => {
      const found = roleStatements(route).filter((s) => JSON.stringify(s.Resource).includes('ReporterIdentityKey'));
      expect(found).toHaveLength(1);
      return found[0] as Statement & { Condition?: unknown };
    };
    const seal = identityStatement('create-case');
    expect(actionsOf(seal)).toEqual(['kms:GenerateDataKey']);
    expect(seal.Condition).toEqual({ StringEquals: { 'kms:EncryptionContext:purpose': 'reporter-identity' } });
    const open = identityStatement('identity-read');
    expect(actionsOf(open)).toEqual(['kms:Decrypt']);
    expect(open.Condition).toEqual({ StringEquals: { 'kms:EncryptionContext:purpose': 'reporter-identity' } });
    expect(JSON.stringify(functionResource('identity-read').props.Environment.Variables.IDENTITY_KEY_ID)).toContain(
      'ReporterIdentityKey',
    );
  });
});

describe('case workflows', () => {
  const workflowNames = Object.keys(WORKFLOWS);
  const stepPlaceholders = Object.keys(STEP_FUNCTIONS) as StepFunctionPlaceholder[];
  const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

  function stateMachineResource(workflow: string): { id: string; props: Record<string, any> } {
    const stateMachine = stack.workflows.stateMachines.get(workflow);
    if (stateMachine === undefined) throw new Error(`no state machine for workflow ${workflow}`);
    const id = stack.resolve((stateMachine.node.defaultChild as CfnStateMachine).logicalId) as string;
    return { id, props: (template.toJSON().Resources[id] as Resource).Properties };
  }

  /** The source files the function's bundle was built from (its source map names them from the project root). */
  function bundledSources(fn: AppFunction): string[] {
    const assetHash = String(resourceOf(fn).props.Code.S3Key).replace(/\.zip$/, '');
    const bundleDir = path.join(app.outdir, `asset.${assetHash}`);
    return (JSON.parse(readFileSync(path.join(bundleDir, 'index.mjs.map'), 'utf8')) as { sources: string[] }).sources;
  }

  /** Resolves `{"Fn::Join": ["", [...]]}` with each `{Ref: id}` written as `<ref:id>`, for JSON env values. */
  function joinWithRefs(value: unknown): string {
    if (typeof value === 'string') return value;
    const join = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
    return join[1]
      .map((part) => (typeof part === 'string' ? part : `<ref:${(part as { Ref: string }).Ref}>`))
      .join(join[0]);
  }

  const routesWith = (access: 'start' | 'stop' | 'complete-tasks') =>
    apiRoutes.filter((r) => workflowAccessOf(r).includes(access)).map((r) => r.name);

  it('has one Standard state machine per workflow of the registry', () => {
    expect(workflowNames.length).toBeGreaterThan(0);
    expect(Object.keys(template.findResources('AWS::StepFunctions::StateMachine'))).toHaveLength(workflowNames.length);
    for (const workflow of workflowNames) {
      expect(stateMachineResource(workflow).props.StateMachineType).toBe('STANDARD');
    }
  });

  it.each(workflowNames)(
    'deploys %s as the same document the local service runs, apart from the bindings',
    (workflow) => {
      const { props } = stateMachineResource(workflow);
      expect(
        typeof props.DefinitionString,
        'a literal string: nothing but the placeholders is left to CloudFormation',
      ).toBe('string');
      expect(JSON.parse(props.DefinitionString as string)).toStrictEqual(WORKFLOWS[workflow]);
    },
  );

  it.each(workflowNames)('binds every placeholder of %s to the function bundled from its step handler', (workflow) => {
    const { props } = stateMachineResource(workflow);
    const substitutions = props.DefinitionSubstitutions as Record<string, unknown>;
    expect(Object.keys(substitutions).sort()).toEqual(placeholdersOf(WORKFLOWS[workflow]!));

    for (const [placeholder, value] of Object.entries(substitutions)) {
      const step = stepOf(placeholder as StepFunctionPlaceholder);
      expect(value).toEqual({ 'Fn::GetAtt': [resourceOf(step).id, 'Arn'] });
      const entry = stepHandlerEntry(STEP_FUNCTIONS[placeholder as StepFunctionPlaceholder]);
      const sources = bundledSources(step);
      expect(sources).toContain(entry);
      const otherSteps = Object.values(STEP_FUNCTIONS)
        .map(stepHandlerEntry)
        .filter((other) => other !== entry);
      for (const other of otherSteps) expect(sources).not.toContain(other);
    }
  });

  it.each(workflowNames)("ends every execution of %s by the definition's own timeout, within a year", (workflow) => {
    const seconds = WORKFLOWS[workflow]!.TimeoutSeconds;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(ONE_YEAR_SECONDS);
    const deployed = JSON.parse(stateMachineResource(workflow).props.DefinitionString as string) as {
      TimeoutSeconds?: number;
    };
    expect(deployed.TimeoutSeconds).toBe(seconds);
  });

  it.each(workflowNames)(
    'logs every event of %s without execution data, for two years, and traces it with X-Ray',
    (workflow) => {
      const { props } = stateMachineResource(workflow);
      expect(props.TracingConfiguration).toEqual({ Enabled: true });
      expect(props.LoggingConfiguration.Level).toBe('ALL');
      expect(props.LoggingConfiguration.IncludeExecutionData).toBe(false);
      expect(props.LoggingConfiguration.Destinations).toHaveLength(1);
      const [logGroupId, attribute] = props.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn[
        'Fn::GetAtt'
      ] as [string, string];
      expect(attribute).toBe('Arn');
      const logGroup = template.toJSON().Resources[logGroupId];
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays).toBe(731);
      expect(logGroup.DeletionPolicy).toBe('Retain');
    },
  );

  it('writes every workflow’s logs to one log group', () => {
    const groups = new Set(
      workflowNames.map((workflow) =>
        JSON.stringify(
          stateMachineResource(workflow).props.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn,
        ),
      ),
    );
    expect(groups.size).toBe(1);
  });

  it.each(workflowNames)('lets %s invoke exactly the functions it binds, and nothing else in Lambda', (workflow) => {
    const { props } = stateMachineResource(workflow);
    const roleId = (props.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const boundIds = placeholdersOf(WORKFLOWS[workflow]!).map(
      (p) => resourceOf(stepOf(p as StepFunctionPlaceholder)).id,
    );
    // The unqualified ARNs only: no `:*` for versions or aliases (cdk-nag IAM5).
    const expected = [...new Set(boundIds)].map((id) => ({
      action: 'lambda:InvokeFunction',
      resource: JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] }),
    }));
    expect(grantsOf(statementsOfRole(roleId), 'lambda')).toEqual(
      [...expected].sort((a, b) => `${a.action} ${a.resource}`.localeCompare(`${b.action} ${b.resource}`)),
    );
    expect(grantsOf(statementsOfRole(roleId), 'states')).toEqual([]);
  });

  it.each(stepPlaceholders)(
    'runs the step bound to ${%s} on Node.js 22 with tracing, retained logs and table writes',
    (placeholder) => {
      const step = stepOf(placeholder);
      const { props } = resourceOf(step);
      expect(props.Runtime).toBe('nodejs22.x');
      expect(props.TracingConfig).toEqual({ Mode: 'Active' });
      expect(props.Environment.Variables).toHaveProperty('TABLE_NAME');
      expect(props.Environment.Variables).not.toHaveProperty('WORKFLOW_ARNS');
      const logGroup = template.toJSON().Resources[props.LoggingConfig.LogGroup.Ref as string];
      expect(logGroup.Properties.RetentionInDays).toBe(731);
      expect(logGroup.DeletionPolicy).toBe('Retain');
      const actions = functionStatements(step).flatMap(actionsOf);
      expect(actions).toEqual(
        expect.arrayContaining([
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'kms:GenerateDataKey',
        ]),
      );
    },
  );

  it('lets the open-human-task step re-send decisions to the state machines by name, so no resource waits on another in a cycle', () => {
    const expected = workflowNames
      .map((workflow) => {
        const name = stateMachineResource(workflow).props.StateMachineName as string;
        expect(name).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
        return {
          action: 'states:SendTaskSuccess',
          resource: JSON.stringify({
            'Fn::Join': ['', ['arn:aws:states:ap-northeast-2:', { Ref: 'AWS::AccountId' }, `:stateMachine:${name}`]],
          }),
        };
      })
      .sort(byActionAndResource);
    expect(grantsOf(functionStatements(stepOf('OpenHumanTaskFunctionArn')), 'states')).toEqual(expected);
    for (const placeholder of stepPlaceholders.filter((p) => p !== 'OpenHumanTaskFunctionArn')) {
      expect(grantsOf(functionStatements(stepOf(placeholder)), 'states')).toEqual([]);
    }
  });

  it('gives workflow access to exactly the routes that start, stop or signal workflows', () => {
    expect(routesWith('start').sort()).toEqual([
      'audit-reopen',
      'create-case',
      'petition-objection',
      'resume-case',
      'self-audit-finding-misconduct',
    ]);
    expect(routesWith('stop').sort()).toEqual(['petition-objection', 'resume-case', 'suspend-case']);
    expect(routesWith('complete-tasks').sort()).toEqual(['committee-record-decision', 'complete-task']);
  });

  it.each(apiRoutes)('lets $name stop executions only if it suspends or resumes cases', (route) => {
    const stops = grantsOf(roleStatements(route.name), 'states').filter((g) => g.action === 'states:StopExecution');
    expect(stops.length > 0).toBe(routesWith('stop').includes(route.name));
  });

  it.each(apiRoutes)(
    'lets $name start executions only if it is intake or resumption, and only of the case workflows',
    (route) => {
      const starts = routesWith('start').includes(route.name);
      const expected = starts
        ? workflowNames
            .map((w) => ({
              action: 'states:StartExecution',
              resource: JSON.stringify({ Ref: stateMachineResource(w).id }),
            }))
            .sort(byActionAndResource)
        : [];
      const granted = grantsOf(roleStatements(route.name), 'states').filter(
        (g) => g.action === 'states:StartExecution',
      );
      expect(granted).toEqual(expected);
    },
  );

  it.each(apiRoutes)('lets $name send task success only if it completes tasks, and no other task response', (route) => {
    const completes = routesWith('complete-tasks').includes(route.name);
    const expected = completes
      ? workflowNames
          .map((w) => ({
            action: 'states:SendTaskSuccess',
            resource: JSON.stringify({ Ref: stateMachineResource(w).id }),
          }))
          .sort(byActionAndResource)
      : [];
    const granted = grantsOf(roleStatements(route.name), 'states').filter(
      (g) => g.action !== 'states:StartExecution' && g.action !== 'states:StopExecution',
    );
    expect(granted).toEqual(expected);
  });

  it.each(routesWith('start'))("tells %s each workflow's state machine ARN in WORKFLOW_ARNS", (routeName) => {
    const json = joinWithRefs(functionResource(routeName).props.Environment.Variables.WORKFLOW_ARNS);
    const expected = Object.fromEntries(workflowNames.map((w) => [w, `<ref:${stateMachineResource(w).id}>`]));
    expect(JSON.parse(json)).toEqual(expected);
  });

  it('grants no Step Functions action on Resource "*"', () => {
    const statesStatements = allStatements().filter((s) => actionsOf(s).some((a) => a.startsWith('states:')));
    expect(statesStatements.length).toBeGreaterThan(0);
    for (const statement of statesStatements) expect(resourcesOf(statement)).not.toContain('*');
  });

  it('publishes the workflow ARNs', () => {
    template.hasOutput('WorkflowArns', {});
  });
});

describe('scheduled jobs', () => {
  const deployed = deployableJobs().active;

  function jobFunction(name: string): AppFunction {
    const fn = stack.jobs.functions.get(name);
    if (fn === undefined) throw new Error(`no function for job ${name}`);
    return fn;
  }

  function schedules(): Record<string, any>[] {
    return Object.values(template.findResources('AWS::Scheduler::Schedule')).map((r) => (r as Resource).Properties);
  }

  function scheduleOf(job: ScheduledJob): Record<string, any> {
    const found = schedules().filter(
      (p) => p.ScheduleExpression === job.expression && p.Description === job.description,
    );
    expect(found).toHaveLength(1);
    return found[0]!;
  }

  it('deploys exactly the jobs the local scheduler runs: the declared ones whose handler exists', () => {
    expect(deployed.length).toBeGreaterThan(0);
    expect([...stack.jobs.functions.keys()]).toEqual(deployed.map((j) => j.name));
    expect(schedules()).toHaveLength(deployed.length);
    for (const job of deployableJobs().skipped) expect(stack.jobs.functions.has(job.name)).toBe(false);
  });

  it.each(deployed)(
    'runs $name at its declared time in Korea time, exactly on time, with the declared payload',
    (job) => {
      const schedule = scheduleOf(job);
      expect(schedule).toMatchObject({
        ScheduleExpression: job.expression,
        ScheduleExpressionTimezone: 'Asia/Seoul',
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
      });
      expect(JSON.parse(schedule.Target.Input as string)).toEqual(job.payload);
      expect(schedule.Target.Arn).toEqual({ 'Fn::GetAtt': [resourceOf(jobFunction(job.name)).id, 'Arn'] });
    },
  );

  it.each(deployed)('retries $name and keeps an undeliverable run in the encrypted dead-letter queue', (job) => {
    const target = scheduleOf(job).Target;
    expect(target.RetryPolicy).toEqual({
      MaximumRetryAttempts: SCHEDULE_RETRY_POLICY.maximumRetryAttempts,
      MaximumEventAgeInSeconds: SCHEDULE_RETRY_POLICY.maximumEventAgeInSeconds,
    });
    const queueId = logicalId(stack, stack.jobs.deadLetterQueue.node.defaultChild as CfnElement);
    expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    expect(template.toJSON().Resources[queueId].Properties.SqsManagedSseEnabled).toBe(true);
  });

  it("sends a handler's failed asynchronous invocations to the same dead-letter queue", () => {
    const queueId = logicalId(stack, stack.jobs.deadLetterQueue.node.defaultChild as CfnElement);
    // The SES mail-events handler has its own dead-letter queue (test/infra/mail-events.test.ts); the field-import
    // worker is started by the API, not the scheduler, and a failed run stays in its job record to be started again
    // (its own test above: no Lambda retries).
    const notJobs = [stack.mailEvents.handler, stack.fieldImportWorker].map((fn) =>
      JSON.stringify({ Ref: logicalId(stack, fn.node.defaultChild as CfnElement) }),
    );
    const configs = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig'))
      .map((r) => (r as Resource).Properties)
      .filter((config) => !notJobs.includes(JSON.stringify(config.FunctionName)));
    expect(configs).toHaveLength(deployed.length);
    for (const config of configs)
      expect(config.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
  });

  it('lets the scheduler role invoke only the job functions and write only to the dead-letter queue', () => {
    const roleId = logicalId(stack, stack.jobs.schedulerRole.node.defaultChild as CfnRole);
    const statements = statementsOfRole(roleId);
    expect(grantsOf(statements, 'lambda')).toEqual(
      deployed
        .map((job) => ({
          action: 'lambda:InvokeFunction',
          resource: JSON.stringify({ 'Fn::GetAtt': [resourceOf(jobFunction(job.name)).id, 'Arn'] }),
        }))
        .sort((a, b) => `${a.action} ${a.resource}`.localeCompare(`${b.action} ${b.resource}`)),
    );
    const queueId = logicalId(stack, stack.jobs.deadLetterQueue.node.defaultChild as CfnElement);
    for (const grant of grantsOf(statements, 'sqs'))
      expect(grant.resource).toBe(JSON.stringify({ 'Fn::GetAtt': [queueId, 'Arn'] }));
    expect(statements.flatMap(actionsOf).filter((a) => !a.startsWith('lambda:') && !a.startsWith('sqs:'))).toEqual([]);
    const trust = template.toJSON().Resources[roleId].Properties.AssumeRolePolicyDocument.Statement as {
      Principal: { Service: string };
    }[];
    expect(trust.map((t) => t.Principal.Service)).toEqual(['scheduler.amazonaws.com']);
    for (const schedule of schedules()) expect(schedule.Target.RoleArn).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
  });

  it.each(deployed)('gives $name SES mail from the configured sender only, and read-write table access', (job) => {
    const fn = jobFunction(job.name);
    const env = resourceOf(fn).props.Environment.Variables;
    expect(env).toMatchObject({ MAIL_TRANSPORT: 'ses', MAIL_FROM: DEFAULT_MAIL_FROM });
    // The head of office comes from the user pool's `head` group, never from a list fixed at deploy.
    expect(env.OFFICE_LEVEL_STAFF_SUBS).toBeUndefined();
    expect(env.TABLE_NAME).toBeDefined();
    // Sending through the office's configuration set (bounce and complaint events) needs SendEmail on it too.
    expect(env.SES_CONFIGURATION_SET).toEqual({
      Ref: logicalId(stack, stack.mailEvents.configurationSet.node.defaultChild as CfnElement),
    });
    const onConfigurationSet = (st: Statement) => JSON.stringify(resourcesOf(st)).includes(':configuration-set/');
    expect(
      functionStatements(fn).filter((st) => actionsOf(st).some((a) => a.startsWith('ses:')) && onConfigurationSet(st)),
    ).toHaveLength(1);
    const ses = functionStatements(fn).filter(
      (st) => actionsOf(st).some((a) => a.startsWith('ses:')) && !onConfigurationSet(st),
    );
    expect(ses).toHaveLength(1);
    expect(actionsOf(ses[0]!).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    const resources = resourcesOf(ses[0]!).map((r) => JSON.stringify(r));
    expect(resources).toHaveLength(2);
    for (const r of resources) expect(r).toMatch(/:identity\/(gamsa\.example\.go\.kr|noreply@gamsa\.example\.go\.kr)"/);
    expect((ses[0] as Statement & { Condition: unknown }).Condition).toEqual({
      StringEquals: { 'ses:FromAddress': DEFAULT_MAIL_FROM },
    });
    expect(grantsOf(functionStatements(fn), 'dynamodb').map((g) => g.action)).toContain('dynamodb:PutItem');
  });

  it('rejects invalid EventBridge Scheduler syntax at build time, naming the job and the field', () => {
    const bad: ScheduledJob = {
      name: 'bad-job',
      description: '잘못된 작업',
      expression: 'cron(0 8 * * * *)',
      timezone: 'Asia/Seoul',
      handler: 'functions/jobs/bad-job.handler.ts',
      payload: { job: 'bad-job', scheduledTime: schedulerContext.scheduledTime },
      payloadSchema: jobEventSchema('bad-job'),
      businessDaysOnly: false,
    };
    expect(() => assertDeployable(bad)).toThrow(ScheduledJobDefinitionError);
    expect(() => assertDeployable(bad)).toThrow(/bad-job.*day-of-/);
    expect(() => assertDeployable({ ...bad, expression: 'at(2027-01-01T00:00:00)' })).toThrow(/at\(\)/);
    for (const job of deployed) expect(() => assertDeployable(job)).not.toThrow();

    const scope = new Stack(new App(), 'Probe');
    const build = () =>
      new ScheduledJobs(scope, 'Jobs', {
        table: TableV2.fromTableName(scope, 'Table', 'probe'),
        functionConfig: {
          appBaseUrl: 'https://example.go.kr',
          officeName: '감사담당관',
          jwtIssuer: 'https://issuer.example',
          jwtAudience: 'aud',
        },
        mailFrom: DEFAULT_MAIL_FROM,
        jobs: [bad],
      });
    expect(build).toThrow(/Scheduled job "bad-job" is not valid/);
  });
});

describe('outbox relay', () => {
  it('reads only inserted outbox items from the table stream, bisecting, retrying, then dead-lettering', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).map(
      (r) => (r as Resource).Properties,
    );
    const relayId = resourceOf(stack.outboxRelay.function).id;
    const mapping = mappings.find((m) => JSON.stringify(m.FunctionName) === JSON.stringify({ Ref: relayId }));
    expect(mapping).toBeDefined();
    expect(mapping).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: OUTBOX_STREAM_RETRY_ATTEMPTS,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const queueId = logicalId(stack, stack.outboxRelay.deadLetterQueue.node.defaultChild as CfnElement);
    expect(mapping!.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
    expect(template.toJSON().Resources[queueId].Properties.SqsManagedSseEnabled).toBe(true);
    const filter = JSON.parse(mapping!.FilterCriteria.Filters[0].Pattern as string);
    expect(filter).toEqual({ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['outbox'] } } } });
  });

  it('lets the relay start executions and answer tasks, and the reconcile job also describe them', () => {
    const relayActions = functionStatements(stack.outboxRelay.function).flatMap((s) => [s.Action].flat());
    expect(relayActions).toEqual(
      expect.arrayContaining([
        'states:StartExecution',
        'states:SendTaskSuccess',
        'states:SendTaskFailure',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
      ]),
    );
    const reconcile = stack.jobs.functions.get(workflowReconcileJob.name);
    expect(reconcile).toBeDefined();
    const reconcileActions = functionStatements(reconcile!).flatMap((s) => [s.Action].flat());
    expect(reconcileActions).toEqual(
      expect.arrayContaining([
        'states:StartExecution',
        'states:StopExecution',
        'states:SendTaskSuccess',
        'states:DescribeExecution',
      ]),
    );
  });
});
