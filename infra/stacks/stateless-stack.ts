/**
 * What can be redeployed at will: handlers, the case workflows (Step Functions) and the HTTP API, on
 * top of the stateful stack's table and user pool. Later concerns slot in beside them as their own
 * constructs under infra/constructs/ (the scheduled jobs — EventBridge Scheduler and SES — are
 * ScheduledJobs), each creating its functions with AppFunction and binding what they use.
 *
 * API handlers and their routes live in nested stacks, one per OpenAPI tag (functions/api/routes.ts):
 * every route costs six resources (function, role, policy, permission, integration, route), and one
 * stack holds at most 500. The API, its stage and its one JWT authorizer stay here; the nested routes
 * refer to them. The console's hosting (infra/constructs/console-hosting.ts) is here too, beside the
 * API: the console's CSP and config name the API's origin, and the API accepts the console's client
 * and origin — in two stacks, each would wait on the other.
 *
 * Tearing this stack down stops running executions; the case record keeps each case's stage, and the
 * workflow restart (shared/usecases/workflow-operations.ts) starts them again where they stand.
 */
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnOutput, Duration, NestedStack, Stack, type StackProps } from 'aws-cdk-lib';
import type { ISource } from 'aws-cdk-lib/aws-s3-deployment';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import {
  type ApiTag,
  apiHandlerEntry,
  apiRoutes,
  identityKeyAccessOf,
  filesAccessOf,
  importFilesAccessOf,
  workflowAccessOf,
} from '../../functions/api/routes.ts';
import { ConsoleHosting } from '../constructs/console-hosting.ts';
import { AppFunction, type AppFunctionConfig } from '../constructs/app-function.ts';
import { CaseHttpApi } from '../constructs/case-http-api.ts';
import { CaseWorkflows } from '../constructs/case-workflows.ts';
import { ScheduledJobs } from '../constructs/scheduled-jobs.ts';
import { HeadOfOfficeCheck } from '../constructs/head-of-office-check.ts';
import { MailEvents } from '../constructs/mail-events.ts';
import { OutboxRelay } from '../constructs/outbox-relay.ts';
import {
  deadlineRemindersJob,
  grievanceQuarterlyAnalysisJob,
  exemptionQuarterlyReportJob,
  propertyRegistrationReportJob,
  workflowReconcileJob,
} from '#shared/schedules/scheduled-jobs.ts';
import type { StaffDirectory } from '../constructs/staff-directory.ts';
import { bindCaseFiles, bindImportFiles } from '../constructs/case-files.ts';
import { bindAnchorBucket } from '../constructs/chain-anchor.ts';
import { ApiDistribution } from '../constructs/waf.ts';
import { chainAnchorJob, uploadCleanupJob } from '#shared/schedules/scheduled-jobs.ts';
import type { RuntimeConfig } from '#shared/config/runtime-config.ts';

/** Jobs that read the staff directory (functions/wiring/reminder-jobs.ts) and so the pool's role groups. */
export const STAFF_DIRECTORY_JOBS: readonly string[] = [
  deadlineRemindersJob.name,
  grievanceQuarterlyAnalysisJob.name,
  exemptionQuarterlyReportJob.name,
  propertyRegistrationReportJob.name,
];

export interface StatelessStackProps extends StackProps {
  readonly table: ITableV2;
  readonly staff: StaffDirectory;
  /** The key that seals whistleblowers' identities (routes with `identityKey` get its use). */
  readonly identityKey: IKey;
  readonly officeName: string;
  /** Base URL for links in mail and responses; defaults to the API's own URL. */
  readonly appBaseUrl?: string;
  /** Sender of the scheduled jobs' mail (SES). */
  readonly mailFrom: string;
  /** Name of the Object Lock bucket the chain-anchor job writes to and verification reads. */
  readonly anchorBucketName: string;
  /** The key that signs anchors (the job signs, verification verifies). */
  readonly anchorSigningKey: IKey;
  /** Name of the case files bucket and its key (routes with `files` get their use). */
  readonly caseFilesBucketName: string;
  readonly caseFilesKey: IKey;
  /** The WAF web ACL (us-east-1) for the CloudFront distribution in front of the API. */
  readonly webAclArn: string;
  /** Prefix of the managed login's domain, unique in the region; defaults to `gamsa-<account>`. */
  readonly signInDomainPrefix?: string;
  /** The console's own origin (https://…) when it has a domain; its CloudFront domain otherwise. */
  readonly consoleOrigin?: string;
  /** The built console to upload (infra/constructs/console-hosting.ts: builtConsole). */
  readonly consoleFiles?: ISource;
  /** When this deploy's templates were made (the head-of-office check runs again when it changes); default now. */
  readonly checkedAt?: string;
}

export class StatelessStack extends Stack {
  readonly api: CaseHttpApi;
  /** API handlers by route name, e.g. `get-case`. */
  readonly apiHandlers: ReadonlyMap<string, AppFunction>;
  readonly workflows: CaseWorkflows;
  readonly jobs: ScheduledJobs;
  /** SES configuration set and the handler of its bounce/complaint events. */
  readonly mailEvents: MailEvents;
  /** CloudFront + WAF in front of the HTTP API (infra/constructs/waf.ts says why). */
  readonly edge: ApiDistribution;
  /** Stream-fed delivery of outbox intents; its dead-letter queue is `outboxRelay.deadLetterQueue`. */
  readonly outboxRelay: OutboxRelay;
  /** The nested stack of each OpenAPI tag's routes and handlers. */
  readonly routeStacks: ReadonlyMap<ApiTag, NestedStack>;
  /** The staff console: bucket, CloudFront, sign-in client. */
  readonly console: ConsoleHosting;
  /** Fails each deploy while nobody is in the user pool's head group. */
  readonly headOfOfficeCheck: HeadOfOfficeCheck;
  /** Runs a 응답소 import started through the API (invoked asynchronously by the start route). */
  readonly fieldImportWorker: AppFunction;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    // Indentation would take the template (state machine definitions, one role per function) near
    // CloudFormation's 1 MB limit.
    super(scope, id, { ...props, crossRegionReferences: true, suppressTemplateIndentation: true });

    this.api = new CaseHttpApi(this, 'Api', {
      userPool: props.staff.userPool,
      userPoolClient: props.staff.client,
    });

    const functionConfig: AppFunctionConfig = {
      appBaseUrl: props.appBaseUrl ?? this.api.baseUrl,
      officeName: props.officeName,
      jwtIssuer: props.staff.issuerUrl,
      jwtAudience: props.staff.client.userPoolClientId,
    };

    this.workflows = new CaseWorkflows(this, 'Workflows', { table: props.table, functionConfig });

    // The import worker: one asynchronous invocation per started import (functions/wiring/field-imports.ts
    // says why no queue). 15 minutes is Lambda's longest run (a year's export takes a few); no retries by
    // Lambda — a failed run is saved as failed on the job, and a dead one goes stale: either is started
    // again by the same POST, so the office sees and decides rather than a silent retry.
    this.fieldImportWorker = new AppFunction(this, 'FieldImportWorker', {
      entry: 'functions/jobs/field-import-worker.handler.ts',
      description: '응답소 현장민원 가져오기 작업 (POST /field-complaints/imports가 비동기 호출)',
      config: functionConfig,
      memorySize: 1024,
      timeout: Duration.minutes(15),
    }).bindTable(props.table, 'read-write');
    this.fieldImportWorker.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.hours(1) });
    bindImportFiles(this.fieldImportWorker, props.caseFilesBucketName, props.caseFilesKey, 'worker');

    const handlers = new Map<string, AppFunction>();
    const routeStacks = new Map<ApiTag, NestedStack>();
    for (const route of apiRoutes) {
      let scope = routeStacks.get(route.tag);
      if (scope === undefined) {
        scope = new NestedStack(this, `Routes-${route.tag}`, {
          description: `Audit office case tracking — API routes and handlers tagged "${route.tag}"`,
        });
        routeStacks.set(route.tag, scope);
      }
      const handler = new AppFunction(scope, `Api-${route.name}`, {
        entry: apiHandlerEntry(route.name),
        description: `${route.routeKey} — ${route.summary}`,
        config: functionConfig,
      }).bindTable(props.table, route.writes ? 'read-write' : 'read');
      const identityKeyAccess = identityKeyAccessOf(route);
      if (identityKeyAccess) handler.bindIdentityKey(props.identityKey, identityKeyAccess);
      const filesAccess = filesAccessOf(route);
      if (filesAccess) bindCaseFiles(handler, props.caseFilesBucketName, props.caseFilesKey, filesAccess);
      const importAccess = importFilesAccessOf(route);
      if (importAccess) {
        bindImportFiles(handler, props.caseFilesBucketName, props.caseFilesKey, importAccess);
        if (importAccess === 'start') {
          // The function itself, not its versions (no `:*`): the route invokes $LATEST.
          handler.addToRolePolicy(
            new PolicyStatement({
              actions: ['lambda:InvokeFunction'],
              resources: [this.fieldImportWorker.functionArn],
            }),
          );
          handler.addEnvironment('FIELD_IMPORT_WORKER', this.fieldImportWorker.functionName);
        }
      }
      for (const access of workflowAccessOf(route)) {
        handler.bindWorkflows(this.workflows.stateMachines, access);
      }
      this.api.addRoute(route, handler, scope);
      handlers.set(route.name, handler);
    }
    this.apiHandlers = handlers;
    this.routeStacks = routeStacks;

    this.mailEvents = new MailEvents(this, 'MailEvents', {
      table: props.table,
      functionConfig,
      mailFrom: props.mailFrom,
    });
    this.jobs = new ScheduledJobs(this, 'Jobs', {
      table: props.table,
      functionConfig,
      mailFrom: props.mailFrom,
      mailConfigurationSetName: this.mailEvents.configurationSet.configurationSetName,
    });
    // The head of office (and any office-wide role with no team) is whoever the pool's group holds.
    this.mailEvents.handler.bindStaffGroups(props.staff.userPool);
    for (const job of STAFF_DIRECTORY_JOBS) {
      const fn = this.jobs.functions.get(job);
      if (fn) fn.bindStaffGroups(props.staff.userPool);
    }
    // Those jobs need someone in the head group: the deploy stops, saying how to add them, until there is.
    this.headOfOfficeCheck = new HeadOfOfficeCheck(this, 'HeadOfOfficeCheck', {
      userPool: props.staff.userPool,
      functionConfig,
      checkedAt: props.checkedAt ?? new Date().toISOString(),
    });

    const cleanupJob = this.jobs.functions.get(uploadCleanupJob.name);
    if (cleanupJob !== undefined) bindCaseFiles(cleanupJob, props.caseFilesBucketName, props.caseFilesKey, 'clean');
    const anchorJob = this.jobs.functions.get(chainAnchorJob.name);
    if (anchorJob !== undefined) bindAnchorBucket(anchorJob, props.anchorBucketName, props.anchorSigningKey, 'write');
    const verifyRoute = this.apiHandlers.get('verify-case');
    if (verifyRoute === undefined)
      throw new Error('functions/api/routes.ts has no verify-case route to bind the anchors to');
    bindAnchorBucket(verifyRoute, props.anchorBucketName, props.anchorSigningKey, 'read');

    this.edge = new ApiDistribution(this, 'Edge', { httpApi: this.api.httpApi, webAclArn: props.webAclArn });
    this.console = new ConsoleHosting(this, 'Console', {
      userPool: props.staff.userPool,
      apiOrigin: this.edge.url,
      consoleOrigin: props.consoleOrigin,
      signInDomainPrefix: props.signInDomainPrefix ?? `gamsa-${this.account}`,
      // Presigned URLs are virtual-hosted (the functions' S3 client is not path-style on AWS).
      filesOrigin: `https://${props.caseFilesBucketName}.s3.${this.region}.amazonaws.com`,
      webAclArn: props.webAclArn,
      files: props.consoleFiles,
    });
    this.api.acceptClient(this.console.client);
    this.api.allowOrigins([this.console.origin]);
    this.outboxRelay = new OutboxRelay(this, 'OutboxRelay', {
      table: props.table,
      functionConfig,
      workflows: this.workflows.stateMachines,
    });
    // The reconciler delivers intents and restarts executions where the case stands.
    const reconcile = this.jobs.functions.get(workflowReconcileJob.name);
    if (reconcile) {
      for (const access of ['start', 'stop', 'complete-tasks', 'describe'] as const)
        reconcile.bindWorkflows(this.workflows.stateMachines, access);
    }

    // Links in mail open the case in the console.
    for (const fn of this.node.findAll().filter((c): c is AppFunction => c instanceof AppFunction)) {
      fn.addEnvironment('CONSOLE_URL' satisfies keyof RuntimeConfig, this.console.origin);
    }

    new CfnOutput(this, 'ConsoleUrl', { value: this.console.origin, description: 'The staff console' });
    new CfnOutput(this, 'ConsoleClientId', {
      value: this.console.client.userPoolClientId,
      description: "The console's user-pool client (code + PKCE)",
    });
    new CfnOutput(this, 'SignInDomain', {
      value: this.console.signInDomain,
      description: 'Managed login of the user pool (the console signs in there)',
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'HTTP API base URL' });
    new CfnOutput(this, 'EdgeUrl', {
      value: this.edge.url,
      description: 'CloudFront (WAF) URL of the API — what staff and the console should use',
    });
    new CfnOutput(this, 'JobFunctionNames', {
      value: this.toJsonString(
        Object.fromEntries([...this.jobs.functions].map(([name, fn]) => [name, fn.functionName])),
      ),
      description: 'Lambda function per scheduled job, for running or replaying a run (README: 예약 작업 실행)',
    });
    new CfnOutput(this, 'WorkflowArns', {
      value: this.toJsonString(
        Object.fromEntries([...this.workflows.stateMachines].map(([name, sm]) => [name, sm.stateMachineArn])),
      ),
      description: 'State machine ARN per workflow (WORKFLOW_ARNS)',
    });
  }
}
