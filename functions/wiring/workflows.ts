/**
 * The case workflows for the handlers that start, stop or signal them (and only those import this
 * module, so only their bundles carry the Step Functions client).
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { runtimeConfig } from '#shared/config/runtime-config.ts';
import { tracer } from '#shared/observability/powertools.ts';
import {
  stepFunctionsSignaller,
  stepFunctionsStarter,
  type TaskSignaller,
  type WorkflowStarter,
} from '#shared/workflow/case-workflows.ts';
import { workflowForKind } from '../../workflows/registry.ts';

const sfn = tracer.captureAWSv3Client(new SFNClient({}));

export function workflowStarter(): WorkflowStarter {
  const arns = runtimeConfig().WORKFLOW_ARNS;
  return stepFunctionsStarter(
    (c) => arns[workflowForKind(c.kind)],
    () => sfn,
  );
}

export function taskSignaller(): TaskSignaller {
  return stepFunctionsSignaller(() => sfn);
}
