/**
 * Starting and signalling case workflows through the Step Functions API. On AWS this is Step
 * Functions; on one machine the local service (AWS_ENDPOINT_URL_SFN) — the code does not know which.
 */
import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  SFNClient,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { CaseRecord, CaseStage } from '../domain/case.ts';

let client: SFNClient | undefined;
export function sfnClient(): SFNClient {
  client ??= new SFNClient({});
  return client;
}

export interface WorkflowStarter {
  start(c: CaseRecord, startAt: CaseStage, executionName: string): Promise<string>;
  /** Stops an execution; one that no longer exists counts as stopped. */
  stop(executionArn: string, cause: string): Promise<void>;
}

export interface TaskSignaller {
  succeed(taskToken: string, output: unknown): Promise<void>;
  fail?(taskToken: string, error: string, cause: string): Promise<void>;
}

/**
 * Step Functions' answers that mean a token can no longer be used: the task was answered, timed
 * out, or its execution ended (or, locally, the state was re-run with a new token). For an outbox
 * relay a used token is an intent already delivered.
 */
export const TOKEN_USED_ERRORS: readonly string[] = ['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'];

/** A start refused because an execution of that name exists: the start was made before. */
export const isExecutionAlreadyExists = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ExecutionAlreadyExists';

/** Execution input: the case and the stage to start at (see workflows/asl.ts startAtStage). */
export interface WorkflowInput {
  caseId: string;
  startAt: CaseStage;
}

export function stepFunctionsStarter(
  stateMachineArnFor: (c: CaseRecord) => string | undefined,
  sfn: () => SFNClient = sfnClient,
): WorkflowStarter {
  return {
    async start(c, startAt, executionName) {
      const stateMachineArn = stateMachineArnFor(c);
      if (!stateMachineArn) throw new Error(`no workflow is deployed for case kind ${c.kind}`);
      const input: WorkflowInput = { caseId: c.caseId, startAt };
      // The name makes the start idempotent: the same name and input return the same execution.
      const out = await sfn().send(
        new StartExecutionCommand({ stateMachineArn, name: executionName, input: JSON.stringify(input) }),
      );
      return out.executionArn ?? '';
    },
    async stop(executionArn, cause) {
      try {
        await sfn().send(new StopExecutionCommand({ executionArn, error: 'WorkflowMoved', cause }));
      } catch (error) {
        if (!(error instanceof ExecutionDoesNotExist)) throw error;
      }
    },
  };
}

export function stepFunctionsSignaller(sfn: () => SFNClient = sfnClient): TaskSignaller {
  return {
    async succeed(taskToken, output) {
      await sfn().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    },
    async fail(taskToken, error, cause) {
      await sfn().send(new SendTaskFailureCommand({ taskToken, error, cause }));
    },
  };
}

export type ExecutionState =
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'TIMED_OUT'
  | 'ABORTED'
  | 'PENDING_REDRIVE'
  | 'MISSING';

/** Reads whether a case's execution is still running (the reconciler compares it with the case). */
export interface ExecutionInspector {
  /** The execution by its ARN, or by its name under the case kind's state machine. */
  state(c: CaseRecord, execution: { arn: string } | { name: string }): Promise<ExecutionState>;
}

export function stepFunctionsInspector(
  stateMachineArnFor: (c: CaseRecord) => string | undefined,
  sfn: () => SFNClient = sfnClient,
): ExecutionInspector {
  return {
    async state(c, execution) {
      let executionArn: string;
      if ('arn' in execution) executionArn = execution.arn;
      else {
        const machine = stateMachineArnFor(c);
        if (!machine) throw new Error(`no workflow is deployed for case kind ${c.kind}`);
        // arn:aws:states:<region>:<account>:stateMachine:<machine> → …:execution:<machine>:<name>
        executionArn = `${machine.replace(':stateMachine:', ':execution:')}:${execution.name}`;
      }
      try {
        const out = await sfn().send(new DescribeExecutionCommand({ executionArn }));
        return (out.status ?? 'MISSING') as ExecutionState;
      } catch (error) {
        if (
          error instanceof ExecutionDoesNotExist ||
          (error instanceof Error && error.name === 'ExecutionDoesNotExist')
        )
          return 'MISSING';
        throw error;
      }
    },
  };
}
