/**
 * Fails the deploy, loudly and with the fix, when nobody is in the user pool's `head` group
 * (functions/deploy/head-of-office-check.handler.ts). It runs on every deploy of the stateless stack:
 * its `CheckedAt` property is the synth time, so CloudFormation updates (re-runs) it each time. The
 * pool lives in the stateful stack, so a first deploy creates the pool, then stops here until the head
 * of office is added (README: Deploying to AWS).
 */
import { type CfnElement, CustomResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { AppFunction, type AppFunctionConfig } from './app-function.ts';

export const HEAD_OF_OFFICE_CHECK_TYPE = 'Custom::HeadOfOfficeCheck';

export interface HeadOfOfficeCheckProps {
  readonly userPool: IUserPool;
  readonly functionConfig: AppFunctionConfig;
  /** When this synth happened; a new value each deploy makes CloudFormation run the check again. */
  readonly checkedAt: string;
}

export class HeadOfOfficeCheck extends Construct {
  readonly handler: AppFunction;
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: HeadOfOfficeCheckProps) {
    super(scope, id);
    this.handler = new AppFunction(this, 'HeadOfOfficeCheck', {
      entry: 'functions/deploy/head-of-office-check.handler.ts',
      description: 'Deploy check: someone holds the head-of-office role (the user pool head group)',
      config: props.functionConfig,
      timeout: Duration.seconds(30),
    }).bindStaffGroups(props.userPool);
    const provider = new Provider(this, 'Provider', { onEventHandler: this.handler });
    Validations.of(provider).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason: "CDK's custom-resource provider framework function; its runtime moves with aws-cdk-lib.",
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's provider framework function writes its own logs; the managed policy grants only that.",
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.handler.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason: 'The provider framework invokes the versions of the one check function it wraps.',
      },
    );
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: HEAD_OF_OFFICE_CHECK_TYPE,
      properties: { UserPoolId: props.userPool.userPoolId, CheckedAt: props.checkedAt },
    });
  }
}
