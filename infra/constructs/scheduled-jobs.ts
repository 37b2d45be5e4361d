/**
 * The office's recurring jobs on AWS: for each declared job whose handler exists (the same
 * `deployableJobs()` the local scheduler runs), one Lambda function and one EventBridge Scheduler
 * schedule in Korea time that invokes it with the declared payload.
 *
 * Failures are kept, not lost: the schedule retries delivery (retry policy) and hands an event it
 * could not deliver to the dead-letter queue; a handler that fails all of Lambda's asynchronous
 * attempts sends its event to the same queue. The handlers are idempotent per run (they key their
 * work on the run's `scheduledTime`), so a retry never mails twice.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { parseReminderJobConfig } from '#shared/config/reminder-job-config.ts';
import { parseScheduleExpression, ScheduleExpressionError } from '#shared/schedules/schedule-expression.ts';
import { ScheduledJobDefinitionError, type ScheduledJob } from '#shared/schedules/scheduled-job.ts';
import { deployableJobs } from '../../functions/jobs/job-modules.ts';
import { AppFunction, type AppFunctionConfig } from './app-function.ts';

/** Scheduler delivery retries: enough to ride out throttling, never so late that a morning digest arrives at noon. */
export const SCHEDULE_RETRY_POLICY = { maximumRetryAttempts: 5, maximumEventAgeInSeconds: 60 * 60 } as const;

export interface ScheduledJobsProps {
  readonly table: ITableV2;
  readonly functionConfig: AppFunctionConfig;
  /** Sender address (a verified SES identity, or an address in a verified domain). */
  readonly mailFrom: string;
  /** Job settings (REMINDER_*, OFFICE_LEVEL_STAFF_SUBS) as environment strings; checked at synth. */
  readonly jobEnvironment?: Readonly<Record<string, string>>;
  /** SES configuration set the jobs send through (bounce and complaint events, mail-events.ts). */
  readonly mailConfigurationSetName?: string;
  /** @default deployableJobs().active — the declared jobs whose handler exists */
  readonly jobs?: readonly ScheduledJob[];
}

/** Rejects, at synth, a declaration EventBridge Scheduler would refuse at deploy (or that was built without defineScheduledJob). */
export function assertDeployable(job: ScheduledJob): void {
  try {
    const parsed = parseScheduleExpression(job.expression);
    if (parsed.kind === 'at')
      throw new ScheduledJobDefinitionError(job.name, 'a recurring schedule cannot be at(); use cron() or rate()');
  } catch (error) {
    if (error instanceof ScheduleExpressionError)
      throw new ScheduledJobDefinitionError(job.name, error.message, { cause: error });
    throw error;
  }
  if (job.timezone !== 'Asia/Seoul')
    throw new ScheduledJobDefinitionError(job.name, `time zone must be Asia/Seoul, not ${String(job.timezone)}`);
}

export class ScheduledJobs extends Construct {
  /** Job functions by job name. */
  readonly functions: ReadonlyMap<string, AppFunction>;
  /** Schedules by job name. */
  readonly schedules: ReadonlyMap<string, CfnSchedule>;
  readonly deadLetterQueue: Queue;
  readonly schedulerRole: Role;

  constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);
    const jobs = props.jobs ?? deployableJobs().active;
    for (const job of jobs) assertDeployable(job);
    const jobEnvironment = props.jobEnvironment ?? {};
    parseReminderJobConfig({ ...jobEnvironment });

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue (of the scheduled jobs: Lambda on-failure destination and target DLQ); it has no consumer to fail.',
    });

    const stack = Stack.of(this);
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description:
        'EventBridge Scheduler: invoke the scheduled job functions, park undeliverable runs in the dead-letter queue',
    });
    this.deadLetterQueue.grantSendMessages(this.schedulerRole);

    const functions = new Map<string, AppFunction>();
    const schedules = new Map<string, CfnSchedule>();
    for (const job of jobs) {
      const fn = new AppFunction(this, `Job-${job.name}`, {
        entry: job.handler,
        description: `예약 작업 ${job.name} (${job.expression}, ${job.timezone})`,
        config: props.functionConfig,
        memorySize: 1024,
        // A run works through its whole list (digests claimed, sent, recorded) in one invocation.
        timeout: Duration.minutes(5),
      })
        .bindTable(props.table, 'read-write')
        .bindMail(props.mailFrom, props.mailConfigurationSetName);
      for (const [name, value] of Object.entries(jobEnvironment)) fn.addEnvironment(name, value);
      fn.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
        onFailure: new SqsDestination(this.deadLetterQueue),
      });
      this.schedulerRole.addToPolicy(
        new PolicyStatement({ effect: Effect.ALLOW, actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
      );

      const schedule = new CfnSchedule(this, `Schedule-${job.name}`, {
        description: job.description,
        scheduleExpression: job.expression,
        scheduleExpressionTimezone: job.timezone,
        flexibleTimeWindow: { mode: 'OFF' },
        state: 'ENABLED',
        target: {
          arn: fn.functionArn,
          roleArn: this.schedulerRole.roleArn,
          input: JSON.stringify(job.payload),
          retryPolicy: { ...SCHEDULE_RETRY_POLICY },
          deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
        },
      });
      functions.set(job.name, fn);
      schedules.set(job.name, schedule);
    }
    this.functions = functions;
    this.schedules = schedules;
  }
}
