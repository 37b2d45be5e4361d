/** Workflow step: reads the approved disposition from the case and says which of its steps comes next. */
import { z } from 'zod';
import { stepHandler } from '../../shared/workflow/step-handler.ts';
import { handlerDeps } from '../deps.ts';

export const nextDispositionStepInput = z.object({
  caseId: z.string().min(1),
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
});

export const handler = stepHandler(nextDispositionStepInput, async (input) =>
  handlerDeps().misconduct.nextDispositionStep(input.caseId),
);
