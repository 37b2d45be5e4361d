/**
 * The outbox relay on AWS (docs/design.md, "9. Commit, then deliver"): the table's stream (new images) feeds a function
 * that delivers each new outbox intent to the workflows (functions/jobs/outbox-relay.handler.ts).
 * The event source mapping passes only inserted outbox items (a filter, so the function is not
 * invoked for every case write), reports failed items one by one, bisects a failing batch,
 * retries, and hands what still fails to the dead-letter queue — which the office's alarms watch
 * (`deadLetterQueue`). An intent that reached the queue stays pending in the table too, so the
 * reconcile job delivers it once the cause is gone.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { OUTBOX_ENTITY } from '#shared/store/outbox-store.ts';
import { AppFunction, type AppFunctionConfig } from './app-function.ts';

/** Stream retries before a record goes to the dead-letter queue (each after bisecting the batch). */
export const OUTBOX_STREAM_RETRY_ATTEMPTS = 5;

export interface OutboxRelayProps {
  readonly table: ITableV2;
  readonly functionConfig: AppFunctionConfig;
  readonly workflows: ReadonlyMap<string, IStateMachine>;
}

export class OutboxRelay extends Construct {
  readonly function: AppFunction;
  /** Stream records whose intent could not be delivered: attach an alarm on its visible messages. */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: OutboxRelayProps) {
    super(scope, id);
    if (!props.table.tableStreamArn)
      throw new Error('The outbox relay needs the table stream (NEW_IMAGE); see infra/constructs/case-table.ts.');

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is itself the dead-letter queue (of the outbox relay's stream source); it has no consumer to fail.",
    });

    this.function = new AppFunction(this, 'Function', {
      entry: 'functions/jobs/outbox-relay.handler.ts',
      description: 'outbox relay: 사건 변경과 함께 기록된 워크플로 시작·업무 결정 전달',
      config: props.functionConfig,
      timeout: Duration.seconds(30),
    })
      .bindTable(props.table, 'read-write')
      .bindWorkflows(props.workflows, 'start')
      .bindWorkflows(props.workflows, 'complete-tasks');
    // A task-failure intent is sent with SendTaskFailure; only the relay ever sends one.
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['states:SendTaskFailure'],
        resources: [...props.workflows.values()].map((sm) => sm.stateMachineArn),
      }),
    );

    this.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        bisectBatchOnError: true,
        retryAttempts: OUTBOX_STREAM_RETRY_ATTEMPTS,
        maxRecordAge: Duration.hours(6),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { entity: { S: FilterRule.isEqual(OUTBOX_ENTITY) } } },
          }),
        ],
      }),
    );
  }
}
