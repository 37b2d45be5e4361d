/** Workflow step: a system stage change (e.g. closing the case), recorded in history; idempotent. */
import { z } from 'zod';
import { caseStageSchema } from '../../shared/domain/case.ts';
import { stepHandler } from '../../shared/workflow/step-handler.ts';
import { handlerDeps } from '../deps.ts';

export const changeStageInput = z.object({
  caseId: z.string().min(1),
  stage: caseStageSchema,
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
});

export const handler = stepHandler(changeStageInput, async (input) => handlerDeps().tasks.changeStage(input));
