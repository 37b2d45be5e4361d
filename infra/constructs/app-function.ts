/**
 * The one Lambda function construct. Every handler — API routes now, workflow steps and scheduled
 * jobs later — gets its runtime, bundling, logging, tracing and common configuration here, so a
 * policy change (runtime upgrade, log retention) is made once.
 *
 * Access to other resources is added with `bind*` methods that set the environment variable and the
 * IAM grant in the same call: a function never learns a resource's name without the matching
 * permission, and never holds a permission it has no variable for.
 */
import {
  AssetHashType,
  type BundlingOptions,
  type CfnElement,
  DockerImage,
  Duration,
  type ILocalBundling,
  Names,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  ApplicationLogLevel,
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { IDENTITY_KEY_PURPOSE } from '#shared/domain/identity.ts';
import type { Construct } from 'constructs';
import type { WorkflowAccess } from '../../functions/api/routes.ts';
import type { RuntimeConfig } from '#shared/config/runtime-config.ts';
import type { mailEnvSchema } from '#shared/mail/mail-config.ts';
import type * as z from 'zod';
import { PROJECT_ROOT } from '../project-paths.ts';
import { bundleFunction } from './function-bundles.ts';
import { LOG_RETENTION } from './log-retention.ts';
import { TABLE_INDEXES } from '#shared/store/table-definition.ts';

/** Settings every function receives (see shared/config/runtime-config.ts). */
export interface AppFunctionConfig {
  /** Base URL used in links (mail, API responses). */
  readonly appBaseUrl: string;
  readonly officeName: string;
  /** Cognito user pool issuer. API Gateway's authorizer checks tokens; handlers get it for claims checks. */
  readonly jwtIssuer: string;
  /** The app client id (the `aud` of the ID tokens staff present). */
  readonly jwtAudience: string;
}

export interface AppFunctionProps {
  /** Handler module as a path from the project root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly config: AppFunctionConfig;
  /** @default 512 — enough CPU for a quick cold start of a bundled SDK; the office's load is small. */
  readonly memorySize?: number;
  /** @default 10 s — well under API Gateway's 30 s integration limit, room for SDK retries. */
  readonly timeout?: Duration;
}

export type TableAccess = 'read' | 'read-write';

/** What a handler does with the case workflows (declared with each route in functions/api/routes.ts). */
export type { WorkflowAccess };

/**
 * Only what shared/workflow/case-workflows.ts sends: a decision is always a success. Failure and
 * heartbeat are not granted until some code sends them.
 */
export const TASK_RESPONSE_ACTIONS = ['states:SendTaskSuccess'] as const;

/**
 * Item actions plus DescribeTable (metadata only; the health check uses it). No Scan — every list is
 * an index query (docs/design.md#7-scale-by-index-never-by-scan) — and no stream or control-plane actions. Transactions need no action
 * of their own: TransactWriteItems is authorised per item as PutItem/UpdateItem/DeleteItem/
 * ConditionCheckItem, TransactGetItems as GetItem.
 */
const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:DescribeTable'];
const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];
/**
 * DynamoDB decrypts the table key with the caller's permission (kms:Decrypt) on every item read and
 * write; Encrypt and GenerateDataKey cover writes. No ReEncrypt* or GenerateDataKey* wildcards:
 * DynamoDB re-encrypts nothing on a caller's behalf, and no code asks for a data key pair.
 */
const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE_ACTIONS = ['kms:Encrypt', 'kms:GenerateDataKey'];

type RuntimeEnvironment = Partial<Record<keyof RuntimeConfig, string>>;
type MailEnvironmentKey = keyof z.input<typeof mailEnvSchema>;

/** SES v2 SendEmail is authorised as these actions on the sending identity (simple and raw content). */
export const MAIL_SEND_ACTIONS = ['ses:SendEmail', 'ses:SendRawEmail'] as const;

/**
 * Bundling of one handler module by the app's single esbuild run (infra/constructs/function-bundles.ts).
 * There is no Docker engine on build machines, so the image is never used. `entry` is a property so
 * CDK's asset cache tells two functions' bundles apart (it keys on the serialised options).
 */
class OneRunBundling implements BundlingOptions {
  readonly image = DockerImage.fromRegistry('no-docker-bundling');
  readonly local: ILocalBundling;
  constructor(readonly entry: string) {
    this.local = {
      tryBundle: (outputDir) => {
        bundleFunction(entry, outputDir);
        return true;
      },
    };
  }
}

/** The construct id of the stack's one function log group. */
export const SHARED_LOG_GROUP_ID = 'FunctionLogs';

export class AppFunction extends LambdaFunction {
  private boundTable: ITableV2 | undefined;
  private readonly workflowAccess = new Set<WorkflowAccess>();
  private mailFrom: string | undefined;
  private identityKeyAccess: 'seal' | 'open' | undefined;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const commonEnvironment = {
      APP_BASE_URL: props.config.appBaseUrl,
      OFFICE_NAME: props.config.officeName,
      JWT_ISSUER: props.config.jwtIssuer,
      JWT_AUDIENCE: props.config.jwtAudience,
    } satisfies RuntimeEnvironment;
    const logGroup = AppFunction.createLogGroup(scope, id);

    super(scope, id, {
      code: Code.fromAsset(PROJECT_ROOT, {
        // The asset is named by the bundle's bytes, as NodejsFunction's were.
        assetHashType: AssetHashType.OUTPUT,
        bundling: new OneRunBundling(props.entry),
      }),
      handler: 'index.handler',
      description: props.description,
      // Keep in step with the `node` dev dependency that runs the tests (Node 22 LTS).
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      logGroup,
      role: AppFunction.createRole(scope, id, logGroup),
      environment: {
        ...commonEnvironment,
        // Stack traces point at the TypeScript source, not the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    Validations.of(this.executionRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions (test/infra/cdk-nag.test.ts checks that only X-Ray actions are on *).',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 (supported by Lambda into 2027) is the version the test suite and the local system run on; the runtime moves with the `node` dev dependency, in one change.',
    });
  }

  /**
   * The single table: TABLE_NAME plus item-level permissions on the table and its indexes, and the
   * matching use of its KMS key. `read` cannot put, update or delete anything.
   */
  bindTable(table: ITableV2, access: TableAccess): this {
    if (this.boundTable !== undefined) {
      throw new Error(`${this.node.path} is already bound to a table; TABLE_NAME names exactly one.`);
    }
    this.boundTable = table;
    const writes = access === 'read-write';
    this.addEnvironment('TABLE_NAME' satisfies keyof RuntimeConfig, table.tableName);
    // The table and each of its indexes by name (not `index/*`): a new index is granted when it is declared.
    this.addToRolePolicy(
      new PolicyStatement({
        actions: [...TABLE_READ_ACTIONS, ...(writes ? TABLE_WRITE_ACTIONS : [])],
        resources: [table.tableArn, ...TABLE_INDEXES.map((index) => `${table.tableArn}/index/${index.indexName}`)],
      }),
    );
    table.encryptionKey?.grant(this, ...KEY_READ_ACTIONS, ...(writes ? KEY_WRITE_ACTIONS : []));
    return this;
  }

  /**
   * The user pool's role groups, read only: STAFF_USER_POOL_ID and ListUsersInGroup on this pool
   * alone, so a job finds the head of office in the `head` group (shared/store/cognito-office-staff.ts).
   */
  bindStaffGroups(userPool: IUserPool): this {
    this.addEnvironment('STAFF_USER_POOL_ID', userPool.userPoolId);
    this.addToRolePolicy(
      new PolicyStatement({ actions: ['cognito-idp:ListUsersInGroup'], resources: [userPool.userPoolArn] }),
    );
    return this;
  }

  /**
   * The key that seals reporters' identities: IDENTITY_KEY_ID plus one use of it, only under the
   * envelope's encryption context. `seal` (intake) can make data keys but never decrypt one; `open`
   * (the custodian-granted read) can decrypt them and nothing else.
   */
  bindIdentityKey(key: IKey, access: 'seal' | 'open'): this {
    if (this.identityKeyAccess !== undefined)
      throw new Error(`${this.node.path} is already bound to the identity key (${this.identityKeyAccess}).`);
    this.identityKeyAccess = access;
    this.addEnvironment('IDENTITY_KEY_ID' satisfies keyof RuntimeConfig, key.keyArn);
    this.addToRolePolicy(
      new PolicyStatement({
        actions: [access === 'seal' ? 'kms:GenerateDataKey' : 'kms:Decrypt'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:EncryptionContext:purpose': IDENTITY_KEY_PURPOSE } },
      }),
    );
    return this;
  }

  /**
   * The case workflows (workflow name → state machine). `start`: WORKFLOW_ARNS and StartExecution on
   * each. `complete-tasks`: SendTaskSuccess on each, and no variable — the task token names the
   * execution. `stop`: StopExecution on the executions of each (suspension); operator moves run with
   * the operator's own credentials. `describe`: DescribeExecution on the executions of each (the reconciler).
   */
  bindWorkflows(workflows: ReadonlyMap<string, IStateMachine>, access: WorkflowAccess): this {
    if (this.workflowAccess.has(access)) {
      throw new Error(`${this.node.path} is already bound to the workflows for ${access}.`);
    }
    this.workflowAccess.add(access);
    if (access === 'start') {
      const arns = Object.fromEntries(
        [...workflows].map(([name, stateMachine]) => [name, stateMachine.stateMachineArn]),
      );
      this.addEnvironment('WORKFLOW_ARNS' satisfies keyof RuntimeConfig, Stack.of(this).toJsonString(arns));
      for (const stateMachine of workflows.values()) stateMachine.grantStartExecution(this);
    } else if (access === 'stop') {
      const stack = Stack.of(this);
      for (const stateMachine of workflows.values()) {
        stateMachine.grantExecution(this, 'states:StopExecution');
        const machineStack = Stack.of(stateMachine);
        const logicalId = machineStack.getLogicalId(stateMachine.node.defaultChild as CfnElement);
        // In a nested stack (the API's routes) the state machine arrives as a parameter CDK names after it.
        const ref =
          machineStack === stack
            ? logicalId
            : `referenceto${Names.uniqueId(stateMachine.node.defaultChild as CfnElement)}Ref`;
        Validations.of(this.executionRole).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:${machineStack.partition}:states:${machineStack.region}:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${ref}"}]}]}:*]`,
          reason:
            'Execution names are chosen at run time (per case), so StopExecution is granted on the executions of each case workflow — never on other state machines.',
        });
      }
    } else if (access === 'describe') {
      // The reconciler compares each open case with the state of its execution.
      for (const stateMachine of workflows.values()) stateMachine.grantExecution(this, 'states:DescribeExecution');
    } else {
      for (const stateMachine of workflows.values()) stateMachine.grant(this, ...TASK_RESPONSE_ACTIONS);
    }
    return this;
  }

  /**
   * Mail through SES v2 from `fromAddress`: MAIL_TRANSPORT=ses and MAIL_FROM, and SendEmail on that
   * address's identities only (the address and its domain, whichever the office verified), only
   * with that address as the sender. With `configurationSetName` (SES_CONFIGURATION_SET), mail goes
   * through that configuration set (bounce and complaint events, infra/constructs/mail-events.ts),
   * which SendEmail then needs permission on as well.
   */
  bindMail(fromAddress: string, configurationSetName?: string): this {
    if (this.mailFrom !== undefined)
      throw new Error(`${this.node.path} is already bound to mail from ${this.mailFrom}.`);
    const domain = fromAddress.split('@')[1];
    if (domain === undefined || domain.length === 0)
      throw new Error(`${this.node.path}: mail sender "${fromAddress}" is not an email address.`);
    this.mailFrom = fromAddress;
    this.addEnvironment('MAIL_TRANSPORT' satisfies MailEnvironmentKey, 'ses');
    this.addEnvironment('MAIL_FROM' satisfies MailEnvironmentKey, fromAddress);
    const stack = Stack.of(this);
    const identity = (name: string) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
    this.addToRolePolicy(
      new PolicyStatement({
        actions: [...MAIL_SEND_ACTIONS],
        resources: [identity(domain), identity(fromAddress)],
        conditions: { StringEquals: { 'ses:FromAddress': fromAddress } },
      }),
    );
    if (configurationSetName !== undefined) {
      this.addEnvironment(
        'SES_CONFIGURATION_SET' satisfies keyof Extract<z.input<typeof mailEnvSchema>, { MAIL_TRANSPORT: 'ses' }>,
        configurationSetName,
      );
      this.addToRolePolicy(
        new PolicyStatement({
          actions: [...MAIL_SEND_ACTIONS],
          resources: [
            stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSetName }),
          ],
        }),
      );
    }
    return this;
  }

  /** The role created for this function (its policies are where IAM findings are reported). */
  get executionRole(): Role {
    return this.role as Role;
  }

  /**
   * One log group for all the functions of a stack (Lambda's logging config points them at it; each
   * JSON line names its function). A group per function cost three resources per function (group,
   * and the role's policy on it, counted against CloudFormation's 500 per stack) for nothing the
   * office needs: retention and deletion policy are the same for every function, and CloudWatch
   * Logs Insights filters by `function_name`.
   */
  private static createLogGroup(scope: Construct, _functionId: string): LogGroup {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(SHARED_LOG_GROUP_ID);
    return existing instanceof LogGroup ? existing : new LogGroup(stack, SHARED_LOG_GROUP_ID, LOG_RETENTION);
  }

  /**
   * The execution role, with logging to the stack's function log group only — instead of the
   * AWS-managed AWSLambdaBasicExecutionRole, which allows writing to any log group in the account.
   */
  private static createRole(scope: Construct, functionId: string, logGroup: LogGroup): Role {
    return new Role(scope, `${functionId}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: {
        logs: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [logGroup.logGroupArn],
            }),
          ],
        }),
      },
    });
  }
}
