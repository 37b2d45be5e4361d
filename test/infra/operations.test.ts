/**
 * What an operator needs around the system, asserted on the synthesized templates: alarms with
 * their thresholds to an encrypted topic the administrators (from context) subscribe to, the
 * dashboard, WAF on a CloudFront distribution in front of the API, the Object Lock bucket of the
 * chain anchors with the job that writes to it, and the backup plan of the table.
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SystemStacks } from '../../infra/build-app.ts';
import { ALARM_THRESHOLDS } from '../../infra/constructs/monitoring.ts';
import { MANAGED_RULE_GROUPS } from '../../infra/constructs/waf.ts';
import { AppFunction } from '../../infra/constructs/app-function.ts';
import { chainAnchorJob } from '#shared/schedules/scheduled-jobs.ts';
import { SYNTH_TIMEOUT_MS, synthesizeSystemWithoutBundling } from './synthesize.ts';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

let system: SystemStacks;
/** The nested stacks of the API's routes and handlers. */
let routeTemplates: Map<Stack, Template>;
let monitoring: Template;
let stateless: Template;
let stateful: Template;
let edge: Template;

beforeAll(() => {
  system = synthesizeSystemWithoutBundling({
    'gamsa:alarmEmails': 'audit-admin@gamsa.example.go.kr, it-duty@gamsa.example.go.kr',
    'gamsa:anchorRetentionYears': '7',
    'gamsa:backupDailyRetentionDays': '40',
  });
  monitoring = Template.fromStack(system.monitoring);
  stateless = Template.fromStack(system.stateless);
  routeTemplates = new Map([...system.stateless.routeStacks.values()].map((n) => [n as Stack, Template.fromStack(n)]));
  stateful = Template.fromStack(system.stateful);
  edge = Template.fromStack(system.edge);
}, SYNTH_TIMEOUT_MS);

const resources = (template: Template, type: string) =>
  Object.entries(template.findResources(type)) as [string, Resource][];
const alarms = () => resources(monitoring, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
const alarmsOn = (metricName: string) => alarms().filter((a) => a.MetricName === metricName);

describe('alarms', () => {
  it('sends every alarm and its recovery to one KMS-encrypted topic the administrators subscribe to', () => {
    const [[topicId, topic]] = resources(monitoring, 'AWS::SNS::Topic') as [[string, Resource]];
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    const subscriptions = resources(monitoring, 'AWS::SNS::Subscription').map(([, r]) => r.Properties);
    expect(subscriptions.map((s) => [s.Protocol, s.Endpoint]).sort()).toEqual([
      ['email', 'audit-admin@gamsa.example.go.kr'],
      ['email', 'it-duty@gamsa.example.go.kr'],
    ]);
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions).toEqual([{ Ref: topicId }]);
      expect(alarm.TreatMissingData).toBe('notBreaching');
      expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
    }
    // CloudWatch may use the topic's key (an AWS-managed SNS key would refuse it).
    const [[, key]] = resources(monitoring, 'AWS::KMS::Key') as [[string, Resource]];
    const statements = key.Properties.KeyPolicy.Statement as { Principal?: { Service?: string }; Action: string[] }[];
    expect(statements.some((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com')).toBe(true);
  });

  it('watches every dead-letter queue (scheduled jobs, mail events, outbox relay), one message being enough', () => {
    const dlq = alarmsOn('ApproximateNumberOfMessagesVisible');
    const queues = system.stateless.node.findAll().filter((c) => c instanceof Queue && c.node.id === 'DeadLetters');
    expect(queues.length).toBe(3);
    expect(dlq).toHaveLength(queues.length);
    for (const alarm of dlq) {
      expect(alarm.Threshold).toBe(ALARM_THRESHOLDS.deadLetterMessages);
      expect(alarm.Threshold).toBe(1);
      expect(alarm.Statistic).toBe('Maximum');
    }
  });

  it('watches failed, timed-out and aborted executions of every case workflow', () => {
    const workflows = [...system.stateless.workflows.stateMachines.keys()];
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
      const found = alarmsOn(metric);
      expect(found, metric).toHaveLength(workflows.length);
      for (const alarm of found) expect(alarm.Threshold).toBe(1);
    }
  });

  it('alarms on API 5xx at 5 in 5 minutes', () => {
    const [api] = alarmsOn('5xx');
    expect(api).toMatchObject({ Namespace: 'AWS/ApiGateway', Threshold: 5, Period: 300, Statistic: 'Sum' });
  });

  it('alarms on any error of every function in the stateless stack, scheduled jobs included', () => {
    const functions = system.stateless.node.findAll().filter((c) => c instanceof AppFunction);
    const errors = alarmsOn('Errors');
    expect(errors).toHaveLength(functions.length);
    for (const alarm of errors) expect(alarm).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 1, Period: 300 });
    const jobAlarms = errors.filter((a) => String(a.AlarmDescription).includes('예약 작업'));
    expect(jobAlarms).toHaveLength(system.stateless.jobs.functions.size);
    expect(jobAlarms.some((a) => String(a.AlarmDescription).includes(chainAnchorJob.name))).toBe(true);
  });

  it('alarms on Lambda throttles and on the SES bounce and complaint rates at the review levels', () => {
    expect(alarmsOn('Throttles')).toEqual([expect.objectContaining({ Namespace: 'AWS/Lambda', Threshold: 1 })]);
    expect(alarmsOn('Reputation.BounceRate')).toEqual([expect.objectContaining({ Threshold: 0.05 })]);
    expect(alarmsOn('Reputation.ComplaintRate')).toEqual([expect.objectContaining({ Threshold: 0.001 })]);
  });

  it('makes one more dead-letter alarm a one-liner', () => {
    const before = system.monitoring.monitoring.allAlarms.length;
    const queue = new Queue(system.monitoring, 'ExtraForTest');
    const alarm = system.monitoring.monitoring.alarmOnDeadLetters('extra-for-test', queue);
    expect(system.monitoring.monitoring.allAlarms.length).toBe(before + 1);
    expect(alarm.node.id).toBe('DeadLetters-extra-for-test');
  });

  it('draws one dashboard with the alarm status, API, workflow, dead-letter, Lambda and mail widgets', () => {
    const [[, dashboard]] = resources(monitoring, 'AWS::CloudWatch::Dashboard') as [[string, Resource]];
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const title of [
      '경보 상태',
      'API 요청',
      '사건 절차: 실패',
      '배달 못 한 메시지',
      'Lambda 오류',
      'SES 반송률',
      '업무 지표: 하루 합계',
      '업무 지표: 기한 경과',
    ]) {
      expect(body).toContain(title);
    }
  });
});

describe('WAF in front of the API', () => {
  it('creates a CLOUDFRONT web ACL in us-east-1 with the managed rule groups and a rate rule per IP', () => {
    expect(system.edge.region).toBe('us-east-1');
    const [[, acl]] = resources(edge, 'AWS::WAFv2::WebACL') as [[string, Resource]];
    expect(acl.Properties.Scope).toBe('CLOUDFRONT');
    const rules = acl.Properties.Rules as Record<string, any>[];
    expect(
      rules.filter((r) => r.Statement.ManagedRuleGroupStatement).map((r) => r.Statement.ManagedRuleGroupStatement.Name),
    ).toEqual([...MANAGED_RULE_GROUPS]);
    const rate = rules.find((r) => r.Statement.RateBasedStatement);
    expect(rate).toMatchObject({
      Action: { Block: {} },
      Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: 3000 } },
    });
  });

  it('attaches the web ACL to a CloudFront distribution whose origin is the HTTP API, caching nothing', () => {
    const [[, distribution]] = resources(stateless, 'AWS::CloudFront::Distribution') as [[string, Resource]];
    const config = distribution.Properties.DistributionConfig;
    expect(config.WebACLId).toBeDefined();
    expect(JSON.stringify(config.WebACLId)).toMatch(/WebAcl|ExportsReader|GetStackOutput|Fn::GetAtt/);
    expect(JSON.stringify(config.Origins)).toContain(system.stateless.resolve(system.stateless.api.httpApi.apiId).Ref);
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('https-only');
    expect(config.DefaultCacheBehavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
  });
});

describe('chain anchors outside the table', () => {
  it('keeps them in a retained, versioned, Object Lock bucket in compliance mode for the configured years', () => {
    const locked = resources(stateful, 'AWS::S3::Bucket').filter(([, r]) => r.Properties.ObjectLockEnabled);
    expect(locked).toHaveLength(1);
    const [, bucket] = locked[0]!;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 7 * 365 } },
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toMatchObject({
      BlockPublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.LoggingConfiguration).toBeDefined();
  });

  it('schedules the anchoring job daily in Korea time and lets it only list, read and add anchors', () => {
    const fn = system.stateless.jobs.functions.get(chainAnchorJob.name);
    expect(fn).toBeDefined();
    const schedules = resources(stateless, 'AWS::Scheduler::Schedule').map(([, r]) => r.Properties);
    expect(schedules.find((s) => s.ScheduleExpression === 'cron(30 0 * * ? *)')).toMatchObject({
      ScheduleExpressionTimezone: 'Asia/Seoul',
    });
    const fnId = system.stateless.getLogicalId(fn!.node.defaultChild as never);
    const env = stateless.toJSON().Resources[fnId].Properties.Environment.Variables;
    expect(JSON.stringify(env.ANCHOR_BUCKET)).toContain('gamsa-chain-anchors-');
    const policy = JSON.stringify(stateless.toJSON().Resources);
    expect(policy).toContain('/anchors/*');
  });

  it('lets the verify route read anchors but never write them', () => {
    const verify = system.stateless.apiHandlers.get('verify-case')!;
    // The route's handler lives in its tag's nested stack.
    const own = Stack.of(verify);
    const roleId = own.getLogicalId(verify.executionRole.node.defaultChild as never);
    const statements = resources(routeTemplates.get(own)!, 'AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]);
    const s3Actions = statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('s3:'));
    expect(s3Actions.sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    // It may check an anchor's signature, never make one.
    const kmsActions = statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('kms:'));
    expect(kmsActions).toContain('kms:Verify');
    expect(kmsActions).not.toContain('kms:Sign');
  });

  it('lets only the anchoring job sign anchors', () => {
    const everyTemplate = [stateless, ...routeTemplates.values()];
    const signers = everyTemplate
      .flatMap((t) => resources(t, 'AWS::IAM::Policy'))
      .filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes('"kms:Sign"'));
    const fn = system.stateless.jobs.functions.get(chainAnchorJob.name)!;
    const roleId = system.stateless.getLogicalId(fn.executionRole.node.defaultChild as never);
    expect(signers).toHaveLength(1);
    expect(JSON.stringify(signers[0]![1].Properties.Roles)).toContain(roleId);
    const env =
      stateless.toJSON().Resources[system.stateless.getLogicalId(fn.node.defaultChild as never)].Properties.Environment
        .Variables;
    expect(env.ANCHOR_SIGNING_KEY_ID).toBeDefined();
  });
});

describe('backups', () => {
  it('backs the table up daily and monthly into a KMS-encrypted vault, retention from context; PITR stays', () => {
    const [[, vault]] = resources(stateful, 'AWS::Backup::BackupVault') as [[string, Resource]];
    expect(vault.Properties.EncryptionKeyArn).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    expect(vault.DeletionPolicy).toBe('Retain');
    const [[, plan]] = resources(stateful, 'AWS::Backup::BackupPlan') as [[string, Resource]];
    const rules = plan.Properties.BackupPlan.BackupPlanRule as Record<string, any>[];
    expect(rules.map((r) => [r.RuleName, r.ScheduleExpression, r.Lifecycle.DeleteAfterDays])).toEqual([
      ['daily', 'cron(0 18 * * ? *)', 40],
      ['monthly', 'cron(0 18 1 * ? *)', 365],
    ]);
    const [[, selection]] = resources(stateful, 'AWS::Backup::BackupSelection') as [[string, Resource]];
    const tableId = system.stateful.getLogicalId(system.stateful.cases.table.node.defaultChild as never);
    expect(selection.Properties.BackupSelection.Resources).toEqual([{ 'Fn::GetAtt': [tableId, 'Arn'] }]);
    stateful.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: Match.arrayWith([
        Match.objectLike({ PointInTimeRecoverySpecification: Match.objectLike({ PointInTimeRecoveryEnabled: true }) }),
      ]),
    });
  });
});
