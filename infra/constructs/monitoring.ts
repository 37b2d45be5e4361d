/**
 * Who is told when something breaks: CloudWatch alarms on every signal an operator of this system
 * needs, each to one SNS topic (encrypted with a key of its own) that the office's administrators
 * subscribe to by e-mail (CDK context `gamsa:alarmEmails`), and one dashboard.
 *
 * Thresholds are for a system used by a few dozen staff, where a single failure is news:
 * - a message in any dead-letter queue (a job run, a mail event or an outbox delivery was given up);
 * - any failed, timed-out or aborted execution of a case workflow;
 * - HTTP API 5xx: 5 or more in 5 minutes (one is a user's bad moment; five is an outage);
 * - any Lambda error, per function (a scheduled job's error is a failed job run);
 * - any Lambda throttle in the region (the functions share the account's concurrency);
 * - SES reputation: bounce rate ≥ 5 % or complaint rate ≥ 0.1 % (AWS puts an account under review
 *   at these rates and may pause sending at 10 % / 0.5 %).
 *
 * Adding a signal later is one call: `monitoring.alarmOnDeadLetters('outbox-relay', queue)`.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { BUSINESS_METRICS, METRICS_NAMESPACE, SERVICE_NAME } from '#shared/observability/business-metrics.ts';

const PERIOD = Duration.minutes(5);

/** The thresholds above, in one place for the template tests and the README. */
export const ALARM_THRESHOLDS = {
  deadLetterMessages: 1,
  workflowExecutions: 1,
  api5xxPer5Minutes: 5,
  lambdaErrorsPer5Minutes: 1,
  lambdaThrottlesPer5Minutes: 1,
  sesBounceRate: 0.05,
  sesComplaintRate: 0.001,
} as const;

export interface MonitoringProps {
  /** Administrators' e-mail addresses; each gets a subscription to confirm. */
  readonly alarmEmails: readonly string[];
  readonly dashboardName?: string;
}

export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  readonly dashboard: Dashboard;
  private readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;
  private readonly deadLetterMetrics: IMetric[] = [];
  private readonly workflowMetrics: { failed: IMetric[]; succeeded: IMetric[]; started: IMetric[] } = {
    failed: [],
    succeeded: [],
    started: [],
  };
  private readonly functionErrorMetrics: IMetric[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Encrypts the alarm topic of the audit office case tracking',
      enableKeyRotation: true,
    });
    // CloudWatch publishes to the encrypted topic with this key (the AWS-managed SNS key would refuse it).
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new Topic(this, 'Alarms', {
      displayName: '감사담당관 사건관리 경보',
      masterKey: this.key,
      enforceSSL: true,
    });
    for (const email of props.alarmEmails) this.topic.addSubscription(new EmailSubscription(email));
    this.action = new SnsAction(this.topic);

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName ?? `${Stack.of(this).stackName}-operations`,
      defaultInterval: Duration.days(7),
    });
  }

  get allAlarms(): readonly Alarm[] {
    return this.alarms;
  }

  /** Any message in the queue: something was given up and waits for an operator. */
  alarmOnDeadLetters(name: string, queue: IQueue): Alarm {
    // Labels only on the dashboard's copy: a labelled metric would render the alarm as metric math.
    const metric = queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' });
    this.deadLetterMetrics.push(metric.with({ label: name }));
    return this.alarm(`DeadLetters-${name}`, metric, ALARM_THRESHOLDS.deadLetterMessages, {
      description: `배달 못 한 메시지가 ${name} 대기열(DLQ)에 있습니다 — dead-letter messages in ${name}`,
    });
  }

  /** Failed, timed-out and aborted executions of one workflow. */
  alarmOnStateMachine(name: string, stateMachine: IStateMachine): Alarm[] {
    const options = { period: PERIOD, statistic: 'Sum' };
    this.workflowMetrics.failed.push(stateMachine.metricFailed({ ...options, label: name }));
    this.workflowMetrics.succeeded.push(stateMachine.metricSucceeded({ ...options, label: name }));
    this.workflowMetrics.started.push(stateMachine.metricStarted({ ...options, label: name }));
    return [
      this.alarm(`Workflow-${name}-Failed`, stateMachine.metricFailed(options), ALARM_THRESHOLDS.workflowExecutions, {
        description: `사건 절차 ${name} 실행이 실패했습니다 — executions failed`,
      }),
      this.alarm(
        `Workflow-${name}-TimedOut`,
        stateMachine.metricTimedOut(options),
        ALARM_THRESHOLDS.workflowExecutions,
        { description: `사건 절차 ${name} 실행이 시간 초과로 끝났습니다 — executions timed out` },
      ),
      this.alarm(`Workflow-${name}-Aborted`, stateMachine.metricAborted(options), ALARM_THRESHOLDS.workflowExecutions, {
        description: `사건 절차 ${name} 실행이 중단되었습니다 (정지 외) — executions aborted`,
      }),
    ];
  }

  /** Server errors of the HTTP API, plus its traffic on the dashboard. */
  alarmOnHttpApi(api: IHttpApi): Alarm {
    const options = { period: PERIOD, statistic: 'Sum' };
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API 요청 / 4xx / 5xx',
        left: [
          api.metricCount({ ...options, label: '요청' }),
          api.metricClientError({ ...options, label: '4xx' }),
          api.metricServerError({ ...options, label: '5xx' }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'API 지연 (p50 / p95, ms)',
        left: [
          api.metricLatency({ period: PERIOD, statistic: 'p50', label: 'p50' }),
          api.metricLatency({ period: PERIOD, statistic: 'p95', label: 'p95' }),
        ],
        width: 12,
      }),
    );
    return this.alarm('Api-5xx', api.metricServerError(options), ALARM_THRESHOLDS.api5xxPer5Minutes, {
      description: 'API 서버 오류(5xx)가 5분에 5건 이상입니다 — HTTP API 5xx',
    });
  }

  /** Any error of one function; `kind` says which part of the system it is (for the alarm's text). */
  alarmOnFunctionErrors(name: string, fn: IFunction, kind: 'api' | 'step' | 'job' | 'event'): Alarm {
    const metric = fn.metricErrors({ period: PERIOD, statistic: 'Sum' });
    this.functionErrorMetrics.push(metric.with({ label: name }));
    const what = {
      api: 'API 처리 함수',
      step: '사건 절차 단계 함수',
      job: '예약 작업 (실행 실패)',
      event: '이벤트 처리 함수',
    }[kind];
    return this.alarm(`Errors-${kind}-${name}`, metric, ALARM_THRESHOLDS.lambdaErrorsPer5Minutes, {
      description: `${what} ${name}에서 오류가 났습니다 — Lambda errors`,
    });
  }

  /** Throttles of any function in the region: they share the account's concurrency. */
  alarmOnRegionThrottles(): Alarm {
    const metric = new Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', period: PERIOD, statistic: 'Sum' });
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Lambda 제한(Throttles), 리전 전체', left: [metric], width: 12 }),
    );
    return this.alarm('Lambda-Throttles', metric, ALARM_THRESHOLDS.lambdaThrottlesPer5Minutes, {
      description: 'Lambda 호출이 동시 실행 한도로 거부되었습니다 — Lambda throttles (region)',
    });
  }

  /** SES account reputation: bounce and complaint rates. */
  alarmOnMailReputation(): Alarm[] {
    const rate = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: 'Maximum' });
    const bounce = rate('Reputation.BounceRate');
    const complaint = rate('Reputation.ComplaintRate');
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'SES 반송률 / 수신거부율',
        left: [bounce.with({ label: '반송률' }), complaint.with({ label: '수신거부율' })],
        width: 12,
      }),
    );
    return [
      this.alarm('Mail-BounceRate', bounce, ALARM_THRESHOLDS.sesBounceRate, {
        description: '메일 반송률이 5% 이상입니다 (SES 계정 검토 기준) — SES bounce rate',
      }),
      this.alarm('Mail-ComplaintRate', complaint, ALARM_THRESHOLDS.sesComplaintRate, {
        description: '메일 수신거부율이 0.1% 이상입니다 (SES 계정 검토 기준) — SES complaint rate',
      }),
    ];
  }

  /** Adds the summary widgets; call once, after every alarm is declared. */
  finishDashboard(): void {
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `### 감사담당관 사건관리 운영 현황\n경보 ${this.alarms.length}개 → SNS 주제(관리자 메일). 임계값: infra/constructs/monitoring.ts`,
        width: 24,
        height: 2,
      }),
      new AlarmStatusWidget({ title: '경보 상태', alarms: this.alarms, width: 24, height: 8 }),
      new GraphWidget({ title: '사건 절차: 시작', left: this.workflowMetrics.started, width: 8 }),
      new GraphWidget({ title: '사건 절차: 성공', left: this.workflowMetrics.succeeded, width: 8 }),
      new GraphWidget({ title: '사건 절차: 실패', left: this.workflowMetrics.failed, width: 8 }),
      new GraphWidget({ title: '배달 못 한 메시지 (DLQ)', left: this.deadLetterMetrics, width: 12 }),
      new GraphWidget({ title: 'Lambda 오류 (함수별)', left: this.functionErrorMetrics, width: 12, height: 8 }),
      new GraphWidget({
        title: '업무 지표: 하루 합계 (접수·종결·업무 완료·알림 발송)',
        left: [
          businessMetric('caseOpened', '접수'),
          businessMetric('caseClosed', '종결'),
          businessMetric('taskCompleted', '업무 완료'),
        ],
        right: [businessMetric('reminderSent', '알림 발송')],
        width: 16,
        height: 6,
      }),
      new GraphWidget({
        title: '업무 지표: 기한 경과 업무 (아침 알림 기준)',
        left: [businessMetric('overdueTasks', '기한 경과', 'Maximum')],
        width: 8,
        height: 6,
      }),
    );
  }

  private alarm(id: string, metric: IMetric, threshold: number, options: { description: string }): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No data means nothing happened (no executions, no mail): not a breach.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: options.description,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}

/**
 * A business metric the handlers count with Powertools (shared/observability/business-metrics.ts):
 * same namespace, and the `service` dimension Powertools puts on every data point. Summed per day
 * (counts), or the day's highest level (a gauge such as overdue tasks).
 */
function businessMetric(
  key: keyof typeof BUSINESS_METRICS,
  label: string,
  statistic: 'Sum' | 'Maximum' = 'Sum',
): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: BUSINESS_METRICS[key],
    dimensionsMap: { service: SERVICE_NAME },
    statistic,
    period: Duration.days(1),
    label,
  });
}
