/**
 * The SES side of "bounces and complaints are not silently lost" (issue 6), as CloudFormation
 * would get it: a configuration set publishing bounce, complaint, reject and delivery-delay events
 * to the default EventBridge bus, a rule for exactly those events of that configuration set
 * invoking the mail-events handler (with retries and a dead-letter queue), and senders bound to the
 * configuration set (SES_CONFIGURATION_SET plus SendEmail on it).
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAIL_FROM } from '../../infra/build-app.ts';
import { MailEvents } from '../../infra/constructs/mail-events.ts';
import { SES_EVENT_DETAIL_TYPES } from '#shared/mail/mail-events.ts';
import { newApp, SYNTH_TIMEOUT_MS } from './synthesize.ts';

type Resource = { Type: string; Properties: Record<string, any> };

let stack: Stack;
let mailEvents: MailEvents;
let template: Template;

beforeAll(() => {
  stack = new Stack(newApp(), 'MailEventsProbe', { env: { account: '123456789012', region: 'ap-northeast-2' } });
  mailEvents = new MailEvents(stack, 'MailEvents', {
    table: TableV2.fromTableName(stack, 'Table', 'gamsa-cases'),
    functionConfig: {
      appBaseUrl: 'https://example.go.kr',
      officeName: '감사담당관',
      jwtIssuer: 'https://issuer.example',
      jwtAudience: 'aud',
    },
    mailFrom: DEFAULT_MAIL_FROM,
    jobEnvironment: { OFFICE_LEVEL_STAFF_SUBS: 'head-sub,admin-sub' },
  });
  template = Template.fromStack(stack);
}, SYNTH_TIMEOUT_MS);

const resourcesOf = (type: string) => Object.entries(template.findResources(type)) as [string, Resource][];
const configurationSetId = () =>
  stack.resolve(
    (mailEvents.configurationSet.node.defaultChild as unknown as { logicalId: string }).logicalId,
  ) as string;
const handlerId = () =>
  stack.resolve((mailEvents.handler.node.defaultChild as unknown as { logicalId: string }).logicalId) as string;

describe('SES mail events', () => {
  it('has a configuration set that publishes sends, bounces, complaints, rejections and delivery delays to the default event bus', () => {
    template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: Match.arrayWith(['BOUNCE', 'COMPLAINT']) },
    });
    const destinations = resourcesOf('AWS::SES::ConfigurationSetEventDestination');
    expect(destinations).toHaveLength(1);
    const destination = destinations[0]![1].Properties;
    expect(destination.ConfigurationSetName).toEqual({ Ref: configurationSetId() });
    expect([...destination.EventDestination.MatchingEventTypes].sort()).toEqual([
      'bounce',
      'complaint',
      'deliveryDelay',
      'reject',
      'send',
    ]);
    expect(destination.EventDestination.Enabled).toBe(true);
    expect(JSON.stringify(destination.EventDestination.EventBridgeDestination.EventBusArn)).toContain(
      'event-bus/default',
    );
  });

  it('routes exactly those events of this configuration set to the mail-events handler, with retries and a dead-letter queue', () => {
    const rules = resourcesOf('AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    const rule = rules[0]![1].Properties;
    expect(rule.EventPattern.source).toEqual(['aws.ses']);
    expect(rule.EventPattern['detail-type']).toEqual([...SES_EVENT_DETAIL_TYPES]);
    expect(rule.EventPattern.detail.mail.tags['ses:configuration-set']).toEqual([{ Ref: configurationSetId() }]);
    expect(rule.Targets).toHaveLength(1);
    expect(rule.Targets[0].Arn).toEqual({ 'Fn::GetAtt': [handlerId(), 'Arn'] });
    expect(rule.Targets[0].RetryPolicy).toEqual({ MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86_400 });
    expect(rule.Targets[0].DeadLetterConfig.Arn['Fn::GetAtt'][1]).toBe('Arn');
    // The function's own asynchronous failures go to a dead-letter queue as well.
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: handlerId() },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('gives the handler the table, mail through the configuration set, and the job settings', () => {
    const fn = template.findResources('AWS::Lambda::Function')[handlerId()] as Resource;
    const env = fn.Properties.Environment.Variables;
    expect(env).toMatchObject({
      MAIL_TRANSPORT: 'ses',
      MAIL_FROM: DEFAULT_MAIL_FROM,
      SES_CONFIGURATION_SET: { Ref: configurationSetId() },
      OFFICE_LEVEL_STAFF_SUBS: 'head-sub,admin-sub',
    });
    expect(env.TABLE_NAME).toBeDefined();
    const statements = resourcesOf('AWS::IAM::Policy').flatMap(
      ([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const onConfigurationSet = statements.find((s) => JSON.stringify(s.Resource).includes(':configuration-set/'));
    expect(onConfigurationSet?.Action).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(JSON.stringify(onConfigurationSet?.Resource)).toContain(configurationSetId());
  });
});
