/**
 * The case lifecycles on AWS: one Step Functions state machine (Standard) per workflow of
 * workflows/registry.ts, and one Lambda function per step handler of workflows/asl.ts
 * (`STEP_FUNCTIONS`). The definition is deployed as written — `JSON.stringify` of the same typed ASL
 * the local Step Functions service runs — and only its placeholders (`${OpenHumanTaskFunctionArn}`)
 * are bound here, through DefinitionSubstitutions, to the functions' ARNs.
 *
 * Dependency cycle avoided: the open-human-task step must send task success to the state machines
 * (it re-delivers a recorded decision when an execution re-runs a task), and each state machine's role
 * must invoke that step. Granting on the state machines' own ARNs (`grantTaskResponse`) would make
 * CloudFormation wait on step → its policy → state machine → its policy → step. The step is granted
 * instead on ARNs built from the stack's account and region and the state machines' fixed names,
 * which reference no resource.
 */
import { ArnFormat, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  type AslDefinition,
  placeholdersOf,
  STEP_FUNCTIONS,
  type StepFunctionPlaceholder,
  stepHandlerEntry,
  type StepName,
} from '../../workflows/asl.ts';
import { WORKFLOWS } from '../../workflows/registry.ts';
import { AppFunction, type AppFunctionConfig, TASK_RESPONSE_ACTIONS } from './app-function.ts';
import { LOG_RETENTION } from './log-retention.ts';

export interface CaseWorkflowsProps {
  /** The case table: every step reads and writes it. */
  readonly table: ITableV2;
  readonly functionConfig: AppFunctionConfig;
  /** @default WORKFLOWS of workflows/registry.ts */
  readonly definitions?: Readonly<Record<string, AslDefinition>>;
}

/** Step handlers that answer task tokens themselves (open-human-task re-sends a recorded decision). */
const STEPS_THAT_COMPLETE_TASKS: readonly StepFunctionPlaceholder[] = ['OpenHumanTaskFunctionArn'];

/** A Standard execution lives at most one year; a definition must end its executions before that. */
const MAX_EXECUTION_SECONDS = 365 * 24 * 60 * 60;

/** Step Functions' rule for state machine names (and at most 80 characters). */
const STATE_MACHINE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Steps run behind no HTTP limit; room for the optimistic-concurrency retries of a busy case. A timeout
 * is not a transient error the workflows retry, so it should not happen on a slow cold start.
 */
const STEP_TIMEOUT = Duration.seconds(30);

export class CaseWorkflows extends Construct {
  /** State machines by workflow name, e.g. `case-review`. */
  readonly stateMachines: ReadonlyMap<string, StateMachine>;
  /** Step handlers by the placeholder their ARN is bound to, e.g. `OpenHumanTaskFunctionArn`. */
  readonly stepFunctions: ReadonlyMap<StepFunctionPlaceholder, AppFunction>;

  constructor(scope: Construct, id: string, props: CaseWorkflowsProps) {
    super(scope, id);
    const definitions = props.definitions ?? WORKFLOWS;
    const stack = Stack.of(this);
    // Checked before anything is bundled: a definition that cannot deploy fails the synth at once.
    for (const [workflow, definition] of Object.entries(definitions)) assertDeployable(workflow, definition);

    const names = new Map(Object.keys(definitions).map((workflow) => [workflow, stateMachineName(stack, workflow)]));
    const arnsByName = [...names.values()].map((name) =>
      stack.formatArn({
        service: 'states',
        resource: 'stateMachine',
        resourceName: name,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    );

    const steps = new Map<StepFunctionPlaceholder, AppFunction>();
    for (const [placeholder, name] of Object.entries(STEP_FUNCTIONS) as [StepFunctionPlaceholder, StepName][]) {
      const entry = stepHandlerEntry(name);
      const step = new AppFunction(this, `Step-${name}`, {
        entry,
        description: `Workflow step ${name} (${entry})`,
        config: props.functionConfig,
        timeout: STEP_TIMEOUT,
      }).bindTable(props.table, 'read-write');
      if (STEPS_THAT_COMPLETE_TASKS.includes(placeholder)) {
        Grant.addToPrincipal({ grantee: step, actions: [...TASK_RESPONSE_ACTIONS], resourceArns: arnsByName });
      }
      steps.set(placeholder, step);
    }
    this.stepFunctions = steps;

    // One log group for every lifecycle (each execution logs to its own stream, named after its state
    // machine): a group per workflow would cost a resource per kind in a stack near its limit.
    const logs = new LogGroup(this, 'WorkflowLogs', LOG_RETENTION);
    const stateMachines = new Map<string, StateMachine>();
    for (const [workflow, definition] of Object.entries(definitions)) {
      const bound = placeholdersOf(definition).map(
        (placeholder) => [placeholder, steps.get(placeholder as StepFunctionPlaceholder)!] as const,
      );

      const stateMachine = new StateMachine(this, `Workflow-${workflow}`, {
        stateMachineName: names.get(workflow),
        stateMachineType: StateMachineType.STANDARD,
        definitionBody: DefinitionBody.fromString(JSON.stringify(definition)),
        definitionSubstitutions: Object.fromEntries(
          bound.map(([placeholder, step]) => [placeholder, step.functionArn]),
        ),
        // No `timeout` here: the definition's own TimeoutSeconds is the one both hosts enforce.
        tracingEnabled: true,
        logs: {
          destination: logs,
          level: LogLevel.ALL,
          // Every transition and error is logged, but not the states' input and output: they carry
          // investigation findings, return reasons and task tokens. The case history in DynamoDB is
          // the record of what was decided (docs/design.md#2-the-case-record-is-the-truth); a token in a log could complete a task.
          includeExecutionData: false,
        },
      });
      // The unqualified ARNs the definition names; no `:*` for versions and aliases, which none uses.
      stateMachine.addToRolePolicy(
        new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: bound.map(([, step]) => step.functionArn),
        }),
      );
      Validations.of(stateMachine).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Tracing and logging: X-Ray segment writes and CloudWatch Logs log delivery (logs:*LogDelivery*, DescribeLogGroups/ResourcePolicies) support no resource-level permissions.',
      });
      stateMachines.set(workflow, stateMachine);
    }
    this.stateMachines = stateMachines;
  }
}

/**
 * Fixed, so the step that completes tasks can be granted on the ARN without referencing the state
 * machine; prefixed with the stack name, so two deployments of the app in one account do not collide.
 */
function stateMachineName(stack: Stack, workflow: string): string {
  if (Token.isUnresolved(stack.stackName)) {
    throw new Error(
      'The case workflows need a stack with a literal name: their state machine names are built from it.',
    );
  }
  const name = `${stack.stackName}-${workflow}`;
  if (!STATE_MACHINE_NAME.test(name)) {
    throw new Error(`State machine name "${name}" must be 1–80 characters of A–Z, a–z, 0–9, - and _`);
  }
  return name;
}

/** Every placeholder names a step, and every execution ends by the definition's own timeout. */
function assertDeployable(workflow: string, definition: AslDefinition): void {
  const unknown = placeholdersOf(definition).filter((placeholder) => !(placeholder in STEP_FUNCTIONS));
  if (unknown.length > 0) {
    throw new Error(
      `Workflow ${workflow} uses ${unknown.map((p) => `\${${p}}`).join(', ')}, not a step of STEP_FUNCTIONS (workflows/asl.ts)`,
    );
  }
  const seconds = definition.TimeoutSeconds;
  if (seconds === undefined || !Number.isInteger(seconds) || seconds <= 0 || seconds > MAX_EXECUTION_SECONDS) {
    throw new Error(
      `Workflow ${workflow} must set TimeoutSeconds (a whole number of seconds up to ${MAX_EXECUTION_SECONDS}, a Standard execution's one-year limit); it has ${String(seconds)}`,
    );
  }
}
