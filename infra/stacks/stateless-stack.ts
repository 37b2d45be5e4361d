/**
 * What can be redeployed at will: handlers, the case workflows (Step Functions) and the HTTP API, on
 * top of the stateful stack's table and user pool. Later concerns slot in beside them as their own
 * constructs under infra/constructs/ (the scheduled jobs — EventBridge Scheduler and SES — are
 * ScheduledJobs), each creating its functions with AppFunction and binding what they use.
 *
 * Tearing this stack down stops running executions; the case record keeps each case's stage, and the
 * workflow restart (shared/usecases/workflow-operations.ts) starts them again where they stand.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { apiRoutes } from '../../functions/api/routes.ts';
import { AppFunction, type AppFunctionConfig, type WorkflowAccess } from '../constructs/app-function.ts';
import { CaseHttpApi } from '../constructs/case-http-api.ts';
import { CaseWorkflows } from '../constructs/case-workflows.ts';
import { ScheduledJobs } from '../constructs/scheduled-jobs.ts';
import { MailEvents } from '../constructs/mail-events.ts';
import type { StaffDirectory } from '../constructs/staff-directory.ts';

/**
 * What each API route does with the case workflows; a route not listed has no Step Functions access
 * and no WORKFLOW_ARNS. Intake starts the case's lifecycle; completing a task hands the decision to
 * the waiting execution.
 */
export const WORKFLOW_ACCESS_BY_ROUTE: Readonly<Record<string, readonly WorkflowAccess[]>> = {
  'create-case': ['start'],
  'complete-task': ['complete-tasks'],
  // A committee's recorded decision completes each agenda item's task (the case's workflow resumes).
  'committee-record-decision': ['complete-tasks'],
  'suspend-case': ['stop'],
  'resume-case': ['start', 'stop'],
  // An objection restarts the petition under a new execution, stopping the one parked at a cancelled task.
  'petition-objection': ['start', 'stop'],
};

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
  /** OFFICE_LEVEL_STAFF_SUBS for the jobs: the head of office and others with no team. */
  readonly officeLevelStaffSubs?: string;
}

export class StatelessStack extends Stack {
  readonly api: CaseHttpApi;
  /** API handlers by route name, e.g. `get-case`. */
  readonly apiHandlers: ReadonlyMap<string, AppFunction>;
  readonly workflows: CaseWorkflows;
  readonly jobs: ScheduledJobs;
  /** SES configuration set and the handler of its bounce/complaint events. */
  readonly mailEvents: MailEvents;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);

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

    const unknownRoutes = Object.keys(WORKFLOW_ACCESS_BY_ROUTE).filter(
      (name) => !apiRoutes.some((route) => route.name === name),
    );
    if (unknownRoutes.length > 0) {
      throw new Error(
        `WORKFLOW_ACCESS_BY_ROUTE names routes that functions/api/routes.ts does not have: ${unknownRoutes.join(', ')}`,
      );
    }

    const handlers = new Map<string, AppFunction>();
    for (const route of apiRoutes) {
      const handler = new AppFunction(this, `Api-${route.name}`, {
        entry: route.entry,
        description: `${route.routeKey} — ${route.summary}`,
        config: functionConfig,
      }).bindTable(props.table, route.writes ? 'read-write' : 'read');
      if (route.identityKey) handler.bindIdentityKey(props.identityKey, route.identityKey);
      for (const access of WORKFLOW_ACCESS_BY_ROUTE[route.name] ?? []) {
        handler.bindWorkflows(this.workflows.stateMachines, access);
      }
      this.api.addRoute(route, handler);
      handlers.set(route.name, handler);
    }
    this.apiHandlers = handlers;

    this.mailEvents = new MailEvents(this, 'MailEvents', {
      table: props.table,
      functionConfig,
      mailFrom: props.mailFrom,
      jobEnvironment: { OFFICE_LEVEL_STAFF_SUBS: props.officeLevelStaffSubs ?? '' },
    });
    this.jobs = new ScheduledJobs(this, 'Jobs', {
      table: props.table,
      functionConfig,
      mailFrom: props.mailFrom,
      mailConfigurationSetName: this.mailEvents.configurationSet.configurationSetName,
      jobEnvironment: { OFFICE_LEVEL_STAFF_SUBS: props.officeLevelStaffSubs ?? '' },
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'HTTP API base URL' });
    new CfnOutput(this, 'WorkflowArns', {
      value: this.toJsonString(
        Object.fromEntries([...this.workflows.stateMachines].map(([name, sm]) => [name, sm.stateMachineArn])),
      ),
      description: 'State machine ARN per workflow (WORKFLOW_ARNS)',
    });
  }
}
