/**
 * What can be redeployed at will: handlers and the HTTP API, on top of the stateful stack's table and
 * user pool. Later concerns slot in beside the API as their own constructs under infra/constructs/
 * (case workflows — Step Functions; deadline and committee schedules — EventBridge Scheduler;
 * reminder mail — SES), each creating its functions with AppFunction and binding what they use.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { apiRoutes } from '../../functions/api/routes.ts';
import { AppFunction, type AppFunctionConfig } from '../constructs/app-function.ts';
import { CaseHttpApi } from '../constructs/case-http-api.ts';
import type { StaffDirectory } from '../constructs/staff-directory.ts';

export interface StatelessStackProps extends StackProps {
  readonly table: ITableV2;
  readonly staff: StaffDirectory;
  readonly officeName: string;
  /** Base URL for links in mail and responses; defaults to the API's own URL. */
  readonly appBaseUrl?: string;
}

export class StatelessStack extends Stack {
  readonly api: CaseHttpApi;
  /** API handlers by route name, e.g. `get-case`. */
  readonly apiHandlers: ReadonlyMap<string, AppFunction>;

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

    const handlers = new Map<string, AppFunction>();
    for (const route of apiRoutes) {
      const handler = new AppFunction(this, `Api-${route.name}`, {
        entry: route.entry,
        description: `${route.routeKey} — ${route.summary}`,
        config: functionConfig,
      }).bindTable(props.table, route.writes ? 'read-write' : 'read');
      this.api.addRoute(route, handler);
      handlers.set(route.name, handler);
    }
    this.apiHandlers = handlers;

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'HTTP API base URL' });
  }
}
