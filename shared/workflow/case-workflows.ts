/**
 * Starting and signalling case workflows through the Step Functions API. On AWS this is Step
 * Functions; on one machine the local service (AWS_ENDPOINT_URL_SFN) — the code does not know which.
 */
import {
  ExecutionDoesNotExist,
  SFNClient,
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
}

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
  };
}
