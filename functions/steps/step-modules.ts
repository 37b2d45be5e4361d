/**
 * Every workflow step's handler module, by step name (workflows/asl.ts STEP_FUNCTIONS). The local
 * Step Functions service binds placeholders through this map; CDK bundles `stepHandlerEntry(step)`.
 * A missing step, a module that does not exist, or a module whose handler serves another step fails
 * the typecheck; test/unit/wiring checks the entry path names the same module.
 */
import type { StepName } from '../../workflows/asl.ts';
import type { StepLambda } from '#shared/workflow/step-handler.ts';

export const stepModules = {
  'open-human-task': () => import('./open-human-task.handler.ts'),
  'change-stage': () => import('./change-stage.handler.ts'),
  'next-disposition-step': () => import('./next-disposition-step.handler.ts'),
  'petition-next-step': () => import('./petition-next-step.handler.ts'),
  'petition-comment-period-ended': () => import('./petition-comment-period-ended.handler.ts'),
  'grievance-next-step': () => import('./grievance-next-step.handler.ts'),
  'whistleblower-next-step': () => import('./whistleblower-next-step.handler.ts'),
  'kind-next-step': () => import('./kind-next-step.handler.ts'),
} satisfies { [S in StepName]: () => Promise<{ handler: Pick<StepLambda<S>, 'step'> }> };
