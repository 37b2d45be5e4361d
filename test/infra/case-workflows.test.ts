/**
 * The construct's refusals. Each is raised before any function is bundled, so these build no app and
 * cost no synth; what a valid registry deploys is checked in stateless-stack.test.ts.
 */
import { Stack } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import type { AppFunctionConfig } from '../../infra/constructs/app-function.ts';
import { CaseWorkflows } from '../../infra/constructs/case-workflows.ts';
import type { AslDefinition } from '../../workflows/asl.ts';
import { caseReviewDefinition } from '../../workflows/case-review.workflow.ts';
import { newApp } from './synthesize.ts';

const functionConfig: AppFunctionConfig = {
  appBaseUrl: 'https://cases.example.go.kr',
  officeName: 'OO구청 감사담당관',
  jwtIssuer: 'https://issuer.example',
  jwtAudience: 'client',
};

function build(definitions: Record<string, AslDefinition>, stackName = 'GamsaCases-Stateless'): () => CaseWorkflows {
  return () => {
    const stack = new Stack(newApp(), stackName, { env: { region: 'ap-northeast-2' } });
    const table = TableV2.fromTableName(stack, 'Table', 'cases');
    return new CaseWorkflows(stack, 'Workflows', { table, functionConfig, definitions });
  };
}

describe('case workflows construct', () => {
  it('refuses a workflow whose executions have no timeout of their own', () => {
    const { TimeoutSeconds: _dropped, ...withoutTimeout } = caseReviewDefinition;
    expect(build({ 'no-timeout': withoutTimeout })).toThrow(
      /Workflow no-timeout must set TimeoutSeconds.*it has undefined/,
    );
  });

  it("refuses a timeout beyond a Standard execution's one year", () => {
    const definition = { ...caseReviewDefinition, TimeoutSeconds: 366 * 24 * 60 * 60 };
    expect(build({ 'too-long': definition })).toThrow(/Workflow too-long must set TimeoutSeconds.*31536000/);
  });

  it('refuses a Lambda placeholder that no step handler binds', () => {
    const definition: AslDefinition = {
      Comment: 'unknown step',
      StartAt: 'Do it',
      TimeoutSeconds: 60,
      States: {
        'Do it': {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: '${SendMailFunctionArn}' },
          End: true,
        },
      },
    };
    expect(build({ mail: definition })).toThrow(
      /Workflow mail uses \$\{SendMailFunctionArn\}, not a step of STEP_FUNCTIONS/,
    );
  });

  it('refuses a workflow name that would make an invalid state machine name', () => {
    expect(build({ 'case review': caseReviewDefinition })).toThrow(
      /State machine name "GamsaCases-Stateless-case review"/,
    );
    expect(build({ ['x'.repeat(70)]: caseReviewDefinition })).toThrow(/1–80 characters/);
  });
});
