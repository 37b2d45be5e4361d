/**
 * The deployable app passes cdk-nag's AWS Solutions rules: synthesizing with the same policy check
 * `cdk synth` runs (infra/app.ts) succeeds, and no finding is left unacknowledged. The broad
 * acknowledgements are backed by checks of what they cover: `Resource: *` carries only actions
 * that AWS offers no resource-level permission for.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addPolicyChecks, buildApp } from '../../infra/build-app.ts';
import { cdkJsonContext, SYNTH_TIMEOUT_MS } from './synthesize.ts';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

let app: App;
let synthError: unknown;

beforeAll(() => {
  app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  buildApp(app);
  addPolicyChecks(app);
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
}, SYNTH_TIMEOUT_MS);

/** Actions AWS documents as supporting no resource-level permissions (they need `Resource: *`). */
const RESOURCE_STAR_ACTIONS = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
]);

describe('cdk-nag AwsSolutionsChecks', () => {
  it('synthesizes with the policy check cdk synth runs', () => {
    expect(synthError).toBeUndefined();
  });

  it('leaves no finding (error or warning) unacknowledged', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const findings = report.violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath}`),
    );
    expect(findings).toEqual([]);
  });

  it('acknowledges each finding next to its resource, never a rule on a whole stack or the app', () => {
    const key = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;
    const acknowledgedOn = (scope: IConstruct) => scope.node.metadata.filter((m) => m.type === key);
    expect(app.node.findAll().filter((c) => acknowledgedOn(c).length > 0).length).toBeGreaterThan(10);
    expect(acknowledgedOn(app)).toEqual([]);
    for (const stack of app.node.children) expect(acknowledgedOn(stack), stack.node.id).toEqual([]);
  });

  it('puts on Resource "*" only actions that have no resource-level permissions', () => {
    const assembly = app.synth();
    const starActions = new Set<string>();
    for (const stack of assembly.stacks) {
      for (const resource of Object.values(stack.template.Resources ?? {}) as {
        Type: string;
        Properties: Record<string, any>;
      }[]) {
        const documents =
          resource.Type === 'AWS::IAM::Policy'
            ? [resource.Properties.PolicyDocument]
            : resource.Type === 'AWS::IAM::Role'
              ? (resource.Properties.Policies ?? []).map((p: { PolicyDocument: unknown }) => p.PolicyDocument)
              : [];
        for (const document of documents) {
          for (const statement of document.Statement as Statement[]) {
            const resources = [statement.Resource].flat();
            if (statement.Effect !== 'Allow' || !resources.includes('*')) continue;
            for (const action of [statement.Action].flat()) starActions.add(action);
          }
        }
      }
    }
    expect(starActions.size).toBeGreaterThan(0);
    expect([...starActions].filter((a) => !RESOURCE_STAR_ACTIONS.has(a))).toEqual([]);
  });
});
