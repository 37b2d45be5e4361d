/**
 * What becomes of mail after SES accepted it (issue 6: bounces and complaints are not silently
 * lost). The office's SES configuration set publishes SEND, BOUNCE, COMPLAINT, REJECT and DELIVERY_DELAY
 * events to the account's default EventBridge bus; a rule matching exactly those events of this
 * configuration set invokes functions/jobs/mail-events.handler.ts, which records each failure,
 * releases a bounced reminder digest for the next run and suppresses bad addresses (with a notice
 * to the administrators).
 *
 * Failures of the handling itself are kept too: the rule retries delivery and parks what it could
 * not deliver in a dead-letter queue; the function's asynchronous failures go to the same queue.
 * The job functions send through this configuration set (ScheduledJobs passes its name to bindMail).
 */
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ConfigurationSet, EmailSendingEvent, EventDestination, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SES_EVENT_DETAIL_TYPES } from '#shared/mail/mail-events.ts';
import { AppFunction, type AppFunctionConfig } from './app-function.ts';

export const MAIL_EVENTS_HANDLER = 'functions/jobs/mail-events.handler.ts';

/**
 * The SES events that mean a mail did not (or not yet) reach its recipient, and SEND: SES took it
 * (recorded so a crashed run's recovery does not send a digest twice; shared/store/mail-send-log.ts).
 */
export const PUBLISHED_MAIL_EVENTS = [
  EmailSendingEvent.SEND,
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.DELIVERY_DELAY,
] as const;

export interface MailEventsProps {
  readonly table: ITableV2;
  readonly functionConfig: AppFunctionConfig;
  /** Sender of the administrators' notices (the same verified identity the jobs send from). */
  readonly mailFrom: string;
  /** Job settings as environment strings (OFFICE_LEVEL_STAFF_SUBS names the administrators with no team). */
  readonly jobEnvironment?: Readonly<Record<string, string>>;
}

export class MailEvents extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly handler: AppFunction;
  readonly rule: Rule;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: MailEventsProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      // SES also keeps its own account-level list for these; ours (mail-failure-store.ts) is what the jobs read.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });
    // SES publishes to the default bus only.
    const defaultBus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    this.configurationSet.addEventDestination('ToEventBridge', {
      destination: EventDestination.eventBus(defaultBus),
      events: [...PUBLISHED_MAIL_EVENTS],
    });

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue (of the mail events: Lambda on-failure destination and target DLQ); it has no consumer to fail.',
    });

    this.handler = new AppFunction(this, 'Handler', {
      entry: MAIL_EVENTS_HANDLER,
      description: 'SES 반송·수신거부 처리: 실패 기록, 알림 재발송, 주소 수신 중단',
      config: props.functionConfig,
      timeout: Duration.seconds(60),
    })
      .bindTable(props.table, 'read-write')
      .bindMail(props.mailFrom, this.configurationSet.configurationSetName);
    for (const [name, value] of Object.entries(props.jobEnvironment ?? {})) this.handler.addEnvironment(name, value);
    this.handler.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    this.rule = new Rule(this, 'Rule', {
      description:
        'SES sends, bounces, complaints, rejections and delivery delays of the office mail → mail-events handler',
      eventPattern: {
        source: ['aws.ses'],
        detailType: [...SES_EVENT_DETAIL_TYPES],
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
      targets: [
        new LambdaFunction(this.handler, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 8,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });
  }
}
